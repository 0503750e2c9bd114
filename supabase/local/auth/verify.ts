import type { AuthContext } from './context'
import type { Db } from './db'
import { emailExists, forbidden, validationFailed } from './errors'
import { clearOneTimeTokens, findOneTimeToken, isOtpExpired, PKCE_PREFIX, tokenHash, type OneTimeTokenType } from './otp'
import { hashPassword, randomPassword } from './passwords'
import {
	confirmEmail,
	findEmailOwner,
	findIdentities,
	findIdentity,
	findUserByEmail,
	findUserById,
	insertIdentity,
	isBanned,
	isConfirmed,
	lockUser,
	refreshProviders,
	updateIdentityData,
	updateUser,
	type UserRow,
} from './users'

export type VerifyType = 'signup' | 'invite' | 'magiclink' | 'recovery' | 'email_change' | 'email'

/** One of: a token hash from a link, or a code with the address it was sent to. */
export type Verification = { type: string; tokenHash: string; token: string; email: string }

export type Verified =
	| { user: UserRow; type: Exclude<VerifyType, 'email'> }
	/** With double_confirm_changes, the first of the two email-change links. */
	| { firstOfTwoConfirmations: true }

const LINK_EXPIRED = 'Email link is invalid or has expired'
const CODE_EXPIRED = 'Token has expired or is invalid'

const TOKEN_TYPES: Record<VerifyType, OneTimeTokenType[]> = {
	email: ['confirmation_token', 'recovery_token'],
	signup: ['confirmation_token'],
	invite: ['confirmation_token'],
	magiclink: ['recovery_token'],
	recovery: ['recovery_token'],
	email_change: ['email_change_token_current', 'email_change_token_new'],
}

function isVerifyType(type: string): type is VerifyType {
	return Object.hasOwn(TOKEN_TYPES, type)
}

/** Checks an email token and applies what it confirms. Runs inside the caller's transaction. */
export async function verifyEmailToken(auth: AuthContext, db: Db, verification: Verification): Promise<Verified> {
	const { user, type } =
		verification.tokenHash !== '' ? await userFromTokenHash(auth, db, verification) : await userFromCode(auth, db, verification)
	switch (type) {
		case 'signup':
		case 'invite':
			return { user: await refreshProviders(db, await confirmSignup(auth, db, user)), type }
		case 'recovery':
		case 'magiclink':
			return { user: await refreshProviders(db, await confirmRecovery(db, user)), type }
		case 'email_change': {
			const changed = await confirmEmailChange(auth, db, user, verification)
			if (!changed) return { firstOfTwoConfirmations: true }
			return { user: await refreshProviders(db, changed), type }
		}
	}
}

async function userFromTokenHash(auth: AuthContext, db: Db, verification: Verification) {
	const { tokenHash: hash } = verification
	if (!isVerifyType(verification.type)) throw validationFailed('Invalid email verification type')
	const token = await findOneTimeToken(db, hash, TOKEN_TYPES[verification.type])
	const user = token ? await findUserById(db, token.user_id) : null
	if (!user) throw forbidden('otp_expired', LINK_EXPIRED)
	if (isBanned(user)) throw forbidden('user_banned', 'User is banned')
	let type: Exclude<VerifyType, 'email'>
	let sentAt: Date | null
	switch (verification.type) {
		case 'email':
			type = user.recovery_token === hash ? 'magiclink' : 'signup'
			sentAt = type === 'magiclink' ? user.recovery_sent_at : user.confirmation_sent_at
			break
		case 'signup':
		case 'invite':
			type = verification.type
			sentAt = user.confirmation_sent_at
			break
		case 'recovery':
		case 'magiclink':
			type = verification.type
			sentAt = user.recovery_sent_at
			break
		case 'email_change':
			type = verification.type
			sentAt = user.email_change_sent_at
			break
	}
	if (isOtpExpired(sentAt, auth.config.email.otpExpiry)) throw forbidden('otp_expired', LINK_EXPIRED)
	return { user, type }
}

