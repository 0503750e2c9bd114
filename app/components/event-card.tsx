import { Link } from '@remix-run/react'
import type { EventSummary } from '#app/events/events.server'
import { formatEventTime, formatRelative, t } from '#app/i18n/i18n'

/** "12 of 40 places left", "Full: 3 on the waitlist", "18 going". */
export function seatsLabel(event: Pick<EventSummary, 'capacity' | 'goingCount' | 'waitlistCount'>) {
	if (event.capacity === null) return t('events.seats.open', { count: event.goingCount })
	const left = event.capacity - event.goingCount
	if (left > 0) return t('events.seats.left', { count: left, capacity: event.capacity })
	return t('events.seats.full', { count: event.waitlistCount })
}

export function whereLabel(event: Pick<EventSummary, 'locationName' | 'address' | 'onlineUrl'>) {
	const place = [event.locationName, event.address].filter(Boolean).join(', ')
	if (place && event.onlineUrl) return t('events.where.both', { place })
	return place || t('events.where.online')
}

export function EventCard({
	event,
	href,
	now,
	headingLevel = 3,
}: {
	event: EventSummary
	href: string
	now: Date | string
	headingLevel?: 2 | 3
}) {
	const Heading = headingLevel === 2 ? 'h2' : 'h3'
	const cancelled = event.status === 'cancelled'
	return (
		<article className="flex h-full flex-col gap-1 rounded-lg border border-line bg-paper-raised p-4 [overflow-wrap:anywhere]">
			<p className="text-sm font-semibold text-ink-muted">
				{t(`events.kind.${event.kind}`)}
				{cancelled ? ` · ${t('events.cancelled')}` : ''}
			</p>
			<Heading className="text-lg leading-snug font-semibold">
				<Link to={href}>{event.title}</Link>
			</Heading>
			<p>
				<time dateTime={new Date(event.startsAt).toISOString()}>{formatEventTime(event.startsAt, event.endsAt, event.timeZone)}</time>
				{cancelled ? null : <span className="text-ink-muted"> ({formatRelative(event.startsAt, now)})</span>}
			</p>
			<p className="text-ink-muted">{whereLabel(event)}</p>
			{cancelled ? null : <p className="text-sm font-medium">{seatsLabel(event)}</p>}
		</article>
	)
}
