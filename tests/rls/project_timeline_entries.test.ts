import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { authorFor, byRole, createProject, createSitingWorld, createTimelineEntry } from '#tests/helpers/siting-factories'

// A project's dated timeline: public; the project's editors add entries as
// themselves and correct them; entries stay on the record.

const read = 'select id from public.project_timeline_entries where id = $1'
const insert = `insert into public.project_timeline_entries (project_id, occurred_on, title, created_by)
	values ($1, '2026-04-14', 'Board approved the rezoning 5-4', $2)`
const correct = `update public.project_timeline_entries set occurred_on = '2026-04-15' where id = $1`
const remove = 'delete from public.project_timeline_entries where id = $1'

test('everyone reads a project’s timeline', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const entry = await createTimelineEntry(client, world.project, world.organizer)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [entry.id])).length)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('only the project’s editors add timeline entries, as themselves', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const added = await byRole(world, (actor, role) => rowsChangedAs(client, actor, insert, [world.project.id, authorFor(world, role)]))
		expect(added).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		expect((await failureAs(client, world.organizer, insert, [world.project.id, world.member.id])).code).toBe('42501')
	}))

test('only the project’s editors correct an entry, and never move it to a project they do not edit', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const entry = await createTimelineEntry(client, world.project, world.organizer)
		const corrected = await byRole(world, (actor) => rowsChangedAs(client, actor, correct, [entry.id]))
		expect(corrected).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const elsewhere = await createProject(client, world.place)
		const moved = await failureAs(client, world.organizer, 'update public.project_timeline_entries set project_id = $2 where id = $1', [
			entry.id,
			elsewhere.id,
		])
		expect(moved.code).toBe('42501')
	}))

test('nobody deletes a timeline entry', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const entry = await createTimelineEntry(client, world.project, world.organizer)
		const removed = await byRole(world, (actor) => rowsChangedAs(client, actor, remove, [entry.id]))
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.project_timeline_entries')).code).toBe('42501')
		}
	}))

test('an entry’s author and creation time stay as recorded', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const row = await createTimelineEntry(client, world.project, world.organizer)
		for (const [column, value] of [
			['created_by', world.member.id],
			['created_at', '2020-01-01'],
		] as const) {
			const refused = await failureAs(client, world.organizer, `update public.project_timeline_entries set ${column} = $2 where id = $1`, [
				row.id,
				value,
			])
			expect(refused.code, column).toBe('42501')
		}
	}))
