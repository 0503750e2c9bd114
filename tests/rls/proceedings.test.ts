import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { authorFor, byRole, createBody, createProceeding, createProject, createSitingWorld } from '#tests/helpers/siting-factories'

// The decisions before a body: everyone reads them; the project's editors
// open them (as themselves) and move them along; none is deleted.

const read = 'select id from public.proceedings where id = $1'
const insert = `insert into public.proceedings (slug, project_id, body_id, kind, title, created_by)
	values ($1, $2, $3, 'special_use_permit', 'Special exception for backup generators', $4)`
const edit = `update public.proceedings set stage = 'hearing_scheduled', case_number = 'SPEX-2026-0001' where id = $1`

test('everyone reads a proceeding', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const proceeding = await createProceeding(client, world.project)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [proceeding.id])).length)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('only the project’s editors open a proceeding, as themselves', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const body = await createBody(client, world.place)
		const opened = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, insert, [`spex-${role.toLowerCase()}`, world.project.id, body.id, authorFor(world, role)]),
		)
		expect(opened).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		expect((await failureAs(client, world.organizer, insert, ['spex-forged', world.project.id, body.id, world.member.id])).code).toBe(
			'42501',
		)
	}))

test('only the project’s editors update a proceeding, and never move it to a project they do not edit', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const proceeding = await createProceeding(client, world.project)
		const edited = await byRole(world, (actor) => rowsChangedAs(client, actor, edit, [proceeding.id]))
		expect(edited).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const elsewhere = await createProject(client, world.place)
		const moved = await failureAs(client, world.organizer, 'update public.proceedings set project_id = $2 where id = $1', [
			proceeding.id,
			elsewhere.id,
		])
		expect(moved.code).toBe('42501')
	}))

test('nobody deletes a proceeding', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const proceeding = await createProceeding(client, world.project)
		const removed = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'delete from public.proceedings where id = $1', [proceeding.id]),
		)
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.proceedings')).code).toBe('42501')
		}
	}))

test('who opened a proceeding, and when, stay as recorded', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const row = await createProceeding(client, world.project, null, world.organizer)
		for (const [column, value] of [
			['created_by', world.member.id],
			['created_at', '2020-01-01'],
		] as const) {
			const refused = await failureAs(client, world.organizer, `update public.proceedings set ${column} = $2 where id = $1`, [
				row.id,
				value,
			])
			expect(refused.code, column).toBe('42501')
		}
	}))
