import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, createProject, createSitingWorld, linkChapter, type SitingRole, type SitingWorld } from '#tests/helpers/siting-factories'

// Which chapters work on a project: public; a chapter's organizers link their
// own chapter and unlink it, and nobody else's.

const read = 'select chapter_id from public.project_chapters where project_id = $1'
const link = 'insert into public.project_chapters (project_id, chapter_id, added_by) values ($1, $2, $3)'
const unlink = 'delete from public.project_chapters where project_id = $1 and chapter_id = $2'

/** The chapter each position would link: the one they organize, or else the linked chapter. */
function chapterOf(world: SitingWorld, role: SitingRole) {
	return role === 'otherOrganizer' ? world.otherChapter : world.chapter
}

test('everyone reads which chapters work on a project', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const seen = await byRole(world, async (actor) => await rowsVisibleAs(client, actor, read, [world.project.id]))
		const linked = [{ chapter_id: world.chapter.id }]
		expect(seen).toEqual({ anon: linked, member: linked, organizer: linked, otherOrganizer: linked, moderator: linked })
	}))

test('organizers link their own chapter, as themselves; members and moderators do not', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const linked = await byRole(world, async (actor, role) => {
			const project = await createProject(client, world.place)
			const by = role === 'anon' ? world.organizer.id : world[role].id
			return rowsChangedAs(client, actor, link, [project.id, chapterOf(world, role).id, by])
		})
		expect(linked).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 1, moderator: 0 })
		const project = await createProject(client, world.place)
		expect((await failureAs(client, world.otherOrganizer, link, [project.id, world.chapter.id, world.otherOrganizer.id])).code).toBe(
			'42501',
		)
		expect((await failureAs(client, world.organizer, link, [project.id, world.chapter.id, world.member.id])).code).toBe('42501')
	}))

test('nobody rewrites a link', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const moved = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'update public.project_chapters set chapter_id = $2 where project_id = $1', [
				world.project.id,
				world.otherChapter.id,
			]),
		)
		expect(moved).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
	}))

test('only the chapter’s organizers unlink it', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const unlinked = await byRole(world, async (actor) => {
			const project = await createProject(client, world.place)
			await linkChapter(client, project, world.chapter, world.organizer)
			return rowsChangedAs(client, actor, unlink, [project.id, world.chapter.id])
		})
		expect(unlinked).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.organizer] as const) {
			expect((await failureAs(client, actor, 'truncate public.project_chapters')).code).toBe('42501')
		}
	}))
