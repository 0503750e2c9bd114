import { randomBytes } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createClient, type SupabaseClientOptions, type WebSocketLikeConstructor } from '@supabase/supabase-js'
import { Webhook } from 'standardwebhooks'
import WebSocket from 'ws'

export type RunningServer = { url: string; close: () => Promise<void> }

type FetchHandler = { fetch: (request: Request) => Response | Promise<Response> }

/**
 * Serves an app on an ephemeral port of 127.0.0.1. `build` receives the
 * server's URL first, for apps that must know their own address.
 */
export async function serveApp(build: (url: string) => FetchHandler): Promise<RunningServer> {
	const served: { app?: FetchHandler } = {}
	const server = serve({
		fetch: (request) => served.app?.fetch(request) ?? new Response('starting', { status: 503 }),
		port: 0,
		hostname: '127.0.0.1',
	})
	await new Promise<void>((resolve) => server.once('listening', () => resolve()))
	const url = serverUrl(server.address())
	served.app = build(url)
	return {
		url,
		close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
	}
}

function serverUrl(address: string | AddressInfo | null) {
	if (typeof address !== 'object' || address === null) throw new Error('server has no address')
	return `http://127.0.0.1:${address.port}`
}

// ws is typed against its own Event classes rather than the DOM's, so the
// compiler cannot see that it is the WebSocket realtime-js asks for on Node 20.
const nodeWebSocket = WebSocket as unknown as WebSocketLikeConstructor

/** supabase-js as a server uses it: nothing persisted, no timers, ws for realtime on Node 20. */
export function supabaseClient(url: string, key: string, options: { flowType?: 'implicit' | 'pkce'; fetch?: typeof fetch } = {}) {
	const clientOptions: SupabaseClientOptions<'public'> = {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, flowType: options.flowType ?? 'implicit' },
		realtime: { transport: nodeWebSocket },
	}
	if (options.fetch) clientOptions.global = { fetch: options.fetch }
	return createClient(url, key, clientOptions)
}

/** A fetch that records the method and URL of every request it makes. */
export function recordingFetch() {
	const requests: Array<{ method: string; url: string }> = []
	const recorder: typeof fetch = (input, init) => {
		const url = input instanceof Request ? input.url : String(input)
		requests.push({ method: init?.method ?? (input instanceof Request ? input.method : 'GET'), url })
		return fetch(input, init)
	}
	return { fetch: recorder, requests }
}

export type WebhookDelivery = { headers: IncomingHttpHeaders; payload: unknown }

export type WebhookReceiver = RunningServer & {
	/** The secret in Supabase's config format: `v1,whsec_<base64>`. */
	secret: string
	deliveries: WebhookDelivery[]
	/** Answer deliveries whose payload matches `when` with this status and body instead of 204. */
	failWhen: (when: (payload: unknown) => boolean, status: number, body?: unknown) => void
}

/**
 * An HTTP endpoint that accepts only Standard Webhooks deliveries signed
 * with its secret, and keeps their payloads for the test to read.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
	const base64Key = randomBytes(32).toString('base64')
	const webhook = new Webhook(base64Key)
	const deliveries: WebhookDelivery[] = []
	const failures: Array<{ when: (payload: unknown) => boolean; status: number; body: unknown }> = []
	const server = createServer((request, response) => {
		const chunks: Buffer[] = []
		request.on('data', (chunk: Buffer) => chunks.push(chunk))
		request.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8')
			let payload: unknown
			try {
				payload = webhook.verify(body, {
					'webhook-id': String(request.headers['webhook-id'] ?? ''),
					'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
					'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
				})
			} catch {
				response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad signature"}')
				return
			}
			const failure = failures.find(({ when }) => when(payload))
			if (failure) {
				response.writeHead(failure.status, { 'content-type': 'application/json' }).end(JSON.stringify(failure.body ?? {}))
				return
			}
			deliveries.push({ headers: request.headers, payload })
			response.writeHead(204).end()
		})
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	return {
		url: `${serverUrl(server.address())}/hooks/send-email`,
		secret: `v1,whsec_${base64Key}`,
		deliveries,
		failWhen: (when, status, body) => {
			failures.push({ when, status, body })
		},
		close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
	}
}
