/**
 * Where to send someone after signing in: only a path on this site.
 * Anything else — another host, a protocol-relative `//evil.example`, a
 * backslash trick, a javascript: URL — falls back to `fallback`.
 */
export function safeRedirect(target: unknown, fallback = '/'): string {
	if (typeof target !== 'string' || target === '') return fallback
	if (!target.startsWith('/') || target.startsWith('//') || target.includes('\\')) return fallback
	try {
		const url = new URL(target, 'http://groundwork.invalid')
		if (url.origin !== 'http://groundwork.invalid') return fallback
		return `${url.pathname}${url.search}${url.hash}`
	} catch {
		return fallback
	}
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
