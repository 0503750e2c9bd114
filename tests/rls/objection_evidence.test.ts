import { expect, test } from 'vitest'
import { byObjectionRole, createObjectionWorld, publishFiled } from '#tests/helpers/objection-factories'
import { failureAs, onlyRow, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Evidence rows (links and files in the private bucket): the chapter's while drafting.

const insert = `insert into public.objection_evidence (objection_id, ground_id, title, url, added_by) values ($1, $2, 'County noise study', 'https://example.org/noise.pdf', $3)`

test('organizers add evidence; the chapter reads it; outsiders see nothing of a draft', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		const added = await byObjectionRole(world, async (actor, role) => {
			const by = role === 'anon' || typeof actor === 'string' ? world.organizer.id : actor.id
			return rowsChangedAs(client, actor, insert, [world.objection.id, world.groundId, by])
		})
		expect(added).toEqual({ anon: 0, outsider: 0, member: 0, author: 1, coOrganizer: 1 })
		const read = 'select id from public.objection_evidence where objection_id = $1'
		const seen = await byObjectionRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [world.objection.id])).length)
		expect(seen).toEqual({ anon: 0, outsider: 0, member: 2, author: 2, coOrganizer: 2 })
		await publishFiled(client, world)
		const published = await byObjectionRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [world.objection.id])).length)
		expect(published).toEqual({ anon: 2, outsider: 2, member: 2, author: 2, coOrganizer: 2 })
	}))

test('evidence is a link or a file of an allowed type, and is frozen once filed', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		const wrong = await failureAs(
			client,
			world.organizer,
			`insert into public.objection_evidence (objection_id, ground_id, title, storage_path, content_type, byte_size) values ($1, $2, 'Macro', 'x/evidence/a.docm', 'application/vnd.ms-word', 10)`,
			[world.objection.id, world.groundId],
		)
		expect(wrong.code).toBe('23514')
		const row = onlyRow(
			await client.query<{ id: string }>(
				`insert into public.objection_evidence (objection_id, ground_id, title, url) values ($1, $2, 'Study', 'https://example.org/a') returning id`,
				[world.objection.id, world.groundId],
			),
		)
		await publishFiled(client, world)
		expect(await rowsChangedAs(client, world.organizer, 'delete from public.objection_evidence where id = $1', [row.id])).toBe(0)
		expect((await failureAs(client, world.organizer, insert, [world.objection.id, world.groundId, world.organizer.id])).code).toBe('42501')
	}))
