import type { Caller } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import type { FieldErrors, FormFailure } from '#app/utils/forms.server'
import { startHasPassed, type EventDetail } from './events.server'
import { eventTimeZones } from './schemas'

/**
 * A form with errors also says when its start has passed, so the person
 * fixes everything at once rather than meeting that one last (issue 15).
 * `unlessAt`: an edit that keeps a start already passed is not flagged.
 */
export async function withPastStart(caller: Caller, failure: FormFailure, unlessAt?: Date): Promise<FieldErrors> {
	const { errors, values } = failure
	const startsAt = values.startsAt?.trim() ?? ''
	const timeZone = eventTimeZones.find((zone) => zone === values.timeZone)
	if (errors.startsAt || !timeZone || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(startsAt)) return errors
	const past = await startHasPassed(caller, startsAt, timeZone, unlessAt)
	return past ? { ...errors, startsAt: t('eventForm.startsAt.past') } : errors
}

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
	}
}
