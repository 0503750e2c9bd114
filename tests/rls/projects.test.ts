import { expect, test } from 'vitest'
import { addMembership, createUser } from '#tests/helpers/factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { authorFor, byRole, createSitingWorld, linkChapter } from '#tests/helpers/siting-factories'

// Projects: anyone reads the record; moderators and organizers of any chapter
// start one as themselves; a site moderator or an organizer of a chapter
// linked to the project edits it; nobody deletes one through the API.

const read = 'select id from public.projects where id = $1'
const insert = `insert into public.projects (slug, name, state_id, created_by) values ($1, 'Project Quarry', $2, $3)`
const edit = `update public.projects set megawatts = 450 where id = $1`
const remove = 'delete from public.projects where id = $1'

test('everyone reads a project', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [world.project.id])).length)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('moderators and organizers of any chapter create projects, as themselves', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const created = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, insert, [`quarry-${role.toLowerCase()}`, world.place.stateId, authorFor(world, role)]),
		)
		expect(created).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 1, moderator: 1 })
		const forged = await failureAs(client, world.organizer, insert, ['quarry-forged', world.place.stateId, world.member.id])
		expect(forged.code).toBe('42501')
	}))

test('clients never set the search text, the dataset records or the creation time', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		for (const [column, value] of [
			['search_text', 'anything'],
			['dataset_record_ids', '{rec-1}'],
			['created_at', '2020-01-01'],
		] as const) {
			const created = await failureAs(
				client,
				world.moderator,
				`insert into public.projects (slug, name, state_id, created_by, ${column}) values ('quarry-${column.replaceAll('_', '-')}', 'Project Quarry', $1, $2, $3)`,
				[world.place.stateId, world.moderator.id, value],
			)
			expect(created.code, column).toBe('42501')
			const edited = await failureAs(client, world.moderator, `update public.projects set ${column} = $2 where id = $1`, [
				world.project.id,
				value,
			])
			expect(edited.code, column).toBe('42501')
		}
		const reattributed = await failureAs(client, world.organizer, 'update public.projects set created_by = $2 where id = $1', [
			world.project.id,
			world.member.id,
		])
		expect(reattributed.code).toBe('42501')
	}))

test('the search text follows the name, whoever edits it', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		expect(
			await rowsChangedAs(client, world.organizer, `update public.projects set name = 'Project Granite' where id = $1`, [world.project.id]),
		).toBe(1)
		const { rows } = await client.query('select search_text from public.projects where id = $1', [world.project.id])
		expect(rows[0]?.search_text).toContain('project granite')
	}))

test('a moderator and the organizers of a linked chapter edit a project; nobody else does', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const edited = await byRole(world, (actor) => rowsChangedAs(client, actor, edit, [world.project.id]))
		expect(edited).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('linking a chapter makes its organizers editors; an organizer who steps down is not one', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		await linkChapter(client, world.project, world.otherChapter, world.otherOrganizer)
		expect(await rowsChangedAs(client, world.otherOrganizer, edit, [world.project.id])).toBe(1)
		// A co-organizer takes over and the first one steps down.
		await client.query(`update public.memberships set role = 'organizer' where chapter_id = $1 and user_id = $2`, [
			world.chapter.id,
			world.member.id,
		])
		expect(await rowsChangedAs(client, world.member, edit, [world.project.id])).toBe(1)
		await client.query(`update public.memberships set role = 'member' where chapter_id = $1 and user_id = $2`, [
			world.chapter.id,
			world.organizer.id,
		])
		expect(await rowsChangedAs(client, world.organizer, edit, [world.project.id])).toBe(0)
		// Someone invited to organize is not an editor until they accept.
		const invitee = await createUser(client)
		await addMembership(client, world.chapter, invitee, 'organizer', 'invited')
		expect(await rowsChangedAs(client, invitee, edit, [world.project.id])).toBe(0)
	}))

test('nobody deletes or empties the projects table, not even a moderator', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const removed = await byRole(world, (actor) => rowsChangedAs(client, actor, remove, [world.project.id]))
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.projects')).code).toBe('42501')
		}
		expect(await rowsVisibleAs(client, 'anon', read, [world.project.id])).toHaveLength(1)
	}))
