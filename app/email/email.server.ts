import { randomBytes } from 'node:crypto'
import { plainTextSelectors, render } from '@react-email/components'
import { compile } from 'html-to-text'
import type { Transaction } from 'kysely'
import { RateLimiterPostgres, RateLimiterQueue } from 'rate-limiter-flexible'
import { Resend } from 'resend'
import { createAdminSupabase } from '#app/auth/supabase.server'
import { pool, type Database } from '#app/db/db.server'
import { rateLimitStore } from '#app/http/rate-limits.server'
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

/**
 * How many calls a second the provider takes: RESEND_CALLS_PER_SECOND, or
 * Resend's default for a team (5) when mail goes to Resend itself, or no
 * limit for the local mail catcher.
 */
export function providerCallsPerSecond() {
	return env().RESEND_CALLS_PER_SECOND ?? (env().RESEND_BASE_URL ? 0 : 5)
}

/**
 * Turns at the provider, `rate` calls a second, counted in the database so
 * that every process sharing it shares the one per-team limit: a call over
 * it waits, in order, for the next second.
 */
export function providerTurns(rate: number, key = 'calls') {
	const limiter = new RateLimiterPostgres({
		...rateLimitStore(),
		keyPrefix: 'email_provider',
		points: rate,
		duration: 1,
	})
	const queue = new RateLimiterQueue(limiter)
	return async () => {
		await queue.removeTokens(1, key)
	}
}

let takeTurn: (() => Promise<void>) | undefined

/**
 * Waits for a turn at the provider before each call, so a surge of
 * confirmations goes out at the rate Resend takes instead of meeting a wall
 * of 429s and the worker's growing backoff (docs/decisions/090).
 */
