import { randomBytes } from 'node:crypto'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from '@remix-run/node'
import { readRequestBody, requestBodyLimit } from './body-limit.server'
import { withoutNulInForm, withoutNulInQuery } from './nul-bytes.server'
import { applySecurityHeaders } from './security-headers.server'
import {
	keepable,
	matchesEtag,
	preferredEncoding,
	shareable,
	SHARED_CACHE_CONTROL,
	SHARED_TTL_MS,
	SharedCache,
	type CachedAnswer,
} from './shared-cache.server'
import { signingFastPath } from './signing-fast-path.server'

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

/** Anonymous pages shared between visitors for a moment (shared-cache.server.ts); SHARED_CACHE=off turns it off. */
export const sharedCache = new SharedCache()

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
	const started = performance.now()
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
				started,
			})
			return
		}
		body = new Uint8Array(withoutNulInForm(read.body, req.headers['content-type']))
	}

	const url = withoutNulInQuery(options.url)
	const makeRequest = (signal: AbortSignal) => new Request(url, { method, headers: requestHeaders(req.headers), body, signal })
	const sendOptions = { ...options, nonce: context.cspNonce ?? '', started }

	// The anonymous signing form, answered before Remix when it signs (app/http/signing-fast-path.server.ts).
	const signed = await signingFastPath(build, method, url, req.headers, body, context)
	if (signed) {
		await send(res, signed, sendOptions)
		return
	}

	const cacheable = options.mode === 'production' && process.env.SHARED_CACHE !== 'off' ? shareable(method, url, req.headers) : null
	if (cacheable) {
		let answer = await sharedCache.getOrWait(cacheable.key)
		let own = false
		if (!answer && method === 'GET') {
			// Rendered for everyone waiting, so not cut short when this one visitor leaves.
			let unkept: Response | null = null
			answer = await sharedCache.fill(cacheable.key, async () => {
				// The whole page, even for a visitor revalidating: it is kept for the others, and this one still gets 304 if theirs is current.
				const request = makeRequest(new AbortController().signal)
				request.headers.delete('If-None-Match')
				const response = await handle(request, context)
				if (keepable(response)) return toCached(response, sendOptions)
				unkept = response
				return null
			})
			own = true
			// A 404, a redirect, a page that sets a cookie: this visitor's alone, rendered once.
			if (!answer && unkept) {
				await send(res, unkept, sendOptions)
				return
			}
		}
		if (answer) {
			sendCached(res, answer, req.headers, method, started, own)
			return
		}
	}
	await send(res, await handle(makeRequest(controller.signal), context), sendOptions)
}

/** A keepable answer, buffered with the headers it goes out with. */
async function toCached(response: Response, options: NodeRequestOptions & { nonce: string }): Promise<CachedAnswer> {
	const headers = answerHeaders(response, options)
	if (!headers.has('Cache-Control')) headers.set('Cache-Control', SHARED_CACHE_CONTROL)
	if (!/\bcookie\b/i.test(headers.get('Vary') ?? '')) headers.append('Vary', 'Cookie')
	const body = Buffer.from(await response.arrayBuffer())
	// Compressed once for everyone who shares it, off the event loop,
	// as the compression middleware would (gzip at zlib's default, brotli at quality 4).
	const compress = compressible(headers)
	const [gzip, br] = compress
		? await Promise.all([gzipAsync(body), brotliAsync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })])
		: [null, null]
	return {
		status: response.status,
		statusText: response.statusText,
		headers: [...headers].filter(([name]) => name !== 'server-timing'),
		body,
		gzip,
		br,
		etag: headers.get('ETag'),
		expires: Date.now() + SHARED_TTL_MS,
	}
}

const gzipAsync = promisify(zlib.gzip)
const brotliAsync = promisify(zlib.brotliCompress)

/** What app/server.mjs's compression middleware would compress: text, at least a kilobyte, not marked no-transform. */
function compressible(headers: Headers) {
	if (!/^(text\/|application\/(json|javascript|xml))/i.test(headers.get('Content-Type') ?? '')) return false
	if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(headers.get('Cache-Control') ?? '')) return false
	return true
}

function sendCached(
	res: ServerResponse,
	answer: CachedAnswer,
	requestHeaders: IncomingHttpHeaders,
	method: string,
	started: number,
	own: boolean,
) {
	const fresh = matchesEtag(requestHeaders['if-none-match'], answer.etag)
	res.statusCode = fresh ? 304 : answer.status
	if (!fresh && answer.statusText) res.statusMessage = answer.statusText
	for (const [name, value] of answer.headers) {
		if (fresh && (name === 'content-length' || name === 'content-type')) continue
		res.setHeader(name, value)
	}
	res.setHeader('Age', String(Math.max(0, Math.floor((Date.now() - (answer.expires - SHARED_TTL_MS)) / 1000))))
	res.setHeader('Server-Timing', `${serverTiming(performance.now() - started)}, cache;desc=${own ? 'miss' : 'shared'}`)
	if (fresh || method === 'HEAD') res.end()
	else {
		// The copy compressed at fill time, for a client that takes it; the compression
		// middleware sees Content-Encoding and leaves it be (it still adds Vary: Accept-Encoding).
		const encoding = answer.body.length >= MIN_COMPRESS_BYTES ? preferredEncoding(requestHeaders['accept-encoding']) : null
		const encoded = encoding ? answer[encoding] : null
		if (encoding && encoded) res.setHeader('Content-Encoding', encoding)
		const body = encoded ?? answer.body
		res.setHeader('Content-Length', body.length)
		res.end(body)
	}
}

/** The compression middleware's threshold: smaller answers go out as they are. */
const MIN_COMPRESS_BYTES = 1024

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

/** The answer's headers with the security headers (its CSP names the nonce its body uses). */
function answerHeaders(response: Response, options: NodeRequestOptions & { nonce: string }) {
	const headers = new Headers(response.headers)
	applySecurityHeaders(headers, { status: response.status, nonce: options.nonce, dev: options.mode === 'development' })
	return headers
}

async function send(res: ServerResponse, response: Response, options: NodeRequestOptions & { nonce: string; started: number }) {
	const headers = answerHeaders(response, options)
	// How long the server took to have the answer ready (loaders, and the render up to
	// its first bytes): browsers' developer tools and `npm run bench:pages` read it.
	headers.append('Server-Timing', serverTiming(performance.now() - options.started))
	// An answer to a form (a page with its errors and what was typed) belongs to that visitor: no
	// cache in front, nor the browser's back button, may keep it, whatever the page's own headers say.
	if (res.req && res.req.method !== 'GET' && res.req.method !== 'HEAD') headers.set('Cache-Control', 'private, no-store')
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

/** The `Server-Timing` entry for the time the app took: `app;dur=1.23` (milliseconds). */
export function serverTiming(ms: number) {
	return `app;dur=${ms.toFixed(2)}`
}
