import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { confirmComment, measure, reportByToken, reviewReport, standingOf, writeComment } from '#app/comments/comments.server'
import { getDrive } from '#app/comments/drives.server'
import { commentPacket } from '#app/comments/packet.server'
import { anon, db } from '#app/db/db.server'
import { startWorker } from '#app/jobs/worker.server'
import { commentInput, confirmationTokenIn, createCommentWorld, type CommentWorld } from '#tests/helpers/comment-factories'
import { emailsTo, headersOf, inbox, settle, waitForEmail } from '#tests/helpers/mailbox'
import { pdfText } from '#tests/helpers/pdf'

// A comment from its writer to the clerk: written with no account, confirmed
// by the emailed link, delivered once with the writer as Reply-To and a copy
// to them; a second comment from the same person replaces the first; a
// report from the copy's link holds it until an organizer reviews it.

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

async function emailDriveWorld() {
	const world = await createCommentWorld(client)
	const clerk = `clerk-${world.drive.slug}@county.example.gov`
	await client.query(
		`insert into public.comment_channel_settings (body_id, clerk_email, clerk_name, email_packaging, source_url)
		values ($1, $2, 'Clerk to the Board', 'individual', 'https://county.example.gov/comments')`,
		[world.bodyId, clerk],
	)
	return { world, clerk }
}

async function drive(world: CommentWorld) {
	const found = await getDrive(anon, world.drive.slug)
	if (!found) throw new Error('drive not found')
	return found.drive
}

function input(email: string, body: string) {
	return commentInput(email, body)
}

const tokenIn = confirmationTokenIn

async function deliveryOf(commentId: string) {
	return db().selectFrom('comment_deliveries').select(['status', 'receipt', 'kind']).where('comment_id', '=', commentId).execute()
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeout = 20_000) {
	const until = Date.now() + timeout
	for (;;) {
		const value = await read()
		if (done(value) || Date.now() > until) return value
		await new Promise((resolve) => setTimeout(resolve, 250))
	}
}

