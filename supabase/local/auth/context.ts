import { isIP } from 'node:net'
import type { Context } from 'hono'
import type pg from 'pg'
import type { LocalKeys } from '../keys'
import type { AuthConfig } from './config'
import type { ClientInfo } from './sessions'

/** Everything a route needs, made once per app. */
export type AuthContext = {
	pool: pg.Pool
	keys: LocalKeys
	config: AuthConfig
	/** The Auth API's own address, e.g. http://127.0.0.1:54321/auth/v1: the `iss` claim and the base of email links. */
	issuer: string
	mailUrl: string | undefined
	emailSendLimiter: RateLimiter
	log: (line: string) => void
}

export type RateLimiter = { take: () => boolean }

/** A token bucket: `capacity` events, refilled evenly over `periodSeconds`. */
export function rateLimiter(capacity: number, periodSeconds: number): RateLimiter {
	let tokens = capacity
	let last = Date.now()
	return {
		take() {
			const now = Date.now()
			tokens = Math.min(capacity, tokens + ((now - last) / 1000) * (capacity / periodSeconds))
			last = now
			if (tokens < 1) return false
			tokens -= 1
			return true
		},
	}
}

export function clientInfo(c: Context): ClientInfo {
	const forwarded = c.req
		.header('x-forwarded-for')
		?.split(',')
		.map((part) => part.trim())
	const ip = forwarded?.find((candidate) => isIP(candidate) !== 0) ?? remoteAddress(c)
	return { userAgent: c.req.header('user-agent') ?? null, ip }
}

function remoteAddress(c: Context): string | null {
	const env: unknown = c.env
	if (typeof env !== 'object' || env === null || !('incoming' in env)) return null
	const incoming: unknown = env.incoming
	if (typeof incoming !== 'object' || incoming === null || !('socket' in incoming)) return null
	const socket: unknown = incoming.socket
	if (typeof socket !== 'object' || socket === null || !('remoteAddress' in socket)) return null
	const address = socket.remoteAddress
	return typeof address === 'string' && isIP(address) !== 0 ? address : null
}
