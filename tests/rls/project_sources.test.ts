import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, createProject, createSitingWorld, createSource } from '#tests/helpers/siting-factories'

// A project's sources: public; its editors (a moderator, organizers of a
// linked chapter) add them and mark them weak; none is deleted, since figures
// and timeline entries point at them.

const read = 'select id from public.project_sources where id = $1'
const insert = 'insert into public.project_sources (project_id, url, title) values ($1, $2, $3)'
const markWeak = 'update public.project_sources set weak = true where id = $1'
const remove = 'delete from public.project_sources where id = $1'

test('everyone reads a project’s sources', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const source = await createSource(client, world.project)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [source.id])).length)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('only the project’s editors add sources', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const added = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, insert, [world.project.id, `https://example.org/${role}`, 'Planning staff report']),
		)
		expect(added).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('only the project’s editors mark a source weak, and never move it to a project they do not edit', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const source = await createSource(client, world.project)
		const marked = await byRole(world, (actor) => rowsChangedAs(client, actor, markWeak, [source.id]))
		expect(marked).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const elsewhere = await createProject(client, world.place)
		const moved = await failureAs(client, world.organizer, 'update public.project_sources set project_id = $2 where id = $1', [
			source.id,
			elsewhere.id,
		])
		expect(moved.code).toBe('42501')
	}))

test('nobody deletes a source', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const source = await createSource(client, world.project)
		const removed = await byRole(world, (actor) => rowsChangedAs(client, actor, remove, [source.id]))
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.project_sources')).code).toBe('42501')
		}
	}))

test('a source’s creation time stays as recorded', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const source = await createSource(client, world.project)
		const refused = await failureAs(client, world.organizer, `update public.project_sources set created_at = '2020-01-01' where id = $1`, [
			source.id,
		])
		expect(refused.code).toBe('42501')
	}))
