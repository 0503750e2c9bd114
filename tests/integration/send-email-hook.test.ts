import { randomUUID } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { expect, test } from 'vitest'
import { startWorker } from '#app/jobs/worker.server'
import { action } from '#app/routes/_auth+/hooks.send-email'

const site = process.env.SITE_URL ?? 'http://localhost:3000'

function hookRequest(payload: unknown, secret = process.env.SEND_EMAIL_HOOK_SECRET ?? '') {
	const body = JSON.stringify(payload)
	const id = `msg_${randomUUID()}`
	const timestamp = new Date()
	const signature = new Webhook(secret.replace(/^v1,/, '')).sign(id, timestamp, body)
	return new Request(new URL('/hooks/send-email', site), {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			'webhook-id': id,
			'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
			'webhook-signature': signature,
		},
		body,
	})
}

function signupPayload(email: string) {
	return {
		user: { id: randomUUID(), email },
		email_data: {
			token: '482913',
			token_hash: `pkce_${randomUUID().replaceAll('-', '')}`,
			redirect_to: new URL('/account', site).toString(),
			email_action_type: 'signup',
			site_url: 'http://127.0.0.1:54331/auth/v1',
			token_new: '',
			token_hash_new: '',
		},
	}
}

async function call(request: Request) {
	return action({ request, params: {}, context: {} })
}

test('a correctly signed signup hook answers at once and the confirmation email arrives with link and code', async () => {
	const email = `hook-${randomUUID().slice(0, 8)}@example.org`
	const response = await call(hookRequest(signupPayload(email)))
	expect(response.status).toBe(200)
	expect(await response.json()).toEqual({})
	const worker = await startWorker({ concurrency: 1 })
	try {
		let message: { Subject: string; Text: string } | undefined
		await expect
			.poll(
				async () => {
					const list = (await (await fetch(`${process.env.MAILBOX_URL}/api/v1/messages?limit=500`)).json()) as {
						messages: Array<{ ID: string; To: Array<{ Address: string }> }>
					}
					const found = list.messages.find((m) => m.To.some((to) => to.Address === email))
					if (found) message = await (await fetch(`${process.env.MAILBOX_URL}/api/v1/message/${found.ID}`)).json()
					return Boolean(message)
				},
				{ timeout: 20_000, interval: 250 },
			)
			.toBe(true)
		expect(message?.Subject).toBe('Confirm your email to finish joining Groundwork')
		expect(message?.Text).toContain('482913')
		expect(message?.Text).toMatch(/\/auth\/confirm\?token_hash=pkce_[0-9a-f]+&type=signup&next=%2Faccount/)
	} finally {
		await worker.stop()
	}
})

test('a hook call with a wrong signature is refused and queues nothing', async () => {
	const forged = hookRequest(signupPayload('forged@example.org'), `v1,whsec_${Buffer.from('not the secret').toString('base64')}`)
	const response = await call(forged)
	expect(response.status).toBe(401)
	expect(await response.json()).toEqual({ error: { http_code: 401, message: 'invalid webhook signature' } })
})

test('a hook call for an action with no email template is refused', async () => {
	const payload = signupPayload('mfa@example.org')
	payload.email_data.email_action_type = 'mfa_factor_enrolled_notification'
	const response = await call(hookRequest(payload))
	expect(response.status).toBe(400)
})
