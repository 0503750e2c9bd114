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
