import { Hono } from 'hono'
import { z } from 'zod'
import { sendEmailChange } from '../confirmations'
import { clientInfo, type AuthContext } from '../context'
import { transaction } from '../db'
import { emailExists, forbidden, unprocessable, validationFailed } from '../errors'
import { assertStrongPassword, hashPassword, passwordMatches } from '../passwords'
import { createFlowState, validatePkceParams } from '../pkce'
import { redirectTarget } from '../redirects'
import { isAdminRole, metadata, readBody, requestAudience, requireUser, text } from '../request'
import { endSessions } from '../sessions'
import { findEmailOwner, lockUser, mergeMetadata, updateUser, userJson, validateEmail } from '../users'

const updateBody = z.object({
	email: text,
	phone: text,
	password: z.string().nullish(),
	current_password: z.string().nullish(),
	nonce: text,
	data: metadata.nullish(),
	app_metadata: metadata.nullish(),
	code_challenge: text,
	code_challenge_method: text,
})

export function userRoutes(auth: AuthContext) {
	const app = new Hono()

	app.get('/user', async (c) => {
		const { user, claims } = await requireUser(auth, c)
		const audience = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud
		if (audience !== requestAudience(c)) throw validationFailed("Token audience doesn't match request audience")
		return c.json(await userJson(auth.pool, user))
	})

	/**
	 * Changes the caller's own account. A new password ends their other
	 * sessions; a new email waits for confirmation by link.
	 */
	app.put('/user', async (c) => {
		const params = await readBody(c, updateBody)
		const { user, session } = await requireUser(auth, c)
		const email = params.email === '' ? '' : validateEmail(params.email)
		if (params.phone !== '') throw unprocessable('phone_provider_disabled', 'Unsupported phone provider')
		if (params.password !== null && params.password !== undefined) assertStrongPassword(auth.config, params.password)
		if (params.app_metadata && !isAdminRole(user.role)) {
			throw forbidden('not_admin', 'Updating app_metadata requires admin privileges')
		}
		const changingEmail = email !== '' && email !== user.email
		if (changingEmail && (await findEmailOwner(auth.pool, email, user.id, requestAudience(c)))) throw emailExists()

		let encryptedPassword: string | null = null
		if (params.password !== null && params.password !== undefined) {
			if (params.password !== '' && (await passwordMatches(params.password, user.encrypted_password))) {
				throw unprocessable('same_password', 'New password should be different from the old password.')
			}
			encryptedPassword = params.password === '' ? '' : await hashPassword(params.password)
		}
		const pkceParams = { codeChallenge: params.code_challenge, codeChallengeMethod: params.code_challenge_method }
		const pkce = changingEmail && validatePkceParams(pkceParams)
		const redirectTo = redirectTarget(auth.config, c)
		const { ip } = clientInfo(c)

		const updated = await transaction(auth.pool, async (db) => {
			let current = await lockUser(db, user.id)
			if (encryptedPassword !== null) {
				// Links sent before the change were meant for whoever knew the old password.
				await db.query('delete from auth.one_time_tokens where user_id = $1', [user.id])
				current = await updateUser(db, user.id, {
					encrypted_password: encryptedPassword,
					confirmation_token: '',
					confirmation_sent_at: null,
					recovery_token: '',
					recovery_sent_at: null,
					email_change_token_current: '',
					email_change_token_new: '',
					email_change_sent_at: null,
				})
				await endSessions(db, user.id, session ? 'others' : 'global', session?.id ?? null)
			}
			if (params.data) {
				current = await updateUser(db, user.id, { raw_user_meta_data: mergeMetadata(current.raw_user_meta_data, params.data) })
			}
			if (params.app_metadata) {
				current = await updateUser(db, user.id, {
					raw_app_meta_data: mergeMetadata(current.raw_app_meta_data, params.app_metadata),
				})
			}
			if (changingEmail) {
				if (pkce) {
					await createFlowState(db, {
						...pkceParams,
						userId: user.id,
						providerType: 'email_change',
						authenticationMethod: 'email_change',
					})
				}
				current = await sendEmailChange(auth, db, current, email, { pkce, redirectTo, ip })
			}
			return current
		})
		return c.json(await userJson(auth.pool, updated))
	})

	return app
}
