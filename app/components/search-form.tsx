import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { describedBy, FieldNotes } from './forms'

/**
 * A one-field GET form (search, "near me"): the answer is a page with the
 * query in its address, so it works without JavaScript and can be shared.
 */
export function SearchForm({
	id,
	name,
	label,
	hint,
	submitLabel,
	defaultValue,
	error,
	search = true,
	autoComplete,
	className = '',
	children,
}: {
	id: string
	name: string
	label: string
	hint: string
	submitLabel: string
	defaultValue: string
	/** Shown under the hint and tied to the field, e.g. a place that was not found. */
	error?: string
	/** A search landmark with a search field; false for a plain field (a ZIP code, say). */
	search?: boolean
	autoComplete?: string
	className?: string
	/** Below the field, e.g. a link that clears the search. */
	children?: ReactNode
}) {
	return (
		<Form method="get" role={search ? 'search' : undefined} className={`${className} space-y-1`}>
			<label htmlFor={id} className="block font-semibold">
				{label}
			</label>
			<FieldNotes id={id} hint={hint} error={error} />
			<div className="flex gap-2">
				<input
					// A new search from a link (one of several places offered) brings a new value: the field shows it.
					key={defaultValue}
					id={id}
					name={name}
					type={search ? 'search' : undefined}
					defaultValue={defaultValue}
					autoComplete={autoComplete}
					aria-describedby={describedBy(id, hint, error)}
					aria-invalid={error ? true : undefined}
					maxLength={100}
					className="min-h-11 w-full rounded-md border border-ink-muted bg-paper-raised px-3"
				/>
				<button type="submit" className="min-h-11 rounded-md bg-action px-4 font-semibold text-white hover:bg-action-hover">
					{submitLabel}
				</button>
			</div>
			{children}
		</Form>
	)
}
