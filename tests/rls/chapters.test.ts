import { expect, test } from 'vitest'
import {
	addMembership,
	createChapter,
	createChapterWithPeople,
	createEvent,
	createJurisdiction,
	createUser,
	rsvpAs,
	uniqueSuffix,
} from '#tests/helpers/factories'
import { describeActor, failureAs, onlyRow, queryAs, rowsChangedAs, rowsVisibleAs, withRollback, type Actor } from '#tests/helpers/rls'

const insertChapter = `insert into public.chapters (slug, name, jurisdiction_id, visibility, created_by)
	values ($1, 'Friends of the Watershed', $2, 'public', $3) returning id`
const describeChapter = `update public.chapters set description = 'Rewritten' where id = $1`
const deleteChapter = 'delete from public.chapters where id = $1'
const archiveChapter = 'update public.chapters set archived_at = now() where id = $1'

test('visitors, signed-in people in every chapter role and the service role list public and private chapters', () =>
	withRollback(async (client) => {
		const { chapter: privateChapter, organizer, member, pending, invited, outsider } = await createChapterWithPeople(client, 'private')
		const publicChapter = await createChapter(client, { organizer, visibility: 'public' })
		const ids = [privateChapter.id, publicChapter.id].sort()
		const actors: Actor[] = ['anon', outsider, pending, invited, member, organizer, 'service_role']
		for (const actor of actors) {
			const rows = await rowsVisibleAs<{ id: string }>(client, actor, 'select id from public.chapters where id = any($1)', [ids])
			expect(rows.map((row) => row.id).sort(), describeActor(actor)).toEqual(ids)
		}
	}))

test('a signed-in person creates a chapter as themselves and becomes its active organizer', () =>
	withRollback(async (client) => {
		const founder = await createUser(client)
		const place = await createJurisdiction(client)
		const chapter = onlyRow(
			await queryAs<{ id: string }>(client, founder, insertChapter, [`founded-${uniqueSuffix()}`, place.id, founder.id]),
		)
		const { rows } = await client.query('select user_id, role, status from public.memberships where chapter_id = $1', [chapter.id])
		expect(rows).toEqual([{ user_id: founder.id, role: 'organizer', status: 'active' }])
		expect(await rowsChangedAs(client, founder, describeChapter, [chapter.id])).toBe(1)
	}))

test('nobody creates a chapter in someone else’s name or in no one’s', () =>
	withRollback(async (client) => {
		const { organizer, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const someoneElse = await createUser(client)
		const place = await createJurisdiction(client)
		for (const user of [organizer, member, pending, invited, outsider]) {
			const forged = await failureAs(client, user, insertChapter, [`forged-${uniqueSuffix()}`, place.id, someoneElse.id])
			expect(forged.code, describeActor(user)).toBe('42501')
			const orphan = await failureAs(client, user, insertChapter, [`orphan-${uniqueSuffix()}`, place.id, null])
			expect(orphan.code, describeActor(user)).toBe('42501')
		}
	}))

test('visitors cannot create chapters', () =>
	withRollback(async (client) => {
		const someone = await createUser(client)
		const place = await createJurisdiction(client)
		const anonymous = await failureAs(client, 'anon', insertChapter, [`anon-${uniqueSuffix()}`, place.id, null])
		expect(anonymous.code).toBe('42501')
		const posingAsSomeone = await failureAs(client, 'anon', insertChapter, [`anon-${uniqueSuffix()}`, place.id, someone.id])
		expect(posingAsSomeone.code).toBe('42501')
	}))

test('an organizer updates their chapter', () =>
	withRollback(async (client) => {
		const { chapter, organizer } = await createChapterWithPeople(client)
		const changed = await rowsChangedAs(
			client,
			organizer,
			`update public.chapters set description = 'Meeting Thursdays', visibility = 'public' where id = $1`,
			[chapter.id],
		)
		expect(changed).toBe(1)
		const { rows } = await client.query('select description, visibility from public.chapters where id = $1', [chapter.id])
		expect(rows).toEqual([{ description: 'Meeting Thursdays', visibility: 'public' }])
	}))

test('an organizer cannot change a chapter’s bookkeeping', () =>
	withRollback(async (client) => {
		const { chapter, organizer, outsider } = await createChapterWithPeople(client)
		const count = await failureAs(client, organizer, 'update public.chapters set member_count = 1000 where id = $1', [chapter.id])
		expect(count.code).toBe('42501')
		const creator = await failureAs(client, organizer, 'update public.chapters set created_by = $1 where id = $2', [
			outsider.id,
			chapter.id,
		])
		expect(creator.code).toBe('42501')
	}))

test('members, pending and invited members, outsiders and visitors cannot update a chapter', () =>
	withRollback(async (client) => {
		const { chapter, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const actors: Actor[] = ['anon', outsider, pending, invited, member]
		for (const actor of actors) {
			expect(await rowsChangedAs(client, actor, describeChapter, [chapter.id]), describeActor(actor)).toBe(0)
		}
		const { rows } = await client.query('select description from public.chapters where id = $1', [chapter.id])
		expect(rows).toEqual([{ description: '' }])
	}))

test('someone invited to organize cannot update the chapter before accepting', () =>
	withRollback(async (client) => {
		const { chapter } = await createChapterWithPeople(client)
		const invitedOrganizer = await createUser(client)
		await addMembership(client, chapter, invitedOrganizer, 'organizer', 'invited')
		expect(await rowsChangedAs(client, invitedOrganizer, describeChapter, [chapter.id])).toBe(0)
		expect(await rowsChangedAs(client, invitedOrganizer, deleteChapter, [chapter.id])).toBe(0)
	}))

test('an organizer of one chapter cannot update or delete another chapter', () =>
	withRollback(async (client) => {
		const { chapter } = await createChapterWithPeople(client)
		const rival = await createChapterWithPeople(client)
		expect(await rowsChangedAs(client, rival.organizer, describeChapter, [chapter.id])).toBe(0)
		expect(await rowsChangedAs(client, rival.organizer, deleteChapter, [chapter.id])).toBe(0)
	}))

// Deleting a chapter would take its events, RSVPs, memberships and updates
// with it; organizers archive it instead, and it leaves the lists.
test('an organizer cannot delete their chapter: its events, RSVPs, members and log stay', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client)
		const { chapter, organizer } = people
		const event = await createEvent(client, people)
		await rsvpAs(client, people.member, event.id)
		expect(await rowsChangedAs(client, organizer, deleteChapter, [chapter.id])).toBe(0)
		const { rows } = await client.query<{ chapters: number; events: number; rsvps: number; members: number; log: number }>(
			`select (select count(*)::int from public.chapters where id = $1) as chapters,
				(select count(*)::int from public.events where chapter_id = $1) as events,
				(select count(*)::int from public.event_rsvps r join public.events e on e.id = r.event_id where e.chapter_id = $1) as rsvps,
				(select count(*)::int from public.memberships where chapter_id = $1) as members,
				(select count(*)::int from public.chapter_audit_log where chapter_id = $1) as log`,
			[chapter.id],
		)
		expect(rows[0]).toMatchObject({ chapters: 1, events: 1, rsvps: 1, members: 4 })
		expect(rows[0]?.log).toBeGreaterThan(0)
	}))

