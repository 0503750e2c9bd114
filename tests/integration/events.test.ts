import { sql } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { anon, db } from '#app/db/db.server'
import { calendar, foldLine, icsText } from '#app/events/calendar.server'
import { cancelEvent, cancelMyRsvp, cancelRsvpByToken, createEvent, reminderTime, rsvpToEvent } from '#app/events/events.server'
import { notifyEventCancelled, sendEventReminders, sweepScheduledMail } from '#app/events/jobs.server'
import { startWorker } from '#app/jobs/worker.server'
import { eventInput, newYorkTime as localTime } from '#tests/helpers/event-factories'
import { addMembers, committed, createUser, startChapter, unique } from '#tests/helpers/factories'
import { inbox, settle, waitForEmail } from '#tests/helpers/mailbox'

let worker: Awaited<ReturnType<typeof startWorker>>
beforeAll(async () => {
	worker = await startWorker({ concurrency: 4 })
})
afterAll(async () => {
	await worker.stop()
})

async function setup(capacity: string) {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer)
	const created = await createEvent(organizer.caller, chapter.id, eventInput({ capacity }))
	if (!created.ok) throw new Error(`event not created: ${created.reason}`)
	const target = { id: created.eventId, chapterSlug: chapter.slug, chapterName: chapter.name }
	return { organizer, chapter, eventId: created.eventId, target }
}

async function counts(eventId: string) {
	const event = await db()
		.selectFrom('events')
		.select(['going_count', 'waitlist_count'])
		.where('id', '=', eventId)
		.executeTakeFirstOrThrow()
	const rows = await db().selectFrom('event_rsvps').select(['status']).where('event_id', '=', eventId).execute()
	return {
		going: event.going_count,
		waitlisted: event.waitlist_count,
		goingRows: rows.filter((row) => row.status === 'going').length,
		waitlistedRows: rows.filter((row) => row.status === 'waitlisted').length,
	}
}

test('two people taking the last seat at once get one seat and one waitlist place', async () => {
	for (let round = 0; round < 5; round++) {
		const { target, eventId } = await setup('1')
		const [a, b] = await Promise.all([
			rsvpToEvent(anon, target, { name: 'Ana', email: `${unique('ana')}@example.org` }),
			rsvpToEvent(anon, target, { name: 'Ben', email: `${unique('ben')}@example.org` }),
		])
		const statuses = [a, b].map((result) => (result.ok ? result.status : result.reason)).sort()
		expect(statuses, `round ${round}`).toEqual(['going', 'waitlisted'])
		expect(await counts(eventId)).toEqual({ going: 1, waitlisted: 1, goingRows: 1, waitlistedRows: 1 })
	}
})

