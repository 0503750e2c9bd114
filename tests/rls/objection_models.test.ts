import { expect, test } from 'vitest'
import { byObjectionRole, createObjectionWorld, publishFiled } from '#tests/helpers/objection-factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// "Mark as a model": any signed-in person, on a published filing, as themselves.

const insert = 'insert into public.objection_models (objection_id, user_id) values ($1, $2)'

test('nobody marks a draft; signed-in people mark a published filing as themselves; everyone reads the marks', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		expect((await failureAs(client, world.member, insert, [world.objection.id, world.member.id])).code).toBe('42501')
		await publishFiled(client, world)
		const marked = await byObjectionRole(world, async (actor, role) => {
			if (role === 'anon') return (await failureAs(client, actor, insert, [world.objection.id, world.organizer.id])).code
			return rowsChangedAs(client, actor, insert, [world.objection.id, typeof actor === 'string' ? '' : actor.id])
		})
		expect(marked).toEqual({ anon: '42501', outsider: 1, member: 1, author: 1, coOrganizer: 1 })
		expect((await failureAs(client, world.member, insert, [world.objection.id, world.organizer.id])).code).toBe('42501')
		expect((await client.query('select model_count from public.objections where id = $1', [world.objection.id])).rows[0]).toEqual({
			model_count: 4,
		})
		expect(
			await rowsVisibleAs(client, 'anon', 'select user_id from public.objection_models where objection_id = $1', [world.objection.id]),
		).toHaveLength(4)
		expect(
			await rowsChangedAs(client, world.member, 'delete from public.objection_models where objection_id = $1', [world.objection.id]),
		).toBe(1)
	}))
