import { createHash } from 'node:crypto'
import type { Task } from 'graphile-worker'
import type { Transaction } from 'kysely'
import type { Database } from '#app/db/db.server'
import { addJobsInTransaction, type QueuedJob } from '#app/jobs/queue.server'
import { env } from '#app/utils/env.server'
import {
	client,
	PermanentEmailError,
	providerIdempotencyKey,
	providerMessage,
	providerTurn,
	renderEmail,
	renderEmails,
	throwProviderError,
	type EmailRequest,
	type RenderedEmail,
} from './email.server'
import type { EmailTemplateName, EmailTemplateProps } from './templates.server'

// Mail to many people at once (a chapter's update, an event's reminder):
// one job per 100 recipients, each sent with one call to Resend's batch
// endpoint. The template is rendered once per batch with placeholders for
// what differs between recipients (their unsubscribe and manage links),
// which are filled in per message. See docs/decisions/012.

/** Resend's batch endpoint takes at most 100 emails per call. */
export const BATCH_SIZE = 100

/** A placeholder a template receives in place of a per-recipient value (a URL). */
export function slot(name: string) {
	return `__GW_${name}__`
}

export type BatchRecipient = {
	to: string
	/** Values for the template's slots: URLs, the same in HTML, text and headers. */
	fill: Record<string, string>
}

export type EmailBatch<Name extends EmailTemplateName = EmailTemplateName> = {
	template: Name
	/** The template's props, with slot(…) where a recipient's own value goes. */
	props: EmailTemplateProps[Name]
	recipients: BatchRecipient[]
	/** Names this batch: queued and delivered once. */
	idempotencyKey: string
	/** Where replies go (the person who wrote the message), the same for every recipient. */
	replyTo?: string
}

const SLOT = /__GW_([A-Za-z]+)__/g

function escapeHtml(text: string) {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Renders the batch's template once and sends every recipient's copy in one call. */
export async function deliverEmailBatch(batch: EmailBatch) {
	if (batch.recipients.length === 0) return null
	if (batch.recipients.length > BATCH_SIZE) throw new Error(`A batch holds at most ${BATCH_SIZE} emails`)
	const rendered = await renderEmail(batch.template, batch.props)
	const fill = (text: string, values: Record<string, string>, escape: boolean) =>
		text.replace(SLOT, (match, name: string) => {
			const value = values[name]
			if (value === undefined) return match
			return escape ? escapeHtml(value) : value
		})
	const emails = batch.recipients.map((recipient) => ({
		from: env().EMAIL_FROM,
		to: recipient.to,
		subject: fill(rendered.subject, recipient.fill, false),
		html: fill(rendered.html, recipient.fill, true),
		text: fill(rendered.text, recipient.fill, false),
		headers: Object.fromEntries(Object.entries(rendered.headers).map(([name, value]) => [name, fill(value, recipient.fill, false)])),
		...(batch.replyTo ? { replyTo: batch.replyTo } : {}),
	}))
	await providerTurn()
	const { data, error } = await client().batch.send(emails, { idempotencyKey: await providerIdempotencyKey(batch.idempotencyKey) })
	if (error) throwProviderError(error)
	return data
}

/**
 * Queues the batches for everyone in `recipients` inside the caller's
 * transaction, with graphile-worker's add_jobs: the batches exist if and
 * only if the transaction that chose the recipients commits. `key` names
 * the mailing (e.g. `update:<id>`); batch n is `<key>:<n>` for Resend's
 * idempotency and the job's key, so queuing the same mailing twice sends it once.
 */
export async function queueEmailBatches<Name extends EmailTemplateName>(
	trx: Transaction<Database>,
	mailing: { template: Name; props: EmailTemplateProps[Name]; recipients: BatchRecipient[]; key: string; replyTo?: string },
) {
	const specs: QueuedJob[] = []
	for (let start = 0, n = 0; start < mailing.recipients.length; start += BATCH_SIZE, n++) {
		const batch: EmailBatch<Name> = {
			template: mailing.template,
			props: mailing.props,
			recipients: mailing.recipients.slice(start, start + BATCH_SIZE),
			idempotencyKey: `${mailing.key}:${n}`,
			...(mailing.replyTo ? { replyTo: mailing.replyTo } : {}),
		}
		specs.push({ task: 'send_email_batch', payload: batch, jobKey: `email-batch:${mailing.key}:${n}`, maxAttempts: 25 })
	}
	await addJobsInTransaction(trx, specs)
	return specs.length
}

/**
 * Queues many different emails (each its own template, props and key) inside
 * the caller's transaction as jobs of up to BATCH_SIZE, each sent with one
 * call to Resend's batch endpoint: a surge of confirmations drains at 100 a
 * call instead of one (issue 14). A job's emails are fixed when it is queued,
 * so its key for the provider is the same on every retry and the batch is
 * delivered once.
 */
export async function queueEmailsBatched(trx: Transaction<Database>, emails: EmailRequest[]) {
	const specs: QueuedJob[] = []
	for (let start = 0; start < emails.length; start += BATCH_SIZE) {
		const chunk = emails.slice(start, start + BATCH_SIZE)
		const idempotencyKey = `emails:${createHash('sha256')
			.update(chunk.map((email) => email.idempotencyKey).join('\n'))
			.digest('base64url')}`
		const payload: EmailList = { emails: chunk, idempotencyKey }
		specs.push({ task: 'send_emails', payload, jobKey: idempotencyKey, maxAttempts: 25 })
	}
	await addJobsInTransaction(trx, specs)
	return specs.length
}

export type EmailList = { emails: EmailRequest[]; idempotencyKey: string }

/** Renders each email of the list and sends them all in one call. */
export async function deliverEmailList(list: EmailList) {
	if (list.emails.length === 0) return null
	if (list.emails.length > BATCH_SIZE) throw new Error(`A batch holds at most ${BATCH_SIZE} emails`)
	// A surge's confirmations for one petition share one render (renderEmails).
	const rendered = await renderEmails(list.emails)
	const emails = list.emails.map((email, index) => providerMessage(email, rendered[index] as RenderedEmail))
	await providerTurn()
	const { data, error } = await client().batch.send(emails, { idempotencyKey: await providerIdempotencyKey(list.idempotencyKey) })
	if (error) throwProviderError(error)
	return data
}

/** The worker task: a batch the provider refuses outright is logged and dropped, as single emails are. */
export const batchTasks: Record<string, Task> = {
	async send_emails(payload, helpers) {
		const list = payload as EmailList
		try {
			await deliverEmailList(list)
		} catch (error) {
			if (!(error instanceof PermanentEmailError)) throw error
			// The provider refuses a whole batch for one bad message, and sends none of it: each goes
			// on as its own job, so the others still go and only the bad one is refused.
			helpers.logger.error(`email list ${list.idempotencyKey} refused, sending one by one: ${error.message}`)
			// A repeat of this (a crash just here) queues the same job keys, and each email's own key keeps the provider from sending it twice.
			if (list.emails.length > 1) {
				for (const email of list.emails) {
					await helpers.addJob('send_email', email, { jobKey: `email:${email.idempotencyKey}`, maxAttempts: 25 })
				}
			}
		}
	},
	async send_email_batch(payload, helpers) {
		const batch = payload as EmailBatch
		try {
			await deliverEmailBatch(batch)
		} catch (error) {
			if (error instanceof PermanentEmailError) {
				helpers.logger.error(`email batch ${batch.idempotencyKey} refused: ${error.message}`)
				return
			}
			throw error
		}
	},
}
