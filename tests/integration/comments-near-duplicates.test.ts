import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { standingOf, writeComment } from '#app/comments/comments.server'
import { getDrive } from '#app/comments/drives.server'
import { anon, db } from '#app/db/db.server'
import { createCommentWorld } from '#tests/helpers/comment-factories'
import { DRIVE_TEMPLATE, insertComments, nearCopy, personalComment } from '#tests/helpers/comment-texts'

// Near-duplicate detection on a drive of 5,000 comments (its time is in
// tests/load/comments-dedupe.ts): a copy of a comment already in the drive
// is flagged and points at it; a writer's own comment is not; nothing is
// refused or lost either way.

let client: pg.Client
beforeAll(async () => {
	client = new pg.Client({ connectionString: process.env.DATABASE_URL })
	await client.connect()
})
afterAll(async () => {
	await client.end()
})

test('on a drive of 5,000 comments, copies are flagged against the one they copy and personal comments are not', async () => {
	const world = await createCommentWorld(client)
	await client.query('update public.comment_drives set template = $2 where id = $1', [world.drive.id, DRIVE_TEMPLATE])
	const personal = Array.from({ length: 4000 }, (_, i) => personalComment(i))
	const copies = Array.from({ length: 1000 }, (_, i) => nearCopy(i))
	await insertComments(client, world.drive.id, [...personal, ...copies], `dedupe-${world.drive.slug}`)
	const found = await getDrive(anon, world.drive.slug)
	if (!found) throw new Error('no drive')
	const standing = await standingOf(anon, found.drive, '')
	const input = (email: string, body: string) => ({
		intent: 'submit' as const,
		name: 'Writer',
		familyName: '',
		email,
		address: '',
		postalCode: '',
		organization: '',
		startedFrom: 'blank' as const,
		body,
		consent: 'on' as const,
	})

	// A resubmission of writer 1234's comment with a typo fixed.
	const copied = personal[1234]?.replace('Please deny', 'Please, deny') ?? ''
	const copy = await writeComment(anon, found.drive, input(`copy-${world.drive.slug}@example.org`, copied), standing)
	const own = await writeComment(anon, found.drive, input(`own-${world.drive.slug}@example.org`, personalComment(987654)), standing)
	const letter = await writeComment(anon, found.drive, input(`letter-${world.drive.slug}@example.org`, nearCopy(77)), standing)
	const ids = [copy, own, letter].map((outcome) => (outcome.ok ? outcome.commentId : ''))
	const rows = await db()
		.selectFrom('comments as c')
		.leftJoin('comments as n', 'n.id', 'c.nearest_comment_id')
		.select(['c.id', 'c.near_duplicate', 'c.own_words', 'n.body as nearest_body'])
		.where('c.id', 'in', ids)
		.execute()
	const byId = Object.fromEntries(rows.map((row) => [row.id, row]))
	expect(byId[ids[0] ?? '']).toMatchObject({ near_duplicate: true, nearest_body: personal[1234] })
	expect(byId[ids[1] ?? '']?.near_duplicate).toBe(false)
	expect(byId[ids[2] ?? '']?.near_duplicate).toBe(true)
	// The form letter is mostly template: its meter is low; the writer's own comment's is high.
	expect(byId[ids[2] ?? '']?.own_words).toBeLessThan(0.2)
	expect(byId[ids[1] ?? '']?.own_words).toBeGreaterThan(0.4)
	const total = await db()
		.selectFrom('comments')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('drive_id', '=', world.drive.id)
		.executeTakeFirstOrThrow()
	expect(Number(total.n)).toBe(5003)
}, 240_000)
