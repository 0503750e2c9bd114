import { expect, test } from 'vitest'
import { byWho, createChapterWithPeople, createEvent, createUser, rsvpAs } from '#tests/helpers/factories'
import { attemptAs, failureAs, onlyRow, queryAs, rowsChangedAs, rowsVisibleAs, withRollback, type Actor } from '#tests/helpers/rls'

const read = 'select id from public.event_rsvps where event_id = $1'
const insert = `insert into public.event_rsvps (event_id, name, email, status) values ($1, 'Sneaky', 'sneaky@groundwork.test', 'going')`
const promote = `update public.event_rsvps set status = 'going', waitlisted_at = null where event_id = $1`
const remove = 'delete from public.event_rsvps where event_id = $1'

async function tryRsvp(client: Parameters<typeof rsvpAs>[0], actor: Actor, eventId: string) {
	const attempt = await attemptAs<{ status: string }>(client, actor, 'select * from private.rsvp_to_event($1, $2, $3)', [
		eventId,
		'Someone',
		`someone-${Math.random().toString(36).slice(2)}@groundwork.test`,
	])
	return attempt.ok ? (attempt.result.rows[0]?.status ?? 'none') : attempt.error.code
}

test('organizers read every RSVP to their events; members read only their own; visitors none', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const event = await createEvent(client, people)
		await rsvpAs(client, people.member, event.id)
		await rsvpAs(client, 'anon', event.id, 'Dana', 'dana-visitor@groundwork.test')
		const seen = await byWho(people, async (actor) => (await rowsVisibleAs(client, actor, read, [event.id])).length)
		expect(seen).toEqual({ anon: 0, outsider: 0, pending: 0, member: 1, organizer: 2, service_role: 2 })
	}))

test('nobody writes RSVPs directly; only the service role', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const event = await createEvent(client, people, { capacity: 1 })
		await rsvpAs(client, people.member, event.id)
		await rsvpAs(client, 'anon', event.id)
		const inserted = await byWho(people, (actor) => rowsChangedAs(client, actor, insert, [event.id]))
		expect(inserted).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 0, service_role: 1 })
		const updated = await byWho(people, (actor) => rowsChangedAs(client, actor, promote, [event.id]))
		expect(updated).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 0, service_role: 3 })
		const deleted = await byWho(people, (actor) => rowsChangedAs(client, actor, remove, [event.id]))
		expect(deleted).toEqual({ anon: 0, outsider: 0, pending: 0, member: 0, organizer: 0, service_role: 3 })
	}))

test('everyone may say yes to a public chapter’s event; visitors with a name and email', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const event = await createEvent(client, people)
		const answers = await byWho(people, (actor) => tryRsvp(client, actor, event.id))
		expect(answers).toEqual({
			anon: 'going',
			outsider: 'going',
			pending: 'going',
			member: 'going',
			organizer: 'going',
			service_role: 'going',
		})
	}))

test('only members say yes to a private chapter’s event', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'private')
		const event = await createEvent(client, people)
		const answers = await byWho(people, (actor) => tryRsvp(client, actor, event.id))
		expect(answers).toEqual({
			anon: 'P0002',
			outsider: 'P0002',
			pending: 'P0002',
			member: 'going',
			organizer: 'going',
			service_role: 'P0002',
		})
	}))

test('a member answers as their account: the name and address come from it', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const event = await createEvent(client, people)
		await rsvpAs(client, people.member, event.id, 'Someone Else', 'someone-else@groundwork.test')
		const row = onlyRow(await client.query('select user_id, name, email from public.event_rsvps where event_id = $1', [event.id]))
		expect(row).toEqual({ user_id: people.member.id, name: 'Mo Member', email: people.member.email })
	}))

test('when the seats are gone people join the waitlist in order, and a cancellation promotes the first', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const event = await createEvent(client, people, { capacity: 1 })
		const first = await rsvpAs(client, 'anon', event.id, 'First')
		const second = await rsvpAs(client, 'anon', event.id, 'Second')
		const third = await rsvpAs(client, people.member, event.id)
		expect([first.status, second.status, third.status]).toEqual(['going', 'waitlisted', 'waitlisted'])
		expect([second.waitlist_position, third.waitlist_position]).toEqual([1, 2])

		const cancelled = onlyRow(await queryAs(client, 'anon', 'select * from private.cancel_rsvp_by_token($1)', [first.manage_token]))
		expect(cancelled).toEqual({ outcome: 'cancelled', event_id: event.id, promoted_rsvp_id: second.rsvp_id })
		const counts = onlyRow(await client.query('select going_count, waitlist_count from public.events where id = $1', [event.id]))
		expect(counts).toEqual({ going_count: 1, waitlist_count: 1 })
		const member = onlyRow(await queryAs(client, people.member, 'select * from private.cancel_my_rsvp($1)', [event.id]))
		expect(member).toEqual({ outcome: 'cancelled', event_id: event.id, promoted_rsvp_id: null })
	}))

test('saying yes twice keeps one place, and saying yes after cancelling queues again at the back', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const event = await createEvent(client, people, { capacity: 1 })
		const first = await rsvpAs(client, 'anon', event.id, 'Ann', 'ann@groundwork.test')
		const again = await rsvpAs(client, 'anon', event.id, 'Ann', 'ANN@groundwork.test')
		expect(again).toMatchObject({ rsvp_id: first.rsvp_id, outcome: 'already', status: 'going' })
		await rsvpAs(client, 'anon', event.id, 'Bo', 'bo@groundwork.test')
		await queryAs(client, 'anon', 'select * from private.cancel_rsvp_by_token($1)', [first.manage_token])
		const back = await rsvpAs(client, 'anon', event.id, 'Ann', 'ann@groundwork.test')
		expect(back).toMatchObject({ rsvp_id: first.rsvp_id, outcome: 'rejoined', status: 'waitlisted', waitlist_position: 1 })
	}))

test('nobody answers a cancelled or finished event, and a member cannot cancel someone else’s answer', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const event = await createEvent(client, people)
		await client.query(`update public.events set status = 'cancelled', cancelled_at = now() where id = $1`, [event.id])
		const error = await failureAs(client, 'anon', 'select * from private.rsvp_to_event($1, $2, $3)', [
			event.id,
			'Late',
			'late@groundwork.test',
		])
		expect(error.hint).toBe('event_cancelled')

		const past = await createEvent(client, people, { startsInHours: -5 })
		expect((await failureAs(client, people.member, 'select * from private.rsvp_to_event($1, $2, $3)', [past.id, '', ''])).hint).toBe(
			'event_over',
		)

		const open = await createEvent(client, people)
		await rsvpAs(client, people.member, open.id)
		const stranger = await createUser(client)
		expect((await failureAs(client, stranger, 'select * from private.cancel_my_rsvp($1)', [open.id])).code).toBe('P0002')
		expect((await failureAs(client, 'anon', 'select * from private.cancel_event_rsvp($1)', [open.id])).code).toBe('42501')
	}))

test('a visitor must give a name and a real-looking email address', () =>
	withRollback(async (client) => {
		const people = await createChapterWithPeople(client, 'public')
		const event = await createEvent(client, people)
		const noName = await failureAs(client, 'anon', 'select * from private.rsvp_to_event($1, $2, $3)', [event.id, '  ', 'a@b.test'])
		expect(noName.hint).toBe('name')
		const noEmail = await failureAs(client, 'anon', 'select * from private.rsvp_to_event($1, $2, $3)', [event.id, 'Al', 'nope'])
		expect(noEmail.hint).toBe('email')
	}))
