import { expect, test } from 'vitest'
import { createCommentWorld } from '#tests/helpers/comment-factories'
import { rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { authorFor, byRole } from '#tests/helpers/siting-factories'

// How a body takes comments (the clerk's public address, daily or one at a
// time, its web form): public reference data, recorded with a source by
// chapter organizers and moderators, each change signed by who made it.

const record = `insert into public.comment_channel_settings (body_id, clerk_email, email_packaging, source_url, updated_by)
	values ($1, 'clerk@county.example.gov', 'daily', 'https://county.example.gov/comments', $2)`

test('channel settings are public, and recorded by organizers and moderators as themselves', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const recorded = await byRole(world, async (actor, role) => {
			const changed = await rowsChangedAs(client, actor, record, [world.bodyId, authorFor(world, role)])
			if (changed) await client.query('delete from public.comment_channel_settings where body_id = $1', [world.bodyId])
			return changed
		})
		expect(recorded).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 1, moderator: 1 })
		expect(await rowsChangedAs(client, world.organizer, record, [world.bodyId, world.member.id])).toBe(0)
		await client.query(record, [world.bodyId, world.organizer.id])
		const seen = await byRole(
			world,
			async (actor) =>
				(await rowsVisibleAs(client, actor, 'select clerk_email from public.comment_channel_settings where body_id = $1', [world.bodyId]))
					.length,
		)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
		const updated = await byRole(world, (actor, role) =>
			rowsChangedAs(
				client,
				actor,
				`update public.comment_channel_settings set email_packaging = 'individual', updated_by = $2 where body_id = $1`,
				[world.bodyId, authorFor(world, role)],
			),
		)
		expect(updated).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))
