import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { inviteByEmail } from '#app/chapters/invitations.server'
import { anon, db } from '#app/db/db.server'
import { cancelEvent, cancelMyRsvp, createEvent, rsvpToEvent } from '#app/events/events.server'
import type { EventInput } from '#app/events/schemas'
import { ensureJobQueue } from '#app/jobs/queue.server'
import { checkMilestones, foldCounts } from '#app/petitions/jobs.server'
import { action as newChapterUpdateAction } from '#app/routes/chapters+/$slug_.updates.new'
import { action as managePetitionAction } from '#app/routes/petitions+/$slug.manage'
import { newAccount } from '#tests/helpers/accounts'
import { newYorkTime as soon } from '#tests/helpers/event-factories'
import { committed, createPetition, createSignature, createUser, startChapter, unique, type User } from '#tests/helpers/factories'
import { petitionWithOrganizer, withClient } from '#tests/helpers/petition-flow'
import { postForm, signIn } from '#tests/helpers/session'

// Every email is queued in the same transaction as the change that causes it
// (docs/decisions/037). To show it, these tests make the job queue refuse
// the jobs of one test's chapter, event, petition or address — as a crash
// between the change and the queuing would — and check that the change was
// not made either: nothing happened that someone should have been told of.
// (Before, the change committed first and its email was queued after.)

beforeAll(async () => {
	await ensureJobQueue()
	await sql`create schema if not exists test_faults`.execute(db())
	await sql`create table if not exists test_faults.refused (marker text primary key)`.execute(db())
	// A job is refused when its payload names a marker, or names an event or
	// update that belongs to a marked chapter or petition.
	await sql`create or replace function test_faults.refuse_marked_jobs() returns trigger
		language plpgsql set search_path = '' as $$
		begin
			if exists (
				select 1 from test_faults.refused f
				where strpos(new.payload::text, f.marker) > 0
					or exists (select 1 from public.events e where e.id::text = new.payload ->> 'eventId' and e.chapter_id::text = f.marker)
					or exists (select 1 from public.chapter_updates u where u.id::text = new.payload ->> 'updateId' and u.chapter_id::text = f.marker)
					or exists (select 1 from public.petition_updates u where u.id::text = new.payload ->> 'updateId' and u.petition_id::text = f.marker)
			) then
				raise exception 'test fault: the job queue is down';
			end if;
			return new;
		end $$`.execute(db())
	await sql`drop trigger if exists refuse_marked_jobs on graphile_worker._private_jobs`.execute(db())
	await sql`create trigger refuse_marked_jobs before insert on graphile_worker._private_jobs
		for each row execute function test_faults.refuse_marked_jobs()`.execute(db())
})

afterAll(async () => {
	await sql`drop trigger if exists refuse_marked_jobs on graphile_worker._private_jobs`.execute(db())
	await sql`drop schema if exists test_faults cascade`.execute(db())
})

/** From now on the queue refuses every job about `marker`. */
async function queueRefuses(marker: string) {
	await sql`insert into test_faults.refused (marker) values (${marker})`.execute(db())
}

function eventInput(capacity: string): EventInput {
	return {
		kind: 'hearing',
		title: `Hearing ${unique('e')}`,
		description: '',
		startsAt: soon(3),
		endsAt: soon(3, 2),
		timeZone: 'America/New_York',
		locationName: 'County Government Center',
		address: '',
		onlineUrl: '',
		capacity,
	}
}

async function newEvent(organizer: User, capacity: string) {
	const chapter = await startChapter(organizer)
	const created = await createEvent(organizer.caller, chapter.id, eventInput(capacity))
	if (!created.ok) throw new Error('event not created')
	return { chapter, target: { id: created.eventId, chapterSlug: chapter.slug, chapterName: chapter.name } }
}

async function answers(eventId: string) {
	const rows = await db().selectFrom('event_rsvps').select(['email', 'status']).where('event_id', '=', eventId).orderBy('email').execute()
	const event = await db()
		.selectFrom('events')
		.select(['going_count', 'waitlist_count', 'status'])
		.where('id', '=', eventId)
		.executeTakeFirstOrThrow()
	return { rows: Object.fromEntries(rows.map((row) => [row.email, row.status])), ...event }
}

test('an answer to an event whose confirmation cannot be queued is not taken', async () => {
	const { target } = await newEvent(await createUser(committed(), { label: 'organizer' }), '')
	await queueRefuses(target.id)
	await expect(rsvpToEvent(anon, target, { name: 'Vera', email: `${unique('vera')}@example.org` })).rejects.toThrow(/job queue is down/)
	expect(await answers(target.id)).toEqual({ rows: {}, going_count: 0, waitlist_count: 0, status: 'scheduled' })
})

