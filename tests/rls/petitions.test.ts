import { expect, test } from 'vitest'
import { createChapterWithPeople, createPetition, createSignature, createUser, makeModerator } from '#tests/helpers/factories'
import { describeActor, failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback, type Actor } from '#tests/helpers/rls'

// Petitions, signatures and everything around them, per role. The rule that
// matters most: only a petition's organizers (and the signer) read a
// signer's email address and postal code; visitors read counts and the first
// names of people who agreed to be shown.

// Email addresses are not in the table's grants at all: organizers get them
// only through their export, for consenting signers (signatures.test.ts).
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

test('visitors read the count and only consenting, confirmed signers’ first names and towns', () =>
	withRollback(async (client) => {
		const { chapter, organizer } = await createChapterWithPeople(client, 'public')
		const petition = await createPetition(client, { organizer, chapter })
		await createSignature(client, petition, { name: 'Dana Whitfield', status: 'confirmed', showName: true })
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
		expect(signers.rows).toEqual([{ first_name: 'Dana', place: 'Leesburg, VA', signed_at: expect.any(Date) }])
		const places = await queryAs(client, 'anon', 'select confirmed from public.petition_place_counts where petition_id = $1', [petition.id])
		expect(places.rows).toEqual([{ confirmed: 2 }])
	}))

test('a draft’s counts, signers and text are hidden from everyone but its organizers', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, outsider } = await createChapterWithPeople(client, 'public')
		const petition = await createPetition(client, { organizer, chapter, status: 'draft' })
		const actors: Actor[] = ['anon', member, outsider]
		for (const actor of actors) {
			expect(
				await rowsVisibleAs(client, actor, 'select id from public.petitions where id = $1', [petition.id]),
				describeActor(actor),
			).toEqual([])
			expect(await rowsVisibleAs(client, actor, 'select * from public.petition_counts where petition_id = $1', [petition.id])).toEqual([])
		}
		expect(await rowsVisibleAs(client, organizer, 'select id from public.petitions where id = $1', [petition.id])).toEqual([
			{ id: petition.id },
		])
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

test('chapter organizers start petitions as drafts in their own chapters; others cannot', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member, outsider } = await createChapterWithPeople(client, 'public')
		const insert = `insert into public.petitions (slug, title, decision_maker, summary, signature_goal, chapter_id, created_by)
			values ($1, 'A petition title long enough', 'The Board', 'A summary that is long enough to pass.', 100, $2, $3) returning id`
		expect((await queryAs(client, organizer, insert, ['ok-draft', chapter.id, organizer.id])).rowCount).toBe(1)
		expect((await queryAs(client, organizer, insert, ['ok-no-chapter', null, organizer.id])).rowCount).toBe(1)
		for (const actor of [member, outsider]) {
			expect(
				(await failureAs(client, actor, insert, [`no-${actor.id.slice(0, 4)}`, chapter.id, actor.id])).code,
				describeActor(actor),
			).toBe('42501')
			// Not organizing any chapter, not even a petition of one's own.
			expect((await failureAs(client, actor, insert, [`none-${actor.id.slice(0, 4)}`, null, actor.id])).code, describeActor(actor)).toBe(
				'42501',
			)
		}
		expect((await failureAs(client, organizer, insert, ['forged', chapter.id, member.id])).code).toBe('42501')
		const published = await failureAs(
			client,
			organizer,
			`insert into public.petitions (slug, title, decision_maker, summary, signature_goal, chapter_id, created_by, status)
			values ('straight-out', 'A petition title long enough', 'The Board', 'A summary that is long enough to pass.', 100, $1, $2, 'published')`,
			[chapter.id, organizer.id],
		)
		expect(published.code).toBe('42501')
	}))

test('co-organizers of the chapter manage its petitions; organizers of other chapters and members do not', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member } = await createChapterWithPeople(client, 'public')
		const coOrganizer = await createUser(client)
		await client.query(`insert into public.memberships (chapter_id, user_id, role, status) values ($1, $2, 'organizer', 'active')`, [
			chapter.id,
			coOrganizer.id,
		])
		const rival = await createChapterWithPeople(client, 'public')
		const petition = await createPetition(client, { organizer, chapter, status: 'draft' })
		const rename = `update public.petitions set title = 'A renamed petition title' where id = $1`
		expect(await rowsChangedAs(client, coOrganizer, rename, [petition.id])).toBe(1)
		expect(await rowsChangedAs(client, member, rename, [petition.id])).toBe(0)
		expect(await rowsChangedAs(client, rival.organizer, rename, [petition.id])).toBe(0)
		expect(await rowsChangedAs(client, 'anon', rename, [petition.id])).toBe(0)
	}))

