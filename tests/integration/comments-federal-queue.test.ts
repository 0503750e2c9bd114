import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { drainFederalQueue, nextRequestAt, PER_HOUR, PER_MINUTE } from '#app/comments/regulations-gov.server'
import { db } from '#app/db/db.server'
import { createRegulationsGovFake } from '#supabase/local/regulations-gov'
import { createComment, createCommentWorld, createDrive } from '#tests/helpers/comment-factories'

// The Regulations.gov queue against the local fake, on a clock the test
// moves: never more than 50 posts in any minute or 500 in any hour, each
// comment posted once with its tracking number stored, a provider failure
// retried later (never twice), and a sign-on letter sent with
// numItemsReceived and its signer list attached. The deliveries fall due in
// a year far from now, so the worker of another test file (on the real
// clock) never takes them.

let client: pg.Client
beforeAll(async () => {
	client = new pg.Client({ connectionString: process.env.DATABASE_URL })
	await client.connect()
})
afterAll(async () => {
	await client.end()
})

const CONFIG = { baseUrl: 'http://regulations-gov.test', apiKey: 'test-key' }

function testClock(start: Date) {
	let now = start.getTime()
	return {
		now: () => new Date(now),
		set: (to: Date) => {
			now = Math.max(now, to.getTime())
		},
	}
}

async function federalDrive(start: Date, count: number) {
	const world = await createCommentWorld(client)
	const drive = await createDrive(client, world, world.proceeding.id, { channel: 'regulations_gov' })
	const ids: string[] = []
	for (let i = 0; i < count; i++) {
		const comment = await createComment(client, drive.id, {
			status: 'confirmed',
			name: `Resident${i}`,
			body: `Comment number ${i} about the rule.`,
		})
		await client.query(`update public.comments set family_name = 'Lee', place_label = 'Ashburn, VA', postal_code = '20147' where id = $1`, [
			comment.id,
		])
		await client.query(
			`insert into public.comment_deliveries (drive_id, comment_id, kind, next_attempt_at) values ($1, $2, 'regulations_gov', $3)`,
			[drive.id, comment.id, start],
		)
		ids.push(comment.id)
	}
	return { world, drive, ids }
}

/** Drains until nothing is due, moving the clock to whenever the queue says to come back. */
async function drainAll(clock: ReturnType<typeof testClock>, fake: ReturnType<typeof createRegulationsGovFake>, rounds = 200) {
	for (let i = 0; i < rounds; i++) {
		const result = await drainFederalQueue({ now: clock.now, fetch: async (url, init) => fake.app.request(url, init), config: CONFIG })
		if (!result.waitUntil) return
		clock.set(result.waitUntil)
	}
}

function mostInWindow(times: Date[], windowMs: number) {
	const sorted = times.map((time) => time.getTime()).sort((a, b) => a - b)
	let most = 0
	let start = 0
	for (let end = 0; end < sorted.length; end++) {
		while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++
		most = Math.max(most, end - start + 1)
	}
	return most
}

test('the next request waits for the oldest one in a full window to leave it', () => {
	const now = new Date('2031-01-01T00:00:30Z')
	const fifty = Array.from({ length: 50 }, (_, i) => new Date(now.getTime() - 30_000 + i * 100))
	expect(nextRequestAt(fifty.slice(0, 49), now).getTime()).toBe(now.getTime())
	expect(nextRequestAt(fifty, now).getTime()).toBe(now.getTime() + 30_000)
	const hour = Array.from({ length: 500 }, (_, i) => new Date(now.getTime() - 3_000_000 + i * 1000))
	expect(nextRequestAt(hour, now).getTime()).toBe(now.getTime() - 3_000_000 + 3_600_000)
})

test('120 comments go out never more than 50 a minute, each once, with its tracking number stored', async () => {
	const start = new Date(Date.UTC(2031, 0, 1 + Math.floor(Math.random() * 300), 12))
	const clock = testClock(start)
	const fake = createRegulationsGovFake({ now: clock.now })
	const { ids } = await federalDrive(start, 120)
	await drainAll(clock, fake)
	expect(fake.comments.length).toBe(120)
	// The fake refuses past its limits; none was refused, and no window held more than the limit.
	expect(fake.postTimes.length).toBe(120)
	expect(mostInWindow(fake.postTimes, 60_000)).toBeLessThanOrEqual(PER_MINUTE)
	expect(mostInWindow(fake.postTimes, 3_600_000)).toBeLessThanOrEqual(PER_HOUR)
	// It waited for the window rather than posting past it: three minutes' worth at least.
	expect(clock.now().getTime() - start.getTime()).toBeGreaterThanOrEqual(2 * 60_000)
	const rows = await db()
		.selectFrom('comment_deliveries')
		.select(['comment_id', 'status', 'receipt'])
		.where('comment_id', 'in', ids)
		.execute()
	expect(rows.every((row) => row.status === 'delivered')).toBe(true)
	expect(new Set(rows.map((row) => row.receipt))).toEqual(new Set(fake.comments.map((comment) => comment.trackingNumber)))
	const sent = fake.comments[0]?.attributes
	expect(sent).toMatchObject({
		commentOnDocumentId: 'EPA-HQ-OAR-2021-0317-0001',
		submissionType: 'API',
		submitterType: 'INDIVIDUAL',
		lastName: 'Lee',
		city: 'Ashburn',
		stateProvinceRegion: 'VA',
		zip: '20147',
	})
})

