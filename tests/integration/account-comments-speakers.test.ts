import { sql } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { driveCounts } from '#app/comments/drives.server'
import { asCaller, db } from '#app/db/db.server'
import { startWorker } from '#app/jobs/worker.server'
import { action as deleteAccountAction } from '#app/routes/account+/delete'
import { loader as exportLoader } from '#app/routes/account+/export'
import { setPlaces, signUpToSpeak } from '#app/speakers/speakers.server'
import { newAccount, type Account } from '#tests/helpers/accounts'
import { createComment, createCommentWorld, createDelivery, createDrive } from '#tests/helpers/comment-factories'
import { committed, createUser } from '#tests/helpers/factories'
import { waitForEmail } from '#tests/helpers/mailbox'
import { withClient } from '#tests/helpers/petition-flow'
import { onlyRow } from '#tests/helpers/rls'
import { getPage, postForm, signIn } from '#tests/helpers/session'

// Deleting an account and "download my data" for public comments and
// speakers' lists (docs/decisions/073): found by account and by the verified
// address; comments the body received stay as filed without the person's
// addresses, the rest are erased; a place to speak is given up the way any
// cancellation is, so the first person waiting moves up and is emailed.

let worker: Awaited<ReturnType<typeof startWorker>>
beforeAll(async () => {
	worker = await startWorker({ concurrency: 2 })
})
afterAll(async () => {
	await worker.stop()
})

async function downloadMyData(account: Account) {
	const response = await exportLoader({ request: getPage('/account/export', await signIn(account)), params: {}, context: {} })
	expect(response.status).toBe(200)
	return (await response.json()) as Record<string, Array<Record<string, unknown>>>
}

async function deleteThroughPage(account: Account) {
	const cookie = await signIn(account)
	const result = await deleteAccountAction({ request: postForm('/account/delete', cookie, { confirm: 'DELETE' }), params: {}, context: {} })
	expect(result instanceof Response ? result.headers.get('Location') : result).toBe('/?deleted=1')
}

async function commentsOf(driveIds: string[]) {
	return db()
		.selectFrom('comments')
		.select(['id', 'name', 'email', 'address', 'postal_code', 'body', 'status', 'confirmed_email', 'erased_at'])
		.where('drive_id', 'in', driveIds)
		.execute()
}

