import { Link } from '@remix-run/react'
import { t } from '#app/i18n/i18n'

export type PlaceOption = { label: string; query: string }

/**
 * The places a search for a shared name could mean ("Springfield",
 * "Washington County"), each a link that searches for that one: a plain
 * list under the field, so it works without JavaScript.
 */
export function PlaceChoices({ id, choices, hrefFor }: { id: string; choices: PlaceOption[]; hrefFor: (query: string) => string }) {
	if (!choices.length) return null
	return (
		<div className="mt-2 space-y-1">
			<p id={`${id}-choices`} className="font-semibold">
				{t('placeSearch.choicesHeading')}
			</p>
			<ul aria-labelledby={`${id}-choices`} className="grid gap-x-4 sm:grid-cols-2">
				{choices.map((choice) => (
					<li key={choice.query}>
						<Link to={hrefFor(choice.query)} className="inline-flex min-h-11 items-center">
							{choice.label}
						</Link>
					</li>
				))}
			</ul>
		</div>
	)
}

/** The same address with one search parameter set to `value` (and paging reset). */
export function withParam(search: string, name: string, value: string) {
	const params = new URLSearchParams(search)
	params.set(name, value)
	params.delete('page')
	return `?${params}`
}