test('a provider outage leaves comments pending and retries them later; none is posted twice', async () => {
	const start = new Date(Date.UTC(2032, 0, 1 + Math.floor(Math.random() * 300), 12))
	const clock = testClock(start)
	const fake = createRegulationsGovFake({ now: clock.now })
	const { ids } = await federalDrive(start, 5)
	fake.failNext(3)
	const first = await drainFederalQueue({ now: clock.now, fetch: async (url, init) => fake.app.request(url, init), config: CONFIG })
	expect(first.deferred).toBe(3)
	expect(first.posted).toBe(2)
	const pending = await db()
		.selectFrom('comment_deliveries')
		.select(['status', 'last_error'])
		.where('comment_id', 'in', ids)
		.where('status', '=', 'pending')
		.execute()
	expect(pending.length).toBe(3)
	expect(pending[0]?.last_error).toBeTruthy()
	await drainAll(clock, fake)
	expect(fake.comments.length).toBe(5)
	expect(new Set(fake.comments.map((comment) => comment.attributes.comment)).size).toBe(5)
})

test('a comment the service rejects is marked not delivered with its reason, and not retried', async () => {
	const start = new Date(Date.UTC(2033, 0, 1 + Math.floor(Math.random() * 300), 12))
	const clock = testClock(start)
	const fake = createRegulationsGovFake({ now: clock.now })
	const { ids } = await federalDrive(start, 1)
	await client.query(`update public.comments set body = $2 where id = $1`, [ids[0], 'Our water 💧 matters'])
	await drainAll(clock, fake)
	const row = await db()
		.selectFrom('comment_deliveries')
		.select(['status', 'last_error'])
		.where('comment_id', '=', ids[0] ?? '')
		.executeTakeFirstOrThrow()
	expect(row.status).toBe('failed')
	expect(row.last_error).toMatch(/emoji/)
	expect(fake.comments.length).toBe(0)
})

test('a sign-on letter is posted once with numItemsReceived and the signer list attached', async () => {
	const start = new Date(Date.UTC(2034, 0, 1 + Math.floor(Math.random() * 300), 12))
	const clock = testClock(start)
	const fake = createRegulationsGovFake({ now: clock.now })
	const world = await createCommentWorld(client)
	const drive = await createDrive(client, world, world.proceeding.id, {
		channel: 'regulations_gov',
		signOn: true,
		template: 'We ask the agency to deny.',
		documentId: 'EPA-HQ-OAR-2021-0317-0002',
	})
	for (let i = 0; i < 3; i++)
		await createComment(client, drive.id, { status: 'confirmed', name: `Signer ${i}`, body: 'We ask the agency to deny.' })
	await client.query(
		`insert into public.comment_deliveries (drive_id, kind, item_count, next_attempt_at) values ($1, 'sign_on_letter', 3, $2)`,
		[drive.id, start],
	)
	await drainAll(clock, fake)
	expect(fake.comments.length).toBe(1)
	expect(fake.comments[0]?.attributes).toMatchObject({ numItemsReceived: 3, submitterType: 'ORGANIZATION', files: ['signers.txt'] })
	const letter = await db()
		.selectFrom('comment_deliveries')
		.select(['status', 'receipt'])
		.where('drive_id', '=', drive.id)
		.executeTakeFirstOrThrow()
	expect(letter).toEqual({ status: 'delivered', receipt: fake.comments[0]?.trackingNumber })
	// Three requests: the submission key, the upload address, the comment (the upload itself goes to storage).
	const requests = await client.query<{ n: string }>(
		`select count(*) as n from private.regulations_gov_requests r join public.comment_deliveries x on x.id = r.delivery_id where x.drive_id = $1`,
		[drive.id],
	)
	expect(Number(requests.rows[0]?.n)).toBe(3)
})
