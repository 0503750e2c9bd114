import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { optionalChapterVisitor } from '#app/auth/guards.server'
import { isOrganizer } from '#app/chapters/members.server'
import { EventCard } from '#app/components/event-card'
import { ButtonLink, PageHeading } from '#app/components/layout'
import { listChapterEvents } from '#app/events/events.server'
import { t } from '#app/i18n/i18n'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: t('eventsPage.title', { chapter: data?.chapter.name ?? '' }) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, chapter, membership, headers } = await optionalChapterVisitor(request, params)
	const hidden = chapter.visibility === 'private' && membership?.status !== 'active'
	const events = hidden ? { upcoming: [], past: [] } : await listChapterEvents(caller, chapter.id)
	return data({ chapter, ...events, hidden, organizer: isOrganizer(membership), now: new Date() }, { headers })
}

export default function ChapterEvents() {
	const { chapter, upcoming, past, hidden, organizer, now } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-8">
			<p>
				<Link to={`/chapters/${chapter.slug}`}>← {chapter.name}</Link>
			</p>
			<PageHeading lead={t('eventsPage.lead')}>{t('eventsPage.heading', { chapter: chapter.name })}</PageHeading>
			{organizer ? <ButtonLink to={`/chapters/${chapter.slug}/events/new`}>{t('chapter.events.create')}</ButtonLink> : null}
			{hidden ? <p>{t('chapter.privateContent')}</p> : null}
			<section aria-labelledby="upcoming-heading" className="space-y-4">
				<h2 id="upcoming-heading" className="text-2xl font-bold">
					{t('eventsPage.upcoming')}
				</h2>
				{upcoming.length === 0 ? (
					<p>{organizer ? t('chapter.events.emptyOrganizer') : t('chapter.events.empty')}</p>
				) : (
					<ul className="grid gap-4 sm:grid-cols-2">
						{upcoming.map((event) => (
							<li key={event.id}>
								<EventCard event={event} href={`/chapters/${chapter.slug}/events/${event.id}`} now={now} />
							</li>
						))}
					</ul>
				)}
				{hidden ? null : (
					<p className="text-sm">
						<a href={`/chapters/${chapter.slug}/calendar.ics`}>{t('chapter.calendarFeed')}</a> — {t('chapter.calendarFeed.hint')}
					</p>
				)}
			</section>
			{past.length > 0 ? (
				<section aria-labelledby="past-heading" className="space-y-4">
					<h2 id="past-heading" className="text-2xl font-bold">
						{t('eventsPage.past')}
					</h2>
					<ul className="grid gap-4 sm:grid-cols-2">
						{past.map((event) => (
							<li key={event.id}>
								<EventCard event={event} href={`/chapters/${chapter.slug}/events/${event.id}`} now={now} />
							</li>
						))}
					</ul>
				</section>
			) : null}
		</div>
	)
}
