import { parseAddress } from './addresses'
import type { ResendError } from './resend-payload'

export type FaultStatus = 500 | 429

type Armed = { status: FaultStatus; remaining: number }

/**
 * Failures a test arms on purpose: the next `count` send requests answer
 * with `status` and Resend's error body, so retry and backoff paths can be
 * exercised against the real SDK.
 *
 * A fault armed for one address (`to`) fails only the sends that go to it, so
 * test files running side by side cannot use up or trip over each other's
 * faults; a fault armed without one fails whatever is sent next.
 */
export function createFaults() {
	const armed = new Map<string, Armed>()
	const keyOf = (to: string | undefined) => (to ?? '').trim().toLowerCase()
	return {
		arm(status: FaultStatus, count: number, to?: string) {
			if (count > 0) armed.set(keyOf(to), { status, remaining: count })
			else armed.delete(keyOf(to))
		},
		/** Disarms the fault for `to`, or every fault when no address is given. */
		clear(to?: string) {
			if (to === undefined) armed.clear()
			else armed.delete(keyOf(to))
		},
		current(to?: string) {
			const fault = armed.get(keyOf(to))
			return fault ? { status: fault.status, remaining: fault.remaining } : { status: null, remaining: 0 }
		},
		/** The error a send to `recipients` gets, if a fault is armed for one of them or for any send. */
		take(recipients: readonly string[]): { error: ResendError; headers: Record<string, string> } | null {
			const key = [...recipients.map((recipient) => keyOf(recipient)), ''].find((candidate) => armed.has(candidate))
			const fault = key === undefined ? undefined : armed.get(key)
			if (key === undefined || !fault) return null
			fault.remaining -= 1
			if (fault.remaining <= 0) armed.delete(key)
			return fault.status === 429 ? rateLimited() : serverError()
		},
	}
}

export type Faults = ReturnType<typeof createFaults>

export function isFaultStatus(value: unknown): value is FaultStatus {
	return value === 500 || value === 429
}

/** Every address a send request names in `to`, `cc` or `bcc`, for one email or a batch; bare addresses or "Name <address>". */
export function recipientsOf(body: unknown): string[] {
	const emails = Array.isArray(body) ? body : [body]
	return emails.flatMap((email) => {
		if (typeof email !== 'object' || email === null) return []
		const fields = ['to', 'cc', 'bcc'].map((field) => (email as Record<string, unknown>)[field])
		return fields
			.flatMap((value) => (Array.isArray(value) ? value : [value]))
			.filter((value): value is string => typeof value === 'string')
			.map((value) => parseAddress(value)?.Address ?? value)
	})
}

function rateLimited() {
	return {
		error: {
			statusCode: 429,
			name: 'rate_limit_exceeded',
			message:
				'Too many requests. You can only make 2 requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.',
		},
		headers: { 'retry-after': '1', 'ratelimit-limit': '2', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' },
	}
}

function serverError() {
	return {
		error: { statusCode: 500, name: 'internal_server_error', message: 'An unexpected error occurred.' },
		headers: {},
	}
}
