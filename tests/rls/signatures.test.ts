import { expect, test } from 'vitest'
import { createChapterWithPeople, createPetition, createSignature, createUser, makeModerator } from '#tests/helpers/factories'
import { describeActor, failureAs, queryAs, rowsVisibleAs, withRollback, type Actor } from '#tests/helpers/rls'

// Signer email addresses through the Data API. Decision 025 promises the
// organizers' export carries an address only for a confirmed signer who
// asked for updates and has not unsubscribed; the table itself gives the
// address to nobody signed in, so a query cannot get around the export.

const exportRows = `select name, email from private.signatures_for_export($1) order by name`

test('nobody signed in reads, filters on or sorts by the email column, not even the petition’s organizers or the signer', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member } = await createChapterWithPeople(client, 'public')
		const moderator = await createUser(client)
		await makeModerator(client, moderator)
		const signer = await createUser(client)
		const petition = await createPetition(client, { organizer, chapter })
		const own = await createSignature(client, petition, { userId: signer.id, status: 'confirmed', wantsUpdates: true })
		await createSignature(client, petition, { status: 'pending' })

		const probes = [
			'select email from public.signatures where petition_id = $1',
			'select * from public.signatures where petition_id = $1',
			`select id from public.signatures where petition_id = $1 and email like '%@example.org'`,
			'select id from public.signatures where petition_id = $1 order by email',
		]
		const actors: Actor[] = [organizer, signer, member, moderator]
		for (const actor of actors) {
			for (const probe of probes) {
				const refused = await failureAs(client, actor, probe, [petition.id])
				expect(refused.code, `${describeActor(actor)}: ${probe}`).toBe('42501')
			}
		}
		// What the app reads from the table still works: the signer's own row, the organizers' counts.
		expect(await rowsVisibleAs(client, signer, 'select id, status from public.signatures where petition_id = $1', [petition.id])).toEqual([
			{ id: own.id, status: 'confirmed' },
		])
		expect(
			await rowsVisibleAs(client, organizer, 'select status from public.signatures where petition_id = $1 order by status', [petition.id]),
		).toEqual([{ status: 'pending' }, { status: 'confirmed' }])
	}))

test('the organizers’ export gives the address only of confirmed signers who asked for updates and have not unsubscribed', () =>
	withRollback(async (client) => {
		const { chapter, organizer } = await createChapterWithPeople(client, 'public')
		const petition = await createPetition(client, { organizer, chapter })
		const consenting = await createSignature(client, petition, { name: 'Ada Consenting', status: 'confirmed', wantsUpdates: true })
		await createSignature(client, petition, { name: 'Bo Private', status: 'confirmed', wantsUpdates: false })
		const unsubscribed = await createSignature(client, petition, { name: 'Cy Unsubscribed', status: 'confirmed', wantsUpdates: true })
		await client.query('update public.signatures set unsubscribed_at = now() where id = $1', [unsubscribed.id])
		await createSignature(client, petition, { name: 'Di Pending', status: 'pending', wantsUpdates: true })
		await createSignature(client, petition, { name: 'Ed Suspected', status: 'suspected', wantsUpdates: true })
		await createSignature(client, petition, { name: 'Flo Invalidated', status: 'invalidated', wantsUpdates: true })

		const rows = await queryAs<{ name: string; email: string | null }>(client, organizer, exportRows, [petition.id])
		expect(rows.rows).toEqual([
			{ name: 'Ada Consenting', email: consenting.email },
			{ name: 'Bo Private', email: null },
			{ name: 'Cy Unsubscribed', email: null },
		])
	}))

test('only the petition’s organizers export its signers, and each export is in the audit log', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, outsider } = await createChapterWithPeople(client, 'public')
		const moderator = await createUser(client)
		await makeModerator(client, moderator)
		const rival = await createChapterWithPeople(client, 'public')
		const petition = await createPetition(client, { organizer, chapter })
		await createSignature(client, petition, { status: 'confirmed', wantsUpdates: true })

		const refusedActors: Actor[] = ['anon', member, outsider, moderator, rival.organizer]
		for (const actor of refusedActors) {
			expect((await failureAs(client, actor, exportRows, [petition.id])).code, describeActor(actor)).toBe('42501')
		}
		await queryAs(client, organizer, exportRows, [petition.id])
		const { rows } = await client.query(
			`select action, actor_id, details from public.petition_audit_log where petition_id = $1 order by id`,
			[petition.id],
		)
		expect(rows).toEqual([{ action: 'export_csv', actor_id: organizer.id, details: { rows: 1 } }])
	}))
