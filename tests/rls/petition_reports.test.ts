import { expect, test } from 'vitest'
import { createChapterWithPeople, createPetition, createUser, makeModerator } from '#tests/helpers/factories'
import { failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Reports on petitions, per role: anyone reports a public petition; only moderators
// read and resolve reports.

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

test('only whoever runs a taken-down petition appeals it, and reads only their own appeals; nobody appeals a public one', () =>
	withRollback(async (client) => {
		const { chapter, organizer, member } = await createChapterWithPeople(client, 'public')
		const moderator = await createUser(client)
		await makeModerator(client, moderator)
		const petition = await createPetition(client, { organizer, chapter })
		const appeal = `insert into public.petition_reports (petition_id, reason, details, is_appeal, reporter_id) values ($1, 'other', 'We fixed it', true, $2)`
		// Public: an appeal is refused to everyone, and a report cannot pose as one.
		expect((await failureAs(client, organizer, appeal, [petition.id, organizer.id])).code).toBe('42501')
		expect(
			(
				await failureAs(client, 'anon', `insert into public.petition_reports (petition_id, reason, is_appeal) values ($1, 'spam', true)`, [
					petition.id,
				])
			).code,
		).toBe('42501')
		await client.query('update public.petitions set hidden_at = now() where id = $1', [petition.id])
		expect((await failureAs(client, member, appeal, [petition.id, member.id])).code).toBe('42501')
		expect((await failureAs(client, organizer, appeal, [petition.id, member.id])).code).toBe('42501')
		expect((await failureAs(client, 'anon', appeal, [petition.id, null])).code).toBe('42501')
		expect((await queryAs(client, organizer, appeal, [petition.id, organizer.id])).rowCount).toBe(1)
		expect(
			await rowsVisibleAs(client, organizer, 'select details from public.petition_reports where petition_id = $1', [petition.id]),
		).toEqual([{ details: 'We fixed it' }])
		expect(await rowsVisibleAs(client, member, 'select id from public.petition_reports where petition_id = $1', [petition.id])).toEqual([])
		expect(
			await rowsVisibleAs(client, moderator, 'select id from public.petition_reports where petition_id = $1', [petition.id]),
		).toHaveLength(1)
		const resolve = `update public.petition_reports set status = 'dismissed', resolved_by = $2, resolved_at = now() where petition_id = $1`
		expect(await rowsChangedAs(client, organizer, resolve, [petition.id, organizer.id])).toBe(0)
	}))
