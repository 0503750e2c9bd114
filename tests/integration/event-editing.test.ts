import { afterAll, beforeAll, expect, test } from 'vitest'
import { anon, db } from '#app/db/db.server'
import { createEvent, editEvent, rsvpToEvent } from '#app/events/events.server'
import type { EventInput } from '#app/events/schemas'
import { startWorker } from '#app/jobs/worker.server'
import { loader as eventCalendar } from '#app/routes/chapters.$slug_.events+/$eventId_.calendar[.ics]'
import { action as editEventAction } from '#app/routes/chapters.$slug_.events+/$eventId_.edit'
import { action as newEventAction } from '#app/routes/chapters.$slug_.events+/new'
import { newAccount } from '#tests/helpers/accounts'
import { eventInput, newYorkTime as localTime } from '#tests/helpers/event-factories'
import { committed, createUser, startChapter, unique } from '#tests/helpers/factories'
import { inbox, settle, waitForEmail } from '#tests/helpers/mailbox'
import { getPage, outcome, postForm, signIn } from '#tests/helpers/session'

// Issue 15, item 4: organizers edit events. A change of time or place emails
// everyone who said yes; a typo fix emails nobody; the calendar file keeps
// its UID with a higher SEQUENCE; seats never drop below the people seated.

let worker: Awaited<ReturnType<typeof startWorker>>
beforeAll(async () => {
	worker = await startWorker({ concurrency: 4 })
})
afterAll(async () => {
	await worker.stop()
})

function asFields(input: EventInput): Record<string, string> {
	return { ...input }
}

async function postedEvent(capacity = '') {
	const organizer = await newAccount('organizer')
	const chapter = await startChapter(organizer)
	const input = eventInput({ capacity })
	const created = await createEvent(organizer.caller, chapter.id, input)
	if (!created.ok) throw new Error(`event not created: ${created.reason}`)
	const target = { id: created.eventId, chapterSlug: chapter.slug, chapterName: chapter.name }
	return { organizer, chapter, input, eventId: created.eventId, target, path: `/chapters/${chapter.slug}/events/${created.eventId}` }
}

async function calendarFile(slug: string, eventId: string) {
	const response = await eventCalendar({
		request: getPage(`/chapters/${slug}/events/${eventId}/calendar.ics`, ''),
		params: { slug, eventId },
		context: {},
	})
	return response.text()
}

test('moving an event emails everyone who said yes what it was and is; a typo fix emails nobody', async () => {
	const { organizer, chapter, input, eventId, target, path } = await postedEvent('1')
	const seated = `${unique('seated')}@example.org`
	const waiting = `${unique('waiting')}@example.org`
	await rsvpToEvent(anon, target, { name: 'Seated', email: seated })
	await rsvpToEvent(anon, target, { name: 'Waiting', email: waiting })
	const before = await calendarFile(chapter.slug, eventId)
	expect(before).toContain(`UID:${eventId}@`)
	expect(before).toContain('SEQUENCE:0')

	const cookie = await signIn(organizer)
	// A typo in the title and details: saved, no one emailed.
	const typo = await outcome(() =>
		editEventAction({
			request: postForm(`${path}/edit`, cookie, asFields({ ...input, title: `${input.title} (fixed)`, description: 'Bring two friends.' })),
			params: { slug: chapter.slug, eventId },
			context: {},
		}),
	)
	expect(typo.location).toBe(`${path}?notice=edited`)

	// The room and the time change: both people are told, with what it was.
	const moved = await outcome(() =>
		editEventAction({
			request: postForm(
				`${path}/edit`,
				cookie,
				asFields({
					...input,
					title: `${input.title} (fixed)`,
					startsAt: localTime(4),
					endsAt: localTime(4, 2),
					locationName: 'Library, Room B',
				}),
			),
			params: { slug: chapter.slug, eventId },
			context: {},
		}),
	)
	expect(moved.location).toBe(`${path}?notice=editedNotified&count=2`)
	for (const email of [seated, waiting]) {
		const notice = await waitForEmail(email, /^Changed: /)
		expect(notice.Text).toContain('Library, Room B')
		expect(notice.Text).toContain('It was:')
		expect(notice.Text).toContain('County Government Center')
	}
	await settle()
	for (const email of [seated, waiting]) expect((await inbox(email)).filter((mail) => mail.Subject.startsWith('Changed'))).toHaveLength(1)

	const after = await calendarFile(chapter.slug, eventId)
	expect(after).toContain(`UID:${eventId}@`)
	expect(after).toContain('SEQUENCE:2')
	expect(after).toContain('LOCATION:Library\\, Room B')
	const row = await db().selectFrom('events').select(['sequence', 'title']).where('id', '=', eventId).executeTakeFirstOrThrow()
	expect(row).toEqual({ sequence: 2, title: `${input.title} (fixed)` })
})

