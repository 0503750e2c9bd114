import { expect, test } from 'vitest'
import { actorFor, byWho, createChapterWithPeople, createUser, WHO } from '#tests/helpers/factories'
import { failureAs, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

const read = 'select id from public.chapter_audit_log where chapter_id = $1'
const forge = `insert into public.chapter_audit_log (chapter_id, action) values ($1, 'member.joined')`
const rewrite = `update public.chapter_audit_log set action = 'member.left' where chapter_id = $1`
const erase = 'delete from public.chapter_audit_log where chapter_id = $1'

async function actions(client: Parameters<typeof queryAs>[0], chapterId: string, since = 0) {
	const { rows } = await client.query<{
		id: string
		action: string
		actor_id: string | null
		subject_user_id: string | null
		details: Record<string, unknown>
	}>('select id, action, actor_id, subject_user_id, details from public.chapter_audit_log where chapter_id = $1 and id > $2 order by id', [
		chapterId,
		since,
	])
	return rows
}

async function lastId(client: Parameters<typeof queryAs>[0]) {
	const { rows } = await client.query<{ id: string | null }>('select max(id)::text as id from public.chapter_audit_log')
	return Number(rows[0]?.id ?? 0)
}

test('only the chapter’s organizers (and the service role) read its audit log', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const count = (await actions(client, people.chapter.id)).length
		expect(count).toBeGreaterThan(0)
		const seen = await byWho(people, async (actor) => (await rowsVisibleAs(client, actor, read, [people.chapter.id])).length)
		expect(seen).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: count, service_role: count })
		const rival = await createChapterWithPeople(client, 'public')
		expect(await rowsVisibleAs(client, rival.organizer, read, [people.chapter.id])).toEqual([])
	}))

test('nobody writes, rewrites or erases the audit log through the API; the service role may', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		for (const who of WHO.filter((position) => position !== 'service_role')) {
			const actor = actorFor(people, who)
			expect(await rowsChangedAs(client, actor, forge, [people.chapter.id]), `${who} forges`).toBe(0)
			expect(await rowsChangedAs(client, actor, rewrite, [people.chapter.id]), `${who} rewrites`).toBe(0)
			expect(await rowsChangedAs(client, actor, erase, [people.chapter.id]), `${who} erases`).toBe(0)
		}
		expect((await failureAs(client, people.organizer, forge, [people.chapter.id])).code).toBe('42501')
		// The service role is the admin tools' key: it may correct the log.
		expect(await rowsChangedAs(client, 'service_role', forge, [people.chapter.id])).toBe(1)
		expect(await rowsChangedAs(client, 'service_role', erase, [people.chapter.id])).toBeGreaterThan(1)
	}))

test('every membership change is logged with who did it and to whom', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'private')
		const since = await lastId(client)
		const { organizer, member, pending, invited, chapter } = people
		const newcomer = await createUser(client)
		const set = (column: string) => `update public.memberships set ${column} where chapter_id = $1 and user_id = $2`
		const remove = 'delete from public.memberships where chapter_id = $1 and user_id = $2'

		await queryAs(client, newcomer, `insert into public.memberships (chapter_id, user_id, status) values ($1, $2, 'pending')`, [
			chapter.id,
			newcomer.id,
		])
		await queryAs(client, organizer, set(`status = 'active'`), [chapter.id, pending.id])
		await queryAs(client, organizer, remove, [chapter.id, newcomer.id])
		await queryAs(client, invited, set(`status = 'active'`), [chapter.id, invited.id])
		await queryAs(client, organizer, set(`role = 'organizer'`), [chapter.id, member.id])
		await queryAs(client, member, set(`role = 'member'`), [chapter.id, organizer.id])
		await queryAs(client, organizer, remove, [chapter.id, organizer.id])
		await queryAs(client, member, remove, [chapter.id, pending.id])

		const log = (await actions(client, chapter.id, since)).map(({ action, actor_id, subject_user_id }) => [
			action,
			actor_id,
			subject_user_id,
		])
		expect(log).toEqual([
			['member.requested', newcomer.id, newcomer.id],
			['member.approved', organizer.id, pending.id],
			['member.declined', organizer.id, newcomer.id],
			['member.accepted', invited.id, invited.id],
			['member.promoted', organizer.id, member.id],
			['member.demoted', member.id, organizer.id],
			['member.left', organizer.id, organizer.id],
			['member.removed', member.id, pending.id],
		])
	}))

test('creating a chapter and changing what it says about itself are logged', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		await queryAs(client, people.organizer, `update public.chapters set description = 'New words', visibility = 'private' where id = $1`, [
			people.chapter.id,
		])
		const log = await actions(client, people.chapter.id)
		expect(log[0]).toMatchObject({ action: 'member.joined', subject_user_id: people.organizer.id, details: { role: 'organizer' } })
		expect(log[1]).toMatchObject({ action: 'chapter.created' })
		expect(log.at(-1)).toMatchObject({
			action: 'chapter.updated',
			actor_id: people.organizer.id,
			details: { fields: ['description', 'visibility'] },
		})
	}))

test('a refused change leaves no entry: the last organizer cannot leave', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const since = await lastId(client)
		const error = await failureAs(client, people.organizer, 'delete from public.memberships where chapter_id = $1 and user_id = $2', [
			people.chapter.id,
			people.organizer.id,
		])
		expect(error.hint).toBe('last_organizer')
		expect(await actions(client, people.chapter.id, since)).toEqual([])
	}))

// An audit log must outlive what it records. Organizers archive chapters;
// when an admin tool (the service role) deletes one, its log stays, with the
// deletion as its last entry.
test('the log outlives a deleted chapter and records the deletion', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const before = await actions(client, people.chapter.id)
		expect(before.length).toBeGreaterThan(0)
		expect(await rowsChangedAs(client, 'service_role', 'delete from public.chapters where id = $1', [people.chapter.id])).toBe(1)
		const after = await actions(client, people.chapter.id)
		expect(after.slice(0, before.length)).toEqual(before)
		expect(after.slice(before.length)).toEqual([
			{
				id: expect.any(String),
				action: 'chapter.deleted',
				actor_id: null,
				subject_user_id: null,
				details: { name: `Chapter ${people.chapter.slug}`, slug: people.chapter.slug },
			},
		])
	}))
