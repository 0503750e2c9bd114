import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { PlaceChoices, withParam } from '#app/components/place-choices'
import { SearchForm } from '#app/components/search-form'
import { findEvents } from '#app/home/home.server'
import { formatEventTime, t } from '#app/i18n/i18n'

export const meta: MetaFunction = () => [{ title: t('eventList.title') }, { name: 'description', content: t('eventList.lead') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const query = (new URL(request.url).searchParams.get('place') ?? '').trim().slice(0, 100)
	const { caller, headers } = await optionalUser(request)
	const found = await findEvents(caller, query)
	return data({ query, ...found }, { headers })
}

export default function Events() {
	const { query, area, error, choices, events } = useLoaderData<typeof loader>()
	const notFound = Boolean(error)
	const location = useLocation()
	return (
		<div>
			<PageHeading lead={t('eventList.lead')}>{t('eventList.heading')}</PageHeading>
			<SearchForm
				id="event-place"
				name="place"
				label={t('placeSearch.label')}
				hint={t('placeSearch.hint')}
				submitLabel={t('placeSearch.submit')}
				defaultValue={query}
				error={error ?? undefined}
				autoComplete="postal-code"
				className="mb-8 max-w-xl"
			>
				<PlaceChoices id="event-place" choices={choices} hrefFor={(choice) => withParam(location.search, 'place', choice)} />
				{query ? (
					<p className="pt-1">
						<Link to="/events">{t('eventList.clear')}</Link>
					</p>
				) : null}
			</SearchForm>
			{notFound ? null : (
				<p aria-live="polite" className="mb-4 font-medium">
					{area ? t('eventList.resultsIn', { count: events.length, place: area }) : t('eventList.results', { count: events.length })}
				</p>
			)}
			{events.length === 0 && !notFound ? <p>{area ? t('eventList.emptyIn', { place: area }) : t('eventList.empty')}</p> : null}
			<ul className="grid gap-4 sm:grid-cols-2">
				{events.map((event) => (
					<li key={event.id} className="min-w-0 rounded-lg border border-line bg-paper-raised p-4 break-words">
						<h2 className="text-lg leading-snug font-semibold">
							<Link to={`/chapters/${event.chapterSlug}/events/${event.id}`}>{event.title}</Link>
						</h2>
						<p>
							<time dateTime={event.startsAt.toISOString()}>{formatEventTime(event.startsAt, event.endsAt, event.timeZone)}</time>
						</p>
						{event.placeLabel ? <p className="text-ink-muted">{event.placeLabel}</p> : null}
						<p className="text-sm">
							<Link to={`/chapters/${event.chapterSlug}`}>{t('eventList.by', { chapter: event.chapterName })}</Link>
						</p>
					</li>
				))}
			</ul>
		</div>
	)
}
