import type { AuthContext } from './context'
import type { Db } from './db'
import { assertNotSentRecently, sendAuthEmail } from './mail'
import { createOneTimeToken, generateOtp, tokenHash, withFlowPrefix } from './otp'
import { findIdentities, lockUser, serializeUser, updateUser, userJson, type UserRow } from './users'

/** Where the email's link leads back to, and who asked. */
export type EmailFlow = { pkce: boolean; redirectTo: string; ip: string | null }

function newToken(auth: AuthContext, address: string, pkce: boolean) {
	const otp = generateOtp(auth.config.email.otpLength)
	return { otp, hash: withFlowPrefix(tokenHash(address, otp), pkce) }
}

/** Emails a signup confirmation and records its token. Runs inside the caller's transaction. */
export async function sendConfirmation(auth: AuthContext, db: Db, recipient: UserRow, flow: EmailFlow) {
	const user = await lockUser(db, recipient.id)
	assertNotSentRecently(auth, user.confirmation_sent_at)
	const email = user.email ?? ''
	const token = newToken(auth, email, flow.pkce)
	await sendAuthEmail(auth, flow, await userJson(db, user), { type: 'signup', to: email, token })
	await createOneTimeToken(db, user.id, 'confirmation_token', token.hash, email)
	return updateUser(db, user.id, { confirmation_token: token.hash, confirmation_sent_at: new Date() })
}

/**
 * Emails a magic link or a password reset. Both use the recovery token and
 * its timer, so one cannot be used to get around the other's rate limit.
 */
export async function sendRecovery(auth: AuthContext, db: Db, recipient: UserRow, type: 'recovery' | 'magiclink', flow: EmailFlow) {
	const user = await lockUser(db, recipient.id)
	assertNotSentRecently(auth, user.recovery_sent_at)
	const email = user.email ?? ''
	const token = newToken(auth, email, flow.pkce)
	await sendAuthEmail(auth, flow, await userJson(db, user), { type, to: email, token })
	await createOneTimeToken(db, user.id, 'recovery_token', token.hash, email)
	return updateUser(db, user.id, { recovery_token: token.hash, recovery_sent_at: new Date() })
}

/**
 * Emails the new address (and, with double_confirm_changes, the current one
 * too) to confirm a change of email.
 */
export async function sendEmailChange(auth: AuthContext, db: Db, recipient: UserRow, newEmail: string, flow: EmailFlow) {
	// Locked and read afresh, so two requests at once cannot both pass the rate limit.
	const user = await lockUser(db, recipient.id)
	assertNotSentRecently(auth, user.email_change_sent_at)
	const email = user.email ?? ''
	const token = newToken(auth, newEmail, flow.pkce)
	const currentToken = auth.config.email.doubleConfirmChanges && email !== '' ? newToken(auth, email, flow.pkce) : null
	const pending = serializeUser({ ...user, email_change: newEmail }, await findIdentities(db, user.id))
	await sendAuthEmail(auth, flow, pending, { type: 'email_change', to: email, newEmail, token, currentToken })
	if (currentToken) await createOneTimeToken(db, user.id, 'email_change_token_current', currentToken.hash, email)
	await createOneTimeToken(db, user.id, 'email_change_token_new', token.hash, newEmail)
	return updateUser(db, user.id, {
		email_change: newEmail,
		email_change_token_new: token.hash,
		email_change_token_current: currentToken?.hash ?? '',
		email_change_confirm_status: 0,
		email_change_sent_at: new Date(),
	})
}
