import { randomUUID } from 'node:crypto'
import { sendConfirmation, type EmailFlow } from './confirmations'
import type { AuthContext } from './context'
import { transaction } from './db'
import { badRequest, unprocessable, validationFailed } from './errors'
import { assertStrongPassword, hashPassword } from './passwords'
import { createFlowState, validatePkceParams, type PkceParams } from './pkce'
import { startSession, type ClientInfo } from './sessions'
import { sessionJson, type SessionJson } from './tokens'
import {
	confirmEmail,
	emailIdentityData,
	findEmailOwner,
	findIdentities,
	findIdentity,
	insertIdentity,
	insertUser,
	isConfirmed,
	refreshProviders,
	serializeUser,
	updateUser,
	userJson,
	validateEmail,
	type Metadata,
	type UserJson,
	type UserRow,
} from './users'

export type SignupInput = PkceParams & {
	email: string
	password: string
	data: Metadata
	redirectTo: string
	client: ClientInfo
}

export type SignupResult = { session: SessionJson } | { user: UserJson }

/**
 * Email sign-up as GoTrue does it: a new user gets a confirmation email
 * (or, with confirmations off, a session at once); an unconfirmed one gets
 * the email again; a confirmed one gets an obfuscated stand-in so the
 * response does not reveal that the address is registered.
 */
export async function signUpWithEmail(auth: AuthContext, input: SignupInput): Promise<SignupResult> {
	if (!auth.config.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance')
	if (input.password === '') throw validationFailed('Signup requires a valid password')
	assertStrongPassword(auth.config, input.password)
	const pkce = validatePkceParams(input)
	if (!auth.config.email.enableSignup) throw badRequest('email_provider_disabled', 'Email signups are disabled')
	const email = validateEmail(input.email)

	const existing = await findEmailOwner(auth.pool, email)
	const encryptedPassword = existing ? null : await hashPassword(input.password)
	const autoconfirm = !auth.config.email.enableConfirmations
	const flow: EmailFlow = { pkce, redirectTo: input.redirectTo, ip: input.client.ip }

	const outcome = await transaction(auth.pool, async (db): Promise<{ exists: UserRow } | { user: UserRow }> => {
		if (existing && isConfirmed(existing)) return { exists: existing }
		let user: UserRow
		if (existing) {
			// Not updated: nothing proves the caller owns this address yet.
			user = existing
		} else {
			const id = randomUUID()
			user = await insertUser(db, {
				id,
				email,
				encryptedPassword,
				userMetadata: emailIdentityData({ id, email }, input.data),
				appMetadata: { provider: 'email', providers: ['email'] },
			})
		}
		if (!(await findIdentity(db, user.id, 'email'))) {
			const identity = await insertIdentity(db, user, 'email', emailIdentityData(user, input.data))
			// An unconfirmed account keeps only the identity being proven now.
			await db.query('delete from auth.identities where user_id = $1 and id <> $2', [user.id, identity.id])
			user = await updateUser(db, user.id, { raw_user_meta_data: identity.identity_data })
			user = await refreshProviders(db, user)
		}
		if (isConfirmed(user)) return { user }
		if (autoconfirm) return { user: await confirmEmail(db, user) }
		if (pkce) {
			await createFlowState(db, {
				...input,
				userId: user.id,
				providerType: 'email',
				authenticationMethod: 'email/signup',
			})
		}
		return { user: await sendConfirmation(auth, db, user, flow) }
	})

	if ('exists' in outcome) {
		if (autoconfirm) throw unprocessable('user_already_exists', 'User already registered')
		return { user: obfuscatedUser(outcome.exists, input.data) }
	}
	const { user } = outcome
	if (isConfirmed(user)) {
		return {
			session: await transaction(auth.pool, async (db) => {
				const { sessionId, refreshToken } = await startSession(db, user.id, 'password', input.client)
				return sessionJson(auth, db, user.id, sessionId, refreshToken)
			}),
		}
	}
	if (user.invited_at) {
		return { user: { ...(await userJson(auth.pool, user)), user_metadata: {}, identities: [] } }
	}
	return { user: serializeUser(user, await findIdentities(auth.pool, user.id)) }
}

/** What GoTrue answers for an address that is already registered and confirmed. */
function obfuscatedUser(user: UserRow, data: Metadata): UserJson {
	const now = new Date()
	return serializeUser(
		{
			...user,
			id: randomUUID(),
			role: '',
			email_change: '',
			created_at: now,
			updated_at: now,
			confirmation_sent_at: now,
			last_sign_in_at: null,
			confirmed_at: null,
			email_change_sent_at: null,
			email_confirmed_at: null,
			phone_confirmed_at: null,
			phone: '',
			raw_user_meta_data: data,
			raw_app_meta_data: { provider: 'email', providers: ['email'] },
		},
		[],
	)
}
