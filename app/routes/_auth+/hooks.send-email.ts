import type { ActionFunctionArgs } from '@remix-run/node'
import { handleSendEmailHook, HookError } from '#app/auth/send-email-hook.server'

// POST only: Supabase Auth calls this with a signed payload for each auth email.
export async function action({ request }: ActionFunctionArgs) {
	if (request.method !== 'POST') return Response.json({ error: { http_code: 405, message: 'POST only' } }, { status: 405 })
	try {
		await handleSendEmailHook(request)
		return Response.json({})
	} catch (error) {
		if (error instanceof HookError) {
			return Response.json({ error: { http_code: error.status, message: error.message } }, { status: error.status })
		}
		throw error
	}
}
