import { Hono } from 'hono'
import { z } from 'zod'
import { sendRecovery } from '../confirmations'
import { clientInfo, type AuthContext } from '../context'
import { transaction } from '../db'
import { badRequest, unprocessable, validationFailed } from '../errors'
import { randomPassword } from '../passwords'
import { createFlowState, validatePkceParams } from '../pkce'
import { redirectTarget } from '../redirects'
import { metadata, readBody, text } from '../request'
import { signUpWithEmail } from '../signup'
import { findUserByEmail, isConfirmed, validateEmail } from '../users'

const body = z.object({
	email: text,
	phone: text,
	data: metadata.nullish(),
	create_user: z.boolean().nullish(),
	channel: text,
	code_challenge: text,
	code_challenge_method: text,
})

export function otpRoutes(auth: AuthContext) {
	const app = new Hono()

	/**
	 * Passwordless sign-in. An unknown or unconfirmed address is signed up
	 * (and gets a `signup` email); a confirmed one gets a `magiclink` email.
	 */
	app.post('/otp', async (c) => {
		const params = await readBody(c, body)
		if (params.email !== '' && params.phone !== '') {
			throw validationFailed('Only an email address or phone number should be provided')
		}
		if (params.email !== '' && params.channel !== '') {
			throw validationFailed('Channel should only be specified with Phone OTP')
		}
		const pkceParams = { codeChallenge: params.code_challenge, codeChallengeMethod: params.code_challenge_method }
		const pkce = validatePkceParams(pkceParams)
		if (params.create_user === false && params.email !== '') {
			if (!(await findUserByEmail(auth.pool, validateEmail(params.email)))) {
				throw unprocessable('otp_disabled', 'Signups not allowed for otp')
			}
		}
		if (params.phone !== '') throw badRequest('phone_provider_disabled', 'Unsupported phone provider')
		if (params.email === '') throw validationFailed('One of email or phone must be set')
		if (!auth.config.email.enableSignup) throw unprocessable('email_provider_disabled', 'Email logins are disabled')

		const email = validateEmail(params.email)
		const redirectTo = redirectTarget(auth.config, c)
		const client = clientInfo(c)
		let user = await findUserByEmail(auth.pool, email)
		if (!user || !isConfirmed(user)) {
			const signup = await signUpWithEmail(auth, {
				email,
				password: randomPassword(auth.config),
				data: params.data ?? {},
				...pkceParams,
				redirectTo,
				client,
			})
			// With confirmations off the account is now confirmed: send the magic link.
			if (!('session' in signup)) return c.json({})
			user = await findUserByEmail(auth.pool, email)
			if (!user) return c.json({})
		}
		const confirmedUser = user
		await transaction(auth.pool, async (db) => {
			if (pkce) {
				await createFlowState(db, {
					...pkceParams,
					userId: confirmedUser.id,
					providerType: 'magiclink',
					authenticationMethod: 'magiclink',
				})
			}
			await sendRecovery(auth, db, confirmedUser, 'magiclink', { pkce, redirectTo, ip: client.ip })
		})
		return c.json({})
	})

	return app
}