test('a crowd answering at once fills the seats exactly and queues the rest in distinct places', async () => {
	const { target, eventId } = await setup('5')
	const results = await Promise.all(
		Array.from({ length: 30 }, (_, i) => rsvpToEvent(anon, target, { name: `Person ${i}`, email: `${unique(`crowd${i}`)}@example.org` })),
	)
	const going = results.filter((result) => result.ok && result.status === 'going')
	const waitlisted = results.flatMap((result) => (result.ok && result.status === 'waitlisted' ? [result.waitlistPosition] : []))
	expect(going).toHaveLength(5)
	expect(waitlisted.sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
	expect(await counts(eventId)).toEqual({ going: 5, waitlisted: 25, goingRows: 5, waitlistedRows: 25 })
})

test('cancellations and new answers racing keep the seats full and the counts true', async () => {
	const { target, eventId } = await setup('3')
	const first = await Promise.all(
		Array.from({ length: 6 }, (_, i) => rsvpToEvent(anon, target, { name: `P${i}`, email: `${unique(`p${i}`)}@example.org` })),
	)
	const tokens = first.flatMap((result) => (result.ok && result.status === 'going' ? [result.manageToken] : []))
	await Promise.all([
		...tokens.map((token) => cancelRsvpByToken(anon, token)),
		...Array.from({ length: 4 }, (_, i) => rsvpToEvent(anon, target, { name: `Q${i}`, email: `${unique(`q${i}`)}@example.org` })),
	])
	// 10 answers, 3 cancelled: 3 seats taken, 4 waiting.
	expect(await counts(eventId)).toEqual({ going: 3, waitlisted: 4, goingRows: 3, waitlistedRows: 4 })
})

test('when someone with a seat cancels, the first person waiting gets it and an email says so', async () => {
	const { target } = await setup('1')
	const seated = await createUser(committed(), { label: 'seated' })
	const waiting = `${unique('waiting')}@example.org`
	const second = `${unique('second')}@example.org`
	const mine = await rsvpToEvent(seated.caller, target, { name: '', email: '' })
	expect(mine).toMatchObject({ ok: true, status: 'going' })
	expect(await rsvpToEvent(anon, target, { name: 'Wendy', email: waiting })).toMatchObject({
		ok: true,
		status: 'waitlisted',
		waitlistPosition: 1,
	})
	expect(await rsvpToEvent(anon, target, { name: 'Sid', email: second })).toMatchObject({
		ok: true,
		status: 'waitlisted',
		waitlistPosition: 2,
	})
	await waitForEmail(waiting, /^You are on the waitlist/)

	expect(await cancelMyRsvp(seated.caller, target.id)).toEqual({ ok: true, already: false })
	const promoted = await waitForEmail(waiting, /^A place opened up for you/)
	expect(promoted.Text).toContain('/rsvp/')
	const rows = await db().selectFrom('event_rsvps').select(['email', 'status']).where('event_id', '=', target.id).orderBy('email').execute()
	expect(Object.fromEntries(rows.map((row) => [row.email, row.status]))).toEqual({
		[seated.email]: 'cancelled',
		[waiting]: 'going',
		[second]: 'waitlisted',
	})
	// Cancelling twice changes nothing and promotes no one else.
	expect(await cancelMyRsvp(seated.caller, target.id)).toEqual({ ok: true, already: true })
	expect(await counts(target.id)).toMatchObject({ going: 1, waitlisted: 1 })
})

test('a visitor gets a confirmation with a link that cancels their answer', async () => {
	const { target, eventId } = await setup('')
	const email = `${unique('visitor')}@example.org`
	const result = await rsvpToEvent(anon, target, { name: 'Vera Visitor', email })
	expect(result).toMatchObject({ ok: true, status: 'going', outcome: 'created' })
	const message = await waitForEmail(email, /^You have a place/)
	const link = /\/rsvp\/([0-9a-f-]{36})/.exec(message.Text)?.[1]
	expect(link).toBeDefined()
	expect(message.Text).toMatch(/calendar\.ics/)
	expect(await cancelRsvpByToken(anon, link ?? '')).toEqual({ ok: true, already: false })
	expect(await counts(eventId)).toMatchObject({ going: 0, goingRows: 0 })
	expect(await cancelRsvpByToken(anon, '00000000-0000-4000-8000-000000000000')).toEqual({ ok: false, reason: 'rsvp_not_found' })
})

test('typing an address already on the list changes nothing and emails its owner, not the typist', async () => {
	const { target, eventId } = await setup('')
	const email = `${unique('owner')}@example.org`
	const first = await rsvpToEvent(anon, target, { name: 'Owner', email })
	const again = await rsvpToEvent(anon, target, { name: 'Someone else', email: email.toUpperCase() })
	expect(again).toMatchObject({ ok: true, outcome: 'already' })
	expect(first.ok && again.ok && again.manageToken === first.manageToken).toBe(true)
	await waitForEmail(email, /^You are already on the list/)
	const row = await db().selectFrom('event_rsvps').select(['name']).where('event_id', '=', eventId).executeTakeFirstOrThrow()
	expect(row.name).toBe('Owner')
})

test('an event cannot start in the past, and a time is read in the chosen zone', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer)
	expect(await createEvent(organizer.caller, chapter.id, eventInput({ startsAt: localTime(-1), endsAt: localTime(-1, 1) }))).toEqual({
		ok: false,
		field: 'startsAt',
		reason: 'past',
	})
	const created = await createEvent(
		organizer.caller,
		chapter.id,
		eventInput({ startsAt: '2030-07-04T18:30', endsAt: '2030-07-04T20:00', timeZone: 'America/Phoenix' }),
	)
	if (!created.ok) throw new Error('not created')
	const row = await db().selectFrom('events').select(['starts_at', 'ends_at']).where('id', '=', created.eventId).executeTakeFirstOrThrow()
	// Arizona keeps standard time all year: UTC−7.
	expect(row.starts_at.toISOString()).toBe('2030-07-05T01:30:00.000Z')
	expect(row.ends_at.toISOString()).toBe('2030-07-05T03:00:00.000Z')
	const member = await createUser(committed(), { label: 'member' })
	await addMembers(committed(), chapter.id, [member])
	await expect(createEvent(member.caller, chapter.id, eventInput())).rejects.toThrow()
})

