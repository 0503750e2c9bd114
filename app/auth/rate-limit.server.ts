import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'
import { pool } from '#app/db/db.server'

const WINDOW_S = 15 * 60

declare global {
	var __groundworkSignInLimiters: { ip: RateLimiterPostgres; email: RateLimiterPostgres } | undefined
}

function limiters() {
	const common = {
		storeClient: pool(),
		storeType: 'pool',
		schemaName: 'private',
		tableName: 'rate_limits',
		tableCreated: true,
		clearExpiredByTimeout: false,
		duration: WINDOW_S,
	}
	globalThis.__groundworkSignInLimiters ??= {
		// A household or an office shares an address: generous per IP, strict per account.
		ip: new RateLimiterPostgres({ ...common, keyPrefix: 'signin_ip', points: 50 }),
		email: new RateLimiterPostgres({ ...common, keyPrefix: 'signin_email', points: 10 }),
	}
	return globalThis.__groundworkSignInLimiters
}

/**
 * Counts one sign-in attempt against the caller's IP address and the email
 * address tried. When either is over its limit, says how long to wait.
 */
export async function takeSignInAttempt(
	ip: string,
	email: string,
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
	const { ip: byIp, email: byEmail } = limiters()
	try {
		await Promise.all([byIp.consume(ip), byEmail.consume(email.toLowerCase())])
		return { allowed: true }
	} catch (rejection) {
		if (rejection instanceof RateLimiterRes) {
			return { allowed: false, retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) }
		}
		throw rejection
	}
}

/** The client's address: from the production server's context, else the proxy header. */
export function clientIp(request: Request, context: { clientIp?: string }) {
	return context.clientIp ?? request.headers.get('X-Forwarded-For')?.split(',')[0]?.trim() ?? 'unknown'
}
