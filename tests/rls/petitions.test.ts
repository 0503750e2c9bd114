import { expect, test } from 'vitest'
import { createChapterWithPeople, createPetition, createUser } from '#tests/helpers/factories'
import { describeActor, failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback, type Actor } from '#tests/helpers/rls'

// Petitions per role: who starts, manages, publishes and deletes them, and what a
// draft hides. Signatures have their own file (signatures.test.ts).

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
