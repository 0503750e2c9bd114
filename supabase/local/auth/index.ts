import { Hono } from 'hono'
import type pg from 'pg'
import type { LocalKeys } from '../keys'
import type { AuthConfig, SendEmailHook } from './config'
import { rateLimiter, type AuthContext } from './context'
import { API_VERSION, errorResponse } from './errors'
import { adminRoutes } from './routes/admin'
import { logoutRoutes } from './routes/logout'
import { otpRoutes } from './routes/otp'
import { recoverRoutes } from './routes/recover'
import { signupRoutes } from './routes/signup'
import { tokenRoutes } from './routes/token'
import { userRoutes } from './routes/user'
import { verifyRoutes } from './routes/verify'
import { wellKnownRoutes } from './routes/well-known'

export { type AuthConfig, loadAuthConfig, parseAuthConfig } from './config'
export { requireApiKey } from './gateway'

export type AuthAppOptions = {
	/** A superuser connection to the database. */
	pool: pg.Pool
	keys: LocalKeys
	config: AuthConfig
	/** The API's public address, e.g. http://127.0.0.1:54321; Auth lives under /auth/v1. */
	apiUrl: string
	/** A Resend-compatible endpoint for auth mail when no Send Email Hook is configured. */
	mailUrl?: string
	/** Overrides [auth.hook.send_email], e.g. to point it at a test's receiver. */
	sendEmailHook?: SendEmailHook
	log?: (line: string) => void
}

/**
 * A stand-in for Supabase Auth (GoTrue) over the auth schema of the local
 * database, speaking the HTTP API supabase-js uses. Its routes are relative
 * to /auth/v1; mount it with `app.route('/auth/v1', createAuthApp(...))`.
 */
export function createAuthApp(options: AuthAppOptions): Hono {
	const config: AuthConfig = options.sendEmailHook ? { ...options.config, sendEmailHook: options.sendEmailHook } : options.config
	const auth: AuthContext = {
		pool: options.pool,
		keys: options.keys,
		config,
		issuer: `${options.apiUrl.replace(/\/$/, '')}/auth/v1`,
		mailUrl: options.mailUrl,
		emailSendLimiter: rateLimiter(config.rateLimit.emailSent, 3600),
		log: options.log ?? ((line) => console.log(line)),
	}

	const app = new Hono()
	app.onError((error, c) => errorResponse(c, error))
	app.use(async (c, next) => {
		await next()
		c.header('X-Supabase-Api-Version', API_VERSION)
	})
	for (const routes of [
		signupRoutes,
		tokenRoutes,
		otpRoutes,
		verifyRoutes,
		userRoutes,
		logoutRoutes,
		recoverRoutes,
		adminRoutes,
		wellKnownRoutes,
	]) {
		app.route('/', routes(auth))
	}
	return app
}
