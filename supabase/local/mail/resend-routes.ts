import { createHash } from 'node:crypto'
import type { Context, Hono } from 'hono'
import { formatAddress } from './addresses'
import { recipientsOf, type Faults } from './faults'
import type { Mailbox, StoredMessage } from './mailbox'
import { readEmail, validationError, type OutgoingEmail, type ResendError } from './resend-payload'

const MAX_BATCH = 100

/**
 * The part of Resend's API the `resend` SDK uses to send: POST /emails,
 * POST /emails/batch (strict or permissive validation) and GET /emails/{id},
 * with Idempotency-Key and Resend's error bodies.
 */
export function registerResendRoutes(app: Hono, mailbox: Mailbox, faults: Faults) {
	app.post('/emails', (c) =>
		send(c, async (body) => {
			const result = readEmail(body, { batch: false })
			if ('error' in result) return { error: result.error }
			const [message] = await mailbox.deliver([result.email])
			return { body: { id: message?.id } }
		}),
	)

	app.post('/emails/batch', (c) =>
		send(c, async (body) => {
			if (!Array.isArray(body) || body.length === 0) {
				return { error: validationError('The batch must be a non-empty array of emails.') }
			}
			if (body.length > MAX_BATCH) return { error: validationError(`A batch holds at most ${MAX_BATCH} emails.`) }
			const permissive = c.req.header('x-batch-validation') === 'permissive'
			const valid: OutgoingEmail[] = []
			const errors: Array<{ index: number; message: string }> = []
			for (const [index, item] of body.entries()) {
				const result = readEmail(item, { batch: true })
				if ('email' in result) valid.push(result.email)
				else if (permissive) errors.push({ index, message: result.error.message })
				else return { error: result.error }
			}
			const delivered = await mailbox.deliver(valid)
			const data = delivered.map((message) => ({ id: message.id }))
			return { body: permissive ? { data, errors } : { data } }
		}),
	)

	app.get('/emails/:id', (c) => {
		const denied = checkApiKey(c)
		if (denied) return denied
		const id = c.req.param('id')
		const message = id === 'latest' ? undefined : mailbox.find(id)
		if (!message) {
			return errorResponse({ statusCode: 404, name: 'not_found', message: 'Email not found' })
		}
		return c.json(resendEmail(message))
	})

	/**
	 * Everything a send shares: the API key, armed faults, the JSON body and
	 * the Idempotency-Key, which replays the first answer for the same
	 * payload and refuses a different one.
	 */
	async function send(c: Context, handle: (body: unknown) => Promise<{ body: unknown } | { error: ResendError }>): Promise<Response> {
		const denied = checkApiKey(c)
		if (denied) return denied
		const body: unknown = await c.req.json().catch(() => invalidJson)
		const fault = faults.take(recipientsOf(body))
		if (fault) return errorResponse(fault.error, fault.headers)
		if (body === invalidJson) return errorResponse(validationError('The request body must be valid JSON.'))
		const key = c.req.header('idempotency-key')
		if (key === undefined) return answer(await handle(body))
		if (key.length < 1 || key.length > 256) {
			return errorResponse({ statusCode: 400, name: 'invalid_idempotency_key', message: 'The key must be between 1-256 chars.' })
		}
		const fingerprint = fingerprintOf(c.req.path, body)
		const check = mailbox.checkIdempotency(key, fingerprint)
		if (check.kind === 'replay') return Response.json(check.body)
		if (check.kind === 'different-payload') {
			return errorResponse({
				statusCode: 409,
				name: 'invalid_idempotent_request',
				message: 'Same idempotency key used with a different request payload.',
			})
		}
		if (check.kind === 'in-progress') {
			return errorResponse({
				statusCode: 409,
				name: 'concurrent_idempotent_requests',
				message: 'Same idempotency key used while original request is still in progress.',
			})
		}
		let outcome: { body: unknown } | { error: ResendError }
		try {
			outcome = await handle(body)
		} catch (error) {
			await mailbox.settleIdempotency(key, fingerprint)
			throw error
		}
		await mailbox.settleIdempotency(key, fingerprint, 'body' in outcome ? outcome.body : undefined)
		return answer(outcome)
	}
}

const invalidJson = Symbol('invalid JSON')

function answer(outcome: { body: unknown } | { error: ResendError }) {
	return 'error' in outcome ? errorResponse(outcome.error) : Response.json(outcome.body)
}

function checkApiKey(c: Context) {
	const token = (c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, '').trim()
	if (token) return null
	return errorResponse({ statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header' })
}

export function errorResponse(error: ResendError, headers: Record<string, string> = {}) {
	return Response.json(error, { status: error.statusCode, headers })
}

function fingerprintOf(path: string, body: unknown) {
	return createHash('sha256')
		.update(`${path}\n${stableJson(body)}`)
		.digest('hex')
}

/** JSON with object keys sorted, so the same payload always hashes the same. */
function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value)
			.filter(([, item]) => item !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`
	}
	return JSON.stringify(value) ?? 'null'
}

/** The email as Resend's GET /emails/{id} describes it. */
function resendEmail(message: StoredMessage) {
	return {
		object: 'email',
		id: message.id,
		to: message.to.map(formatAddress),
		from: formatAddress(message.from),
		created_at: message.created,
		subject: message.subject,
		html: message.html,
		text: message.text,
		bcc: message.bcc.map(formatAddress),
		cc: message.cc.map(formatAddress),
		reply_to: message.replyTo.map(formatAddress),
		last_event: 'delivered',
		scheduled_at: message.scheduledAt,
		tags: message.tags,
	}
}
