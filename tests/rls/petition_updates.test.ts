import { expect, test } from 'vitest'
import { createChapterWithPeople, createPetition } from '#tests/helpers/factories'
import { failureAs, queryAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Petition updates, per role: organizers post them; updates of public petitions are public.

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
