import type { Task } from 'graphile-worker'
import { deliverEmail, PermanentEmailError, type EmailAttachment } from '#app/email/email.server'
import { asJob } from '#app/jobs/queue.server'
import { FILING_TAG } from './delivery.server'

// The clerk's copy of a filed objection (docs/decisions/052). Sent once: the
// job key is the filing, the provider's idempotency key is the filing, and a
// filing that is no longer pending is not sent again. A provider outage throws,
// so the worker retries with backoff while the page shows the filing as pending.

export type FilingEmailPayload = {
	filingId: string
	to: string
	replyTo: string
	subject: string
	chapter: string
	body: string
	proceeding: string
	caseNumber: string | null
	attachment: EmailAttachment
}

const sendObjectionFiling: Task = async (raw, helpers) => {
	const payload = raw as FilingEmailPayload
	const filing = await asJob((trx) =>
		trx.selectFrom('objection_filings').select(['delivery_status']).where('id', '=', payload.filingId).executeTakeFirst(),
	)
	if (!filing || filing.delivery_status !== 'pending') return
	try {
		const sent = await deliverEmail({
			to: payload.to,
			template: 'objection',
			props: {
				kind: 'filing',
				subject: payload.subject,
				chapter: payload.chapter,
				body: payload.body,
				proceeding: payload.proceeding,
				caseNumber: payload.caseNumber,
				replyTo: payload.replyTo,
			},
			idempotencyKey: `objection-filing:${payload.filingId}`,
			replyTo: payload.replyTo,
			attachments: [payload.attachment],
			tags: [{ name: FILING_TAG, value: payload.filingId }],
		})
		// A delivery event can arrive before this write (it names the filing by its tag): keep the later status.
		await asJob(async (trx) => {
			await trx
				.updateTable('objection_filings')
				.set({ provider_message_id: sent?.id ?? null })
				.where('id', '=', payload.filingId)
				.execute()
			await trx
				.updateTable('objection_filings')
				.set({ delivery_status: 'sent', delivery_updated_at: new Date() })
				.where('id', '=', payload.filingId)
				.where('delivery_status', '=', 'pending')
				.execute()
		})
	} catch (error) {
		if (!(error instanceof PermanentEmailError)) throw error
		helpers.logger.error(`objection filing ${payload.filingId} refused: ${error.message}`)
		await asJob((trx) =>
			trx.updateTable('objection_filings').set({ delivery_status: 'failed' }).where('id', '=', payload.filingId).execute(),
		)
	}
}

export const objectionTasks = { send_objection_filing: sendObjectionFiling }
