import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, createProceeding, createProject, createSitingWorld, createVote } from '#tests/helpers/siting-factories'

// Each vote taken on a proceeding: everyone reads it; the project's editors
// record and correct it; it stays on the record.

const read = 'select id from public.proceeding_votes where id = $1'
const insert = `insert into public.proceeding_votes (proceeding_id, held_on, motion, result, source_url)
	values ($1, '2026-05-12', 'Motion to deny the special exception', 'Failed 4-5', 'https://example.org/minutes-0512')`
const correct = `update public.proceeding_votes set result = 'Failed 3-6' where id = $1`

test('everyone reads a vote', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const vote = await createVote(client, (await createProceeding(client, world.project)).id)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [vote.id])).length)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('only the project’s editors record a vote', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const proceeding = await createProceeding(client, world.project)
		const recorded = await byRole(world, (actor) => rowsChangedAs(client, actor, insert, [proceeding.id]))
		expect(recorded).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('only the project’s editors correct a vote, and never move it to a proceeding they do not edit', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const vote = await createVote(client, (await createProceeding(client, world.project)).id)
		const corrected = await byRole(world, (actor) => rowsChangedAs(client, actor, correct, [vote.id]))
		expect(corrected).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const elsewhere = await createProceeding(client, await createProject(client, world.place))
		const moved = await failureAs(client, world.organizer, 'update public.proceeding_votes set proceeding_id = $2 where id = $1', [
			vote.id,
			elsewhere.id,
		])
		expect(moved.code).toBe('42501')
	}))

test('nobody deletes a vote', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const vote = await createVote(client, (await createProceeding(client, world.project)).id)
		const removed = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'delete from public.proceeding_votes where id = $1', [vote.id]),
		)
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.proceeding_votes')).code).toBe('42501')
		}
	}))