test('a seat whose new holder cannot be told is not given away: the cancellation does not happen either', async () => {
	const { target } = await newEvent(await createUser(committed(), { label: 'organizer' }), '1')
	const seated = await createUser(committed(), { label: 'seated' })
	const waiting = `${unique('waiting')}@example.org`
	await rsvpToEvent(seated.caller, target, { name: '', email: '' })
	await rsvpToEvent(anon, target, { name: 'Wendy', email: waiting })
	await queueRefuses(target.id)
	await expect(cancelMyRsvp(seated.caller, target.id)).rejects.toThrow(/job queue is down/)
	expect(await answers(target.id)).toEqual({
		rows: { [seated.email]: 'going', [waiting]: 'waitlisted' },
		going_count: 1,
		waitlist_count: 1,
		status: 'scheduled',
	})
})

test('an event whose cancellation notice cannot be queued stays on', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const { chapter, target } = await newEvent(organizer, '')
	const coming = `${unique('coming')}@example.org`
	await rsvpToEvent(anon, target, { name: 'Cal', email: coming })
	await queueRefuses(target.id)
	await expect(cancelEvent(organizer.caller, chapter.id, target.id, 'The board postponed it.')).rejects.toThrow(/job queue is down/)
	expect(await answers(target.id)).toMatchObject({ rows: { [coming]: 'going' }, status: 'scheduled' })
})

test('an event whose reminder cannot be scheduled is not posted', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer)
	await queueRefuses(chapter.id)
	await expect(createEvent(organizer.caller, chapter.id, eventInput(''))).rejects.toThrow(/job queue is down/)
	expect(await db().selectFrom('events').select('id').where('chapter_id', '=', chapter.id).execute()).toEqual([])
})

test('an invitation whose email cannot be queued is not made: its link would exist nowhere', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer)
	const invitee = `${unique('invitee')}@example.org`
	await queueRefuses(invitee)
	await expect(inviteByEmail(organizer.caller, chapter, { email: invitee, inviterName: organizer.name, timeZone: 'UTC' })).rejects.toThrow(
		/job queue is down/,
	)
	expect(await db().selectFrom('chapter_invitations').select('id').where('chapter_id', '=', chapter.id).execute()).toEqual([])
})

test('a chapter update whose email job cannot be queued is not posted', async () => {
	const organizer = await newAccount('organizer')
	const chapter = await startChapter(organizer)
	await queueRefuses(chapter.id)
	const cookie = await signIn(organizer)
	const request = postForm(`/chapters/${chapter.slug}/updates/new`, cookie, { title: 'Comments close Friday', body: 'Write yours now.' })
	await expect(newChapterUpdateAction({ request, params: { slug: chapter.slug }, context: {} })).rejects.toThrow(/job queue is down/)
	expect(await db().selectFrom('chapter_updates').select('id').where('chapter_id', '=', chapter.id).execute()).toEqual([])
})

test('a petition update whose email job cannot be queued is not posted', async () => {
	const organizer = await newAccount('organizer')
	const petition = await withClient((client) => createPetition(client, { organizer, chapter: null }))
	await queueRefuses(petition.id)
	const cookie = await signIn(organizer)
	const request = postForm(`/petitions/${petition.slug}/manage`, cookie, {
		intent: 'update',
		title: 'Hearing moved to Tuesday',
		body: 'The board meets Tuesday.',
	})
	await expect(managePetitionAction({ request, params: { slug: petition.slug }, context: {} })).rejects.toThrow(/job queue is down/)
	expect(await db().selectFrom('petition_updates').select('id').where('petition_id', '=', petition.id).execute()).toEqual([])
})

test('a milestone whose emails cannot be queued is not recorded, so the next pass tries again', async () => {
	const { petition } = await petitionWithOrganizer({ goal: 12 })
	await withClient(async (client) => {
		for (let n = 0; n < 3; n++)
			await createSignature(client, petition, { status: 'confirmed', email: `m${n}-${randomUUID().slice(0, 8)}@example.org` })
	})
	await queueRefuses(petition.slug)
	await expect
		.poll(async () => {
			await foldCounts()
			const row = await db().selectFrom('petition_counts').select('confirmed').where('petition_id', '=', petition.id).executeTakeFirst()
			return row?.confirmed
		})
		.toBe(3)
	await expect(checkMilestones([petition.id])).rejects.toThrow(/job queue is down/)
	expect(await db().selectFrom('petition_milestones').select('threshold').where('petition_id', '=', petition.id).execute()).toEqual([])
})
