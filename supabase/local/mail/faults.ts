import type { ResendError } from './resend-payload'

export type FaultStatus = 500 | 429

/**
 * Failures a test arms on purpose: the next `count` send requests answer
 * with `status` and Resend's error body, so retry and backoff paths can be
 * exercised against the real SDK.
 */
export function createFaults() {
	let armed: { status: FaultStatus; remaining: number } | null = null
	return {
		arm(status: FaultStatus, count: number) {
			armed = count > 0 ? { status, remaining: count } : null
		},
		clear() {
			armed = null
		},
		current() {
			return armed ? { status: armed.status, remaining: armed.remaining } : { status: null, remaining: 0 }
		},
		/** The error the next send gets, if a fault is armed. */
		take(): { error: ResendError; headers: Record<string, string> } | null {
			if (!armed) return null
			const { status } = armed
			armed.remaining -= 1
			if (armed.remaining <= 0) armed = null
			return status === 429 ? rateLimited() : serverError()
		},
	}
}

export type Faults = ReturnType<typeof createFaults>

export function isFaultStatus(value: unknown): value is FaultStatus {
	return value === 500 || value === 429
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