test('organizers cannot hide a petition, unpublish it or change its address once published', () =>
	withRollback(async (client) => {
		const { chapter, organizer } = await createChapterWithPeople(client, 'public')
		const petition = await createPetition(client, { organizer, chapter })
		expect((await failureAs(client, organizer, 'update public.petitions set hidden_at = now() where id = $1', [petition.id])).code).toBe(
			'42501',
		)
		const unpublish = await failureAs(client, organizer, `update public.petitions set status = 'draft' where id = $1`, [petition.id])
		expect(unpublish.hint).toBe('petition_lifecycle')
		const readdress = await failureAs(client, organizer, `update public.petitions set slug = 'new-address' where id = $1`, [petition.id])
		expect(readdress.hint).toBe('petition_slug')
		expect(await rowsChangedAs(client, organizer, `update public.petitions set status = 'closed' where id = $1`, [petition.id])).toBe(1)
	}))

test('only drafts are deleted, by their organizers', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member } = await createChapterWithPeople(client, 'public')
		const draft = await createPetition(client, { organizer, chapter, status: 'draft' })
		const live = await createPetition(client, { organizer, chapter })
		expect(await rowsChangedAs(client, member, 'delete from public.petitions where id = $1', [draft.id])).toBe(0)
		expect(await rowsChangedAs(client, organizer, 'delete from public.petitions where id = $1', [live.id])).toBe(0)
		expect(await rowsChangedAs(client, organizer, 'delete from public.petitions where id = $1', [draft.id])).toBe(1)
	}))

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

test('anyone reports a public petition; only moderators read and resolve reports', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member } = await createChapterWithPeople(client, 'public')
		const moderator = await createUser(client)
		await makeModerator(client, moderator)
		const petition = await createPetition(client, { organizer, chapter })
		const draft = await createPetition(client, { organizer, chapter, status: 'draft' })
		const report = `insert into public.petition_reports (petition_id, reason, details) values ($1, 'spam', 'Looks like spam')`
		expect((await queryAs(client, 'anon', report, [petition.id])).rowCount).toBe(1)
		expect((await queryAs(client, member, report, [petition.id])).rowCount).toBe(1)
		expect((await failureAs(client, 'anon', report, [draft.id])).code).toBe('42501')
		expect(
			(
				await failureAs(client, member, `insert into public.petition_reports (petition_id, reason, reporter_id) values ($1, 'spam', $2)`, [
					petition.id,
					organizer.id,
				])
			).code,
		).toBe('42501')

		expect(await rowsVisibleAs(client, organizer, 'select id from public.petition_reports where petition_id = $1', [petition.id])).toEqual(
			[],
		)
		expect(await rowsVisibleAs(client, member, 'select id from public.petition_reports where petition_id = $1', [petition.id])).toEqual([])
		expect(
			await rowsVisibleAs(client, moderator, 'select id from public.petition_reports where petition_id = $1', [petition.id]),
		).toHaveLength(2)
		const resolve = `update public.petition_reports set status = 'dismissed', resolved_by = $2, resolved_at = now() where petition_id = $1`
		expect(await rowsChangedAs(client, organizer, resolve, [petition.id, organizer.id])).toBe(0)
		expect(await rowsChangedAs(client, moderator, resolve, [petition.id, moderator.id])).toBe(2)
	}))

test('organizers record their own exports in the audit log; it is read by organizers and moderators only', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member } = await createChapterWithPeople(client, 'public')
		const moderator = await createUser(client)
		await makeModerator(client, moderator)
		const petition = await createPetition(client, { organizer, chapter })
		const record = `insert into public.petition_audit_log (petition_id, actor_id, action) values ($1, $2, $3)`
		expect((await queryAs(client, organizer, record, [petition.id, organizer.id, 'export_csv'])).rowCount).toBe(1)
		expect((await failureAs(client, organizer, record, [petition.id, organizer.id, 'invalidate_signatures'])).code).toBe('42501')
		expect((await failureAs(client, member, record, [petition.id, member.id, 'export_csv'])).code).toBe('42501')
		expect(await rowsChangedAs(client, organizer, 'delete from public.petition_audit_log where petition_id = $1', [petition.id])).toBe(0)
		expect(
			await rowsVisibleAs(client, member, 'select action from public.petition_audit_log where petition_id = $1', [petition.id]),
		).toEqual([])
		expect(
			await rowsVisibleAs(client, moderator, 'select action from public.petition_audit_log where petition_id = $1', [petition.id]),
		).toEqual([{ action: 'export_csv' }])
	}))

