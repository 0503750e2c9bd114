import { randomUUID } from 'node:crypto'
import { expect, test } from 'vitest'
import { sendEmail } from '#app/email/email.server'
import { startWorker } from '#app/jobs/worker.server'
import { armMailFault, mailFaultsLeft } from '#tests/helpers/mailbox'

const mailbox = () => process.env.MAILBOX_URL ?? ''

type Summary = { ID: string; To: Array<{ Address: string }>; Subject: string }

async function messagesTo(addresses: Set<string>) {
	const response = await fetch(`${mailbox()}/api/v1/messages?limit=1000`)
	const { messages } = (await response.json()) as { messages: Summary[] }
	return messages.filter((m) => m.To.some((to) => addresses.has(to.Address)))
}

test('an email provider outage delays mail but loses none and sends none twice', async () => {
	const run = randomUUID().slice(0, 8)
	const addresses = Array.from({ length: 25 }, (_, i) => `outage-${run}-${i}@example.org`)
	// 20 sends fail as if Resend were down: the first to each of 20 addresses. (Faults armed for these
	// addresses only: other test files send mail alongside this one.)
	const failing = addresses.slice(0, 20)
	for (const to of failing) await armMailFault(to, 1)

	for (const to of addresses) {
		await sendEmail({
			to,
			template: 'auth',
			props: {
				action: 'magiclink',
				email: to,
				code: '123456',
				confirmUrl: 'http://127.0.0.1:3100/auth/confirm?token_hash=x&type=magiclink',
			},
			idempotencyKey: `outage-${run}-${to}`,
		})
	}
	// Queuing the same message again (a retried request) must not send it twice.
	await sendEmail({
		to: addresses[0] ?? '',
		template: 'auth',
		props: { action: 'magiclink', email: addresses[0] ?? '', code: '123456' },
		idempotencyKey: `outage-${run}-${addresses[0]}`,
	})

	const worker = await startWorker({ concurrency: 5 })
	try {
		const wanted = new Set(addresses)
		await expect
			.poll(async () => new Set((await messagesTo(wanted)).map((m) => m.To[0]?.Address)).size, { timeout: 60_000, interval: 500 })
			.toBe(addresses.length)
		// Let any stray retry land before counting duplicates.
		await new Promise((resolve) => setTimeout(resolve, 1500))
		const received = await messagesTo(wanted)
		expect(received).toHaveLength(addresses.length)
		// Every armed failure was really spent on a send, so the retries are what delivered.
		for (const to of failing) expect(await mailFaultsLeft(to)).toBe(0)
	} finally {
		await worker.stop()
	}
}, 90_000)
