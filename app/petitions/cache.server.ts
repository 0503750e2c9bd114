// Public petition pages and their data are cached by browsers and any CDN
// in front for a couple of seconds (so the count shown is never older), and their ETag is built from the count, so a
// popular petition is served from cache between count changes and a reader
// revalidating gets 304 Not Modified until the count moves. Anyone signed in
// gets a private, always-revalidated copy (their page differs).

export const PUBLIC_MAX_AGE_S = 2

export function publicCacheHeaders(request: Request, options: { signedIn: boolean; version: string }) {
	const headers = new Headers()
	headers.set('Vary', 'Cookie')
	if (options.signedIn || request.headers.get('Cookie')?.includes('-auth-token')) {
		headers.set('Cache-Control', 'private, no-cache')
		return headers
	}
	headers.set('Cache-Control', `public, max-age=${PUBLIC_MAX_AGE_S}, s-maxage=${PUBLIC_MAX_AGE_S}, stale-while-revalidate=60`)
	headers.set('ETag', `W/"${options.version}"`)
	return headers
}

/** 304 for a reader whose copy is current: the ETag they sent matches. */
export function notModified(request: Request, headers: Headers) {
	const etag = headers.get('ETag')
	if (!etag) return null
	const sent = request.headers.get('If-None-Match')
	if (!sent || !sent.split(',').some((tag) => tag.trim() === etag)) return null
	return new Response(null, { status: 304, headers })
}
