import { env } from '#app/utils/env.server'

// The headers every answer carries, and the Content-Security-Policy of pages
// (docs/decisions/030-security-headers-and-session-cookie.md).

function isHttps() {
	return new URL(env().SITE_URL).protocol === 'https:'
}

/** What every response gets, static files included. */
export function baseSecurityHeaders(): [string, string][] {
	const headers: [string, string][] = [
		['X-Content-Type-Options', 'nosniff'],
		// Other sites learn nothing of where a reader came from; our own forms keep their Origin header.
		['Referrer-Policy', 'same-origin'],
	]
	if (isHttps()) headers.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'])
	return headers
}

/**
 * A page's policy: scripts only from this site or carrying this request's
 * nonce (Remix's inline hydration scripts get it), images also from Storage,
 * forms only to this site, and no framing — unless the route itself says
 * which sites may frame it, as the petition embed does with
 * `Content-Security-Policy: frame-ancestors *`.
 */
export function pagePolicy({ nonce, frameAncestors, dev }: { nonce: string; frameAncestors: string; dev: boolean }) {
	const storage = new URL(env().SUPABASE_URL).origin
	const directives = [
		"default-src 'self'",
		`script-src 'self' 'nonce-${nonce}'`,
		// Inline style attributes carry data-driven widths and colours; scripts are what the policy keeps out.
		"style-src 'self' 'unsafe-inline'",
		`img-src 'self' data: ${storage}`,
		"font-src 'self'",
		// Vite's dev server pushes module updates over a WebSocket on the page's own host.
		dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
		"form-action 'self'",
		`frame-ancestors ${frameAncestors}`,
		"base-uri 'self'",
		"object-src 'none'",
	]
	if (isHttps()) directives.push('upgrade-insecure-requests')
	return directives.join('; ')
}

/** Anything that is not a page (data, SVG, CSV, PDF, JSON): nothing may run in it or frame it. */
export function resourcePolicy(frameAncestors: string) {
	return `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors ${frameAncestors}`
}

/** The `frame-ancestors` a route asked for in its own Content-Security-Policy, if any. */
function routeFrameAncestors(policy: string | null) {
	const directive = policy
		?.split(';')
		.map((part) => part.trim())
		.find((part) => part.toLowerCase().startsWith('frame-ancestors '))
	return directive ? directive.slice('frame-ancestors '.length).trim() : null
}

/** Sets the security headers on a response Remix produced for this request. */
export function applySecurityHeaders(headers: Headers, { status, nonce, dev }: { status: number; nonce: string; dev: boolean }) {
	for (const [name, value] of baseSecurityHeaders()) headers.set(name, value)
	const frameAncestors = routeFrameAncestors(headers.get('Content-Security-Policy'))
	if (frameAncestors) headers.delete('X-Frame-Options')
	else headers.set('X-Frame-Options', 'DENY')
	if (status === 304) {
		// A 304's headers replace the cached copy's: a fresh nonce here would no longer match the cached page.
		headers.delete('Content-Security-Policy')
		return
	}
	const isPage = headers.get('Content-Type')?.toLowerCase().startsWith('text/html') ?? false
	const ancestors = frameAncestors ?? "'none'"
	headers.set('Content-Security-Policy', isPage ? pagePolicy({ nonce, frameAncestors: ancestors, dev }) : resourcePolicy(ancestors))
}
