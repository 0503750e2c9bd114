import { sql, type Transaction } from 'kysely'
import type { Database } from '#app/db/db.server'
import type { DeliveryEvent } from '#app/email/resend-webhook.server'

// What the provider later says about the clerk's copy of a filing
// (docs/decisions/070). The filing email carries the tag `objection_filing`
// with the filing's id, so an event finds its filing even when it arrives
// before the job has stored the message id. Events come more than once and out
// of order; a status only moves forward (a late "delayed" never hides
// "delivered"; a complaint after delivery is kept), and a filing recorded by
// hand is never touched.

export const FILING_TAG = 'objection_filing'

const RANK = { pending: 0, sent: 1, delivery_delayed: 2, delivered: 3, failed: 4, bounced: 4, complained: 5 } as const
type ProviderStatus = Exclude<keyof typeof RANK, 'pending'>

const STATUS_OF: Partial<Record<DeliveryEvent['type'], ProviderStatus>> = {
	'email.sent': 'sent',
	'email.delivery_delayed': 'delivery_delayed',
	'email.delivered': 'delivered',
	'email.bounced': 'bounced',
	'email.complained': 'complained',
	'email.failed': 'failed',
	'email.suppressed': 'failed',
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Applies one provider event to the filing it names; returns whether a filing's status changed. */
export async function applyFilingDelivery(trx: Transaction<Database>, event: DeliveryEvent) {
	const status = STATUS_OF[event.type]
	const filingId = event.tags[FILING_TAG]
	if (!status || !filingId || !UUID.test(filingId)) return false
	const earlier = (Object.keys(RANK) as Array<keyof typeof RANK>).filter((candidate) => RANK[candidate] < RANK[status])
	const updated = await trx
		.updateTable('objection_filings')
		.set({
			delivery_status: status,
			delivery_updated_at: event.occurredAt,
			delivery_detail: event.detail,
			provider_message_id: sql<string>`coalesce(provider_message_id, ${event.emailId})`,
			...(status === 'delivered' ? { delivered_at: event.occurredAt } : {}),
		})
		.where('id', '=', filingId)
		.where('method', '=', 'email')
		.where('delivery_status', 'in', earlier)
		.executeTakeFirst()
	return Number(updated.numUpdatedRows) > 0
}
