import { expect, test } from 'vitest'
import { failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, createRecordsRequest, createSitingWorld } from '#tests/helpers/siting-factories'

// The private `records-documents` bucket (storage.objects rows), per role
// (docs/decisions/062): the project's editors upload into a request's
// folder, PDFs and web images only; a file is read by the editors, and by
// everyone once its row is shared; editors remove; nobody updates in place.

const upload = `insert into storage.objects (bucket_id, name, owner, metadata)
	values ('records-documents', $1, $2, jsonb_build_object('mimetype', $3::text))`
const read = `select name from storage.objects where bucket_id = 'records-documents' and name = $1`

test('the bucket is private, with a size limit and PDFs and images only', () =>
	withRollback(async (client) => {
		const { rows } = await client.query(
			`select public, file_size_limit, allowed_mime_types from storage.buckets where id = 'records-documents'`,
		)
		expect(rows).toEqual([
			{ public: false, file_size_limit: '10485760', allowed_mime_types: ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] },
		])
	}))

test('only the project’s editors upload into a request’s folder, and only PDFs and images', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const request = await createRecordsRequest(client, world.project, world.organizer)
		const uploaded = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, upload, [`${request.id}/${role}.pdf`, role === 'anon' ? null : world[role].id, 'application/pdf']),
		)
		expect(uploaded).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		for (const type of ['image/png', 'image/jpeg', 'image/webp']) {
			expect((await queryAs(client, world.organizer, upload, [`${request.id}/${type.slice(6)}`, world.organizer.id, type])).rowCount).toBe(
				1,
			)
		}
		for (const type of ['text/html', 'image/svg+xml', 'application/xhtml+xml', 'application/zip']) {
			expect((await failureAs(client, world.organizer, upload, [`${request.id}/x`, world.organizer.id, type])).code, type).toBe('42501')
		}
		// Not a request's folder, or one the organizer does not edit.
		for (const name of ['loose.pdf', 'not-a-uuid/file.pdf', '00000000-0000-4000-8000-000000000000/file.pdf']) {
			expect((await failureAs(client, world.organizer, upload, [name, world.organizer.id, 'application/pdf'])).code, name).toBe('42501')
		}
	}))

test('a stored file is read by the editors, and by everyone once its row is shared', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const request = await createRecordsRequest(client, world.project, world.organizer)
		const name = `${request.id}/minutes.pdf`
		await queryAs(client, world.organizer, upload, [name, world.organizer.id, 'application/pdf'])
		const before = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [name])).length)
		expect(before).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const { rows } = await client.query<{ id: string }>(
			`insert into public.records_request_files (request_id, title, storage_path, content_type, size_bytes, added_by)
			values ($1, 'Minutes', $2, 'application/pdf', 100, $3) returning id`,
			[request.id, name, world.organizer.id],
		)
		const held = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [name])).length)
		expect(held).toEqual(before)
		await client.query(`update public.records_request_files set shared = true where id = $1`, [rows[0]?.id])
		const shared = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [name])).length)
		expect(shared).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
		// Nobody lists the bucket beyond what they may read: this file, and only files whose rows are shared
		// (other tests' committed files may be in the bucket too).
		const listed = await rowsVisibleAs<{ name: string }>(
			client,
			world.member,
			`select name from storage.objects where bucket_id = 'records-documents'`,
		)
		const sharedPaths = await client.query<{ storage_path: string }>(`select storage_path from public.records_request_files where shared`)
		expect(listed.map((row) => row.name)).toContain(name)
		const allowed = new Set(sharedPaths.rows.map((row) => row.storage_path))
		expect(listed.filter((row) => !allowed.has(row.name))).toEqual([])
	}))

test('only the project’s editors remove a stored file; nobody replaces one in place', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const request = await createRecordsRequest(client, world.project, world.organizer)
		const removed: Record<string, number> = {}
		for (const role of ['anon', 'member', 'otherOrganizer', 'organizer', 'moderator'] as const) {
			const name = `${request.id}/${role}.pdf`
			await queryAs(client, world.organizer, upload, [name, world.organizer.id, 'application/pdf'])
			const actor = role === 'anon' ? 'anon' : world[role]
			const replaced = await rowsChangedAs(
				client,
				actor,
				`update storage.objects set metadata = jsonb_build_object('mimetype', 'text/html') where bucket_id = 'records-documents' and name = $1`,
				[name],
			)
			expect(replaced, role).toBe(0)
			removed[role] = await rowsChangedAs(
				client,
				actor,
				`delete from storage.objects where bucket_id = 'records-documents' and name = $1`,
				[name],
			)
		}
		expect(removed).toEqual({ anon: 0, member: 0, otherOrganizer: 0, organizer: 1, moderator: 1 })
	}))
