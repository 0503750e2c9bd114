import { Webhook } from 'standardwebhooks'
import { z } from 'zod'
import { sendEmail } from '#app/email/email.server'
import { env } from '#app/utils/env.server'
import { pathOnSite } from '#app/utils/redirect'
import { authEmailActions, type AuthEmailAction } from '#emails/auth-email'

const payloadSchema = z.object({
	user: z.object({ id: z.string(), email: z.string(), new_email: z.string().optional() }),
	email_data: z.object({
		token: z.string().default(''),
		token_hash: z.string().default(''),
		redirect_to: z.string().default(''),
		email_action_type: z.string(),
		token_new: z.string().default(''),
		token_hash_new: z.string().default(''),
	}),
})

export class HookError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message)
	}
}

/**
 * Supabase Auth's Send Email Hook: verify the Standard Webhooks signature,
 * then queue the email(s) for the action. Returns at once; the worker sends.
 */
export async function handleSendEmailHook(request: Request) {
	const secret = env().SEND_EMAIL_HOOK_SECRET
	if (!secret) throw new HookError(500, 'SEND_EMAIL_HOOK_SECRET is not set on the app server')
	const body = await request.text()
	let verified: unknown
	try {
		verified = new Webhook(secret.replace(/^v1,/, '')).verify(body, Object.fromEntries(request.headers))
	} catch {
		throw new HookError(401, 'invalid webhook signature')
	}
	const parsed = payloadSchema.safeParse(verified)
	if (!parsed.success) throw new HookError(400, 'unexpected payload')
	const { user, email_data: data } = parsed.data
	const action = authEmailActions.find((a) => a === data.email_action_type)
	if (!action) throw new HookError(400, `no email for action ${data.email_action_type}`)
	const webhookId = request.headers.get('webhook-id') ?? `${user.id}:${data.token_hash}`
	const next = pathOnSite(data.redirect_to, env().SITE_URL)

	const messages: Array<{ to: string; tokenHash: string; code: string }> = []
	if (action === 'email_change') {
		// Secure email change: a code for the current address and one for the new.
		if (data.token_hash) messages.push({ to: user.email, tokenHash: data.token_hash, code: data.token })
		if (data.token_hash_new && user.new_email) {
			messages.push({ to: user.new_email, tokenHash: data.token_hash_new, code: data.token_new })
		}
	} else {
		messages.push({ to: user.email, tokenHash: data.token_hash, code: data.token })
	}
	for (const message of messages) {
		await sendEmail({
			to: message.to,
			template: 'auth',
			props: {
				action,
				email: action === 'email_change' ? (user.new_email ?? message.to) : message.to,
				code: message.code,
				confirmUrl: action === 'reauthentication' ? undefined : confirmUrl(action, message.tokenHash, next),
			},
			idempotencyKey: `auth:${webhookId}:${message.to}`,
		})
	}
}

function confirmUrl(action: AuthEmailAction, tokenHash: string, next: string | null) {
	const url = new URL('/auth/confirm', env().SITE_URL)
	url.searchParams.set('token_hash', tokenHash)
	url.searchParams.set('type', action)
	if (next && next !== '/') url.searchParams.set('next', next)
	return url.toString()
}