test('comments and places to speak: in the download, then erased or kept as filed, with the waitlist moving up', async () => {
	const person = await newAccount('commenter', 'Rosa Commenter')
	const setup = await withClient(async (client) => {
		const world = await createCommentWorld(client)
		const drive = world.drive.id
		const delivered = await createComment(client, drive, {
			status: 'confirmed',
			email: person.email,
			name: 'Rosa',
			body: 'Filed and received.',
		})
		const sent = await createDelivery(client, drive, delivered.id)
		await client.query(`update public.comment_deliveries set status = 'delivered', delivered_at = now(), receipt = 'msg-1' where id = $1`, [
			sent.id,
		])
		const unconfirmedDrive = await createDrive(client, world, world.proceeding.id)
		const unconfirmed = await createComment(client, unconfirmedDrive.id, { status: 'unconfirmed', email: person.email })
		const otherDrive = await createDrive(client, world, world.proceeding.id)
		const waiting = await createComment(client, otherDrive.id, {
			status: 'confirmed',
			email: person.email.toUpperCase(),
			body: 'Still waiting.',
		})
		await createDelivery(client, otherDrive.id, waiting.id)
		const someoneElse = await createComment(client, drive, { status: 'confirmed', name: 'Sam Other' })
		// A sign-on letter delivered with their signature on it.
		const letter = await createDrive(client, world, world.proceeding.id, { signOn: true, template: 'We ask the board to deny it.' })
		const signed = await createComment(client, letter.id, { status: 'confirmed', email: person.email, name: 'Rosa Commenter' })
		await client.query(
			`insert into public.comment_deliveries (drive_id, kind, status, receipt, delivered_at, item_count, created_at)
			values ($1, 'sign_on_letter', 'delivered', 'letter-1', now(), 1, now() + interval '1 second')`,
			[letter.id],
		)
		await client.query(
			`insert into public.comment_reports (drive_id, reporter_name, reporter_email, reporter_postal_code, source)
			values ($1, 'Rosa Commenter', $2, '20147', 'drive_page')`,
			[drive, person.email],
		)
		// A hearing with one place: the person holds it, someone waits.
		await client.query(
			`insert into public.body_rules (body_id, source_url, speaking_minutes, signup_closes_hours_before)
			values ($1, 'https://example.org/rules', 3, 2)`,
			[world.bodyId],
		)
		const clock = onlyRow(
			await client.query<{ id: string }>(
				`insert into public.proceeding_clocks (proceeding_id, kind, label, due_at) values ($1, 'hearing', 'Public hearing', now() + interval '5 days')
				returning id`,
				[world.proceeding.id],
			),
		)
		return { world, delivered, waiting, unconfirmed, unconfirmedDrive, otherDrive, someoneElse, letter, signed, clockId: clock.id }
	})
	const { world } = setup
	expect(await setPlaces(world.organizer.caller, setup.clockId, 1)).toBe(true)
	const speak = {
		clockId: setup.clockId,
		name: 'Rosa Commenter',
		email: '',
		organization: null,
		letterPath: null,
		mode: 'in_person' as const,
	}
	expect(await signUpToSpeak(person.caller, speak)).toMatchObject({ ok: true, status: 'listed', slot: 1 })
	const next = await createUser(committed(), { label: 'next' })
	expect(await signUpToSpeak(next.caller, { ...speak, name: 'Nia Next' })).toMatchObject({ ok: true, status: 'waitlisted' })

	const data = await downloadMyData(person)
	expect(data.comments?.map((comment) => comment.comment).sort()).toEqual(
		['Filed and received.', 'Still waiting.', 'Our well is 400 feet from the site.', 'Our well is 400 feet from the site.'].sort(),
	)
	expect(data.comments).toEqual(
		expect.arrayContaining([
			expect.objectContaining({
				comment: 'Filed and received.',
				email: person.email,
				address: '12 Mill Road',
				deliveries: [expect.objectContaining({ channel: 'email', status: 'delivered', receipt: 'msg-1' })],
			}),
		]),
	)
	expect(data.commentReportsFiled).toEqual([expect.objectContaining({ email: person.email, postalCode: '20147' })])
	expect(data.speakerSignUps).toEqual([
		expect.objectContaining({ hearing: 'Public hearing', status: 'listed', slot: 1, name: 'Rosa Commenter' }),
	])

	await deleteThroughPage(person)

	const after = await commentsOf([world.drive.id, setup.unconfirmedDrive.id, setup.otherDrive.id, setup.letter.id])
	const byId = new Map(after.map((row) => [row.id, row]))
	// Received by the body: kept as filed, without the addresses.
	expect(byId.get(setup.delivered.id)).toMatchObject({
		name: 'Rosa',
		email: '',
		address: null,
		postal_code: '20147',
		body: 'Filed and received.',
		status: 'confirmed',
		confirmed_email: '',
	})
	expect(byId.get(setup.delivered.id)?.erased_at).not.toBeNull()
	expect(byId.get(setup.signed.id)).toMatchObject({ name: 'Rosa Commenter', email: '', address: null })
	// Never received: gone.
	expect(byId.has(setup.waiting.id)).toBe(false)
	expect(byId.has(setup.unconfirmed.id)).toBe(false)
	expect(byId.get(setup.someoneElse.id)).toMatchObject({ name: 'Sam Other', address: '12 Mill Road' })
	expect(JSON.stringify(after)).not.toContain(person.email)
	const record = await db().selectFrom('comment_changes').select(['kind', 'detail']).where('comment_id', '=', setup.delivered.id).execute()
	expect(JSON.stringify(record)).not.toContain(person.email)
	const reports = await db()
		.selectFrom('comment_reports')
		.select(['reporter_email', 'reporter_postal_code'])
		.where('drive_id', '=', world.drive.id)
		.execute()
	expect(reports).toEqual([{ reporter_email: null, reporter_postal_code: null }])
	// The drive still counts what the body received.
	const counts = await asCaller(world.organizer.caller, (trx) => driveCounts(trx, [world.drive.id, setup.letter.id]))
	expect(counts.get(world.drive.id)).toMatchObject({ confirmed: 2, delivered: 1 })
	expect(counts.get(setup.letter.id)).toMatchObject({ confirmed: 1, delivered: 1 })

	// The place to speak went to the person waiting, who was told.
	const speakers = await sql<{ name: string; status: string; slot: number | null }>`
		select name, status, slot from public.speakers where clock_id = ${setup.clockId}::uuid`.execute(db())
	expect(speakers.rows).toEqual([{ name: 'Nia Next', status: 'listed', slot: 1 }])
	await waitForEmail(next.email, /^A place opened up: slot 1/)
}, 90_000)
