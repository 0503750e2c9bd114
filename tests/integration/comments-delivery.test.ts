import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { confirmComment, standingOf, writeComment } from '#app/comments/comments.server'
import { getDrive, sendSignOnLetter } from '#app/comments/drives.server'
import { anon, db } from '#app/db/db.server'
import { addJob } from '#app/jobs/queue.server'
import { startWorker } from '#app/jobs/worker.server'
import { commentInput, confirmationTokenIn, createComment, createCommentWorld, createDrive } from '#tests/helpers/comment-factories'
import { armMailFault, emailsTo, headersOf, inbox, mailFaultsLeft, settle, waitForEmail } from '#tests/helpers/mailbox'

// The two email channels that carry many comments at once, through the
// worker and the local inbox: the daily packet (one email to the clerk with
// every comment confirmed since the last one) and the sign-on letter (one
// letter with its signers, the organizer who sent it as Reply-To). Each is
// sent exactly once, and a provider outage leaves it waiting, shown with the
// reason, until a retry sends it once.

let worker: Awaited<ReturnType<typeof startWorker>>
let client: pg.Client
beforeAll(async () => {
	worker = await startWorker({ concurrency: 4 })
	client = new pg.Client({ connectionString: process.env.DATABASE_URL })
	await client.connect()
})
afterAll(async () => {
	await worker.stop()
	await client.end()
})

async function clerkFor(bodyId: string, slug: string, packaging: 'individual' | 'daily') {
	const clerk = `clerk-${slug}@county.example.gov`
	await client.query(
		`insert into public.comment_channel_settings (body_id, clerk_email, clerk_name, email_packaging, source_url)
		values ($1, $2, 'Clerk to the Board', $3, 'https://county.example.gov/comments')`,
		[bodyId, clerk, packaging],
	)
	return clerk
}

function input(name: string, email: string, body: string) {
	return commentInput(email, body, { name, startedFrom: 'blank' })
}

const tokenIn = confirmationTokenIn

async function deliveries(driveId: string) {
	return db()
		.selectFrom('comment_deliveries')
		.select(['id', 'comment_id', 'kind', 'status', 'receipt', 'attempts', 'last_error'])
		.where('drive_id', '=', driveId)
		.orderBy('created_at')
		.execute()
}

test('the daily packet: one email to the clerk with every confirmed comment; an outage leaves it waiting and it goes once', async () => {
	const world = await createCommentWorld(client)
	const clerk = await clerkFor(world.bodyId, world.drive.slug, 'daily')
	const found = await getDrive(anon, world.drive.slug)
	if (!found) throw new Error('drive not found')
	const writers = [
		{ name: 'Dana', email: `dana-${world.drive.slug}@example.org`, body: 'Our well is 400 feet from the site.' },
		{ name: 'Ezra', email: `ezra-${world.drive.slug}@example.org`, body: 'The substation hum carries across the valley at night.' },
	]
	for (const writer of writers) {
		const written = await writeComment(
			anon,
			found.drive,
			input(writer.name, writer.email, writer.body),
			await standingOf(anon, found.drive, ''),
		)
		expect(written.ok).toBe(true)
		await confirmComment(anon, tokenIn((await waitForEmail(writer.email, /^Confirm your comment/)).Text))
		// The writer's copy goes at once; the clerk's waits for the packet.
		await waitForEmail(writer.email, /^Your comment to /)
	}
	const unconfirmed = `fay-${world.drive.slug}@example.org`
	await writeComment(anon, found.drive, input('Fay', unconfirmed, 'Never confirmed, never sent.'), await standingOf(anon, found.drive, ''))
	await waitForEmail(unconfirmed, /^Confirm your comment/)
	await settle(1000)
	expect(await inbox(clerk)).toHaveLength(0)
	expect((await deliveries(world.drive.id)).map((row) => [row.kind, row.status])).toEqual([
		['email_packet', 'pending'],
		['email_packet', 'pending'],
	])

	// The provider is down for the first try: the packet waits, shown with the reason, under the same key.
	await armMailFault(clerk, 1)
	await addJob('send_comment_packets', {})
	await expect.poll(async () => (await deliveries(world.drive.id)).every((row) => row.attempts === 1), { timeout: 20_000 }).toBe(true)
	const waiting = await deliveries(world.drive.id)
	expect(waiting.every((row) => row.status !== 'delivered' && row.last_error)).toBe(true)

	// The worker's retry sends it: one email, both comments, each row delivered with the same receipt.
	await expect
		.poll(async () => (await deliveries(world.drive.id)).map((row) => row.status), { timeout: 30_000 })
		.toEqual(['delivered', 'delivered'])
	expect(await mailFaultsLeft(clerk)).toBe(0)
	const [packet, ...more] = await emailsTo(clerk)
	expect(more).toHaveLength(0)
	expect(packet?.Text).toContain(writers[0]?.body)
	expect(packet?.Text).toContain(writers[1]?.body)
	expect(packet?.Text).not.toContain('Never confirmed')
	const delivered = await deliveries(world.drive.id)
	expect(new Set(delivered.map((row) => row.receipt)).size).toBe(1)
	expect(delivered.every((row) => row.last_error === null)).toBe(true)

	// The next day's run finds nothing new and sends nothing.
	await addJob('send_comment_packets', {})
	await settle(2500)
	expect(await inbox(clerk)).toHaveLength(1)
	const counts = await getDrive(anon, world.drive.slug)
	expect(counts?.counts.delivered).toBe(2)
}, 90_000)