async function userFromCode(auth: AuthContext, db: Db, verification: Verification) {
	if (!isVerifyType(verification.type)) throw validationFailed('Invalid email verification type')
	const hash = tokenHash(verification.email, verification.token)
	const expiry = auth.config.email.otpExpiry
	const matches = (expected: string | null, sentAt: Date | null) =>
		!!expected && !isOtpExpired(sentAt, expiry) && (expected === hash || expected === PKCE_PREFIX + hash)

	const found =
		verification.type === 'email_change' ? await userChangingEmail(auth, db, hash) : await findUserByEmail(db, verification.email)
	if (!found) throw forbidden('otp_expired', CODE_EXPIRED)
	// Locked and read afresh, so a code used twice at once is honoured once.
	const user = await lockUser(db, found.id)
	if (isBanned(user)) throw forbidden('user_banned', 'User is banned')

	let type: Exclude<VerifyType, 'email'> | null = null
	switch (verification.type) {
		case 'email':
			if (matches(user.confirmation_token, user.confirmation_sent_at)) type = 'signup'
			else if (matches(user.recovery_token, user.recovery_sent_at)) type = 'magiclink'
			break
		case 'signup':
		case 'invite':
			if (matches(user.confirmation_token, user.confirmation_sent_at)) type = verification.type
			break
		case 'recovery':
		case 'magiclink':
			if (matches(user.recovery_token, user.recovery_sent_at)) type = verification.type
			break
		case 'email_change':
			if (
				matches(user.email_change_token_current, user.email_change_sent_at) ||
				matches(user.email_change_token_new, user.email_change_sent_at)
			) {
				type = 'email_change'
			}
			break
	}
	if (!type) throw forbidden('otp_expired', CODE_EXPIRED)
	return { user, type }
}

/** The user an email-change code was sent to, on either address. */
async function userChangingEmail(auth: AuthContext, db: Db, hash: string) {
	const types: OneTimeTokenType[] = auth.config.email.doubleConfirmChanges
		? ['email_change_token_current', 'email_change_token_new']
		: ['email_change_token_new']
	const token = (await findOneTimeToken(db, hash, types)) ?? (await findOneTimeToken(db, PKCE_PREFIX + hash, types))
	return token ? findUserById(db, token.user_id) : null
}

async function confirmSignup(auth: AuthContext, db: Db, user: UserRow) {
	let confirmed = user
	if (!user.encrypted_password && user.invited_at) {
		// An invited user has no password yet; the app asks them to set one.
		confirmed = await updateUser(db, user.id, { encrypted_password: await hashPassword(randomPassword(auth.config)) })
	}
	confirmed = await confirmEmail(db, confirmed)
	for (const identity of await findIdentities(db, user.id)) {
		if (identity.email && identity.email === confirmed.email) {
			await updateIdentityData(db, identity, { email_verified: true })
		}
	}
	return confirmed
}

async function confirmRecovery(db: Db, user: UserRow) {
	await clearOneTimeTokens(db, user.id)
	const recovered = await updateUser(db, user.id, { recovery_token: '' })
	return isConfirmed(recovered) ? recovered : confirmEmail(db, recovered)
}

/** Returns null while the other address has still to confirm. */
async function confirmEmailChange(auth: AuthContext, db: Db, user: UserRow, verification: Verification) {
	const needsBoth =
		auth.config.email.enableConfirmations &&
		auth.config.email.doubleConfirmChanges &&
		user.email_change_confirm_status === 0 &&
		!!user.email
	if (needsBoth) {
		const hash = verification.tokenHash || tokenHash(verification.email, verification.token)
		const candidates = [hash, PKCE_PREFIX + hash]
		if (user.email_change_token_current && candidates.includes(user.email_change_token_current)) {
			await clearOneTimeTokens(db, user.id, 'email_change_token_current')
			await updateUser(db, user.id, { email_change_confirm_status: 1, email_change_token_current: '' })
		} else {
			await clearOneTimeTokens(db, user.id, 'email_change_token_new')
			await updateUser(db, user.id, { email_change_confirm_status: 1, email_change_token_new: '' })
		}
		return null
	}

	const newEmail = user.email_change ?? ''
	if (newEmail === '') throw forbidden('otp_expired', LINK_EXPIRED)
	// Someone may have taken the address since the link was sent.
	if (await findEmailOwner(db, newEmail, user.id)) throw emailExists()
	const identity = await findIdentity(db, user.id, 'email')
	if (identity) {
		await updateIdentityData(db, identity, { email: newEmail, email_verified: true })
	} else {
		await insertIdentity(db, user, 'email', { sub: user.id, email: newEmail, email_verified: true, phone_verified: false })
	}
	await clearOneTimeTokens(db, user.id)
	const changed = await updateUser(db, user.id, {
		email: newEmail,
		email_change: '',
		email_change_token_current: '',
		email_change_token_new: '',
		email_change_confirm_status: 0,
	})
	return isConfirmed(changed) ? changed : confirmEmail(db, changed)
}
