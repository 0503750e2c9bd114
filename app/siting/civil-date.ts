// Civil dates ("2026-12-09", a day on a wall calendar, no zone) and the instants they stand for
// in a body's IANA time zone. Pure: Intl only, no database, no clock. docs/decisions/046

const DAY_MS = 86_400_000
const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const CIVIL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

/** A YYYY-MM-DD string that names a real day ("2026-02-30" does not). */
export function isCivilDate(value: unknown): value is string {
	if (typeof value !== 'string') return false
	const match = CIVIL_DATE.exec(value)
	if (!match) return false
	const [, year, month, day] = match.map(Number)
	const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1))
	return date.getUTCFullYear() === year && date.getUTCMonth() === (month ?? 1) - 1 && date.getUTCDate() === day
}

/** An HH:MM 24-hour wall-clock time. */
export function isCivilTime(value: unknown): value is string {
	return typeof value === 'string' && CIVIL_TIME.test(value)
}

function utcMidnight(date: string) {
	if (!isCivilDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`)
	return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
}

function fromUtcMidnight(ms: number) {
	return new Date(ms).toISOString().slice(0, 10)
}

export function civilDate(year: number, month: number, day: number) {
	return fromUtcMidnight(Date.UTC(year, month - 1, day))
}

export function addDays(date: string, days: number) {
	return fromUtcMidnight(utcMidnight(date) + days * DAY_MS)
}

/** Whole days from `from` to `to`: 2 December → 9 December is 7. */
export function daysBetween(from: string, to: string) {
	return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS)
}

/** 0 Sunday … 6 Saturday. */
export function weekday(date: string) {
	return new Date(utcMidnight(date)).getUTCDay()
}

export function yearOf(date: string) {
	return Number(date.slice(0, 4))
}

/** The nth (1-based) given weekday of a month, or the last one when n is -1. */
export function nthWeekday(year: number, month: number, day: number, n: number) {
	if (n === -1) {
		const last = civilDate(year, month + 1, 0)
		return addDays(last, -((weekday(last) - day + 7) % 7))
	}
	const first = civilDate(year, month, 1)
	return addDays(first, ((day - weekday(first) + 7) % 7) + (n - 1) * 7)
}

/** Throws for a zone Intl does not know, so a typo in a body's zone fails loudly, once. */
export function assertTimeZone(timeZone: string) {
	new Intl.DateTimeFormat('en-US', { timeZone })
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>()

/** Minutes the zone's wall clock is ahead of UTC at that instant (New York in winter: −300). */
export function zoneOffsetMinutes(at: number, timeZone: string) {
	let format = offsetFormats.get(timeZone)
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		})
		offsetFormats.set(timeZone, format)
	}
	const parts = format.formatToParts(new Date(at))
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value)
	const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
	return Math.round((wall - Math.floor(at / 1000) * 1000) / 60_000)
}

/**
 * The instant a wall-clock time on a civil date happens in a zone. Across a daylight-saving
 * change it does what Temporal's "compatible" option does: a time that happens twice (the
 * autumn hour) is the first of the two; a time that never happens (the spring gap) is moved
 * forward by the gap, so 02:30 on the spring-forward day is 03:30.
 */
export function zonedInstant(date: string, time: string, timeZone: string, seconds = 0): Date {
	if (!isCivilTime(time)) throw new RangeError(`Not a time (HH:MM): ${time}`)
	const wall = utcMidnight(date) + (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))) * 60_000 + seconds * 1000
	const before = zoneOffsetMinutes(wall - DAY_MS, timeZone)
	const after = zoneOffsetMinutes(wall + DAY_MS, timeZone)
	const fits = [...new Set([before, after])].filter((offset) => zoneOffsetMinutes(wall - offset * 60_000, timeZone) === offset)
	// Two fits: the repeated hour, take the earlier instant (the larger offset). None: the gap.
	const offset = fits.length > 0 ? Math.max(...fits) : before
	return new Date(wall - offset * 60_000)
}

/** The last second of a civil date in a zone: "comments close 10 December" means all of it. */
export function endOfDay(date: string, timeZone: string) {
	return zonedInstant(date, '23:59', timeZone, 59)
}

/** The civil date an instant falls on in a zone. */
export function civilDateAt(at: Date | string, timeZone: string) {
	return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at))
}
