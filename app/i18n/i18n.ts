import { en, type MessageKey } from './en'

export type Locale = 'en'
const catalogs: Record<Locale, Record<MessageKey, string>> = { en }

type Params = Record<string, string | number>

/**
 * Looks a message up and fills it in. Supports `{name}` and a small ICU
 * subset for counts: `{count, plural, one {# thing} other {# things}}`,
 * with plural rules from Intl.PluralRules for the locale.
 */
export function t(key: MessageKey, params: Params = {}, locale: Locale = 'en'): string {
	const template = catalogs[locale][key]
	return fill(template, params, locale)
}

function fill(template: string, params: Params, locale: Locale): string {
	const pluralRules = new Intl.PluralRules(locale)
	const numbers = new Intl.NumberFormat(locale)
	return template.replace(
		/\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}|\{(\w+)\}/g,
		(_match, pluralName: string | undefined, forms: string | undefined, name: string | undefined) => {
			if (pluralName && forms) {
				const value = Number(params[pluralName] ?? 0)
				const options = new Map<string, string>()
				for (const form of forms.matchAll(/(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g)) {
					options.set(form[1] ?? '', form[2] ?? '')
				}
				const chosen = options.get(`=${value}`) ?? options.get(pluralRules.select(value)) ?? options.get('other') ?? ''
				return chosen.replaceAll('#', numbers.format(value))
			}
			const value = params[name ?? '']
			return value === undefined ? '' : typeof value === 'number' ? numbers.format(value) : value
		},
	)
}

export function formatDate(date: Date | string, locale: Locale = 'en', timeZone = 'America/New_York') {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(new Date(date))
}

/** "Tuesday, December 1, 2026 at 6:30 PM EST": an event's start, in the zone it happens in. */
export function formatDateTime(date: Date | string, timeZone: string, locale: Locale = 'en') {
	return (
		new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(date)) +
		` ${zoneName(date, timeZone, locale)}`
	)
}

/** "6:30 PM" in the zone. */
export function formatTime(date: Date | string, timeZone: string, locale: Locale = 'en') {
	return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(date))
}

/** "EST", "MST", "GMT+1": the short name of the zone at that moment. */
export function zoneName(date: Date | string, timeZone: string, locale: Locale = 'en') {
	const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(new Date(date))
	return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone
}

/**
 * When an event runs, in its own zone: "Tuesday, December 1, 2026, 6:30 PM – 8:00 PM EST",
 * or both full dates when it runs past midnight.
 */
export function formatEventTime(start: Date | string, end: Date | string, timeZone: string, locale: Locale = 'en') {
	const day = (date: Date | string) => new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone }).format(new Date(date))
	const zone = zoneName(start, timeZone, locale)
	if (day(start) === day(end)) return `${day(start)}, ${formatTime(start, timeZone, locale)} – ${formatTime(end, timeZone, locale)} ${zone}`
	return `${day(start)}, ${formatTime(start, timeZone, locale)} – ${day(end)}, ${formatTime(end, timeZone, locale)} ${zone}`
}

/** "in 3 days", "tomorrow", "in 2 hours", "yesterday": relative to `now`, which the loader passes so server and browser agree. */
export function formatRelative(date: Date | string, now: Date | string, locale: Locale = 'en') {
	const seconds = (new Date(date).getTime() - new Date(now).getTime()) / 1000
	const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
	const abs = Math.abs(seconds)
	if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute')
	if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour')
	if (abs < 86400 * 30) return format.format(Math.round(seconds / 86400), 'day')
	if (abs < 86400 * 365) return format.format(Math.round(seconds / (86400 * 30)), 'month')
	return format.format(Math.round(seconds / (86400 * 365)), 'year')
}

/** "12 mi" for a distance in kilometres (US readers think in miles). */
export function formatMiles(km: number, locale: Locale = 'en') {
	const miles = km / 1.609344
	return new Intl.NumberFormat(locale, {
		style: 'unit',
		unit: 'mile',
		unitDisplay: 'short',
		maximumFractionDigits: miles < 10 ? 1 : 0,
	}).format(miles)
}
