import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, createBody, createOfficial, createSitingWorld } from '#tests/helpers/siting-factories'

// The members of each body: everyone reads them; organizers of any chapter
// and moderators add and update them; nobody deletes one (their votes stay).

const read = 'select id from public.officials where id = $1'
const insert = `insert into public.officials (slug, body_id, name, title) values ($1, $2, 'Jordan Supervisor', 'Chair')`
const edit = `update public.officials set district = 'Broad Run' where id = $1`

test('everyone reads an official', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const official = await createOfficial(client, (await createBody(client, world.place)).id)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [official.id])).length)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('organizers of any chapter and moderators add officials', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const body = await createBody(client, world.place)
		const added = await byRole(world, (actor, role) => rowsChangedAs(client, actor, insert, [`jordan-${role.toLowerCase()}`, body.id]))
		expect(added).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('organizers of any chapter and moderators update officials; members do not', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const official = await createOfficial(client, (await createBody(client, world.place)).id)
		const edited = await byRole(world, (actor) => rowsChangedAs(client, actor, edit, [official.id]))
		expect(edited).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('nobody deletes an official', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const official = await createOfficial(client, (await createBody(client, world.place)).id)
		const removed = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'delete from public.officials where id = $1', [official.id]),
		)
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.officials')).code).toBe('42501')
		}
	}))
