import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { authorFor, byRole, createBody, createSitingWorld } from '#tests/helpers/siting-factories'

// Deciding bodies are shared reference data: everyone reads them; organizers
// of any chapter and moderators add them (as themselves) and keep them up to
// date; none is deleted through the API.

const read = 'select id from public.bodies where id = $1'
const insert = `insert into public.bodies (slug, name, kind, jurisdiction_id, time_zone, created_by)
	values ($1, 'Planning Commission', 'planning_commission', $2, 'America/New_York', $3)`
const edit = `update public.bodies set meeting_place = 'Government Center, Board Room' where id = $1`

test('everyone reads a body', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const body = await createBody(client, world.place)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [body.id])).length)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('organizers of any chapter and moderators add bodies, as themselves', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const added = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, insert, [`commission-${role.toLowerCase()}`, world.place.id, authorFor(world, role)]),
		)
		expect(added).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 1, moderator: 1 })
		expect((await failureAs(client, world.organizer, insert, ['commission-forged', world.place.id, world.member.id])).code).toBe('42501')
	}))

test('organizers of any chapter and moderators update bodies; members do not', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const body = await createBody(client, world.place, world.moderator)
		const edited = await byRole(world, (actor) => rowsChangedAs(client, actor, edit, [body.id]))
		expect(edited).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('nobody deletes a body', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const body = await createBody(client, world.place)
		const removed = await byRole(world, (actor) => rowsChangedAs(client, actor, 'delete from public.bodies where id = $1', [body.id]))
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.bodies')).code).toBe('42501')
		}
	}))

test('who added a body, and when, stay as recorded', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const row = await createBody(client, world.place, world.organizer)
		for (const [column, value] of [
			['created_by', world.member.id],
			['created_at', '2020-01-01'],
		] as const) {
			const refused = await failureAs(client, world.organizer, `update public.bodies set ${column} = $2 where id = $1`, [row.id, value])
			expect(refused.code, column).toBe('42501')
		}
	}))
