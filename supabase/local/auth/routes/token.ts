import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { clientInfo, type AuthContext } from '../context'
import { transaction } from '../db'
import { AuthError, badRequest, notFound, unprocessable, validationFailed } from '../errors'
import { passwordMatches, passwordWeakness } from '../passwords'
import { codeVerifierMatches, deleteFlowState, findFlowStateByAuthCode, isFlowStateExpired, type AuthenticationMethod } from '../pkce'
import { readBody, requestAudience, text } from '../request'
import {
	activeRefreshToken,
	findRefreshTokenForUpdate,
	findSession,
	isWellFormedRefreshToken,
	markRefreshed,
	revokeSessionTokens,
	startSession,
	swapRefreshToken,
} from '../sessions'
import { sessionJson } from '../tokens'
import { findUserByEmail, findUserById, isBanned, isConfirmed } from '../users'

const INVALID_LOGIN = 'Invalid login credentials'

export function tokenRoutes(auth: AuthContext) {
	const app = new Hono()

	app.post('/token', async (c) => {
		switch (c.req.query('grant_type')) {
			case 'password':
				return c.json(await passwordGrant(auth, c))
			case 'refresh_token':
				return c.json(await refreshTokenGrant(auth, c))
			case 'pkce':
				return c.json(await pkceGrant(auth, c))
			default:
				throw badRequest('invalid_credentials', 'unsupported_grant_type')
		}
	})

	return app
}

const passwordBody = z.object({ email: text, phone: text, password: text })

async function passwordGrant(auth: AuthContext, c: Context) {
	const params = await readBody(c, passwordBody)
	if (params.email !== '' && params.phone !== '') {
		throw validationFailed('Only an email address or phone number should be provided on login.')
	}
	if (params.phone !== '') throw unprocessable('phone_provider_disabled', 'Phone logins are disabled')
	if (params.email === '') throw validationFailed('missing email or phone')
	if (!auth.config.email.enableSignup) throw unprocessable('email_provider_disabled', 'Email logins are disabled')

	const user = await findUserByEmail(auth.pool, params.email, requestAudience(c))
	if (!user?.encrypted_password) throw badRequest('invalid_credentials', INVALID_LOGIN)
	if (isBanned(user)) throw badRequest('user_banned', 'User is banned')
	if (!(await passwordMatches(params.password, user.encrypted_password))) {
		throw badRequest('invalid_credentials', INVALID_LOGIN)
	}
	// Checked only after the password, so it does not reveal who has an account.
	if (!isConfirmed(user)) throw badRequest('email_not_confirmed', 'Email not confirmed')

	const session = await transaction(auth.pool, async (db) => {
		const { sessionId, refreshToken } = await startSession(db, user.id, 'password', clientInfo(c))
		return sessionJson(auth, db, user.id, sessionId, refreshToken)
	})
	// A password that met the rules when it was set may not meet today's.
	const weakness = passwordWeakness(auth.config, params.password)
	return weakness ? { ...session, weak_password: weakness } : session
}

const refreshBody = z.object({ refresh_token: text })

/**
 * Single-use refresh tokens: each use revokes the token and issues its
 * child. Replaying a revoked token is forgiven when it is the parent of the
 * session's live token (the client lost the response) or within the reuse
 * interval; otherwise it ends every token in the session.
 */
async function refreshTokenGrant(auth: AuthContext, c: Context) {
	const { refresh_token: presented } = await readBody(c, refreshBody)
	if (presented === '') throw badRequest('invalid_request', 'refresh_token required')
	if (!isWellFormedRefreshToken(presented)) throw validationFailed('Refresh token is not valid')
	const client = clientInfo(c)

	const outcome = await transaction(auth.pool, async (db) => {
		const token = await findRefreshTokenForUpdate(db, presented)
		if (!token) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found')
		const user = await findUserById(db, token.user_id)
		if (!user) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found')
		if (isBanned(user)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned')
		const session = token.session_id ? await findSession(db, token.session_id) : null
		if (!session) throw badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found')
		if (session.not_after && session.not_after.getTime() < Date.now()) {
			throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired')
		}

		let issued: string | null = null
		if (token.revoked) {
			const active = await activeRefreshToken(db, session.id)
			if (active && active.parent === token.token) {
				issued = active.token
			} else if (Date.now() > token.updated_at.getTime() + auth.config.refreshTokenReuseInterval * 1000) {
				if (auth.config.enableRefreshTokenRotation) await revokeSessionTokens(db, session.id)
				// Commit the revocation, then report the reuse.
				return { reused: true as const }
			}
		}
		issued ??= await swapRefreshToken(db, token, session.id)
		await markRefreshed(db, session.id, client)
		return { session: await sessionJson(auth, db, user.id, session.id, issued) }
	})
	if ('reused' in outcome) throw badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used')
	return outcome.session
}

const pkceBody = z.object({ auth_code: text, code_verifier: text })

async function pkceGrant(auth: AuthContext, c: Context) {
	const params = await readBody(c, pkceBody)
	if (params.auth_code === '' || params.code_verifier === '') {
		throw validationFailed('invalid request: both auth code and code verifier should be non-empty')
	}
	const flow = await findFlowStateByAuthCode(auth.pool, params.auth_code)
	if (!flow?.user_id) throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found')
	if (isFlowStateExpired(flow, auth.config.flowStateExpiry)) {
		throw unprocessable('flow_state_expired', 'invalid flow state, flow state has expired')
	}
	const userId = flow.user_id
	if (!(await findUserById(auth.pool, userId))) {
		throw notFound('user_not_found', 'User not found')
	}
	if (!codeVerifierMatches(flow, params.code_verifier)) {
		throw badRequest('bad_code_verifier', 'code challenge does not match previously saved code verifier')
	}
	return transaction(auth.pool, async (db) => {
		const method = toAuthenticationMethod(flow.authentication_method)
		const { sessionId, refreshToken } = await startSession(db, userId, method, clientInfo(c))
		await deleteFlowState(db, flow.id)
		return sessionJson(auth, db, userId, sessionId, refreshToken)
	})
}

function toAuthenticationMethod(value: string): AuthenticationMethod {
	switch (value) {
		case 'password':
		case 'otp':
		case 'magiclink':
		case 'email/signup':
		case 'recovery':
		case 'invite':
		case 'email_change':
			return value
		default:
			throw new AuthError(500, 'unexpected_failure', `unsupported authentication method ${value}`)
	}
}