test('seats cannot drop below the people seated; more seats move the waitlist up, each told', async () => {
	const { organizer, chapter, input, eventId, target } = await postedEvent('2')
	const people = [0, 1, 2, 3].map((n) => `${unique(`p${n}`)}@example.org`)
	for (const email of people) await rsvpToEvent(anon, target, { name: email, email })
	expect(await editEvent(organizer.caller, chapter.id, eventId, { ...input, capacity: '1' })).toEqual({
		ok: false,
		field: 'capacity',
		reason: 'below_going',
		going: 2,
	})
	expect(await editEvent(organizer.caller, chapter.id, eventId, { ...input, capacity: '3' })).toEqual({
		ok: true,
		notified: false,
		attendees: 4,
	})
	const counts = await db()
		.selectFrom('events')
		.select(['going_count', 'waitlist_count'])
		.where('id', '=', eventId)
		.executeTakeFirstOrThrow()
	expect(counts).toEqual({ going_count: 3, waitlist_count: 1 })
	const promoted = await waitForEmail(people[2] ?? '', /^A place opened up/)
	expect(promoted.Text).toContain(input.title)
	// No limit: the last one waiting moves up too.
	expect(await editEvent(organizer.caller, chapter.id, eventId, { ...input, capacity: '' })).toMatchObject({ ok: true })
	await waitForEmail(people[3] ?? '', /^A place opened up/)
	const statuses = await db().selectFrom('event_rsvps').select('status').where('event_id', '=', eventId).execute()
	expect(statuses.every((row) => row.status === 'going')).toBe(true)
})

test('only the chapter’s organizers edit; a moved start must be ahead; a cancelled event stays as it was', async () => {
	const { organizer, chapter, input, eventId } = await postedEvent()
	const outsider = await createUser(committed(), { label: 'outsider' })
	expect(await editEvent(outsider.caller, chapter.id, eventId, { ...input, title: 'Hijacked' })).toEqual({ ok: false, reason: 'not_found' })
	expect(await editEvent(organizer.caller, chapter.id, eventId, { ...input, startsAt: localTime(-1), endsAt: localTime(3, 2) })).toEqual({
		ok: false,
		field: 'startsAt',
		reason: 'past',
	})
	await db().updateTable('events').set({ status: 'cancelled', cancelled_at: new Date() }).where('id', '=', eventId).execute()
	expect(await editEvent(organizer.caller, chapter.id, eventId, { ...input, title: 'Back on' })).toEqual({ ok: false, reason: 'cancelled' })
	const row = await db().selectFrom('events').select('title').where('id', '=', eventId).executeTakeFirstOrThrow()
	expect(row.title).toBe(input.title)
})

test('a start in the past is flagged together with the form’s other errors, on create and on edit', async () => {
	const { organizer, chapter, input, eventId, path } = await postedEvent()
	const cookie = await signIn(organizer)
	const bad = asFields({ ...input, title: 'x', startsAt: localTime(-2), endsAt: localTime(-2, 1) })
	const created = await outcome(() =>
		newEventAction({ request: postForm(`/chapters/${chapter.slug}/events/new`, cookie, bad), params: { slug: chapter.slug }, context: {} }),
	)
	expect(created.status).toBe(400)
	expect(created.errors.title).toBe('Use at least 3 characters')
	expect(created.errors.startsAt).toBe('That time has passed. Enter a time in the future.')
	expect(created.values.title).toBe('x')
	const edited = await outcome(() =>
		editEventAction({ request: postForm(`${path}/edit`, cookie, bad), params: { slug: chapter.slug, eventId }, context: {} }),
	)
	expect(edited.errors.title).toBe('Use at least 3 characters')
	expect(edited.errors.startsAt).toBe('That time has passed. Enter a time in the future.')
	// An edit that keeps a start is not flagged for it, only for what is wrong.
	const kept = await outcome(() =>
		editEventAction({
			request: postForm(`${path}/edit`, cookie, asFields({ ...input, title: 'x' })),
			params: { slug: chapter.slug, eventId },
			context: {},
		}),
	)
	expect(kept.errors).toEqual({ title: 'Use at least 3 characters' })
})
