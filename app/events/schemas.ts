import { z } from 'zod'
import { t } from '#app/i18n/i18n'
import { emailField } from '#app/utils/schemas'

export const eventKinds = ['hearing', 'meeting', 'canvass', 'training'] as const
export type EventKind = (typeof eventKinds)[number]

/**
 * The time zones an organizer picks from, most US chapters' first. The
 * event's times are stored as instants and shown in its own zone.
 */
export const eventTimeZones = [
	'America/New_York',
	'America/Chicago',
	'America/Denver',
	'America/Phoenix',
	'America/Los_Angeles',
	'America/Anchorage',
	'Pacific/Honolulu',
	'America/Puerto_Rico',
	'America/Toronto',
	'America/Santiago',
	'America/Montevideo',
	'Europe/London',
	'Europe/Dublin',
	'Europe/Amsterdam',
	'Europe/Madrid',
	'UTC',
] as const

/** A wall-clock time as an `<input type="datetime-local">` sends it: 2026-12-01T18:30. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/

const localDateTime = (message: string) => z.string().trim().regex(LOCAL_DATE_TIME, message)

const optionalText = (max: number, message: string) => z.string().trim().max(max, message)

/**
 * The instant a wall-clock time names in `timeZone` (milliseconds), or null
 * when it cannot be read. The database reads it again when the event is
 * saved; this lets the form say "that time has passed" at once, in the
 * browser and together with every other error.
 */
export function wallClockInstant(local: string, timeZone: string): number | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
	if (!match) return null
	const [year, month, day, hour, minute] = match.slice(1).map(Number)
	if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return null
	const asIfUtc = Date.UTC(year, month - 1, day, hour, minute)
	let format: Intl.DateTimeFormat
	try {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
		})
	} catch {
		return null
	}
	// How far the zone is from UTC at an instant: what its clocks read, minus the instant.
	const offset = (instant: number) => {
		const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, Number(part.value)]))
		return Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0) - instant
	}
	const first = asIfUtc - offset(asIfUtc)
	return asIfUtc - offset(first)
}

export const eventSchema = z
	.object({
		kind: z.enum(eventKinds, { error: t('eventForm.kind.required') }),
		title: z.string().trim().min(3, t('eventForm.title.min')).max(150, t('eventForm.title.max')),
		description: optionalText(10000, t('eventForm.description.max')),
		startsAt: localDateTime(t('eventForm.startsAt.invalid')),
		endsAt: localDateTime(t('eventForm.endsAt.invalid')),
		timeZone: z.enum(eventTimeZones, { error: t('eventForm.timeZone.required') }),
		locationName: optionalText(200, t('eventForm.locationName.max')),
		address: optionalText(300, t('eventForm.address.max')),
		onlineUrl: z
			.string()
			.trim()
			.max(500, t('eventForm.onlineUrl.invalid'))
			.refine((value) => value === '' || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(value), t('eventForm.onlineUrl.invalid')),
		// The edit form's start as it was: kept as it is, it is not "in the past" (see below).
		keepStartsAt: z.string().max(20).optional(),
		capacity: z
			.string()
			.trim()
			.refine(
				(value) => value === '' || (/^\d{1,6}$/.test(value) && Number(value) >= 1 && Number(value) <= 100000),
				t('eventForm.capacity.invalid'),
			),
	})
	.refine((event) => !LOCAL_DATE_TIME.test(event.startsAt) || !LOCAL_DATE_TIME.test(event.endsAt) || event.endsAt > event.startsAt, {
		message: t('eventForm.endsAt.beforeStart'),
		path: ['endsAt'],
	})
	.refine((event) => event.locationName !== '' || event.onlineUrl !== '', {
		message: t('eventForm.where.required'),
		path: ['locationName'],
	})
	.refine(
		(event) => {
			// An edit may keep a start that has passed (a meeting under way, its room fixed); a new or moved one must be ahead.
			if (typeof event.startsAt !== 'string' || typeof event.timeZone !== 'string' || event.startsAt.trim() === event.keepStartsAt)
				return true
			const instant = wallClockInstant(event.startsAt.trim(), event.timeZone)
			return instant === null || instant > Date.now()
		},
		{
			message: t('eventForm.startsAt.past'),
			path: ['startsAt'],
			// Said together with the form's other errors, not only once they are fixed (issue 15).
			when: (payload) => {
				const value: unknown = payload.value
				return typeof value === 'object' && value !== null && !payload.issues.some((issue) => issue.path?.[0] === 'startsAt')
			},
		},
	)

export type EventInput = z.infer<typeof eventSchema>

/** A visitor without an account: a name for the check-in list and an address for the confirmation. */
export const visitorRsvpSchema = z.object({
	name: z.string().trim().min(1, t('rsvpForm.name.required')).max(120, t('rsvpForm.name.max')),
	email: emailField,
})

export const cancelEventSchema = z.object({
	reason: z.string().trim().max(1000, t('eventCancel.reason.max')),
})
