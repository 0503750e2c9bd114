import { expect, test } from 'vitest'
import { commentTokenPair, createComment, createCommentWorld, createDrive } from '#tests/helpers/comment-factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole } from '#tests/helpers/siting-factories'

// Comments carry a person's name, email and street address: only the
// organizers of the drive's chapter and site moderators read them; nobody,
// not even they, reads the link's hash or writes a comment directly. Writing
// goes through private.write_comment (anyone, while the drive is open).

const read = 'select id, email, address from public.comments where id = $1'
const write = `select comment_id, outcome from private.write_comment(
	gen_random_uuid(), $1, 'Dana', null, $2, null, '20147', null, null, null, false, null, 'individual',
	'My well is next to the site.', 'blank', $3, 0.8)`

test('a comment’s name, email and address are read only by the drive’s organizers and moderators', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const comment = await createComment(client, world.drive.id, { status: 'confirmed' })
		const seen = await byRole(world, async (actor) =>
			(await rowsVisibleAs<{ email: string }>(client, actor, read, [comment.id])).map((row) => row.email),
		)
		expect(seen).toEqual({ anon: [], member: [], organizer: [comment.email], otherOrganizer: [], moderator: [comment.email] })
		expect((await failureAs(client, 'anon', 'select email from public.comments')).code).toBe('42501')
		expect((await failureAs(client, world.organizer, 'select token_hash from public.comments where id = $1', [comment.id])).code).toBe(
			'42501',
		)
	}))

test('nobody inserts, changes or deletes a comment directly', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const comment = await createComment(client, world.drive.id)
		const inserted = await byRole(world, (actor) =>
			rowsChangedAs(
				client,
				actor,
				`insert into public.comments (drive_id, name, email, email_normalized, body, token_hash) values ($1, 'X', 'x@example.org', 'x@example.org', 'x', $2)`,
				[world.drive.id, commentTokenPair().hash],
			),
		)
		expect(inserted).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		const confirmed = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, `update public.comments set status = 'confirmed' where id = $1`, [comment.id]),
		)
		expect(confirmed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		const deleted = await byRole(world, (actor) => rowsChangedAs(client, actor, 'delete from public.comments where id = $1', [comment.id]))
		expect(deleted).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
	}))

test('anyone writes a comment through the function while the drive is open; a closed drive refuses it', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const written = await byRole(world, async (actor) => {
			const rows = await rowsVisibleAs<{ outcome: string }>(client, actor, write, [
				world.drive.id,
				`w-${Math.random()}@example.org`,
				commentTokenPair().hash,
			])
			return rows.map((row) => row.outcome)
		})
		expect(written).toEqual({ anon: ['new'], member: ['new'], organizer: ['new'], otherOrganizer: ['new'], moderator: ['new'] })
		const closed = await createDrive(client, world, world.proceeding.id, { status: 'closed' })
		const refused = await failureAs(client, 'anon', write, [closed.id, 'late@example.org', commentTokenPair().hash])
		expect([refused.code, refused.hint]).toEqual(['P0001', 'comment_drive_closed'])
		const draft = await createDrive(client, world, world.proceeding.id, { status: 'draft' })
		expect((await failureAs(client, 'anon', write, [draft.id, 'draft@example.org', commentTokenPair().hash])).code).toBe('P0002')
	}))

test('the same person writing again is told apart, so the email can say confirming replaces the first', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		await createComment(client, world.drive.id, { email: 'again@example.org', status: 'confirmed' })
		const rows = await rowsVisibleAs<{ outcome: string }>(client, 'anon', write, [
			world.drive.id,
			'Again@Example.org',
			commentTokenPair().hash,
		])
		expect(rows.map((row) => row.outcome)).toEqual(['again'])
	}))
