import type { ActionFunctionArgs } from '@remix-run/node'
import { handleResendWebhook, WebhookError } from '#app/email/resend-webhook.server'

// POST only: Resend calls this with a Svix-signed delivery event (docs/decisions/070).
export async function action({ request }: ActionFunctionArgs) {
	if (request.method !== 'POST') return Response.json({ error: 'POST only' }, { status: 405 })
	try {
		return Response.json(await handleResendWebhook(request))
	} catch (error) {
		if (error instanceof WebhookError) return Response.json({ error: error.message }, { status: error.status })
		throw error
	}
}
