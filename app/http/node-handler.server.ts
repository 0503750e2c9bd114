import { randomBytes } from 'node:crypto'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from '@remix-run/node'
import { readRequestBody, requestBodyLimit } from './body-limit.server'
import { withoutNulInForm, withoutNulInQuery } from './nul-bytes.server'
import { applySecurityHeaders } from './security-headers.server'

// The one way a request reaches Remix, in production (app/server.mjs, under
// Express) and in development (the Vite plugin in vite.config.ts): the body
// is read here, within its limit, before any route sees it, and every answer
// gets the security headers. See docs/decisions/030-security-headers-and-session-cookie.md.

export type NodeRequestOptions = {
	/** The request's full URL as the public sees it (Express works it out behind a proxy). */
	url: URL
	clientIp: string | undefined
	mode: 'production' | 'development'
}

/** The page a refused body is answered with (a GET, so nothing is acted on). */
export const TOO_LARGE_PATH = '/request-too-large'

const handlers = new WeakMap<ServerBuild, ReturnType<typeof createRequestHandler>>()

function handlerFor(build: ServerBuild, mode: NodeRequestOptions['mode']) {
	let handler = handlers.get(build)
	if (!handler) {
		handler = createRequestHandler(build, mode)
		handlers.set(build, handler)
	}
	return handler
}

export async function handleNodeRequest(build: ServerBuild, req: IncomingMessage, res: ServerResponse, options: NodeRequestOptions) {
	const handle = handlerFor(build, options.mode)
	const controller = new AbortController()
	res.on('close', () => {
		if (!res.writableFinished) controller.abort()
	})
	const context: AppLoadContext = { clientIp: options.clientIp, cspNonce: randomBytes(16).toString('base64') }
	const method = req.method ?? 'GET'

	let body: Uint8Array<ArrayBuffer> | undefined
	if (method !== 'GET' && method !== 'HEAD') {
		const read = await readRequestBody(req, requestBodyLimit(options.url.pathname, req.headers['content-type']))
		if (read.kind === 'aborted') return
		if (read.kind === 'tooLarge') {
			res.once('finish', () => lingerThenClose(req))
			await send(res, await handle(tooLargePage(req, options.url, controller.signal), context), {
				...options,
				nonce: context.cspNonce ?? '',
			})
			return
		}
		body = new Uint8Array(withoutNulInForm(read.body, req.headers['content-type']))
	}

	const request = new Request(withoutNulInQuery(options.url), {
		method,
		headers: requestHeaders(req.headers),
		body,
		signal: controller.signal,
	})
	await send(res, await handle(request, context), { ...options, nonce: context.cspNonce ?? '' })
}

/** After a refusal: how long the client gets to read the answer before the connection is cut, and a bound on what is discarded meanwhile. */
const LINGER_MS = 2_000
const LINGER_BYTES = 64 * 1024 * 1024

/**
 * The rest of a refused body was left unread while the answer was sent.
 * Closing a socket with unread data resets the connection, and a client
 * still uploading can lose the answer with it (a fast one does, cut off
 * after a megabyte); so, as nginx's lingering close does, read and discard
 * for a moment (memory stays flat) while the client reads the answer and
 * stops, then close the connection.
 */
function lingerThenClose(req: IncomingMessage) {
	if (req.complete) return
	let discarded = 0
	const close = () => req.socket.destroy()
	const timer = setTimeout(close, LINGER_MS)
	timer.unref()
	req.on('data', (chunk: Buffer) => {
		discarded += chunk.length
		if (discarded > LINGER_BYTES) close()
	})
	req.once('end', () => clearTimeout(timer))
	req.resume()
}

function requestHeaders(source: IncomingHttpHeaders) {
	const headers = new Headers()
	for (const [name, value] of Object.entries(source)) {
		if (name.startsWith(':') || value === undefined) continue
		for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
	}
	return headers
}

/**
 * What a refused request gets instead: the 413 page; or, for a JavaScript
 * submission (a single-fetch `.data` POST, whose answer the browser decodes
 * rather than shows), that route's action, which sends the browser to the page.
 */
function tooLargePage(req: IncomingMessage, url: URL, signal: AbortSignal) {
	const headers = pageHeaders(req.headers)
	if (url.pathname.endsWith('.data')) return new Request(new URL(`${TOO_LARGE_PATH}.data`, url), { method: 'POST', headers, signal })
	return new Request(new URL(TOO_LARGE_PATH, url), { headers, signal })
}

/** The refused request's headers, less those that describe its body. */
function pageHeaders(source: IncomingHttpHeaders) {
	const headers = requestHeaders(source)
	for (const name of ['content-length', 'content-type', 'transfer-encoding', 'expect']) headers.delete(name)
	return headers
}

async function send(res: ServerResponse, response: Response, options: NodeRequestOptions & { nonce: string }) {
	const headers = new Headers(response.headers)
	applySecurityHeaders(headers, { status: response.status, nonce: options.nonce, dev: options.mode === 'development' })
	res.statusCode = response.status
	if (response.statusText) res.statusMessage = response.statusText
	for (const [name, value] of headers) {
		if (name !== 'set-cookie') res.setHeader(name, value)
	}
	const cookies = headers.getSetCookie()
	if (cookies.length) res.setHeader('Set-Cookie', cookies)
	if (response.body) await writeReadableStreamToWritable(response.body, res)
	else res.end()
}