test('a sign-on letter goes once, with its confirmed signers, the sending organizer as Reply-To, through an outage', async () => {
	const world = await createCommentWorld(client)
	const clerk = await clerkFor(world.bodyId, world.drive.slug, 'individual')
	const letter = await createDrive(client, world, world.proceeding.id, {
		signOn: true,
		template: 'We, the undersigned residents, ask the board to deny the rezoning.',
	})
	await createComment(client, letter.id, { status: 'confirmed', name: 'Nguyễn Thị Minh', email: `minh-${letter.slug}@example.org` })
	await createComment(client, letter.id, { status: 'confirmed', name: 'Amara Okafor', email: `amara-${letter.slug}@example.org` })
	await createComment(client, letter.id, { status: 'unconfirmed', name: 'Never Confirmed', email: `nc-${letter.slug}@example.org` })
	await settle(500)

	expect(await sendSignOnLetter(world.member.caller, letter.id).catch(() => 'refused')).toBe('refused')
	await armMailFault(clerk, 1)
	expect(await sendSignOnLetter(world.moderator.caller, letter.id)).toBe('sent')
	// Pressing the button again (or another organizer doing so) sends nothing more.
	expect(await sendSignOnLetter(world.organizer.caller, letter.id)).toBe('already')

	const mail = await waitForEmail(clerk, /./, 40_000)
	expect(mail.Text).toContain('We, the undersigned residents, ask the board to deny the rezoning.')
	expect(mail.Text).toContain('Nguyễn Thị Minh')
	expect(mail.Text).toContain('Amara Okafor')
	expect(mail.Text).not.toContain('Never Confirmed')
	expect(mail.Text).not.toContain(`minh-${letter.slug}@example.org`)
	expect((await headersOf(mail.ID))['Reply-To']?.[0]).toContain(world.moderator.email)
	await expect.poll(async () => (await deliveries(letter.id))[0]?.status, { timeout: 20_000 }).toBe('delivered')
	const [row] = await deliveries(letter.id)
	expect(row?.attempts).toBe(1)
	expect(row?.receipt).toBeTruthy()
	expect(await mailFaultsLeft(clerk)).toBe(0)
	await settle(2500)
	expect(await inbox(clerk)).toHaveLength(1)
	const drive = await db().selectFrom('comment_drives').select('letter_delivered_at').where('id', '=', letter.id).executeTakeFirstOrThrow()
	expect(drive.letter_delivered_at).not.toBeNull()
	expect((await getDrive(anon, letter.slug))?.counts.delivered).toBe(2)
}, 90_000)
