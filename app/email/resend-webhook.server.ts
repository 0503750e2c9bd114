import { z } from 'zod'
import { asCaller, serviceRole } from '#app/db/db.server'
import { applyFilingDelivery } from '#app/objections/delivery.server'
import { env } from '#app/utils/env.server'
import { client } from './email.server'

// Resend's delivery events (docs/decisions/070). Resend signs each webhook with
// Svix (svix-id, svix-timestamp, svix-signature over the raw body, with the
// endpoint's `whsec_` secret); the SDK's `webhooks.verify` checks the signature
// and the timestamp (five minutes either way), so a forged or replayed event is
// refused before anything is read. Events the app does not follow are accepted
// and ignored, so Resend does not retry them.

export class WebhookError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message)
	}
}

const EMAIL_EVENTS = [
	'email.sent',
	'email.delivered',
	'email.delivery_delayed',
	'email.bounced',
	'email.complained',
	'email.failed',
	'email.suppressed',
] as const

const eventSchema = z.object({
	type: z.string(),
	created_at: z.string(),
	data: z
		.object({
			email_id: z.string().max(200).optional(),
			created_at: z.string().optional(),
			tags: z.union([z.record(z.string(), z.string()), z.array(z.object({ name: z.string(), value: z.string() }))]).optional(),
			bounce: z.object({ message: z.string().optional(), type: z.string().optional(), subType: z.string().optional() }).optional(),
			failed: z.object({ reason: z.string().optional() }).optional(),
			suppressed: z.object({ message: z.string().optional(), type: z.string().optional() }).optional(),
		})
		.passthrough(),
})

export type DeliveryEvent = {
	type: (typeof EMAIL_EVENTS)[number]
	emailId: string
	occurredAt: Date
	tags: Record<string, string>
	detail: string | null
}

function tagsOf(tags: z.infer<typeof eventSchema>['data']['tags']) {
	if (!tags) return {}
	return Array.isArray(tags) ? Object.fromEntries(tags.map((tag) => [tag.name, tag.value])) : tags
}

function detailOf(data: z.infer<typeof eventSchema>['data']) {
	const bounce = data.bounce ? [data.bounce.type, data.bounce.subType, data.bounce.message].filter(Boolean).join(': ') : ''
	const text = bounce || data.failed?.reason || data.suppressed?.message || ''
	return text ? text.slice(0, 1000) : null
}

/** Verifies a webhook request and returns the delivery event it carries, or null for an event the app does not follow. */
export async function verifiedDeliveryEvent(request: Request, secret = env().RESEND_WEBHOOK_SECRET): Promise<DeliveryEvent | null> {
	if (!secret) throw new WebhookError(503, 'RESEND_WEBHOOK_SECRET is not set on the app server')
	const payload = await request.text()
	const id = request.headers.get('svix-id')
	const timestamp = request.headers.get('svix-timestamp')
	const signature = request.headers.get('svix-signature')
	if (!id || !timestamp || !signature) throw new WebhookError(401, 'missing Svix signature headers')
	let verified: unknown
	try {
		verified = client().webhooks.verify({ payload, headers: { id, timestamp, signature }, webhookSecret: secret })
	} catch {
		throw new WebhookError(401, 'invalid webhook signature')
	}
	const parsed = eventSchema.safeParse(verified)
	if (!parsed.success) throw new WebhookError(400, 'unexpected payload')
	const type = EMAIL_EVENTS.find((candidate) => candidate === parsed.data.type)
	const emailId = parsed.data.data.email_id
	if (!type || !emailId) return null
	const occurredAt = new Date(parsed.data.created_at)
	return {
		type,
		emailId,
		occurredAt: Number.isNaN(occurredAt.getTime()) ? new Date() : occurredAt,
		tags: tagsOf(parsed.data.data.tags),
		detail: detailOf(parsed.data.data),
	}
}

/** Handles one webhook request: verifies it and applies the event to what it names. */
export async function handleResendWebhook(request: Request) {
	const event = await verifiedDeliveryEvent(request)
	if (!event) return { applied: false }
	const applied = await asCaller(serviceRole, (trx) => applyFilingDelivery(trx, event))
	return { applied }
}
