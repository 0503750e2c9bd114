import { expect, test } from 'vitest'
import { failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, createSitingWorld } from '#tests/helpers/siting-factories'
import { createHearing, signUpAs } from '#tests/helpers/speaker-factories'

// Authorization letters in the private `speaker-letters` bucket
// (storage.objects rows): written only into the uploader's own folder, as a
// PDF, PNG or JPEG; read by the uploader and by the organizers of the chapters
// working on the project whose list names the letter; by nobody else.

const upload = `insert into storage.objects (bucket_id, name, owner, metadata)
	values ('speaker-letters', $1, $2, jsonb_build_object('mimetype', $3::text))`
const read = `select name from storage.objects where bucket_id = 'speaker-letters' and name = $1`

test('a letter given with a sign-up is read by its uploader and the project’s organizers only', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const hearing = await createHearing(client, world, { rules: { representative_authorization: 'a letter from the board' } })
		const path = `${world.member.id}/letter.pdf`
		await queryAs(client, world.member, upload, [path, world.member.id, 'application/pdf'])
		await signUpAs(client, world.member, hearing.clockId, { organization: 'Friends of the Creek', letterPath: path })
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [path])).length)
		expect(seen).toEqual({ anon: 0, member: 1, organizer: 1, otherOrganizer: 0, moderator: 0 })
	}))

test('a letter nobody’s sign-up names is the uploader’s alone', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const path = `${world.member.id}/draft.pdf`
		await queryAs(client, world.member, upload, [path, world.member.id, 'application/pdf'])
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [path])).length)
		expect(seen).toEqual({ anon: 0, member: 1, organizer: 0, otherOrganizer: 0, moderator: 0 })
	}))

test('people upload letters only into their own folder, only as PDF, PNG or JPEG, and delete only their own', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		for (const type of ['application/pdf', 'image/png', 'image/jpeg']) {
			expect(
				(await queryAs(client, world.member, upload, [`${world.member.id}/${type.replace('/', '-')}`, world.member.id, type])).rowCount,
			).toBe(1)
		}
		expect(
			(await failureAs(client, world.organizer, upload, [`${world.member.id}/forged.pdf`, world.organizer.id, 'application/pdf'])).code,
		).toBe('42501')
		expect((await failureAs(client, world.member, upload, [`${world.member.id}/page.html`, world.member.id, 'text/html'])).code).toBe(
			'42501',
		)
		expect((await failureAs(client, 'anon', upload, ['anon/letter.pdf', null, 'application/pdf'])).code).toBe('42501')
		const remove = `delete from storage.objects where bucket_id = 'speaker-letters' and name = $1`
		const removed = await byRole(world, (actor) => rowsChangedAs(client, actor, remove, [`${world.member.id}/application-pdf`]))
		expect(removed).toEqual({ anon: 0, member: 1, organizer: 0, otherOrganizer: 0, moderator: 0 })
	}))

test('a sign-up may name only a letter from the signer’s own folder', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const hearing = await createHearing(client, world)
		const error = await failureAs(
			client,
			world.organizer,
			`select * from private.sign_up_to_speak(gen_random_uuid(), $1, 'Olive', '', 'Acme', $2, 'in_person', '\\x00')`,
			[hearing.clockId, `${world.member.id}/letter.pdf`],
		)
		expect(error.code).toBe('42501')
	}))
