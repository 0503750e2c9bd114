import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { env } from '#app/utils/env.server'
import { NonceContext } from '#app/utils/nonce'

const ABORT_DELAY = 5_000

export { startWorker } from '#app/jobs/worker.server'
// app/server.mjs and the Vite dev server hand every request to these (app/http/).
export { handleNodeRequest } from '#app/http/node-handler.server'
export { baseSecurityHeaders } from '#app/http/security-headers.server'

/** Called by app/server.mjs at boot so bad configuration stops the server at once. */
export function checkEnvironment() {
	env()
}

export default function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	// A reader whose cached copy is current (the ETag a page's loader set) gets 304 and no body.
	const etag = responseHeaders.get('ETag')
	if (
		etag &&
		responseStatusCode === 200 &&
		request.headers
			.get('If-None-Match')
			?.split(',')
			.some((tag) => tag.trim() === etag)
	) {
		return new Response(null, { status: 304, headers: responseHeaders })
	}
	// Crawlers and no-JS clients get the whole document at once; browsers stream.
	const waitForAll = isbot(request.headers.get('user-agent') ?? '')
	// Security headers, the Content-Security-Policy with this nonce among them, are set in app/http/node-handler.server.ts.
	const nonce = loadContext.cspNonce ?? ''
	return new Promise((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceContext.Provider value={nonce}>
				<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
			</NonceContext.Provider>,
			{
				nonce,
				[waitForAll ? 'onAllReady' : 'onShellReady']() {
					shellRendered = true
					const body = new PassThrough()
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
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
