import { en, type MessageKey } from './en'

export type Locale = 'en'
const catalogs: Record<Locale, Record<MessageKey, string>> = { en }

type Params = Record<string, string | number>

// Intl objects are costly to build (tens of microseconds each) and a page
// formats hundreds of numbers and dates, so each is built once per locale and
// options and kept: they are immutable, so sharing them changes nothing.
const intlCache = new Map<string, unknown>()
const INTL_CACHE_LIMIT = 1000

function cachedIntl<T>(kind: string, locales: string | string[], options: object | undefined, make: () => T): T {
	const key = `${kind}|${String(locales)}|${options ? JSON.stringify(options) : ''}`
	const hit = intlCache.get(key) as T | undefined
	if (hit) return hit
	const made = make()
	// Options come from code, and time zones from a short list; the bound only guards against a surprise.
	if (intlCache.size >= INTL_CACHE_LIMIT) intlCache.clear()
	intlCache.set(key, made)
	return made
}

/** A shared `Intl.NumberFormat` for the locale and options. */
export function numberFormat(locale: string, options?: Intl.NumberFormatOptions) {
	return cachedIntl('number', locale, options, () => new Intl.NumberFormat(locale, options))
}

/** A shared `Intl.DateTimeFormat` for the locale and options. */
export function dateTimeFormat(locale: string, options?: Intl.DateTimeFormatOptions) {
	return cachedIntl('date', locale, options, () => new Intl.DateTimeFormat(locale, options))
}

/** A shared `Intl.PluralRules` for the locale. */
export function pluralRules(locale: string, options?: Intl.PluralRulesOptions) {
	return cachedIntl('plural', locale, options, () => new Intl.PluralRules(locale, options))
}

/** A shared `Intl.RelativeTimeFormat` for the locale and options. */
export function relativeTimeFormat(locale: string, options?: Intl.RelativeTimeFormatOptions) {
	return cachedIntl('relative', locale, options, () => new Intl.RelativeTimeFormat(locale, options))
}

/** A shared `Intl.DisplayNames` for the locales and options. */
export function displayNames(locales: string | string[], options: Intl.DisplayNamesOptions) {
	return cachedIntl('names', locales, options, () => new Intl.DisplayNames(locales, options))
}

/** A shared `Intl.ListFormat` for the locale and options. */
export function listFormat(locale: string, options?: Intl.ListFormatOptions) {
	return cachedIntl('list', locale, options, () => new Intl.ListFormat(locale, options))
}

const formsCache = new Map<string, Map<string, string>>()

/** The forms of a plural, `one {# thing} other {# things}`, parsed once per message. */
function pluralForms(forms: string) {
	let options = formsCache.get(forms)
	if (!options) {
		options = new Map<string, string>()
		for (const form of forms.matchAll(/(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g)) {
			options.set(form[1] ?? '', form[2] ?? '')
		}
		formsCache.set(forms, options)
	}
	return options
}

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
	if (!template.includes('{')) return template
	const plurals = pluralRules(locale)
	const numbers = numberFormat(locale)
	return template.replace(
		/\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}|\{(\w+)\}/g,
		(_match, pluralName: string | undefined, forms: string | undefined, name: string | undefined) => {
			if (pluralName && forms) {
				const value = Number(params[pluralName] ?? 0)
				const options = pluralForms(forms)
				const chosen = options.get(`=${value}`) ?? options.get(plurals.select(value)) ?? options.get('other') ?? ''
				return chosen.replaceAll('#', numbers.format(value))
			}
			const value = params[name ?? '']
			return value === undefined ? '' : typeof value === 'number' ? numbers.format(value) : value
		},
	)
}

export function formatDate(date: Date | string, locale: Locale = 'en', timeZone = 'America/New_York') {
	return dateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(new Date(date))
}

/** "Tuesday, December 1, 2026 at 6:30 PM EST": an event's start, in the zone it happens in. */
export function formatDateTime(date: Date | string, timeZone: string, locale: Locale = 'en') {
	return (
		dateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(date)) +
		` ${zoneName(date, timeZone, locale)}`
	)
}

/** "6:30 PM" in the zone. */
export function formatTime(date: Date | string, timeZone: string, locale: Locale = 'en') {
	return dateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(date))
}

/** "EST", "MST", "GMT+1": the short name of the zone at that moment. */
export function zoneName(date: Date | string, timeZone: string, locale: Locale = 'en') {
	const parts = dateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(new Date(date))
	return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone
}

/**
 * When an event runs, in its own zone: "Tuesday, December 1, 2026, 6:30 PM – 8:00 PM EST",
 * or both full dates when it runs past midnight.
 */
export function formatEventTime(start: Date | string, end: Date | string, timeZone: string, locale: Locale = 'en') {
	const day = (date: Date | string) => dateTimeFormat(locale, { dateStyle: 'full', timeZone }).format(new Date(date))
	const zone = zoneName(start, timeZone, locale)
	if (day(start) === day(end)) return `${day(start)}, ${formatTime(start, timeZone, locale)} – ${formatTime(end, timeZone, locale)} ${zone}`
	return `${day(start)}, ${formatTime(start, timeZone, locale)} – ${day(end)}, ${formatTime(end, timeZone, locale)} ${zone}`
}

/** "in 3 days", "tomorrow", "in 2 hours", "yesterday": relative to `now`, which the loader passes so server and browser agree. */
export function formatRelative(date: Date | string, now: Date | string, locale: Locale = 'en') {
	const seconds = (new Date(date).getTime() - new Date(now).getTime()) / 1000
	const format = relativeTimeFormat(locale, { numeric: 'auto' })
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
	return numberFormat(locale, {
		style: 'unit',
		unit: 'mile',
		unitDisplay: 'short',
		maximumFractionDigits: miles < 10 ? 1 : 0,
	}).format(miles)
}
