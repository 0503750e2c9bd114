// How a clock reads on a page and in an email: "Tuesday, December 9, 2026 at 5:00 PM EST" and
// "in 3 days". Built on app/i18n so the words come from the catalog and the dates from Intl for
// the reader's locale; the page decides which to show. docs/decisions/046
import { formatDateTime, formatTime, t, zoneName, type Locale } from '#app/i18n/i18n'
import { civilDateAt, daysBetween } from './civil-date'

/** "Wednesday, June 3, 2026": a civil date, with no zone to shift it. */
export function formatCivilDate(date: string, locale: Locale = 'en') {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`))
}

/**
 * A clock's moment in the body's zone: the full date and time with the zone's short name
 * ("Tuesday, December 12, 2023 at 7:00 PM EST"), just the date for a whole-day clock, or with
 * `part: 'time'` only "12:00 PM EST".
 */
export function formatClockTime(
	date: string,
	time: string | null,
	instant: Date,
	timeZone: string,
	locale: Locale = 'en',
	part: 'full' | 'time' = 'full',
) {
	if (part === 'time') return `${formatTime(instant, timeZone, locale)} ${zoneName(instant, timeZone, locale)}`
	return time ? formatDateTime(instant, timeZone, locale) : formatCivilDate(date, locale)
}

type Showable = { date: string; time: string | null; instant: string }

/**
 * A deadline for a reader: in the body's zone, and again in the reader's when that reads
 * differently ("… 5:00 PM EST (2:00 PM PST where you are)"). A whole-day clock says it runs
 * to the end of the day.
 */
export function formatDeadline(clock: Showable, timeZone: string, options: { readerTimeZone?: string; locale?: Locale } = {}) {
	const locale = options.locale ?? 'en'
	const instant = new Date(clock.instant)
	const there = clock.time
		? formatDateTime(instant, timeZone, locale)
		: t('deadlines.format.allDay', { date: formatCivilDate(clock.date, locale), zone: zoneName(instant, timeZone, locale) }, locale)
	const reader = options.readerTimeZone
	if (!reader || reader === timeZone) return there
	if (zoneName(instant, reader, locale) === zoneName(instant, timeZone, locale)) return there
	return t('deadlines.format.readerZone', { there, here: formatDateTime(instant, reader, locale) }, locale)
}

/**
 * "today", "tomorrow", "in 3 days", "2 days ago": counted in whole days on the body's calendar,
 * so a deadline at the end of Thursday is "in 2 days" all through Tuesday. `now` comes from the
 * loader so the server and the browser agree.
 */
export function formatDaysUntil(clock: Showable, now: Date, timeZone: string, locale: Locale = 'en') {
	const instant = new Date(clock.instant)
	const days = daysBetween(civilDateAt(now, timeZone), clock.date)
	const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
	if (days === 0) {
		if (instant.getTime() < now.getTime()) return t('deadlines.format.passedToday', {}, locale)
		if (clock.time) {
			const minutes = Math.round((instant.getTime() - now.getTime()) / 60_000)
			return minutes < 60 ? format.format(minutes, 'minute') : format.format(Math.round(minutes / 60), 'hour')
		}
		return t('deadlines.format.today', {}, locale)
	}
	return format.format(days, 'day')
}
