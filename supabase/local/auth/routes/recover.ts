import { Hono } from 'hono'
import { z } from 'zod'
import { sendRecovery } from '../confirmations'
import { clientInfo, type AuthContext } from '../context'
import { transaction } from '../db'
import { validationFailed } from '../errors'
import { createFlowState, validatePkceParams } from '../pkce'
import { redirectTarget } from '../redirects'
import { readBody, requestAudience, text } from '../request'
import { findUserByEmail, validateEmail } from '../users'

const body = z.object({ email: text, code_challenge: text, code_challenge_method: text })

export function recoverRoutes(auth: AuthContext) {
	const app = new Hono()

	/** Answers the same whether or not the address has an account. */
	app.post('/recover', async (c) => {
		const params = await readBody(c, body)
		if (params.email === '') throw validationFailed('Password recovery requires an email')
		const email = validateEmail(params.email)
		const pkceParams = { codeChallenge: params.code_challenge, codeChallengeMethod: params.code_challenge_method }
		const pkce = validatePkceParams(pkceParams)
		const user = await findUserByEmail(auth.pool, email, requestAudience(c))
		if (!user) return c.json({})
		const redirectTo = redirectTarget(auth.config, c)
		const { ip } = clientInfo(c)
		await transaction(auth.pool, async (db) => {
			if (pkce) {
				await createFlowState(db, {
					...pkceParams,
					userId: user.id,
					providerType: 'recovery',
					authenticationMethod: 'recovery',
				})
			}
			await sendRecovery(auth, db, user, 'recovery', { pkce, redirectTo, ip })
		})
		return c.json({})
	})

	return app
}
