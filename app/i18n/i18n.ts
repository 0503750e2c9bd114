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