test('a confirmed comment reaches the clerk once, with the writer as Reply-To, and the writer gets a copy', async () => {
	const { world, clerk } = await emailDriveWorld()
	const found = await drive(world)
	const email = `dana-${world.drive.slug}@example.org`
	const body = 'Our well is 400 feet from the site and the creek floods every spring.'
	const written = await writeComment(anon, found, input(email, body), await standingOf(anon, found, ''))
	expect(written.ok).toBe(true)
	const confirmation = await waitForEmail(email, /^Confirm your comment/)
	// Nothing goes to the clerk before the writer confirms.
	await settle(1500)
	expect(
		(
			await waitFor(
				() => deliveryOf(written.ok ? written.commentId : ''),
				() => false,
				10,
			)
		).length,
	).toBe(0)

	const token = tokenIn(confirmation.Text)
	expect((await confirmComment(anon, token))?.outcome).toBe('confirmed')
	const toClerk = await waitForEmail(clerk, /^Public comment on .* from Dana/)
	expect(toClerk.Text).toContain(body)
	expect(toClerk.Text).toContain(`confirmed from ${email}`)
	expect((await headersOf(toClerk.ID))['Reply-To']?.[0]).toContain(email)
	const copy = await waitForEmail(email, /^Your comment to /)
	expect(copy.Text).toContain(body)
	expect(copy.Text).toMatch(/\/comments\/mine\?token=.*#report/)

	const commentId = written.ok ? written.commentId : ''
	const [delivery] = await waitFor(
		() => deliveryOf(commentId),
		(rows) => rows[0]?.status === 'delivered',
	)
	expect(delivery?.status).toBe('delivered')
	expect(delivery?.receipt).toBeTruthy()
	// Opening the link again changes nothing and sends nothing more.
	expect((await confirmComment(anon, token))?.outcome).toBe('confirmed')
	await settle(1500)
	expect((await inbox(clerk)).length).toBe(1)
	const record = await db().selectFrom('comment_changes').select('kind').where('comment_id', '=', commentId).orderBy('id').execute()
	expect(record.map((row) => row.kind)).toEqual(['written', 'confirmed', 'delivered'])
})

test('the meter rises as the writer adds their own words, and a copy of another comment is flagged, not lost', async () => {
	const { world } = await emailDriveWorld()
	const found = await drive(world)
	const template = found.template
	const asIs = await measure(anon, found.id, template)
	const own = await measure(
		anon,
		found.id,
		`${template} My daughter has asthma and the diesel generators would run forty yards from her bedroom window on Mill Road.`,
	)
	expect(asIs.ownWords).toBeLessThan(0.05)
	expect(own.ownWords).toBeGreaterThan(asIs.ownWords + 0.2)

	const text = 'The data center would drain the aquifer our farm depends on, and nobody has studied the wells on Route 9.'
	const first = await writeComment(anon, found, input(`a-${world.drive.slug}@example.org`, text), await standingOf(anon, found, ''))
	const second = await writeComment(anon, found, input(`b-${world.drive.slug}@example.org`, `${text}!`), await standingOf(anon, found, ''))
	expect(first.ok && second.ok).toBe(true)
	const rows = await db()
		.selectFrom('comments')
		.select(['id', 'near_duplicate', 'nearest_comment_id'])
		.where('drive_id', '=', found.id)
		.execute()
	const flagged = rows.find((row) => second.ok && row.id === second.commentId)
	expect(flagged?.near_duplicate).toBe(true)
	expect(flagged?.nearest_comment_id).toBe(first.ok ? first.commentId : null)
	expect(rows.length).toBe(2)
})

test('a second comment from the same person replaces the first once confirmed, if the first has not gone out', async () => {
	const world = await createCommentWorld(client)
	const found = await drive(world)
	const email = `twice-${world.drive.slug}@example.org`
	const first = await writeComment(anon, found, input(email, 'First thoughts about the noise.'), await standingOf(anon, found, ''))
	await confirmComment(anon, tokenIn((await waitForEmail(email, /^Confirm your comment/)).Text))
	const second = await writeComment(
		anon,
		found,
		input(email.toUpperCase(), 'Better: the noise study ignores our valley.'),
		await standingOf(anon, found, ''),
	)
	const again = await waitFor(
		() => emailsTo(email),
		(mails) => mails.filter((mail) => /^Confirm your comment/.test(mail.Subject)).length === 2,
	)
	const newest = again.find((mail) => /replaces it/.test(mail.Text))
	expect(newest).toBeTruthy()
	await confirmComment(anon, tokenIn(newest?.Text ?? ''))
	const statuses = await db().selectFrom('comments').select(['id', 'status']).where('drive_id', '=', found.id).execute()
	const byId = Object.fromEntries(statuses.map((row) => [row.id, row.status]))
	expect([byId[first.ok ? first.commentId : ''], byId[second.ok ? second.commentId : '']]).toEqual(['withdrawn', 'confirmed'])
})

test('a report from the copy’s link holds the comment from delivery until an organizer decides', async () => {
	const world = await createCommentWorld(client)
	const found = await drive(world)
	const email = `held-${world.drive.slug}@example.org`
	const written = await writeComment(anon, found, input(email, 'Someone else wrote this in my name.'), await standingOf(anon, found, ''))
	const token = tokenIn((await waitForEmail(email, /^Confirm your comment/)).Text)
	expect(await reportByToken(anon, token, 'Dana', 'I never wrote this')).toBe(true)
	expect((await confirmComment(anon, token))?.outcome).toBe('held')
	const report = await db().selectFrom('comment_reports').select('id').where('drive_id', '=', found.id).executeTakeFirstOrThrow()
	expect(await reviewReport(world.member.caller, report.id, true, '')).toBe('not_found')
	expect(await reviewReport(world.organizer.caller, report.id, true, 'confirmed with the resident')).toBe('reviewed')
	const after = await db()
		.selectFrom('comments')
		.select('status')
		.where('id', '=', written.ok ? written.commentId : '')
		.executeTakeFirstOrThrow()
	expect(after.status).toBe('removed')
	expect(await deliveryOf(written.ok ? written.commentId : '')).toEqual([])
})

test('comments after the deadline, over the limit or anonymous where the body refuses them are refused with the reason', async () => {
	const world = await createCommentWorld(client)
	await client.query(`update public.comment_drives set max_chars = 200 where id = $1`, [world.drive.id])
	const found = await drive(world)
	const standing = await standingOf(anon, found, '')
	expect(await writeComment(anon, found, input('long@example.org', 'x'.repeat(201)), standing)).toEqual({ ok: false, reason: 'too_long' })
	expect(await writeComment(anon, found, { ...input('anon@example.org', 'short'), anonymous: 'on' }, standing)).toEqual({
		ok: false,
		reason: 'anonymous',
	})
	await client.query(`update public.comment_drives set deadline = now() - interval '1 minute' where id = $1`, [world.drive.id])
	expect(await writeComment(anon, found, input('late@example.org', 'too late'), standing)).toEqual({ ok: false, reason: 'closed' })
})

test('the printed packet has a cover sheet with the counts and every confirmed comment, for the drive’s organizers only', async () => {
	const world = await createCommentWorld(client)
	const found = await drive(world)
	const email = `packet-${world.drive.slug}@example.org`
	const written = await writeComment(
		anon,
		found,
		{ ...input(email, 'Nguyễn Thị Minh: the substation hum keeps my children awake.'), postalCode: '' },
		await standingOf(anon, found, ''),
	)
	expect(written.ok).toBe(true)
	await writeComment(
		anon,
		found,
		input(`unconfirmed-${world.drive.slug}@example.org`, 'Never confirmed, never printed.'),
		await standingOf(anon, found, ''),
	)
	await confirmComment(anon, tokenIn((await waitForEmail(email, /^Confirm your comment/)).Text))
	expect(await commentPacket(world.member.caller, world.drive.slug)).toBeNull()
	expect(await commentPacket(world.otherOrganizer.caller, world.drive.slug)).toBeNull()
	const packet = await commentPacket(world.organizer.caller, world.drive.slug)
	const text = await pdfText(packet?.pdf ?? Buffer.alloc(0))
	expect(text).toContain('Public comments: Tell the board')
	expect(text).toMatch(/1 confirmed comment: 1 in the writer’s own words/)
	expect(text).toContain('Nguyễn Thị Minh: the substation hum keeps my children awake.')
	expect(text).not.toContain('Never confirmed')
	expect(text).not.toContain(email)
})
