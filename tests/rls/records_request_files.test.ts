import { expect, test } from 'vitest'
import { failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { authorFor, byRole, createRecordsRequest, createSitingWorld, type SitingWorld } from '#tests/helpers/siting-factories'

// Files a records request brought back (docs/decisions/062): held for the
// project's editors until one of them checks a file for third parties'
// personal details and shares it; then everyone reads it. Editors add,
// share and remove them, signing their own rows.

const read = 'select id from public.records_request_files where id = $1'
const insert = `insert into public.records_request_files (request_id, title, storage_path, content_type, size_bytes, added_by)
	values ($1::uuid, 'Agreement with the developer', $1::uuid::text || '/' || gen_random_uuid() || '.pdf', 'application/pdf', 2048, $2)`

async function heldFile(client: Parameters<Parameters<typeof withRollback>[0]>[0], world: SitingWorld) {
	const request = await createRecordsRequest(client, world.project, world.organizer)
	const { rows } = await client.query<{ id: string }>(
		`insert into public.records_request_files (request_id, title, storage_path, content_type, size_bytes, added_by)
		values ($1::uuid, 'Emails with the developer', $1::uuid::text || '/held.pdf', 'application/pdf', 4096, $2) returning id`,
		[request.id, world.organizer.id],
	)
	return { request, fileId: rows[0]?.id ?? '' }
}

test('a held file is seen only by the project’s editors; once shared, by everyone', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const { fileId } = await heldFile(client, world)
		const held = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [fileId])).length)
		expect(held).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		await client.query(`update public.records_request_files set shared = true where id = $1`, [fileId])
		const shared = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [fileId])).length)
		expect(shared).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('only the project’s editors add a file, as themselves', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const request = await createRecordsRequest(client, world.project, world.organizer)
		const added = await byRole(world, (actor, role) => rowsChangedAs(client, actor, insert, [request.id, authorFor(world, role)]))
		expect(added).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		expect((await failureAs(client, world.organizer, insert, [request.id, world.member.id])).code).toBe('42501')
		// A file outside its request's folder is refused by the table itself.
		const elsewhere = await failureAs(
			client,
			world.organizer,
			`insert into public.records_request_files (request_id, title, storage_path, content_type, size_bytes, added_by)
			values ($1::uuid, 'Misfiled', 'other/file.pdf', 'application/pdf', 10, $2)`,
			[request.id, world.organizer.id],
		)
		expect(elsewhere.code).toBe('23514')
		const script = await failureAs(
			client,
			world.organizer,
			`insert into public.records_request_files (request_id, title, storage_path, content_type, size_bytes, added_by)
			values ($1::uuid, 'Page', $1::uuid::text || '/x.html', 'text/html', 10, $2)`,
			[request.id, world.organizer.id],
		)
		expect(script.code).toBe('23514')
	}))

test('only the project’s editors share a file; the database signs the share; only the title, date and sharing change', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const { fileId } = await heldFile(client, world)
		const share = `update public.records_request_files set shared = not shared where id = $1`
		const toggled = await byRole(world, (actor) => rowsChangedAs(client, actor, share, [fileId]))
		expect(toggled).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		// The organizer shared it, the moderator took it back; the organizer shares it again and is recorded.
		await queryAs(client, world.organizer, share, [fileId])
		const { rows } = await client.query(
			'select shared, shared_by, shared_at is not null as stamped from public.records_request_files where id = $1',
			[fileId],
		)
		expect(rows).toEqual([{ shared: true, shared_by: world.organizer.id, stamped: true }])
		// A later rename by another editor keeps who shared it.
		expect(
			(await queryAs(client, world.moderator, `update public.records_request_files set title = 'Renamed' where id = $1`, [fileId]))
				.rowCount,
		).toBe(1)
		expect((await client.query('select shared_by from public.records_request_files where id = $1', [fileId])).rows).toEqual([
			{ shared_by: world.organizer.id },
		])
		for (const column of [
			'storage_path = storage_path',
			'request_id = request_id',
			'added_by = added_by',
			'size_bytes = 1',
			'shared_by = null',
		]) {
			const changed = await failureAs(client, world.organizer, `update public.records_request_files set ${column} where id = $1`, [fileId])
			expect(changed.code, column).toBe('42501')
		}
	}))

test('only the project’s editors remove a file; nobody truncates the table', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const removed: Record<string, number> = {}
		for (const role of ['anon', 'member', 'otherOrganizer', 'organizer', 'moderator'] as const) {
			const { fileId } = await heldFile(client, world)
			const actor = role === 'anon' ? 'anon' : world[role]
			removed[role] = await rowsChangedAs(client, actor, 'delete from public.records_request_files where id = $1', [fileId])
		}
		expect(removed).toEqual({ anon: 0, member: 0, otherOrganizer: 0, organizer: 1, moderator: 1 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.records_request_files')).code).toBe('42501')
		}
	}))