test('an organizer archives their chapter and restores it, and both are in its audit log', () =>
	withRollback(async (client) => {
		const { chapter, organizer } = await createChapterWithPeople(client)
		expect(await rowsChangedAs(client, organizer, archiveChapter, [chapter.id])).toBe(1)
		const archived = await client.query('select archived_at is not null as archived from public.chapters where id = $1', [chapter.id])
		expect(archived.rows).toEqual([{ archived: true }])
		expect(await rowsChangedAs(client, organizer, 'update public.chapters set archived_at = null where id = $1', [chapter.id])).toBe(1)
		const { rows } = await client.query<{ action: string; actor_id: string }>(
			`select action, actor_id from public.chapter_audit_log where chapter_id = $1 and action in ('chapter.archived', 'chapter.restored') order by id`,
			[chapter.id],
		)
		expect(rows).toEqual([
			{ action: 'chapter.archived', actor_id: organizer.id },
			{ action: 'chapter.restored', actor_id: organizer.id },
		])
	}))

test('members, pending and invited members, outsiders, visitors and other chapters’ organizers cannot archive a chapter', () =>
	withRollback(async (client) => {
		const { chapter, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const rival = await createChapterWithPeople(client)
		const actors: Actor[] = ['anon', outsider, pending, invited, member, rival.organizer]
		for (const actor of actors) {
			expect(await rowsChangedAs(client, actor, archiveChapter, [chapter.id]), describeActor(actor)).toBe(0)
		}
		const { rows } = await client.query('select archived_at from public.chapters where id = $1', [chapter.id])
		expect(rows).toEqual([{ archived_at: null }])
	}))

test('members, pending and invited members, outsiders and visitors cannot delete a chapter', () =>
	withRollback(async (client) => {
		const { chapter, member, pending, invited, outsider } = await createChapterWithPeople(client)
		const actors: Actor[] = ['anon', outsider, pending, invited, member]
		for (const actor of actors) {
			expect(await rowsChangedAs(client, actor, deleteChapter, [chapter.id]), describeActor(actor)).toBe(0)
		}
		const { rowCount } = await client.query('select 1 from public.chapters where id = $1', [chapter.id])
		expect(rowCount).toBe(1)
	}))

test('the service role creates, updates and deletes any chapter', () =>
	withRollback(async (client) => {
		const place = await createJurisdiction(client)
		const chapter = onlyRow(
			await queryAs<{ id: string }>(client, 'service_role', insertChapter, [`admin-${uniqueSuffix()}`, place.id, null]),
		)
		const organizers = await client.query('select 1 from public.memberships where chapter_id = $1', [chapter.id])
		expect(organizers.rowCount).toBe(0)
		expect(await rowsChangedAs(client, 'service_role', describeChapter, [chapter.id])).toBe(1)
		const { chapter: staffed } = await createChapterWithPeople(client)
		const deleted = await rowsChangedAs(client, 'service_role', 'delete from public.chapters where id = any($1)', [
			[chapter.id, staffed.id],
		])
		expect(deleted).toBe(2)
	}))
