import { expect, test } from 'vitest'
import { createChapterWithPeople } from '#tests/helpers/factories'
import { describeActor, failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback, type Actor } from '#tests/helpers/rls'

// Profile pictures in the public `avatars` bucket (storage.objects rows).
// Their public URLs are served without any policy, so the SELECT policy is
// only for what the app does as the owner: replace (upsert) and remove its
// own picture, and list its own folder when the account is deleted.

const upload = `insert into storage.objects (bucket_id, name, owner, metadata)
	values ('avatars', $1, $2, jsonb_build_object('mimetype', $3::text))`
const list = `select name from storage.objects where bucket_id = 'avatars' and name like $1`

test('nobody lists the avatars bucket but the owner of each picture, who sees their own folder', () =>
	withRollback(async (client) => {
		const { organizer, member, outsider } = await createChapterWithPeople(client, 'public')
		await queryAs(client, member, upload, [`${member.id}/face.png`, member.id, 'image/png'])
		const everyone: Actor[] = ['anon', organizer, outsider]
		for (const actor of everyone) {
			expect(await rowsVisibleAs(client, actor, list, ['%']), describeActor(actor)).toEqual([])
		}
		expect(await rowsVisibleAs(client, member, list, [`${member.id}/%`])).toEqual([{ name: `${member.id}/face.png` }])
	}))

test('people write pictures only into their own folder, and only as PNG, JPEG or WebP', () =>
	withRollback(async (client) => {
		const { member, outsider } = await createChapterWithPeople(client, 'public')
		for (const type of ['image/png', 'image/jpeg', 'image/webp']) {
			expect((await queryAs(client, member, upload, [`${member.id}/${type.slice(6)}`, member.id, type])).rowCount, type).toBe(1)
		}
		expect((await failureAs(client, outsider, upload, [`${member.id}/forged.png`, outsider.id, 'image/png'])).code).toBe('42501')
		for (const type of ['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/xml']) {
			expect((await failureAs(client, member, upload, [`${member.id}/script`, member.id, type])).code, type).toBe('42501')
			const retype = `update storage.objects set metadata = jsonb_build_object('mimetype', $2::text) where bucket_id = 'avatars' and name = $1`
			expect(await rowsChangedAs(client, member, retype, [`${member.id}/png`, type]), type).toBe(0)
		}
		expect(
			await rowsChangedAs(client, outsider, `delete from storage.objects where bucket_id = 'avatars' and name = $1`, [`${member.id}/png`]),
		).toBe(0)
		// Storage removes with DELETE … RETURNING, which needs the SELECT policy too.
		const remove = `delete from storage.objects where bucket_id = 'avatars' and name = $1 returning name`
		expect((await queryAs(client, member, remove, [`${member.id}/png`])).rows).toEqual([{ name: `${member.id}/png` }])
	}))
