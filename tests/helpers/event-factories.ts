import { wallClock } from '#app/events/event-form.server'
import type { EventInput } from '#app/events/schemas'
import { unique } from './factories'

/** Wall-clock time `days` (and `hours`) from now in New York, as the event form sends it. */
export function newYorkTime(days: number, hours = 0) {
	return wallClock(new Date(Date.now() + days * 86400_000 + hours * 3600_000), 'America/New_York')
}

/** The event form's fields for a hearing three days from now, in New York. */
export function eventInput(overrides: Partial<EventInput> = {}): EventInput {
	return {
		kind: 'hearing',
		title: `Hearing ${unique('e')}`,
		description: 'Bring a friend.',
		startsAt: newYorkTime(3),
		endsAt: newYorkTime(3, 2),
		timeZone: 'America/New_York',
		locationName: 'County Government Center',
		address: '1 Harrison St SE, Leesburg, VA',
		onlineUrl: '',
		capacity: '',
		...overrides,
	}
}
