import { randomUUID } from 'node:crypto'
import type { AuthContext } from './context'
import { tooManyRequests, unexpected } from './errors'
import { invokeSendEmailHook } from './hook'
import type { UserJson } from './users'

export type EmailToken = { otp: string; hash: string }

export type AuthEmail =
	| { type: 'signup' | 'magiclink' | 'recovery' | 'invite'; to: string; token: EmailToken }
	| {
			type: 'email_change'
			to: string
			newEmail: string
			/** Sent to the new address. */
			token: EmailToken
			/** Sent to the current address when both must confirm. */
			currentToken: EmailToken | null
	  }

type Delivery = { redirectTo: string; ip: string | null }

const SUBJECTS = {
	signup: 'Confirm your email address',
	magiclink: 'Your sign-in link',
	recovery: 'Reset your password',
	invite: "You've been invited",
	email_change: 'Confirm your new email address',
} satisfies Record<AuthEmail['type'], string>

/** GoTrue's per-user limit: one email of a kind per `max_frequency`. */
export function assertNotSentRecently(auth: AuthContext, sentAt: Date | null) {
	if (!sentAt) return
	const waitMs = sentAt.getTime() + auth.config.email.maxFrequency * 1000 - Date.now()
	if (waitMs > 0) {
		throw tooManyRequests(
			'over_email_send_rate_limit',
			`For security purposes, you can only request this after ${Math.floor(waitMs / 1000)} seconds.`,
		)
	}
}

/**
 * Sends an auth email through the Send Email Hook when one is configured,
 * otherwise as a plain message through the Resend-compatible mail endpoint.
 * Throws (and so rolls back the caller's transaction) when delivery fails.
 */
export async function sendAuthEmail(auth: AuthContext, delivery: Delivery, user: UserJson, email: AuthEmail) {
	// GoTrue counts project-wide sends only while confirmations are on.
	if (auth.config.email.enableConfirmations && !auth.emailSendLimiter.take()) {
		throw tooManyRequests('over_email_send_rate_limit', 'email rate limit exceeded')
	}
	const hook = auth.config.sendEmailHook
	if (hook) {
		await invokeSendEmailHook(hook, {
			metadata: { uuid: randomUUID(), time: new Date().toISOString(), name: 'send-email', ip_address: delivery.ip ?? '' },
			user,
			email_data: hookEmailData(auth, delivery, email),
		})
		return
	}
	for (const message of plainMessages(auth, email)) await deliver(auth, message)
}

function hookEmailData(auth: AuthContext, delivery: Delivery, email: AuthEmail) {
	const data = {
		token: email.token.otp,
		token_hash: email.token.hash,
		redirect_to: delivery.redirectTo,
		email_action_type: email.type,
		site_url: auth.issuer,
		token_new: '',
		token_hash_new: '',
		old_email: '',
		old_phone: '',
		provider: '',
		factor_type: '',
	}
	if (email.type === 'email_change' && email.currentToken) {
		// GoTrue's documented quirk when both addresses confirm: `token` is the
		// current address's code but `token_hash` is the new address's hash,
		// and `token_new` / `token_hash_new` hold the other halves.
		data.token = email.currentToken.otp
		data.token_new = email.token.otp
		data.token_hash_new = email.currentToken.hash
	}
	return data
}

type PlainMessage = { to: string; subject: string; link: string; otp: string; intro: string }

function plainMessages(auth: AuthContext, email: AuthEmail): PlainMessage[] {
	const link = (hash: string) => `${auth.config.siteUrl}/auth/confirm?${new URLSearchParams({ token_hash: hash, type: email.type })}`
	if (email.type !== 'email_change') {
		return [
			{
				to: email.to,
				subject: SUBJECTS[email.type],
				link: link(email.token.hash),
				otp: email.token.otp,
				intro: INTROS[email.type],
			},
		]
	}
	const messages = [
		{
			to: email.newEmail,
			subject: SUBJECTS.email_change,
			link: link(email.token.hash),
			otp: email.token.otp,
			intro: `Follow this link to confirm the change of your email from ${email.to} to ${email.newEmail}:`,
		},
	]
	if (email.currentToken) {
		messages.push({
			to: email.to,
			subject: SUBJECTS.email_change,
			link: link(email.currentToken.hash),
			otp: email.currentToken.otp,
			intro: `Follow this link to confirm the change of your email from ${email.to} to ${email.newEmail}:`,
		})
	}
	return messages
}

const INTROS = {
	signup: 'Follow this link to confirm your email address:',
	magiclink: 'Follow this link to sign in:',
	recovery: 'Follow this link to reset your password:',
	invite: 'You have been invited to create an account. Follow this link to accept the invitation:',
} satisfies Record<Exclude<AuthEmail['type'], 'email_change'>, string>

async function deliver(auth: AuthContext, message: PlainMessage) {
	const text = `${message.intro}\n\n${message.link}\n\nOr enter this code: ${message.otp}\n`
	const link = escapeHtml(message.link)
	const html = [
		`<p>${escapeHtml(message.intro)}</p>`,
		`<p><a href="${link}">${link}</a></p>`,
		`<p>Or enter this code: <strong>${escapeHtml(message.otp)}</strong></p>`,
	].join('')
	if (!auth.mailUrl) {
		auth.log(`[auth] no mail endpoint; email to ${message.to}: ${message.subject} ${message.link} (code ${message.otp})`)
		return
	}
	const response = await fetch(`${auth.mailUrl.replace(/\/$/, '')}/emails`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: 'Bearer re_local' },
		body: JSON.stringify({ from: auth.config.email.sender, to: [message.to], subject: message.subject, html, text }),
	}).catch((error: unknown) => {
		throw unexpected(`Error sending email: ${error instanceof Error ? error.message : String(error)}`)
	})
	if (!response.ok) throw unexpected(`Error sending email: mail endpoint answered ${response.status}`)
}

function escapeHtml(value: string) {
	return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;')
}
