/**
 * The one way a loader or action stops with an HTTP error (docs/decisions/044).
 * A route says what it needs, `if (!petition) notFound(headers)`, and throws
 * nothing by hand; the root ErrorBoundary renders the page for the status.
 * Pass the request's `headers` when there are any, so cookies refreshed while
 * checking reach the browser on an error page too.
 */
export function invariantResponse(
	condition: unknown,
	message: string = 'Not found',
	init: ResponseInit = { status: 404 },
): asserts condition {
	if (!condition) throw new Response(message, init)
}

/** Nothing here for this caller: an unknown address, or one they may not know exists (a 404, never a 403). */
export function notFound(headers?: HeadersInit): never {
	throw new Response('Not found', { status: 404, headers })
}

/** The request is refused whoever sends it (a form from another site). */
export function forbidden(message: string = 'Forbidden', headers?: HeadersInit): never {
	throw new Response(message, { status: 403, headers })
}

/** A request no form of ours sends (a tampered field, an unknown intent). */
export function badRequest(message: string = 'Bad request', headers?: HeadersInit): never {
	throw new Response(message, { status: 400, headers })
}

/** It was here and a moderator took it down: 410, so search engines drop it. */
export function gone(headers?: HeadersInit): never {
	throw new Response('Gone', { status: 410, headers })
}
