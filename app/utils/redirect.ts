const base = 'http://groundwork.invalid'

/**
 * Where to send someone after signing in: only a path on this site.
 * Anything else — another host, a protocol-relative `//evil.example`, a
 * backslash trick, a javascript: URL — falls back to `fallback`.
 *
 * The target is checked twice: as given, and again after the URL parser has
 * collapsed its dot segments and dropped tabs and newlines, because that
 * normalized form is what goes into the Location header. `/.//evil.example`
 * passes the first check and normalizes to `//evil.example`.
 */
export function safeRedirect(target: unknown, fallback = '/'): string {
	if (typeof target !== 'string' || !isPlainSitePath(target)) return fallback
	let url: URL
	try {
		url = new URL(target, base)
	} catch {
		return fallback
	}
	if (url.origin !== base) return fallback
	const normalized = `${url.pathname}${url.search}${url.hash}`
	return isPlainSitePath(normalized) ? normalized : fallback
}

/**
 * A path that every browser reads as a path on the current host: one leading
 * slash, no backslash (browsers read it as a slash), no control characters
 * (URL parsers drop some of them), and no encoded dot, slash or backslash in
 * the path (a later decoding step could turn them into `//`).
 */
function isPlainSitePath(target: string) {
	if (!target.startsWith('/') || target.startsWith('//')) return false
	// eslint-disable-next-line no-control-regex -- control characters are what this looks for
	if (/[\\\u0000-\u001f\u007f]/.test(target)) return false
	const path = target.split(/[?#]/, 1)[0] ?? ''
	return !/%(2e|2f|5c)/i.test(path)
}

/** The path part of a full URL on our own site (e.g. a redirect_to from Auth), or null. */
export function pathOnSite(url: string | undefined, siteUrl: string): string | null {
	if (!url) return null
	try {
		const parsed = new URL(url)
		if (parsed.origin !== new URL(siteUrl).origin) return null
		return safeRedirect(`${parsed.pathname}${parsed.search}`, '/')
	} catch {
		return null
	}
}
