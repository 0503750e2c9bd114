import { Link, useLocation } from '@remix-run/react'
import { PlaceChoices, withParam, type PlaceOption } from '#app/components/place-choices'
import { SearchForm } from '#app/components/search-form'
import { formatDate, formatDateTime, formatEventTime, t } from '#app/i18n/i18n'
import { PetitionCard } from '#app/petitions/components'
import type { OpenNear } from './home.server'

export type NearYouData = OpenNear

/**
 * "Open near you": a place field (a GET form, so it works without
 * JavaScript and the answer has an address) and what is open there.
 */
export function NearYou({
	query,
	near,
	error,
	choices,
	fromProfile,
	signedIn,
	now,
}: {
	query: string
	near: NearYouData | null
	/** Why what was typed found no one place. */
	error: string | null
	/** The places a shared name could mean. */
	choices: PlaceOption[]
	fromProfile: boolean
	signedIn: boolean
	now: Date | string
}) {
	const place = near?.area.label ?? ''
	const placeQuery = encodeURIComponent(query)
	const location = useLocation()
	return (
		<section aria-labelledby="near-heading" className="space-y-5">
			<div className="space-y-1">
				<h2 id="near-heading" className="text-2xl font-bold">
					{near ? t('placeSearch.near.in', { place }) : t('placeSearch.near.heading')}
				</h2>
				<p className="max-w-prose text-ink-muted">{fromProfile ? t('placeSearch.near.fromProfile') : t('placeSearch.near.lead')}</p>
			</div>
			<SearchForm
				id="near-place"
				name="place"
				label={t('placeSearch.label')}
				hint={t('placeSearch.hint')}
				submitLabel={t('placeSearch.submit')}
				defaultValue={query}
				error={error ?? undefined}
				search={false}
				autoComplete="postal-code"
				className="max-w-xl"
			>
				<PlaceChoices
					id="near-place"
					choices={choices}
					hrefFor={(choice) => `${withParam(location.search, 'place', choice)}#near-heading`}
				/>
			</SearchForm>
			{signedIn && !fromProfile && !query ? (
				<p className="text-sm">
					<Link to="/account">{t('placeSearch.near.noProfile')}</Link>
				</p>
			) : null}
			{near ? (
				near.petitions.length + near.events.length + near.hearings.length === 0 ? (
					<p role="status">{t('placeSearch.near.nothing', { place })}</p>
				) : (
					<div className="grid gap-6 lg:grid-cols-3">
						<div className="min-w-0 space-y-3">
							<h3 className="text-lg font-semibold">{t('placeSearch.near.petitions')}</h3>
							{near.petitions.length === 0 ? (
								<p>{t('placeSearch.near.noPetitions')}</p>
							) : (
								<ul className="space-y-3">
									{near.petitions.map((petition) => (
										<li key={petition.slug}>
											<PetitionCard petition={petition} now={new Date(now).toISOString()} />
										</li>
									))}
								</ul>
							)}
							<p>
								<Link to={`/petitions?q=${placeQuery}`}>{t('placeSearch.near.allPetitions', { place })}</Link>
							</p>
						</div>
						<div className="min-w-0 space-y-3">
							<h3 className="text-lg font-semibold">{t('placeSearch.near.events')}</h3>
							{near.events.length === 0 ? (
								<p>{t('placeSearch.near.noEvents')}</p>
							) : (
								<ul className="space-y-3">
									{near.events.map((event) => (
										<li key={event.id} className="rounded-lg border border-line bg-paper-raised p-4 break-words">
											<Link to={`/chapters/${event.chapterSlug}/events/${event.id}`} className="font-semibold">
												{event.title}
											</Link>
											<p>
												<time dateTime={event.startsAt.toISOString()}>{formatEventTime(event.startsAt, event.endsAt, event.timeZone)}</time>
											</p>
											<p className="text-sm text-ink-muted">{t('eventList.by', { chapter: event.chapterName })}</p>
										</li>
									))}
								</ul>
							)}
							<p>
								<Link to={`/events?place=${placeQuery}`}>{t('placeSearch.near.allEvents', { place })}</Link>
							</p>
						</div>
						<div className="min-w-0 space-y-3">
							<h3 className="text-lg font-semibold">{t('placeSearch.near.hearings')}</h3>
							{near.hearings.length === 0 ? (
								<p>{t('placeSearch.near.noHearings')}</p>
							) : (
								<ul className="space-y-3">
									{near.hearings.map((hearing) => (
										<li key={hearing.id} className="rounded-lg border border-line bg-paper-raised p-4 break-words">
											<Link to={`/projects/${hearing.projectSlug}#proceeding-${hearing.proceedingSlug}`} className="font-semibold">
												{hearing.title}: {hearing.projectName}
											</Link>
											<p>
												<time dateTime={hearing.dueAt.toISOString()}>
													{hearing.allDay
														? formatDate(hearing.dueAt, 'en', hearing.timeZone)
														: formatDateTime(hearing.dueAt, hearing.timeZone)}
												</time>
											</p>
											<p className="text-sm text-ink-muted">{hearing.proceedingTitle}</p>
										</li>
									))}
								</ul>
							)}
						</div>
					</div>
				)
			) : null}
		</section>
	)
}