test('reminders go 24 hours before, or 2 hours before for short notice, and never twice', async () => {
	const now = new Date('2026-12-01T12:00:00Z')
	expect(reminderTime(new Date('2026-12-05T12:00:00Z'), now)?.toISOString()).toBe('2026-12-04T12:00:00.000Z')
	expect(reminderTime(new Date('2026-12-01T20:00:00Z'), now)?.toISOString()).toBe('2026-12-01T18:00:00.000Z')
	expect(reminderTime(new Date('2026-12-01T13:00:00Z'), now)).toBeNull()

	const { target, eventId } = await setup('2')
	const going = [`${unique('r1')}@example.org`, `${unique('r2')}@example.org`]
	const waiting = `${unique('r3')}@example.org`
	for (const email of [...going, waiting]) await rsvpToEvent(anon, target, { name: 'R', email })
	// A reminder job scheduled for another start time (the event moved) does nothing.
	expect(await sendEventReminders(eventId, '2001-01-01T00:00:00.000Z')).toBe(0)
	expect(await sendEventReminders(eventId)).toBe(2)
	expect(await sendEventReminders(eventId)).toBe(0)
	for (const email of going) {
		const reminder = await waitForEmail(email, /^Tomorrow: /)
		expect(reminder.Text).toMatch(/\/rsvp\/[0-9a-f-]{36}/)
	}
	await settle()
	expect((await inbox(waiting)).filter((message) => message.Subject.startsWith('Tomorrow'))).toEqual([])
	// Creating the event scheduled its reminder job for 24 hours before the start; run early, that job will find nothing to do.
	const scheduled = await sql<{ due: boolean }>`
		select j.run_at = e.starts_at - interval '24 hours' as due from graphile_worker.jobs j, public.events e
		where j.key = ${`event-reminder:${eventId}`} and e.id = ${eventId}`.execute(db())
	expect(scheduled.rows).toEqual([{ due: true }])
})

test('the hourly sweep queues a reminder that is due but never went', async () => {
	const { target, eventId } = await setup('')
	const email = `${unique('swept')}@example.org`
	await rsvpToEvent(anon, target, { name: 'S', email })
	// Move the event to start in 3 hours, as if its reminder job had been lost.
	await db()
		.updateTable('events')
		.set({
			starts_at: sql`now() + interval '3 hours'`,
			ends_at: sql`now() + interval '5 hours'`,
			created_at: sql`now() - interval '3 days'`,
		})
		.where('id', '=', eventId)
		.execute()
	await sql`select graphile_worker.remove_job(${`event-reminder:${eventId}`})`.execute(db())
	const swept = await sweepScheduledMail()
	expect(swept.reminders).toBeGreaterThanOrEqual(1)
	await waitForEmail(email, /^Tomorrow: /)
})

test('cancelling an event emails everyone who said yes, seated or waiting, once', async () => {
	const { organizer, chapter, target, eventId } = await setup('1')
	const seated = `${unique('c1')}@example.org`
	const waiting = `${unique('c2')}@example.org`
	await rsvpToEvent(anon, target, { name: 'C1', email: seated })
	await rsvpToEvent(anon, target, { name: 'C2', email: waiting })
	const outsider = await createUser(committed(), { label: 'outsider' })
	expect(await cancelEvent(outsider.caller, chapter.id, eventId, 'no')).toBe(false)
	expect(await cancelEvent(organizer.caller, chapter.id, eventId, 'The board postponed the hearing.')).toBe(true)
	for (const email of [seated, waiting]) {
		const notice = await waitForEmail(email, /^Cancelled: /)
		expect(notice.Text).toContain('The board postponed the hearing.')
	}
	expect(await cancelEvent(organizer.caller, chapter.id, eventId, 'again')).toBe(false)
	expect(await notifyEventCancelled(eventId)).toBe(2)
	await settle()
	// Queuing the notice again names the same batches: Resend's idempotency sends each once.
	for (const email of [seated, waiting])
		expect((await inbox(email)).filter((message) => message.Subject.startsWith('Cancelled'))).toHaveLength(1)
	const refused = await rsvpToEvent(anon, target, { name: 'Late', email: `${unique('late')}@example.org` })
	expect(refused).toEqual({ ok: false, reason: 'event_cancelled' })
})

test('calendar files escape text, fold long lines at 75 octets and mark cancellations', () => {
	expect(icsText('Hall; Room 2, North\nBring ID \\ badge')).toBe('Hall\\; Room 2\\, North\\nBring ID \\\\ badge')
	const folded = foldLine(`DESCRIPTION:${'é'.repeat(60)}`)
	for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
	expect(
		folded
			.split('\r\n')
			.slice(1)
			.every((line) => line.startsWith(' ')),
	).toBe(true)
	const text = calendar({
		name: 'Test chapter',
		host: 'groundwork.example',
		events: [
			{
				id: 'abc',
				title: 'Hearing, again',
				description: '',
				startsAt: new Date('2026-12-01T23:30:00Z'),
				endsAt: new Date('2026-12-02T01:00:00Z'),
				locationName: 'Hall',
				address: null,
				onlineUrl: null,
				status: 'cancelled',
				url: 'https://groundwork.example/e/abc',
				updatedAt: new Date('2026-11-26T10:00:00Z'),
			},
		],
	})
	expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
	expect(text).toContain('\r\nDTSTART:20261201T233000Z\r\nDTEND:20261202T010000Z\r\n')
	expect(text).toContain('SUMMARY:Hearing\\, again')
	expect(text).toContain('STATUS:CANCELLED')
	expect(text).toContain('UID:abc@groundwork.example')
	expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true)
})
