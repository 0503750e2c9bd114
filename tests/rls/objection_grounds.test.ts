import { expect, test } from 'vitest'
import { byObjectionRole, createObjectionWorld, publishFiled } from '#tests/helpers/objection-factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// A ground and its argument: the chapter's while drafting, public once published, frozen once filed.

const read = 'select id from public.objection_grounds where id = $1'

test('grounds of a draft are read inside the chapter only; published ones by everyone', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		const draft = await byObjectionRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [world.groundId])).length)
		expect(draft).toEqual({ anon: 0, outsider: 0, member: 1, author: 1, coOrganizer: 1 })
		await publishFiled(client, world)
		const published = await byObjectionRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [world.groundId])).length)
		expect(published).toEqual({ anon: 1, outsider: 1, member: 1, author: 1, coOrganizer: 1 })
	}))

test('organizers add, edit and remove grounds until it is filed', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		const insert = `insert into public.objection_grounds (objection_id, position, kind, title, argument) values ($1, 2, 'water', 'Water', 'Wells')`
		const added = await byObjectionRole(world, async (actor) => {
			const n = await rowsChangedAs(client, actor, insert, [world.objection.id])
			if (n) await client.query('delete from public.objection_grounds where objection_id = $1 and position = 2', [world.objection.id])
			return n
		})
		expect(added).toEqual({ anon: 0, outsider: 0, member: 0, author: 1, coOrganizer: 1 })
		const edit = `update public.objection_grounds set argument = 'Louder than 55 dB at night' where id = $1`
		const edited = await byObjectionRole(world, (actor) => rowsChangedAs(client, actor, edit, [world.groundId]))
		expect(edited).toEqual({ anon: 0, outsider: 0, member: 0, author: 1, coOrganizer: 1 })
		await publishFiled(client, world)
		expect(await rowsChangedAs(client, world.organizer, edit, [world.groundId])).toBe(0)
		expect(await rowsChangedAs(client, world.organizer, 'delete from public.objection_grounds where id = $1', [world.groundId])).toBe(0)
	}))

test('a ground needs an argument and a known kind', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		const empty = await failureAs(
			client,
			world.organizer,
			`insert into public.objection_grounds (objection_id, position, kind, title, argument) values ($1, 3, 'noise', 'Noise', '')`,
			[world.objection.id],
		)
		expect(empty.code).toBe('23514')
		const unknown = await failureAs(
			client,
			world.organizer,
			`insert into public.objection_grounds (objection_id, position, kind, title, argument) values ($1, 3, 'vibes', 'Vibes', 'x')`,
			[world.objection.id],
		)
		expect(unknown.code).toBe('23514')
	}))
