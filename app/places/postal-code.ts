import { z } from 'zod'

// Shared by forms (component and action) and by the server lookup, so what a
// form accepts is exactly what the lookup understands.

// Five digits, optionally followed by the ZIP+4 add-on, with or without its hyphen.
const US_ZIP = /^(\d{5})(?:-?\d{4})?$/

/** ' 20175 ', '20175-1234' and '201751234' → '20175'; anything else → null. */
export function normalizeUsZipCode(value: string): string | null {
	return US_ZIP.exec(value.trim())?.[1] ?? null
}

/**
 * A US ZIP or ZIP+4, parsed to the five-digit ZIP that postal_codes is keyed
 * on. The message is the caller's, since "required" and "optional" forms say
 * different things; wrap it for an optional field:
 * `z.literal('').or(usZipCode(t('validation.postalCode')))`.
 */
export function usZipCode(message: string) {
	return z
		.string()
		.trim()
		.regex(US_ZIP, message)
		.transform((value) => value.slice(0, 5))
}
