import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, createBody, createBodyRules, createSitingWorld } from '#tests/helpers/siting-factories'

// How the public takes part before a body: everyone reads it; organizers of
// any chapter and moderators record and update it; nobody deletes it.

const read = 'select body_id from public.body_rules where body_id = $1'
const record = `insert into public.body_rules (body_id, speaking_minutes, signup_methods, source_url)
	values ($1, 3, '{online,in_person}', 'https://example.org/bylaws')`
const edit = 'update public.body_rules set speaking_minutes = 2 where body_id = $1'

test('everyone reads a body’s rules', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const body = await createBody(client, world.place)
		await createBodyRules(client, body.id)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [body.id])).length)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('organizers of any chapter and moderators record a body’s rules', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const recorded = await byRole(world, async (actor) =>
			rowsChangedAs(client, actor, record, [(await createBody(client, world.place)).id]),
		)
		expect(recorded).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('organizers of any chapter and moderators update a body’s rules; members do not', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const body = await createBody(client, world.place)
		await createBodyRules(client, body.id)
		const edited = await byRole(world, (actor) => rowsChangedAs(client, actor, edit, [body.id]))
		expect(edited).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('nobody deletes a body’s rules', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const body = await createBody(client, world.place)
		await createBodyRules(client, body.id)
		const removed = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'delete from public.body_rules where body_id = $1', [body.id]),
		)
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.body_rules')).code).toBe('42501')
		}
	}))