test('organizers post updates to their petitions; updates of public petitions are public', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member } = await createChapterWithPeople(client, 'public')
		const petition = await createPetition(client, { organizer, chapter })
		const post = `insert into public.petition_updates (petition_id, title, body, created_by) values ($1, 'Hearing on Tuesday', 'Come along.', $2)`
		expect((await queryAs(client, organizer, post, [petition.id, organizer.id])).rowCount).toBe(1)
		expect((await failureAs(client, member, post, [petition.id, member.id])).code).toBe('42501')
		expect(await rowsVisibleAs(client, 'anon', 'select title from public.petition_updates where petition_id = $1', [petition.id])).toEqual([
			{ title: 'Hearing on Tuesday' },
		])
	}))

test('only the petition’s organizers upload its cover image', () =>
	withRollback(async (client) => {
		const { chapter, organizer, outsider } = await createChapterWithPeople(client, 'public')
		const petition = await createPetition(client, { organizer, chapter })
		const upload = `insert into storage.objects (bucket_id, name, owner) values ('petition-covers', $1, $2)`
		expect((await queryAs(client, organizer, upload, [`${petition.id}/cover.webp`, organizer.id])).rowCount).toBe(1)
		expect((await failureAs(client, outsider, upload, [`${petition.id}/other.webp`, outsider.id])).code).toBe('42501')
		expect((await failureAs(client, organizer, upload, ['not-a-petition/cover.webp', organizer.id])).code).toBe('42501')
		// The public URL serves it without a policy; listing the bucket is for its organizers only.
		const listCover = `select name from storage.objects where bucket_id = 'petition-covers' and name = $1`
		expect(await rowsVisibleAs(client, 'anon', listCover, [`${petition.id}/cover.webp`])).toEqual([])
		expect(await rowsVisibleAs(client, outsider, listCover, [`${petition.id}/cover.webp`])).toEqual([])
		expect(await rowsVisibleAs(client, organizer, listCover, [`${petition.id}/cover.webp`])).toEqual([
			{ name: `${petition.id}/cover.webp` },
		])
		// Replacing a cover removes the old one with DELETE … RETURNING, which needs SELECT too.
		const remove = `delete from storage.objects where bucket_id = 'petition-covers' and name = $1 returning name`
		expect(await rowsVisibleAs(client, outsider, remove, [`${petition.id}/cover.webp`])).toEqual([])
		expect((await queryAs(client, organizer, remove, [`${petition.id}/cover.webp`])).rows).toEqual([{ name: `${petition.id}/cover.webp` }])
	}))

test('a cover must be one of the bucket’s image types, whichever way it is written', () =>
	withRollback(async (client) => {
		const { chapter, organizer } = await createChapterWithPeople(client, 'public')
		const petition = await createPetition(client, { organizer, chapter })
		const upload = `insert into storage.objects (bucket_id, name, owner, metadata) values ('petition-covers', $1, $2, jsonb_build_object('mimetype', $3::text))`
		expect((await queryAs(client, organizer, upload, [`${petition.id}/cover.webp`, organizer.id, 'image/webp'])).rowCount).toBe(1)
		for (const type of ['image/svg+xml', 'text/html', 'application/xhtml+xml']) {
			expect((await failureAs(client, organizer, upload, [`${petition.id}/cover-${type.length}.x`, organizer.id, type])).code, type).toBe(
				'42501',
			)
			const retype = `update storage.objects set metadata = jsonb_build_object('mimetype', $2::text) where bucket_id = 'petition-covers' and name = $1`
			expect(await rowsChangedAs(client, organizer, retype, [`${petition.id}/cover.webp`, type]), type).toBe(0)
		}
	}))

test('the audit log outlives a deleted petition and keeps naming it', () =>
	withRollback(async (client) => {
		const { chapter, organizer } = await createChapterWithPeople(client, 'public')
		const moderator = await createUser(client)
		await makeModerator(client, moderator)
		const draft = await createPetition(client, { organizer, chapter, status: 'draft' })
		await queryAs(
			client,
			organizer,
			`insert into public.petition_audit_log (petition_id, actor_id, action) values ($1, $2, 'export_csv')`,
			[draft.id, organizer.id],
		)
		expect(await rowsChangedAs(client, organizer, 'delete from public.petitions where id = $1', [draft.id])).toBe(1)
		const { rows } = await client.query('select petition_id, action from public.petition_audit_log where petition_id = $1', [draft.id])
		expect(rows).toEqual([{ petition_id: draft.id, action: 'export_csv' }])
		expect(
			await rowsVisibleAs(client, moderator, 'select action from public.petition_audit_log where petition_id = $1', [draft.id]),
		).toEqual([{ action: 'export_csv' }])
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
