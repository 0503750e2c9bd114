import { expect, test } from 'vitest'
import { createChapterWithPeople, createPetition, createSignature, createUser, makeModerator } from '#tests/helpers/factories'
import { describeActor, failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback, type Actor } from '#tests/helpers/rls'

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

// Email addresses are not in the table's grants at all: organizers get them
// only through their export, for consenting signers.
const readSigners = 'select id, postal_code from public.signatures where petition_id = $1'

test('only the petition’s organizers and the signer read a signer’s postal code; nobody reads the email column', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, pending, invited, outsider } = await createChapterWithPeople(client, 'public')
		const moderator = await createUser(client)
		await makeModerator(client, moderator)
		const rival = await createChapterWithPeople(client, 'public')
		const signer = await createUser(client)
		const petition = await createPetition(client, { organizer, chapter })
		const own = await createSignature(client, petition, { userId: signer.id, status: 'confirmed' })
		const other = await createSignature(client, petition, { status: 'confirmed', showName: true })

		const everything = await rowsVisibleAs<{ id: string; postal_code: string }>(client, organizer, readSigners, [petition.id])
		expect(everything.map((row) => row.id).sort()).toEqual([own.id, other.id].sort())
		expect(everything.find((row) => row.id === other.id)).toMatchObject({ postal_code: '20175' })

		expect(await rowsVisibleAs(client, signer, readSigners, [petition.id])).toEqual([{ id: own.id, postal_code: '20175' }])
		for (const actor of [organizer, signer]) {
			const email = await failureAs(client, actor, 'select email from public.signatures where petition_id = $1', [petition.id])
			expect(email.code, describeActor(actor)).toBe('42501')
		}

		const nobody: Actor[] = [member, pending, invited, outsider, moderator, rival.organizer]
		for (const actor of nobody) {
			expect(await rowsVisibleAs(client, actor, readSigners, [petition.id]), describeActor(actor)).toEqual([])
		}
		const anonymous = await failureAs(client, 'anon', readSigners, [petition.id])
		expect(anonymous.code).toBe('42501')
	}))

test('visitors read the count and only consenting, confirmed signers’ names, as given, and towns', () =>
	withRollback(async (client) => {
		const { chapter, organizer } = await createChapterWithPeople(client, 'public')
		const petition = await createPetition(client, { organizer, chapter })
		await createSignature(client, petition, { name: 'Nguyễn Thị Lan', status: 'confirmed', showName: true })
		await createSignature(client, petition, { name: 'Hidden Person', status: 'confirmed', showName: false })
		await createSignature(client, petition, { name: 'Pending Person', status: 'pending', showName: true })
		await client.query('select private.fold_petition_counts(100000)')

		const counts = await queryAs<{ confirmed: number }>(
			client,
			'anon',
			'select confirmed from public.petition_counts where petition_id = $1',
			[petition.id],
		)
		expect(counts.rows).toEqual([{ confirmed: 2 }])
		const signers = await queryAs(client, 'anon', 'select * from private.petition_recent_signers($1, 10)', [petition.id])
		// The name as the signer gave it, not its first word (docs/decisions/079).
		expect(signers.rows).toEqual([{ name: 'Nguyễn Thị Lan', place: 'Leesburg, VA', signed_at: expect.any(Date) }])
		const places = await queryAs(client, 'anon', 'select confirmed from public.petition_place_counts where petition_id = $1', [petition.id])
		expect(places.rows).toEqual([{ confirmed: 2 }])
	}))

test('nobody writes signatures directly, not even organizers: signing goes through the signing functions', () =>
	withRollback(async (client) => {
		const { chapter, organizer, outsider } = await createChapterWithPeople(client, 'public')
		const petition = await createPetition(client, { organizer, chapter })
		const signature = await createSignature(client, petition)
		const insert = `insert into public.signatures (petition_id, name, email, email_normalized, email_domain, country_code, postal_code)
			values ($1, 'Forged', 'f@example.org', 'f@example.org', 'example.org', 'US', '20175')`
		const actors: Actor[] = ['anon', outsider, organizer]
		for (const actor of actors) {
			expect((await failureAs(client, actor, insert, [petition.id])).code, describeActor(actor)).toBe('42501')
			expect(
				await rowsChangedAs(client, actor, `update public.signatures set status = 'confirmed', confirmed_at = now() where id = $1`, [
					signature.id,
				]),
			).toBe(0)
			expect(await rowsChangedAs(client, actor, 'delete from public.signatures where id = $1', [signature.id])).toBe(0)
		}
	}))

test('organizers never see a signer’s IP address or link token', () =>
	withRollback(async (client) => {
		const { chapter, organizer } = await createChapterWithPeople(client, 'public')
		const petition = await createPetition(client, { organizer, chapter })
		await createSignature(client, petition)
		for (const column of ['ip', 'token', 'suspect_reason']) {
			const refused = await failureAs(client, organizer, `select ${column} from public.signatures where petition_id = $1`, [petition.id])
			expect(refused.code, column).toBe('42501')
		}
	}))

test('emails are normalized: case, +tags, and Gmail’s dots and googlemail.com', () =>
	withRollback(async (client) => {
		const { rows } = await client.query<{ a: string; b: string; c: string; d: string }>(
			`select private.normalize_email(' Dana.Whitfield+petition@GoogleMail.com ') as a,
				private.normalize_email('dana.whitfield@example.org') as b,
				private.normalize_email('Dana+x@Example.ORG') as c,
				private.normalize_email('d.a.n.a@gmail.com') as d`,
		)
		expect(rows[0]).toEqual({ a: 'danawhitfield@gmail.com', b: 'dana.whitfield@example.org', c: 'dana@example.org', d: 'dana@gmail.com' })
	}))
