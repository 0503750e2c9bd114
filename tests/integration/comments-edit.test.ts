import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { getDrive, updateDrive } from '#app/comments/drives.server'
import { driveSchema, type DriveInput } from '#app/comments/schemas'
import { anon, db } from '#app/db/db.server'
import { createComment, createCommentWorld, createDelivery, createDrive } from '#tests/helpers/comment-factories'

// Editing a drive (its organizers and moderators only): the talking points,
// template, rules, deadline and channel change; the channel stays once a
// comment has gone through it, and a signed letter's text stays.

let client: pg.Client
beforeAll(async () => {
	client = new pg.Client({ connectionString: process.env.DATABASE_URL })
	await client.connect()
})
afterAll(async () => {
	await client.end()
})

async function driveBySlug(slug: string) {
	const found = await getDrive(anon, slug)
	if (!found) throw new Error('drive not found')
	return found.drive
}

function edited(chapterId: string, proceedingSlug: string, overrides: Record<string, string> = {}): DriveInput {
	const parsed = driveSchema.safeParse({
		chapterId,
		proceedingSlug,
		title: 'Tell the board: no rezoning',
		talkingPoints: 'The wells, the noise, the bills.',
		template: 'The rezoning would put a data center next to homes.',
		deadlineDate: '2027-01-15',
		deadlineTime: '17:00',
		maxChars: '3000',
		minChars: '20',
		requirePostalCode: 'on',
		channel: 'printed',
		handOffUrl: '',
		...overrides,
	})
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues))
	return parsed.data
}

test('an organizer changes the talking points, rules, deadline and channel; others cannot', async () => {
	const world = await createCommentWorld(client)
	const drive = await driveBySlug(world.drive.slug)
	const input = edited(world.chapter.id, world.proceeding.slug)
	expect(await updateDrive(world.member.caller, drive, input)).toEqual({ ok: false, reason: 'not_allowed' })
	expect(await updateDrive(world.otherOrganizer.caller, drive, input)).toEqual({ ok: false, reason: 'not_allowed' })
	expect(await updateDrive(world.organizer.caller, drive, input)).toEqual({ ok: true })
	const saved = await db()
		.selectFrom('comment_drives')
		.select(['title', 'talking_points', 'max_chars', 'min_chars', 'required_fields', 'channel', 'deadline'])
		.where('id', '=', world.drive.id)
		.executeTakeFirstOrThrow()
	expect(saved).toMatchObject({
		title: 'Tell the board: no rezoning',
		talking_points: 'The wells, the noise, the bills.',
		max_chars: 3000,
		min_chars: 20,
		required_fields: ['postal_code'],
		channel: 'printed',
	})
	// 5 pm in the body's zone (the test bodies keep New York time).
	expect(new Date(saved.deadline).toISOString()).toBe('2027-01-15T22:00:00.000Z')
})

test('the channel cannot change once a comment has gone through it; the rest still can', async () => {
	const world = await createCommentWorld(client)
	const comment = await createComment(client, world.drive.id, { status: 'confirmed' })
	await createDelivery(client, world.drive.id, comment.id)
	const drive = await driveBySlug(world.drive.slug)
	expect(await updateDrive(world.organizer.caller, drive, edited(world.chapter.id, world.proceeding.slug, { channel: 'printed' }))).toEqual(
		{
			ok: false,
			reason: 'channel_locked',
		},
	)
	expect(await updateDrive(world.moderator.caller, drive, edited(world.chapter.id, world.proceeding.slug, { channel: 'email' }))).toEqual({
		ok: true,
	})
	const saved = await db()
		.selectFrom('comment_drives')
		.select(['channel', 'title'])
		.where('id', '=', world.drive.id)
		.executeTakeFirstOrThrow()
	expect(saved).toEqual({ channel: 'email', title: 'Tell the board: no rezoning' })
})

test('a sign-on letter’s text cannot change once someone has signed it', async () => {
	const world = await createCommentWorld(client)
	const letter = await createDrive(client, world, world.proceeding.id, { signOn: true, template: 'We ask the board to deny it.' })
	const drive = await driveBySlug(letter.slug)
	const changed = edited(world.chapter.id, world.proceeding.slug, {
		channel: 'email',
		template: 'We ask the board to approve it.',
		signOn: 'on',
	})
	expect(await updateDrive(world.organizer.caller, drive, changed)).toEqual({ ok: true })
	await createComment(client, letter.id, { status: 'confirmed', name: 'Signed Already' })
	const again = edited(world.chapter.id, world.proceeding.slug, { channel: 'email', template: 'Something else entirely.', signOn: 'on' })
	expect(await updateDrive(world.organizer.caller, drive, again)).toEqual({ ok: false, reason: 'letter_signed' })
	const saved = await db().selectFrom('comment_drives').select('template').where('id', '=', letter.id).executeTakeFirstOrThrow()
	expect(saved.template).toBe('We ask the board to approve it.')
})
