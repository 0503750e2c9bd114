import { expect, test } from 'vitest'
import { createComment, createCommentWorld } from '#tests/helpers/comment-factories'
import { rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole } from '#tests/helpers/siting-factories'

// The attribution record: every change to a comment, written by triggers.
// The drive's organizers and moderators read it; nobody writes or erases it.

test('writing and confirming are recorded, and read only by the drive’s organizers and moderators', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const comment = await createComment(client, world.drive.id)
		await client.query(`update public.comments set status = 'confirmed', confirmed_at = now(), confirmed_email = email where id = $1`, [
			comment.id,
		])
		const kinds = await byRole(world, async (actor) =>
			(
				await rowsVisibleAs<{ kind: string }>(client, actor, 'select kind from public.comment_changes where comment_id = $1 order by id', [
					comment.id,
				])
			).map((row) => row.kind),
		)
		expect(kinds).toEqual({
			anon: [],
			member: [],
			organizer: ['written', 'confirmed'],
			otherOrganizer: [],
			moderator: ['written', 'confirmed'],
		})
		const detail = await client.query<{ detail: string }>(
			`select detail from public.comment_changes where comment_id = $1 and kind = 'confirmed'`,
			[comment.id],
		)
		expect(detail.rows[0]?.detail).toBe(comment.email)
	}))

test('nobody adds to, edits or erases the record', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const comment = await createComment(client, world.drive.id)
		const added = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, `insert into public.comment_changes (comment_id, kind) values ($1, 'released')`, [comment.id]),
		)
		expect(added).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		const erased = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'delete from public.comment_changes where comment_id = $1', [comment.id]),
		)
		expect(erased).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		const edited = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, `update public.comment_changes set detail = 'x' where comment_id = $1`, [comment.id]),
		)
		expect(edited).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
	}))
