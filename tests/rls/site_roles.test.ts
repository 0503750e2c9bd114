import { expect, test } from 'vitest'
import { createChapterWithPeople, createPetition, createSignature, createUser, makeModerator } from '#tests/helpers/factories'
import { describeActor, failureAs, queryAs, rowsVisibleAs, withRollback, type Actor } from '#tests/helpers/rls'

// Site roles and the moderation functions, per role: moderators see patterns and act
// in bulk without reading signer rows; nobody grants themselves a role.

// Email addresses are not in the table's grants at all: organizers get them
// only through their export, for consenting signers.
const readSigners = 'select id, postal_code from public.signatures where petition_id = $1'

test('moderators see patterns and act in bulk, but never read signer rows; others cannot use the moderation functions', () =>
	withRollback(async (client) => {
		const { chapter, organizer, outsider } = await createChapterWithPeople(client, 'public')
		const moderator = await createUser(client)
		await makeModerator(client, moderator)
		const petition = await createPetition(client, { organizer, chapter })
		await createSignature(client, petition, { ip: '198.51.100.7', status: 'confirmed' })
		await createSignature(client, petition, { ip: '198.51.100.7', status: 'confirmed' })

		const clusters = await queryAs(client, moderator, `select value, total from private.signature_clusters($1, 'ip', 10)`, [petition.id])
		expect(clusters.rows).toEqual([{ value: '198.51.100.7', total: '2' }])
		const invalidated = await queryAs<{ n: number }>(
			client,
			moderator,
			`select private.invalidate_signatures($1, '198.51.100.7', null, null, null, null, false, false) as n`,
			[petition.id],
		)
		expect(invalidated.rows).toEqual([{ n: 2 }])
		expect(await rowsVisibleAs(client, moderator, readSigners, [petition.id])).toEqual([])

		for (const actor of [organizer, outsider] as Actor[]) {
			const refused = await failureAs(client, actor, `select * from private.signature_clusters($1, 'ip', 10)`, [petition.id])
			expect(refused.code, describeActor(actor)).toBe('42501')
			const bulk = await failureAs(
				client,
				actor,
				`select private.invalidate_signatures($1, null, 'example.org', null, null, null, false, false)`,
				[petition.id],
			)
			expect(bulk.code, describeActor(actor)).toBe('42501')
			expect((await failureAs(client, actor, `select private.set_petition_hidden($1, true, 'x')`, [petition.id])).code).toBe('42501')
		}
		expect((await failureAs(client, 'anon', `select * from private.signature_clusters($1, 'ip', 10)`, [petition.id])).code).toBe('42501')
	}))

test('nobody grants themselves a site role', () =>
	withRollback(async (client) => {
		const person = await createUser(client)
		const moderator = await createUser(client)
		await makeModerator(client, moderator)
		for (const actor of [person, moderator]) {
			const refused = await failureAs(client, actor, `insert into public.site_roles (user_id, role) values ($1, 'moderator')`, [person.id])
			expect(refused.code).toBe('42501')
		}
		expect(await rowsVisibleAs(client, person, 'select role from public.site_roles', [])).toEqual([])
		expect(await rowsVisibleAs(client, moderator, 'select role from public.site_roles where user_id = $1', [moderator.id])).toEqual([
			{ role: 'moderator' },
		])
	}))
