import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { authorFor, byRole, createProject, createRecordsRequest, createSitingWorld } from '#tests/helpers/siting-factories'

// Public-records requests about a project: everyone reads them; the project's
// editors track them (as themselves) and update them; they stay on the record.

const read = 'select id from public.records_requests where id = $1'
const insert = `insert into public.records_requests (project_id, chapter_id, body_name, asked_for, created_by)
	values ($1, $2, 'County Economic Development Authority', 'Every agreement with the developer', $3)`
const edit = `update public.records_requests set status = 'sent', sent_on = current_date where id = $1`

test('everyone reads a records request', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const request = await createRecordsRequest(client, world.project, world.organizer)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [request.id])).length)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('only the project’s editors track a records request, as themselves', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const tracked = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, insert, [world.project.id, world.chapter.id, authorFor(world, role)]),
		)
		expect(tracked).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		expect((await failureAs(client, world.organizer, insert, [world.project.id, world.chapter.id, world.member.id])).code).toBe('42501')
	}))

test('only the project’s editors update a records request, and never move it to a project they do not edit', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const request = await createRecordsRequest(client, world.project, world.organizer)
		const edited = await byRole(world, (actor) => rowsChangedAs(client, actor, edit, [request.id]))
		expect(edited).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const elsewhere = await createProject(client, world.place)
		const moved = await failureAs(client, world.organizer, 'update public.records_requests set project_id = $2 where id = $1', [
			request.id,
			elsewhere.id,
		])
		expect(moved.code).toBe('42501')
	}))

test('nobody deletes a records request', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const request = await createRecordsRequest(client, world.project, world.organizer)
		const removed = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'delete from public.records_requests where id = $1', [request.id]),
		)
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.records_requests')).code).toBe('42501')
		}
	}))

test('who tracked a request, and when, stay as recorded', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const row = await createRecordsRequest(client, world.project, world.organizer)
		for (const [column, value] of [
			['created_by', world.member.id],
			['created_at', '2020-01-01'],
		] as const) {
			const refused = await failureAs(client, world.organizer, `update public.records_requests set ${column} = $2 where id = $1`, [
				row.id,
				value,
			])
			expect(refused.code, column).toBe('42501')
		}
	}))
