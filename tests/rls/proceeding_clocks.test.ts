import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, createClock, createProceeding, createProject, createSitingWorld } from '#tests/helpers/siting-factories'

// A proceeding's deadlines: everyone reads them; the project's editors add,
// move and remove them (computed clocks are recomputed when a date moves).

const read = 'select id from public.proceeding_clocks where id = $1'
const insert = `insert into public.proceeding_clocks (proceeding_id, kind, due_at, all_day) values ($1, 'comment_deadline', now() + interval '5 days', true)`
const move = `update public.proceeding_clocks set due_at = due_at + interval '7 days' where id = $1`
const remove = 'delete from public.proceeding_clocks where id = $1'

test('everyone reads a proceeding’s clocks', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const clock = await createClock(client, (await createProceeding(client, world.project)).id)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [clock.id])).length)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('only the project’s editors add a clock', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const proceeding = await createProceeding(client, world.project)
		const added = await byRole(world, (actor) => rowsChangedAs(client, actor, insert, [proceeding.id]))
		expect(added).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('only the project’s editors move a clock, and never onto a proceeding they do not edit', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const clock = await createClock(client, (await createProceeding(client, world.project)).id)
		const moved = await byRole(world, (actor) => rowsChangedAs(client, actor, move, [clock.id]))
		expect(moved).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const elsewhere = await createProceeding(client, await createProject(client, world.place))
		const refused = await failureAs(client, world.organizer, 'update public.proceeding_clocks set proceeding_id = $2 where id = $1', [
			clock.id,
			elsewhere.id,
		])
		expect(refused.code).toBe('42501')
	}))

test('only the project’s editors remove a clock', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const proceeding = await createProceeding(client, world.project)
		const removed = await byRole(world, async (actor) =>
			rowsChangedAs(client, actor, remove, [(await createClock(client, proceeding.id)).id]),
		)
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.proceeding_clocks')).code).toBe('42501')
		}
	}))