export async function providerTurn() {
	const rate = providerCallsPerSecond()
	if (rate <= 0) return
	takeTurn ??= providerTurns(rate)
	await takeTurn()
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

/**
 * HTML to plain text with the options `render(element, { plainText: true })`
 * uses (@react-email/render's toPlainText), compiled once: html-to-text
 * rebuilds its selector tree on every `convert()`, which cost more than the
 * conversion itself (docs/decisions/085).
 */
export const htmlToText = compile({ wordwrap: false, selectors: plainTextSelectors })

export type RenderedEmail = { subject: string; html: string; text: string; headers: Record<string, string> }

/**
 * Renders an email to HTML and plain text, with its subject and headers. The
 * template is rendered once and the text is derived from that HTML, as
 * `render(…, { plainText: true })` would derive it from a second render.
 */
export async function renderEmail<Name extends EmailTemplateName>(name: Name, props: EmailTemplateProps[Name]): Promise<RenderedEmail> {
	const template = emailTemplates[name]
	const html = await render(template.render(props))
	return { subject: template.subject(props), html, text: htmlToText(html), headers: template.headers?.(props) ?? {} }
}

// Rendering many emails of one template that differ only in a few printed
// strings (a surge of petition confirmations: the signer's name and link):
// the template is rendered once with a marker in place of each, and each
// recipient's copy is the rendered text with their values put in, escaped
// as React escapes them in HTML. See docs/decisions/085.

/** Unguessable per process, so no value a person typed can look like a marker. */
const MARKER_NONCE = randomBytes(6).toString('hex')
const marker = (index: number) => `gw${MARKER_NONCE}m${index}x`
const MARKERS = new RegExp(`gw${MARKER_NONCE}m(\\d+)x`, 'g')

/** React's escaping of text and attribute values (react-dom's escapeTextForBrowser). */
const REACT_ESCAPES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#x27;', '<': '&lt;', '>': '&gt;' }
function escapeLikeReact(value: string) {
	return value.replace(/["&'<>]/g, (c) => REACT_ESCAPES[c] ?? c)
}

/**
 * Whether html-to-text leaves a value as it is: it collapses runs of its
 * whitespace characters, and treats hrefs that start with `#` or `mailto:`
 * apart. Any other value comes out of the text as it went into the HTML.
 */
function plainInText(value: string) {
	return value !== '' && !/[\t\r\n\f\u200b]| {2}|^ | $/.test(value) && !/^(#|mailto:)/i.test(value)
}

type Split = { parts: string[]; slots: number[] }
function split(rendered: string): Split {
	const parts: string[] = []
	const slots: number[] = []
	let last = 0
	for (const match of rendered.matchAll(MARKERS)) {
		parts.push(rendered.slice(last, match.index))
		slots.push(Number(match[1]))
		last = match.index + match[0].length
	}
	parts.push(rendered.slice(last))
	return { parts, slots }
}
function join({ parts, slots }: Split, values: string[], escape: (value: string) => string) {
	let out = parts[0] ?? ''
	for (let i = 0; i < slots.length; i++) out += escape(values[slots[i] ?? 0] ?? '') + (parts[i + 1] ?? '')
	return out
}

/**
 * Renders each of `emails` (template and props), the same as renderEmail
 * would one by one. Emails whose template names its per-recipient props
 * (EmailTemplate.perRecipient), and whose other props are the same, share
 * one render; each group's first email is also rendered in full and
 * compared, and a group whose copies differ from that is rendered one by one.
 */
export async function renderEmails(emails: Array<{ template: EmailTemplateName; props: object }>): Promise<RenderedEmail[]> {
	const out: Array<RenderedEmail | undefined> = new Array(emails.length)
	const groups = new Map<string, number[]>()
	for (const [index, email] of emails.entries()) {
		const fields = emailTemplates[email.template].perRecipient as readonly string[] | undefined
		const props = email.props as Record<string, unknown>
		if (!fields || !fields.every((field) => typeof props[field] === 'string' && props[field] !== '')) continue
		const shared = Object.fromEntries(Object.entries(props).filter(([name]) => !fields.includes(name)))
		const key = `${email.template}\n${JSON.stringify(shared)}`
		const group = groups.get(key)
		if (group) group.push(index)
		else groups.set(key, [index])
	}
	for (const group of groups.values()) {
		if (group.length < 2) continue
		const first = emails[group[0] ?? 0]
		if (!first) continue
		const template = emailTemplates[first.template] as unknown as {
			perRecipient: readonly string[]
			subject: (props: object) => string
			headers?: (props: object) => Record<string, string>
		}
		const fields = template.perRecipient
		const withMarkers = { ...first.props, ...Object.fromEntries(fields.map((field, i) => [field, marker(i)])) }
		const shape = await renderEmail(first.template, withMarkers as never)
		const html = split(shape.html)
		const text = split(shape.text)
		const copies = group.map((index) => {
			const props = emails[index]?.props as Record<string, string>
			const values = fields.map((field) => props[field] ?? '')
			return {
				index,
				props,
				html: join(html, values, escapeLikeReact),
				// A value html-to-text would change (spaces, say) gets its text from its own HTML.
				text: values.every(plainInText) ? join(text, values, (value) => value) : null,
			}
		})
		// The copy whose text is filled in too, if there is one, proves both.
		const check = copies.find((copy) => copy.text !== null) ?? copies[0]
		if (!check) continue
		const full = await renderEmail(first.template, check.props as never)
		if (full.html !== check.html || (check.text !== null && full.text !== check.text)) continue
		for (const copy of copies) {
			out[copy.index] = {
				subject: template.subject(copy.props),
				html: copy.html,
				text: copy.text ?? htmlToText(copy.html),
				headers: template.headers?.(copy.props) ?? {},
			}
		}
	}
	return Promise.all(
		emails.map((email, index) => out[index] ?? renderEmail(email.template, email.props as EmailTemplateProps[EmailTemplateName])),
	)
}

/** What Resend is given for one email, rendered: the same for a single send and a batch. */
export function providerMessage(email: EmailRequest, rendered: RenderedEmail) {
	return {
		from: env().EMAIL_FROM,
		to: email.to,
		subject: rendered.subject,
		html: rendered.html,
		text: rendered.text,
		headers: { ...rendered.headers, ...email.headers },
		...(email.replyTo ? { replyTo: email.replyTo } : {}),
	}
}

/** Renders a queued email and hands it to Resend. */
export async function deliverEmail<Name extends EmailTemplateName>(email: EmailRequest<Name>) {
	const rendered = await renderEmail(email.template, email.props)
	const message = {
		...providerMessage(email, rendered),
		...(email.attachments?.length ? { attachments: await attachmentContents(email.attachments) } : {}),
		...(email.tags?.length ? { tags: email.tags } : {}),
	}
	await providerTurn()
	const { data, error } = await client().emails.send(message, { idempotencyKey: await providerIdempotencyKey(email.idempotencyKey) })
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
