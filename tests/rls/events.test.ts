import { expect, test } from 'vitest'
import { byWho, createChapterWithPeople, createEvent } from '#tests/helpers/factories'
import { describeActor, failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

const read = 'select id from public.events where id = $1'
const insert = `insert into public.events (chapter_id, kind, title, starts_at, ends_at, time_zone, location_name, created_by)
	values ($1, 'meeting', 'Monthly meeting', now() + interval '3 days', now() + interval '3 days 2 hours', 'America/Chicago', 'Library', $2)`
const cancel = `update public.events set status = 'cancelled', cancelled_at = now(), cancellation_reason = 'Snow' where id = $1`
const remove = 'delete from public.events where id = $1'

test('a private chapter’s events are read by its members, organizers and the service role only', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'private')
		const event = await createEvent(client, people)
		const seen = await byWho(people, async (actor) => (await rowsVisibleAs(client, actor, read, [event.id])).length)
		expect(seen).toEqual({ anon: 0, outsider: 0, pending: 0, member: 1, organizer: 1, service_role: 1 })
	}))

test('a public chapter’s events are read by everyone', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const event = await createEvent(client, people)
		const seen = await byWho(people, async (actor) => (await rowsVisibleAs(client, actor, read, [event.id])).length)
		expect(seen).toEqual({ anon: 1, outsider: 1, pending: 1, member: 1, organizer: 1, service_role: 1 })
	}))

test('only organizers create events, as themselves', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const created = await byWho(people, async (actor, who) => {
			const creator = who === 'anon' || who === 'service_role' ? people.organizer.id : people[who].id
			return rowsChangedAs(client, actor, insert, [people.chapter.id, creator])
		})
		expect(created).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 1, service_role: 1 })
		expect((await failureAs(client, people.organizer, insert, [people.chapter.id, people.member.id])).code).toBe('42501')
	}))

test('an event cannot be created already cancelled, end before it starts, or be nowhere', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const cancelled = await failureAs(
			client,
			people.organizer,
			`insert into public.events (chapter_id, kind, title, starts_at, ends_at, time_zone, location_name, created_by, status, cancelled_at)
			values ($1, 'meeting', 'Gone', now() + interval '1 day', now() + interval '2 days', 'UTC', 'Hall', $2, 'cancelled', now())`,
			[people.chapter.id, people.organizer.id],
		)
		expect(cancelled.code).toBe('42501')
		const backwards = await failureAs(
			client,
			people.organizer,
			`insert into public.events (chapter_id, kind, title, starts_at, ends_at, time_zone, location_name, created_by)
			values ($1, 'meeting', 'Backwards', now() + interval '2 days', now() + interval '1 day', 'UTC', 'Hall', $2)`,
			[people.chapter.id, people.organizer.id],
		)
		expect(backwards.code).toBe('23514')
		const nowhere = await failureAs(
			client,
			people.organizer,
			`insert into public.events (chapter_id, kind, title, starts_at, ends_at, time_zone, created_by)
			values ($1, 'meeting', 'Nowhere', now() + interval '1 day', now() + interval '25 hours', 'UTC', $2)`,
			[people.chapter.id, people.organizer.id],
		)
		expect(nowhere.code).toBe('23514')
		const badZone = await failureAs(
			client,
			people.organizer,
			`insert into public.events (chapter_id, kind, title, starts_at, ends_at, time_zone, location_name, created_by)
			values ($1, 'meeting', 'Atlantis', now() + interval '1 day', now() + interval '25 hours', 'Mars/Olympus', 'Hall', $2)`,
			[people.chapter.id, people.organizer.id],
		)
		expect(badZone.code).toBe('22023')
	}))

test('only organizers cancel events', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const cancelled = await byWho(people, async (actor) => rowsChangedAs(client, actor, cancel, [(await createEvent(client, people)).id]))
		expect(cancelled).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 1, service_role: 1 })
	}))

// People were told it was off: a cancelled event never becomes scheduled
// again, or its reminders would reach them.
test('a cancelled event stays cancelled, whoever asks', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const event = await createEvent(client, people)
		expect(await rowsChangedAs(client, people.organizer, cancel, [event.id])).toBe(1)
		const revive = `update public.events set status = 'scheduled', cancelled_at = null, cancellation_reason = null where id = $1`
		for (const actor of [people.organizer, 'service_role'] as const) {
			const error = await failureAs(client, actor, revive, [event.id])
			expect(error.hint, describeActor(actor)).toBe('event_cancellation_final')
		}
		const { rows } = await client.query('select status from public.events where id = $1', [event.id])
		expect(rows).toEqual([{ status: 'cancelled' }])
	}))

test('organizers move an event and change its capacity (editing, decision 076), but never touch its counters; members and outsiders change nothing', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const event = await createEvent(client, people, { capacity: 10 })
		for (const change of ['going_count = 0', 'reminder_sent_at = now()', 'sequence = 99']) {
			const error = await failureAs(client, people.organizer, `update public.events set ${change} where id = $1`, [event.id])
			expect(error.code, change).toBe('42501')
		}
		const move =
			"update public.events set starts_at = starts_at + interval '1 day', ends_at = ends_at + interval '1 day', capacity = 20 where id = $1"
		for (const actor of [people.member, people.outsider])
			expect(await rowsChangedAs(client, actor, move, [event.id]), describeActor(actor)).toBe(0)
		expect(await rowsChangedAs(client, people.organizer, move, [event.id])).toBe(1)
		const { rows } = await client.query<{ capacity: number; sequence: number }>(
			'select capacity, sequence from public.events where id = $1',
			[event.id],
		)
		expect(rows[0]?.capacity).toBe(20)
		expect(rows[0]?.sequence).toBeGreaterThan(0)
	}))

test('nobody but the service role deletes an event: it is cancelled instead', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const removed = await byWho(people, async (actor) => rowsChangedAs(client, actor, remove, [(await createEvent(client, people)).id]))
		expect(removed).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 0, service_role: 1 })
	}))

test('creating and cancelling an event are written to the audit log', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const event = await createEvent(client, people)
		await rowsChangedAs(client, people.organizer, cancel, [event.id])
		const { rows } = await client.query<{ action: string; actor_id: string | null }>(
			`select action, actor_id from public.chapter_audit_log where chapter_id = $1 and action like 'event.%' order by id`,
			[people.chapter.id],
		)
		expect(rows).toEqual([
			{ action: 'event.created', actor_id: null },
			{ action: 'event.cancelled', actor_id: people.organizer.id },
		])
	}))
