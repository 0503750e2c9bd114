import { expect, test } from 'vitest'
import { byWho, createChapterWithPeople, createUpdate } from '#tests/helpers/factories'
import { failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

const read = 'select id from public.chapter_updates where id = $1'
const insert = `insert into public.chapter_updates (chapter_id, author_id, title, body) values ($1, $2, 'Comments close Friday', 'Write yours.')`
const edit = `update public.chapter_updates set body = 'Corrected.' where id = $1`
const remove = 'delete from public.chapter_updates where id = $1'

test('a private chapter’s updates are read by its members, organizers and the service role only', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'private')
		const update = await createUpdate(client, people)
		const seen = await byWho(people, async (actor) => (await rowsVisibleAs(client, actor, read, [update.id])).length)
		expect(seen).toEqual({ anon: 0, outsider: 0, pending: 0, member: 1, organizer: 1, service_role: 1 })
	}))

test('a public chapter’s updates are read by everyone', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const update = await createUpdate(client, people)
		const seen = await byWho(people, async (actor) => (await rowsVisibleAs(client, actor, read, [update.id])).length)
		expect(seen).toEqual({ anon: 1, outsider: 1, pending: 1, member: 1, organizer: 1, service_role: 1 })
	}))

test('only organizers post updates, and only as themselves', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const posted = await byWho(people, async (actor, who) => {
			const author = who === 'anon' || who === 'service_role' ? people.organizer.id : people[who].id
			return rowsChangedAs(client, actor, insert, [people.chapter.id, author])
		})
		expect(posted).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 1, service_role: 1 })
		const asSomeoneElse = await failureAs(client, people.organizer, insert, [people.chapter.id, people.member.id])
		expect(asSomeoneElse.code).toBe('42501')
	}))

test('only organizers edit and delete updates', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const edited = await byWho(people, async (actor) => rowsChangedAs(client, actor, edit, [(await createUpdate(client, people)).id]))
		expect(edited).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 1, service_role: 1 })
		const removed = await byWho(people, async (actor) => rowsChangedAs(client, actor, remove, [(await createUpdate(client, people)).id]))
		expect(removed).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 1, service_role: 1 })
	}))

test('an organizer of another chapter cannot post, edit or delete here', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const rival = await createChapterWithPeople(client, 'public')
		const update = await createUpdate(client, people)
		expect(await rowsChangedAs(client, rival.organizer, insert, [people.chapter.id, rival.organizer.id])).toBe(0)
		expect(await rowsChangedAs(client, rival.organizer, edit, [update.id])).toBe(0)
		expect(await rowsChangedAs(client, rival.organizer, remove, [update.id])).toBe(0)
	}))

test('the email bookkeeping is not the organizers’ to write', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const update = await createUpdate(client, people)
		const error = await failureAs(client, people.organizer, 'update public.chapter_updates set emailed_at = now() where id = $1', [
			update.id,
		])
		expect(error.code).toBe('42501')
	}))

test('posting, editing and deleting an update are written to the audit log with the organizer as actor', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		await queryAs(client, people.organizer, insert, [people.chapter.id, people.organizer.id])
		const { rows } = await client.query<{ action: string; actor_id: string }>(
			`select action, actor_id from public.chapter_audit_log where chapter_id = $1 and action like 'update.%'`,
			[people.chapter.id],
		)
		expect(rows).toEqual([{ action: 'update.posted', actor_id: people.organizer.id }])
	}))
