import { Hono } from 'hono'
import { z } from 'zod'
import { clientInfo, type AuthContext } from '../context'
import { transaction } from '../db'
import { AuthError, badRequest, unprocessable, validationFailed } from '../errors'
import { PKCE_PREFIX } from '../otp'
import { authenticationMethodForType, issueAuthCode } from '../pkce'
import { redirectTarget } from '../redirects'
import { readBody, text } from '../request'
import { startSession } from '../sessions'
import { sessionJson } from '../tokens'
import { validateEmail } from '../users'
import { verifyEmailToken } from '../verify'

const FIRST_OF_TWO = 'Confirmation link accepted. Please proceed to confirm link sent to the other email'

const body = z.object({
	type: text,
	token: text,
	token_hash: text,
	email: text,
	phone: text,
	redirect_to: text,
})

// GoTrue's OAuth error names for the statuses a failed link can have.
const OAUTH_ERRORS: Partial<Record<number, string>> = {
	400: 'invalid_request',
	401: 'unauthorized_client',
	403: 'access_denied',
	500: 'server_error',
	503: 'temporarily_unavailable',
}

export function verifyRoutes(auth: AuthContext) {
	const app = new Hono()

	/** A code or token hash typed or passed in by the app: answers with a session. */
	app.post('/verify', async (c) => {
		const params = await readBody(c, body)
		if (params.type === '') throw validationFailed('Verify requires a verification type')
		if ((params.token === '') === (params.token_hash === '')) {
			throw validationFailed('Verify requires either a token or a token hash')
		}
		let email = ''
		if (params.token !== '') {
			if (params.phone !== '' && params.email === '') throw badRequest('phone_provider_disabled', 'Unsupported phone provider')
			if (params.email === '' || params.phone !== '') {
				throw validationFailed('Only an email address or phone number should be provided on verify')
			}
			try {
				email = validateEmail(params.email)
			} catch {
				throw unprocessable('validation_failed', 'Invalid email format')
			}
		} else if (params.email !== '' || params.phone !== '' || params.redirect_to !== '') {
			throw validationFailed('Only the token_hash and type should be provided')
		}
		const client = clientInfo(c)
		const result = await transaction(auth.pool, async (db) => {
			const verified = await verifyEmailToken(auth, db, {
				type: params.type,
				token: params.token,
				tokenHash: params.token_hash,
				email,
			})
			if ('firstOfTwoConfirmations' in verified) return null
			const { sessionId, refreshToken } = await startSession(db, verified.user.id, 'otp', client)
			return sessionJson(auth, db, verified.user.id, sessionId, refreshToken)
		})
		return c.json(result ?? { msg: FIRST_OF_TWO, code: '200' })
	})

	/** The link in an email, opened in a browser: answers with a redirect. */
	app.get('/verify', async (c) => {
		const type = c.req.query('type') ?? ''
		const token = c.req.query('token') ?? ''
		if (type === '') throw validationFailed('Verify requires a verification type')
		if (token === '') throw validationFailed('Verify requires a token or a token hash')
		const redirectTo = redirectTarget(auth.config, c)
		const pkce = token.startsWith(PKCE_PREFIX)
		const method = pkce ? authenticationMethodForType(type) : null
		if (pkce && !method) throw validationFailed(`unsupported authentication method ${type}`)
		const client = clientInfo(c)
		try {
			const destination = await transaction(auth.pool, async (db) => {
				const verified = await verifyEmailToken(auth, db, { type, token: '', tokenHash: token, email: '' })
				if ('firstOfTwoConfirmations' in verified) return withMessage(redirectTo, FIRST_OF_TWO, pkce)
				if (method) {
					const code = await issueAuthCode(db, verified.user.id, method)
					if (!code) {
						throw badRequest('flow_state_not_found', 'No associated flow state found. No valid flow state found for user.')
					}
					const url = new URL(redirectTo)
					url.searchParams.set('code', code)
					return url.toString()
				}
				const { sessionId, refreshToken } = await startSession(db, verified.user.id, 'otp', client)
				const session = await sessionJson(auth, db, verified.user.id, sessionId, refreshToken)
				return `${redirectTo}#${encodeSorted({
					access_token: session.access_token,
					expires_at: String(session.expires_at),
					expires_in: String(session.expires_in),
					refresh_token: session.refresh_token,
					sb: '',
					token_type: session.token_type,
					type: verified.type,
				})}`
			})
			return c.redirect(destination, 303)
		} catch (error) {
			if (!(error instanceof AuthError)) throw error
			return c.redirect(withError(redirectTo, error, pkce), 303)
		}
	})

	return app
}

/** Go's url.Values.Encode: keys in order. */
function encodeSorted(values: Record<string, string>) {
	return new URLSearchParams(Object.entries(values).sort(([a], [b]) => a.localeCompare(b))).toString()
}

/** Errors go in the fragment, and for PKCE flows in the query as well. */
function withError(redirectTo: string, error: AuthError, pkce: boolean) {
	const url = new URL(redirectTo)
	const details: Record<string, string> = { error_code: error.code, error_description: error.message }
	const name = OAUTH_ERRORS[error.status]
	if (name) details.error = name
	if (pkce) for (const [key, value] of Object.entries(details)) url.searchParams.set(key, value)
	url.hash = encodeSorted({ ...details, sb: '' })
	return url.toString()
}

function withMessage(redirectTo: string, message: string, pkce: boolean) {
	const url = new URL(redirectTo)
	if (pkce) url.searchParams.set('message', message)
	url.hash = encodeSorted({ message, sb: '' })
	return url.toString()
}
