import { expect, test } from 'vitest'
import { approve, byObjectionRole, createObjectionWorld, publishFiled, signAs } from '#tests/helpers/objection-factories'
import { failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Co-signers' names, emails and addresses: the chapter's organizers and the
// signer only. The public page gets names of those who agreed, through a function.

const read = 'select address, email from public.objection_signers where objection_id = $1'

test('nobody co-signs before approval; anyone with the link signs once after it', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		expect(await signAs(client, 'anon', world, 'dana@example.org')).toBe('not_open')
		await approve(client, world)
		expect(await signAs(client, 'anon', world, 'dana@example.org')).toBe('signed')
		expect(await signAs(client, 'anon', world, 'DANA@example.org')).toBe('already_signed')
		expect(await signAs(client, world.member, world, 'mo@example.org', 'Mo Member')).toBe('signed')
		const count = (await client.query('select signer_count from public.objections where id = $1', [world.objection.id])).rows[0]
		expect(count).toEqual({ signer_count: 2 })
	}))

test('addresses and emails are read by the chapter’s organizers and by the signer themself only', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		await approve(client, world)
		await signAs(client, 'anon', world, 'dana@example.org')
		await signAs(client, world.member, world, 'mo@example.org', 'Mo Member')
		const seen = await byObjectionRole(world, async (actor, role) =>
			role === 'anon'
				? (await failureAs(client, actor, read, [world.objection.id])).code
				: (await rowsVisibleAs(client, actor, read, [world.objection.id])).length,
		)
		expect(seen).toEqual({ anon: '42501', outsider: 0, member: 1, author: 2, coOrganizer: 2 })
		expect((await failureAs(client, world.organizer, 'select manage_token_hash from public.objection_signers')).code).toBe('42501')
		await publishFiled(client, world)
		const names = await queryAs(client, 'anon', 'select name from private.public_objection_signers($1)', [world.objection.id])
		expect(names.rows.map((row) => row.name).sort()).toEqual(['Begoña Muñoz', 'Mo Member'])
		expect(Object.keys(names.rows[0] ?? {})).toEqual(['name'])
	}))

test('a signer withdraws their own signature until filing; organizers cannot change it', () =>
	withRollback(async (client) => {
		const world = await createObjectionWorld(client)
		await approve(client, world)
		await signAs(client, world.member, world, 'mo@example.org', 'Mo Member')
		const withdraw = 'update public.objection_signers set withdrawn_at = now() where objection_id = $1'
		expect(await rowsChangedAs(client, world.organizer, withdraw, [world.objection.id])).toBe(0)
		expect(await rowsChangedAs(client, world.member, withdraw, [world.objection.id])).toBe(1)
		expect((await client.query('select signer_count from public.objections where id = $1', [world.objection.id])).rows[0]).toEqual({
			signer_count: 0,
		})
		await client.query('update public.objection_signers set withdrawn_at = null where objection_id = $1', [world.objection.id])
		await client.query(`update public.objections set status = 'filed' where id = $1`, [world.objection.id])
		expect((await failureAs(client, world.member, withdraw, [world.objection.id])).hint).toBe('objection_filed')
	}))
