import type { EventDetail } from './events.server'

/** An instant as the wall-clock time `<input type="datetime-local">` shows in `timeZone`: 2026-12-01T18:30. */
export function wallClock(instant: Date, timeZone: string) {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	}).formatToParts(instant)
	const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
	return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`
}

/** What the edit form starts from: the event as it is. */
export function eventFormValues(event: EventDetail): Record<string, string> {
	return {
		kind: event.kind,
		title: event.title,
		description: event.description,
		startsAt: wallClock(event.startsAt, event.timeZone),
		endsAt: wallClock(event.endsAt, event.timeZone),
		timeZone: event.timeZone,
		locationName: event.locationName ?? '',
		address: event.address ?? '',
		onlineUrl: event.onlineUrl ?? '',
		capacity: event.capacity === null ? '' : String(event.capacity),
		keepStartsAt: wallClock(event.startsAt, event.timeZone),
	}
}
