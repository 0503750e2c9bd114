import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { env } from '#app/utils/env.server'

const ABORT_DELAY = 5_000

export { startWorker } from '#app/jobs/worker.server'

/** Called by app/server.mjs at boot so bad configuration stops the server at once. */
export function checkEnvironment() {
	env()
}

export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	_loadContext: AppLoadContext,
) {
	// A reader whose cached copy is current (the ETag a page's loader set) gets 304 and no body.
	const etag = responseHeaders.get('ETag')
	if (etag && responseStatusCode === 200 && request.headers.get('If-None-Match')?.split(',').some((tag) => tag.trim() === etag)) {
		return new Response(null, { status: 304, headers: responseHeaders })
	}
	// Crawlers and no-JS clients get the whole document at once; browsers stream.
	const waitForAll = isbot(request.headers.get('user-agent') ?? '')
	return new Promise((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
			{
				[waitForAll ? 'onAllReady' : 'onShellReady']() {
					shellRendered = true
					const body = new PassThrough()
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					responseHeaders.set('X-Content-Type-Options', 'nosniff')
					responseHeaders.set('Referrer-Policy', 'strict-origin-when-cross-origin')
					// Pages meant for other sites' iframes (the petition embed) say so with frame-ancestors.
					if (!responseHeaders.get('Content-Security-Policy')?.includes('frame-ancestors')) {
						responseHeaders.set('X-Frame-Options', 'SAMEORIGIN')
					}
					resolve(
						new Response(createReadableStreamFromReadable(body), {
							headers: responseHeaders,
							status: responseStatusCode,
						}),
					)
					pipe(body)
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					responseStatusCode = 500
					if (shellRendered) console.error(error)
				},
			},
		)
		setTimeout(abort, ABORT_DELAY)
	})
}
