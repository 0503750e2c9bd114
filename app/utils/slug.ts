// Chapters and petitions share one rule for addresses: what the URL may hold
// and how a name becomes one. Each feature adds only its own fallback.

/** Lower-case letters and digits in runs joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** The longest address a route accepts (made ones are at most 60 characters). */
export const SLUG_MAX_LENGTH = 80

/** Whether a route parameter could be an address at all; anything else is a 404 without a query. */
export function isSlug(value: string) {
	return value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value)
}

/** "Friends of the Watershed!" → "friends-of-the-watershed"; "" when nothing is left to keep. */
export function slugFrom(text: string) {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/g, '')
}
