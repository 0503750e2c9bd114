import { expect, test } from 'vitest'
import { byObjectionRole, createObjectionWorld, publishFiled } from '#tests/helpers/objection-factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Members of the chapter comment on a draft; nobody outside reads the discussion.

const insert = `insert into public.objection_comments (objection_id, version, author_id, body) values ($1, 1, $2, 'Cite the county noise ordinance.')`

test('members and organizers comment on a draft as themselves; outsiders cannot', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		const commented = await byObjectionRole(world, async (actor, role) => {
			if (role === 'anon') return (await failureAs(client, actor, insert, [world.objection.id, world.organizer.id])).code
			const by = typeof actor === 'string' ? '' : actor.id
			return rowsChangedAs(client, actor, insert, [world.objection.id, by]).catch(() => 0)
		})
		expect(commented).toEqual({ anon: '42501', outsider: 0, member: 1, author: 1, coOrganizer: 1 })
		expect((await failureAs(client, world.member, insert, [world.objection.id, world.organizer.id])).code).toBe('42501')
		const read = 'select id from public.objection_comments where objection_id = $1'
		expect(await rowsVisibleAs(client, world.member, read, [world.objection.id])).toHaveLength(3)
		expect(await rowsVisibleAs(client, world.otherOrganizer, read, [world.objection.id])).toHaveLength(0)
		expect((await failureAs(client, 'anon', read, [world.objection.id])).code).toBe('42501')
	}))

test('people delete only their own comments, and nobody comments once it is filed', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		await rowsChangedAs(client, world.member, insert, [world.objection.id, world.member.id])
		const del = 'delete from public.objection_comments where objection_id = $1'
		expect(await rowsChangedAs(client, world.organizer, del, [world.objection.id])).toBe(0)
		expect(await rowsChangedAs(client, world.member, del, [world.objection.id])).toBe(1)
		await publishFiled(client, world)
		expect((await failureAs(client, world.member, insert, [world.objection.id, world.member.id])).code).toBe('42501')
	}))
