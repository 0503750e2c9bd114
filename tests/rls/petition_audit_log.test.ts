import { expect, test } from 'vitest'
import { createChapterWithPeople, createPetition, createUser, makeModerator } from '#tests/helpers/factories'
import { failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// The petition audit log, per role: organizers record their exports; organizers and
// moderators read it; it outlives the petition it names.

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
