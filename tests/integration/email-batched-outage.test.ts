import { randomUUID } from 'node:crypto'
import { expect, test } from 'vitest'
import { db } from '#app/db/db.server'
import { BATCH_SIZE, queueEmailsBatched } from '#app/email/batch.server'
import type { EmailRequest } from '#app/email/email.server'
import { startWorker } from '#app/jobs/worker.server'
import { armMailFault, mailFaultsLeft } from '#tests/helpers/mailbox'

// Issue 14: confirmation emails go out up to 100 to a call of the provider's
// batch endpoint (queueEmailsBatched). Through an outage they are delayed,
// never lost, never sent twice; queuing the same emails again sends nothing more.

const mailbox = () => process.env.MAILBOX_URL ?? ''

type Summary = { To: Array<{ Address: string }>; Subject: string }

async function messagesTo(addresses: Set<string>) {
	const response = await fetch(`${mailbox()}/api/v1/messages?limit=1000`)
	const { messages } = (await response.json()) as { messages: Summary[] }
	return messages.filter((m) => m.To.some((to) => addresses.has(to.Address)))
}

test('emails queued in batches of 100 survive a provider outage: each delivered exactly once', async () => {
	const run = randomUUID().slice(0, 8)
	const addresses = Array.from({ length: BATCH_SIZE + 30 }, (_, i) => `batched-${run}-${i}@example.org`)
	const emails: EmailRequest[] = addresses.map((to) => ({
		to,
		template: 'auth',
		props: { action: 'magiclink', email: to, code: '123456' },
		idempotencyKey: `batched-${run}-${to}`,
	}))
	// The first three calls carrying the first address fail.
	await armMailFault(addresses[0] ?? '', 3)

	const jobs = await db()
		.transaction()
		.execute((trx) => queueEmailsBatched(trx, emails))
	expect(jobs).toBe(2)
	// The same emails queued again (a retried pass): the same jobs, nothing sent twice.
	await db()
		.transaction()
		.execute((trx) => queueEmailsBatched(trx, emails))

	const worker = await startWorker({ concurrency: 2 })
	try {
		const wanted = new Set(addresses)
		await expect
			.poll(async () => new Set((await messagesTo(wanted)).map((m) => m.To[0]?.Address)).size, { timeout: 60_000, interval: 500 })
			.toBe(addresses.length)
		await new Promise((resolve) => setTimeout(resolve, 1500))
		expect(await messagesTo(wanted)).toHaveLength(addresses.length)
		expect(await mailFaultsLeft(addresses[0] ?? '')).toBe(0)
	} finally {
		await worker.stop()
	}
}, 90_000)
