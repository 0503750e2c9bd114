import { randomUUID } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import type { SendEmailHook } from './config'
import { AuthError, badRequest, unexpected, unprocessable } from './errors'

const TIMEOUT_MS = 5000
const ATTEMPTS = 3
const BACKOFF_MS = 2000

/**
 * Delivers a Send Email Hook payload the way GoTrue does: signed with every
 * configured secret (Standard Webhooks), up to three attempts within five
 * seconds, and GoTrue's errors when the hook fails.
 */
export async function invokeSendEmailHook(hook: SendEmailHook, payload: unknown) {
	const body = JSON.stringify(payload)
	const deadline = Date.now() + TIMEOUT_MS
	for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
		const id = randomUUID()
		const sentAt = new Date()
		let response: Response
		try {
			response = await fetch(hook.uri, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'webhook-id': id,
					'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
					'webhook-signature': signatures(hook.secrets, id, sentAt, body),
					'accept-encoding': 'identity',
				},
				body,
				signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
			})
		} catch (error) {
			const timedOut = unprocessable('hook_timeout', `Failed to reach hook within maximum time of ${TIMEOUT_MS / 1000} seconds`)
			if (isTimeout(error)) throw timedOut
			if (attempt === ATTEMPTS - 1) {
				throw unprocessable('hook_timeout_after_retry', 'Failed to reach hook after maximum retries')
			}
			// The next attempt would start after the deadline.
			if (Date.now() + BACKOFF_MS >= deadline) throw timedOut
			await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS))
			continue
		}
		switch (response.status) {
			case 204:
				return
			case 200:
			case 202:
				return checkHookResponse(response)
			case 429:
			case 503:
				if (response.headers.get('retry-after')) continue
				throw unexpected('Service currently unavailable due to hook')
			case 400:
				throw unexpected('Invalid payload sent to hook')
			case 401:
				throw unexpected('Hook requires authorization token')
			default:
				throw unexpected(`Unexpected status code returned from hook: ${response.status}`)
		}
	}
	throw unexpected('Service currently unavailable due to hook')
}

function signatures(secrets: string[], id: string, sentAt: Date, body: string) {
	return secrets
		.map((secret) => {
			if (!secret.startsWith('v1,')) throw unexpected('Error generating signatures: invalid signature format')
			return new Webhook(secret.slice('v1,'.length)).sign(id, sentAt, body)
		})
		.join(', ')
}

async function checkHookResponse(response: Response) {
	const contentType = response.headers.get('content-type')
	if (!contentType) {
		throw badRequest('hook_payload_invalid_content_type', 'Invalid Content-Type: Missing Content-Type header')
	}
	if (contentType.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
		throw badRequest('hook_payload_invalid_content_type', `Invalid JSON response. Received content-type: ${contentType}`)
	}
	const parsed: unknown = await response.json().catch(() => null)
	if (typeof parsed !== 'object' || parsed === null || !('error' in parsed)) return
	const error: unknown = parsed.error
	if (typeof error !== 'object' || error === null) return
	const message = 'message' in error && typeof error.message === 'string' ? error.message : ''
	if (message === '') return
	const status = 'http_code' in error && typeof error.http_code === 'number' ? error.http_code : 500
	throw new AuthError(toStatus(status), status === 500 ? 'unexpected_failure' : 'unknown', message)
}

function toStatus(status: number) {
	switch (status) {
		case 400:
		case 401:
		case 403:
		case 404:
		case 409:
		case 422:
		case 429:
		case 500:
		case 502:
		case 503:
			return status
		default:
			return 500
	}
}

function isTimeout(error: unknown) {
	return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
}
