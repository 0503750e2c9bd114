import { Hono } from 'hono'
import { z } from 'zod'
import { clientInfo, type AuthContext } from '../context'
import { badRequest, unprocessable } from '../errors'
import { redirectTarget } from '../redirects'
import { metadata, readBody, text } from '../request'
import { signUpWithEmail } from '../signup'

const body = z.object({
	email: text,
	phone: text,
	password: text,
	data: metadata.nullish(),
	code_challenge: text,
	code_challenge_method: text,
})

export function signupRoutes(auth: AuthContext) {
	const app = new Hono()

	app.post('/signup', async (c) => {
		const params = await readBody(c, body)
		if (params.email === '' && params.phone === '') {
			// Anonymous sign-ins are not part of the local stand-in.
			throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled')
		}
		if (params.email !== '' && params.phone !== '') {
			throw badRequest('validation_failed', 'Only an email address or phone number should be provided on signup.')
		}
		if (params.phone !== '') throw badRequest('phone_provider_disabled', 'Phone signups are disabled')
		const result = await signUpWithEmail(auth, {
			email: params.email,
			password: params.password,
			data: params.data ?? {},
			codeChallenge: params.code_challenge,
			codeChallengeMethod: params.code_challenge_method,
			redirectTo: redirectTarget(auth.config, c),
			client: clientInfo(c),
		})
		return c.json('session' in result ? result.session : result.user)
	})

	return app
}
