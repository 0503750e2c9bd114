import { expect, test } from 'vitest'
import { approve, byObjectionRole, createObjectionWorld } from '#tests/helpers/objection-factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// The filing record: what was sent, to whom, when, and the provider's answer. The chapter's.

const insert = `insert into public.objection_filings (objection_id, method, version, to_address, subject, pdf_path, signer_count, filed_by)
	values ($1::uuid, 'email', 1, 'clerk@county.example', 'Objection', $1::uuid::text || '/filings/a.pdf', 2, $2::uuid)`

test('only the chapter’s organizers file, as themselves, and only once', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		await approve(client, world)
		for (const actor of ['anon', world.otherOrganizer, world.member] as const) {
			const by = actor === 'anon' ? world.organizer.id : actor.id
			expect((await failureAs(client, actor, insert, [world.objection.id, by])).code).toBe('42501')
		}
		expect((await failureAs(client, world.coOrganizer, insert, [world.objection.id, world.organizer.id])).code).toBe('42501')
		expect(await rowsChangedAs(client, world.coOrganizer, insert, [world.objection.id, world.coOrganizer.id])).toBe(1)
		expect((await failureAs(client, world.organizer, insert, [world.objection.id, world.organizer.id])).code).toBe('23505')
	}))

test('the chapter reads the filing record; outsiders do not; organizers record an acknowledgement but not the provider’s id', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		await client.query(insert, [world.objection.id, world.organizer.id])
		const read = 'select to_address from public.objection_filings where objection_id = $1'
		const seen = await byObjectionRole(world, async (actor, role) =>
			role === 'anon'
				? (await failureAs(client, actor, read, [world.objection.id])).code
				: (await rowsVisibleAs(client, actor, read, [world.objection.id])).length,
		)
		expect(seen).toEqual({ anon: '42501', outsider: 0, member: 1, author: 1, coOrganizer: 1 })
		const ack = `update public.objection_filings set acknowledgement = 'Received by the clerk' where objection_id = $1`
		expect(await rowsChangedAs(client, world.member, ack, [world.objection.id])).toBe(0)
		expect(await rowsChangedAs(client, world.organizer, ack, [world.objection.id])).toBe(1)
		const forged = await failureAs(
			client,
			world.organizer,
			`update public.objection_filings set provider_message_id = 'x' where objection_id = $1`,
			[world.objection.id],
		)
		expect(forged.code).toBe('42501')
		// The delivery status is the provider's word (docs/decisions/070): no organizer marks a filing delivered.
		for (const column of ['delivery_status', 'delivered_at']) {
			const value = column === 'delivery_status' ? `'delivered'` : 'now()'
			const claimed = await failureAs(
				client,
				world.organizer,
				`update public.objection_filings set ${column} = ${value} where objection_id = $1`,
				[world.objection.id],
			)
			expect(claimed.code, column).toBe('42501')
		}
	}))

test('a filing made by hand, by mail or through a portal is recorded as such, not pending delivery', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		await approve(client, world)
		const manual = `insert into public.objection_filings (objection_id, method, version, subject, pdf_path, signer_count, filed_by)
			values ($1::uuid, 'portal', 1, 'Objection', $1::uuid::text || '/filings/a.pdf', 0, $2::uuid) returning delivery_status`
		expect(await rowsVisibleAs(client, world.coOrganizer, manual, [world.objection.id, world.coOrganizer.id])).toEqual([
			{ delivery_status: 'recorded' },
		])
	}))
