import { expect, test } from 'vitest'
import { createChapterWithPeople, createPetition } from '#tests/helpers/factories'
import { failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// The petition-covers Storage bucket, per role: only a petition's organizers upload
// its cover, and only in the bucket's image types.

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
