import { expect, test } from 'vitest'
import { createCommentWorld, createDrive } from '#tests/helpers/comment-factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, createProceeding } from '#tests/helpers/siting-factories'

// Comment drives: open and closed ones are public; a draft is seen only by
// the organizers of its chapter and moderators. The organizers of a chapter
// working on the project open drives on its proceedings and change them (as
// do moderators); nobody deletes one through the API.

const read = 'select id from public.comment_drives where id = $1'
const open = `insert into public.comment_drives (slug, chapter_id, proceeding_id, title, deadline, channel, created_by)
	values ($1, $2, $3, 'Tell the board', now() + interval '7 days', 'email', $4)`
const retitle = `update public.comment_drives set title = 'Renamed' where id = $1`

test('published drives are public; drafts are their organizers’ and moderators’', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const draft = await createDrive(client, world, world.proceeding.id, { status: 'draft' })
		const closed = await createDrive(client, world, world.proceeding.id, { status: 'closed' })
		const count = async (id: string) => byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [id])).length)
		expect(await count(world.drive.id)).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
		expect(await count(closed.id)).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
		expect(await count(draft.id)).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('organizers of a chapter that works on the project open drives on its proceedings, as themselves', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const opened = await byRole(world, async (actor, role) =>
			rowsChangedAs(client, actor, open, [
				`rls-drive-${role}`,
				world.chapter.id,
				world.proceeding.id,
				role === 'anon' ? world.organizer.id : world[role].id,
			]),
		)
		expect(opened).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 0 })
		// Not in someone else's name, and not for a chapter they do not organize.
		const asOther = await failureAs(client, world.organizer, open, ['rls-drive-x', world.chapter.id, world.proceeding.id, world.member.id])
		expect(asOther.code).toBe('42501')
		const otherChapter = await failureAs(client, world.organizer, open, [
			'rls-drive-y',
			world.otherChapter.id,
			world.proceeding.id,
			world.organizer.id,
		])
		expect(otherChapter.code).toBe('42501')
		// The other chapter's organizer cannot open one for their chapter on a project it does not work on.
		const unlinked = await failureAs(client, world.otherOrganizer, open, [
			'rls-drive-z',
			world.otherChapter.id,
			(await createProceeding(client, world.project)).id,
			world.otherOrganizer.id,
		])
		expect(unlinked.code).toBe('42501')
	}))

test('the chapter’s organizers and moderators change a drive; nobody deletes one or sets who made it', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const changed = await byRole(world, (actor) => rowsChangedAs(client, actor, retitle, [world.drive.id]))
		expect(changed).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const deleted = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'delete from public.comment_drives where id = $1', [world.drive.id]),
		)
		expect(deleted).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const column of ['created_by', 'chapter_id', 'letter_delivered_at', 'sign_on']) {
			const refused = await failureAs(client, world.organizer, `update public.comment_drives set ${column} = null where id = $1`, [
				world.drive.id,
			])
			expect(refused.code, column).toBe('42501')
		}
		expect((await failureAs(client, 'anon', 'truncate public.comment_drives')).code).toBe('42501')
	}))
