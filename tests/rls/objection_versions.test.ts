import { expect, test } from 'vitest'
import { byObjectionRole, createObjectionWorld } from '#tests/helpers/objection-factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Each save as it stood: read by the chapter, written by organizers as themselves, never rewritten.

const insert = `insert into public.objection_versions (objection_id, number, snapshot, saved_by) values ($1, $2, '{"subject":"x"}', $3)`
const read = 'select number from public.objection_versions where objection_id = $1'

test('organizers save versions as themselves', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		let number = 1
		const saved = await byObjectionRole(world, async (actor, role) => {
			if (role === 'anon') return (await failureAs(client, actor, insert, [world.objection.id, number, world.organizer.id])).code
			const by = typeof actor === 'string' ? '' : actor.id
			const n = await rowsChangedAs(client, actor, insert, [world.objection.id, number, by]).catch(() => 0)
			number += n
			return n
		})
		expect(saved).toEqual({ anon: '42501', outsider: 0, member: 0, author: 1, coOrganizer: 1 })
		expect((await failureAs(client, world.coOrganizer, insert, [world.objection.id, 9, world.organizer.id])).code).toBe('42501')
	}))

test('the chapter reads the versions; outsiders and visitors do not; nobody rewrites or deletes one', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		await client.query(insert, [world.objection.id, 1, world.organizer.id])
		const seen = await byObjectionRole(world, async (actor, role) =>
			role === 'anon'
				? (await failureAs(client, actor, read, [world.objection.id])).code
				: (await rowsVisibleAs(client, actor, read, [world.objection.id])).length,
		)
		expect(seen).toEqual({ anon: '42501', outsider: 0, member: 1, author: 1, coOrganizer: 1 })
		const update = `update public.objection_versions set snapshot = '{}' where objection_id = $1`
		expect((await failureAs(client, world.organizer, update, [world.objection.id])).code).toBe('42501')
		expect(
			(await failureAs(client, world.organizer, 'delete from public.objection_versions where objection_id = $1', [world.objection.id]))
				.code,
		).toBe('42501')
	}))
