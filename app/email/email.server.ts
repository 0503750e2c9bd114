import { render } from '@react-email/components'
import type { Transaction } from 'kysely'
import { Resend } from 'resend'
import { createAdminSupabase } from '#app/auth/supabase.server'
import { pool, type Database } from '#app/db/db.server'
import { addJob, addJobsInTransaction } from '#app/jobs/queue.server'
import type { PrivateBucket } from '#app/storage/uploads.server'
import { env } from '#app/utils/env.server'
import { emailTemplates, type EmailTemplateName, type EmailTemplateProps } from './templates.server'

export type EmailRequest<Name extends EmailTemplateName = EmailTemplateName> = {
	to: string
	template: Name
	props: EmailTemplateProps[Name]
	/** Names this one message: the same key is queued and delivered once. */
	idempotencyKey: string
	headers?: Record<string, string>
	/** Where replies go (an objection's filing goes out with the chapter's contact here). */
	replyTo?: string
	/**
	 * Files from a private Storage bucket, read by the worker when it sends, so
	 * the queued job carries a name and not the bytes.
	 */
	attachments?: EmailAttachment[]
	/**
	 * Resend tags (ASCII letters, digits, `_` and `-`), which come back with the
	 * provider's delivery events (app/email/resend-webhook.server.ts).
	 */
	tags?: Array<{ name: string; value: string }>
}

export type EmailAttachment = { filename: string; bucket: PrivateBucket; path: string; contentType: string }

/**
 * The one way Groundwork sends mail. Queues the message in Postgres and
 * returns at once; the worker renders and delivers it (deliverEmail), with
 * retries and backoff, so no request waits on the provider and an outage
 * loses nothing. Pass the transaction of the change that causes the email:
 * the email is queued if and only if the change commits. Only mail that
 * follows no change of ours (Auth's emails, through the Send Email Hook)
 * is queued on its own.
 */
export async function sendEmail<Name extends EmailTemplateName>(email: EmailRequest<Name>, options: { trx?: Transaction<Database> } = {}) {
	if (options.trx) await queueEmails(options.trx, [email])
	else await addJob('send_email', email, { jobKey: `email:${email.idempotencyKey}`, maxAttempts: 25 })
}

/**
 * Queues several emails inside `trx`, in one statement. With `runAt` they go
 * out then; queueing one again under the same key before then replaces it
 * (a digest that is rewritten as it grows).
 */
export async function queueEmails(trx: Transaction<Database>, emails: EmailRequest[], options: { runAt?: Date } = {}) {
	await addJobsInTransaction(
		trx,
		emails.map((email) => ({
			task: 'send_email',
			payload: email,
			jobKey: `email:${email.idempotencyKey}`,
			maxAttempts: 25,
			...(options.runAt ? { runAt: options.runAt } : {}),
		})),
	)
}

let resend: Resend | undefined
/** The Resend SDK, pointed at RESEND_BASE_URL when set (the local mail catcher). */
export function client() {
	resend ??= new Resend(env().RESEND_API_KEY, { baseUrl: env().RESEND_BASE_URL })
	return resend
}

let scope: Promise<string> | undefined

/**
 * Idempotency keys are built from row ids, which start again when a database
 * is recreated (`npm run db:reset`, each test run), while the provider keeps
 * keys for a day. Keys sent to the provider are prefixed with the database's
 * identity, which stays the same across restarts and changes when it is
 * recreated, so a fresh database never collides with an old one's keys.
 */
export async function providerIdempotencyKey(key: string) {
	scope ??= pool()
		.query<{ oid: string }>('select oid::text from pg_database where datname = current_database()')
		.then(({ rows }) => `db${rows[0]?.oid ?? '0'}`)
		.catch((error: unknown) => {
			scope = undefined
			throw error
		})
	return `${await scope}:${key}`
}

export class PermanentEmailError extends Error {
	override name = 'PermanentEmailError'
}

/** Renders an email to HTML and plain text, with its subject and headers. */
export async function renderEmail<Name extends EmailTemplateName>(name: Name, props: EmailTemplateProps[Name]) {
	const template = emailTemplates[name]
	const element = template.render(props)
	const [html, text] = await Promise.all([render(element), render(element, { plainText: true })])
	return { subject: template.subject(props), html, text, headers: template.headers?.(props) ?? {} }
}

/** Renders a queued email and hands it to Resend. */
export async function deliverEmail<Name extends EmailTemplateName>(email: EmailRequest<Name>) {
	const rendered = await renderEmail(email.template, email.props)
	const { data, error } = await client().emails.send(
		{
			from: env().EMAIL_FROM,
			to: email.to,
			subject: rendered.subject,
			html: rendered.html,
			text: rendered.text,
			headers: { ...rendered.headers, ...email.headers },
			...(email.replyTo ? { replyTo: email.replyTo } : {}),
			...(email.attachments?.length ? { attachments: await attachmentContents(email.attachments) } : {}),
			...(email.tags?.length ? { tags: email.tags } : {}),
		},
		{ idempotencyKey: await providerIdempotencyKey(email.idempotencyKey) },
	)
	if (error) throwProviderError(error)
	return data
}

/**
 * Reads each attachment from Storage as the service role (the worker is a
 * job: docs/decisions/039) and hands it to Resend base64-encoded, the form
 * its API takes. A file that is gone cannot come back: the email is refused
 * rather than sent without it.
 */
async function attachmentContents(attachments: EmailAttachment[]) {
	const storage = createAdminSupabase().storage
	return Promise.all(
		attachments.map(async (attachment) => {
			const { data, error } = await storage.from(attachment.bucket).download(attachment.path)
			if (error || !data) {
				const status = error && 'statusCode' in error ? String(error.statusCode) : ''
				if (status === '404' || status === '400') throw new PermanentEmailError(`attachment ${attachment.path} is missing`)
				throw new Error(`Storage failed reading ${attachment.path}: ${error?.message ?? 'no data'}`)
			}
			return {
				filename: attachment.filename,
				content: Buffer.from(await data.arrayBuffer()).toString('base64'),
				contentType: attachment.contentType,
			}
		}),
	)
}

/**
 * Resend says what kind of failure it was; only the transient kinds are worth
 * retrying. No status means the request never got an answer (network down):
 * also transient. Shared by single and batch sends.
 */
export function throwProviderError(error: { statusCode?: number | null; name: string; message: string }): never {
	const status = error.statusCode ?? 503
	const transient =
		status >= 500 || status === 429 || ['application_error', 'rate_limit_exceeded', 'concurrent_idempotent_requests'].includes(error.name)
	if (!transient) throw new PermanentEmailError(`${error.name}: ${error.message}`)
	throw new Error(`Email provider failed (${status} ${error.name}): ${error.message}`)
}
