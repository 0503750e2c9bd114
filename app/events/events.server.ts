import { sql, type RawBuilder, type Transaction } from 'kysely'
import type { AuthenticatedCaller } from '#app/chapters/members.server'
import { asCaller, type Caller, type Database } from '#app/db/db.server'
import { refusalOf } from '#app/db/refusals.server'
import type { RsvpStatus } from '#app/db/types'
import { sendEmail } from '#app/email/email.server'
import { formatEventTime, zoneName } from '#app/i18n/i18n'
import { addJobsInTransaction, asJob, ensureJobQueue } from '#app/jobs/queue.server'
import { env } from '#app/utils/env.server'
import type { EventEmailKind, EventEmailProps } from '#emails/event-emails'
import type { EventInput, EventKind } from './schemas'

export type EventSummary = {
	id: string
	kind: EventKind
	title: string
	startsAt: Date
	endsAt: Date
	timeZone: string
	locationName: string | null
	address: string | null
	onlineUrl: string | null
	capacity: number | null
	goingCount: number
	waitlistCount: number
	status: 'scheduled' | 'cancelled'
}

export type EventDetail = EventSummary & {
	chapterId: string
	description: string
	cancellationReason: string | null
	cancelledAt: Date | null
	updatedAt: Date
	/** The event's version: calendar files carry it as SEQUENCE, so apps replace their copy. */
	sequence: number
}

function eventsQuery(trx: Transaction<Database>) {
	return trx
		.selectFrom('events as e')
		.select([
			'e.id',
			'e.chapter_id',
			'e.kind',
			'e.title',
			'e.description',
			'e.starts_at',
			'e.ends_at',
			'e.time_zone',
			'e.location_name',
			'e.address',
			'e.online_url',
			'e.capacity',
			'e.going_count',
			'e.waitlist_count',
			'e.status',
			'e.cancellation_reason',
			'e.cancelled_at',
			'e.updated_at',
			'e.sequence',
		])
}

type EventRow = Awaited<ReturnType<ReturnType<typeof eventsQuery>['executeTakeFirstOrThrow']>>

function toEvent(row: EventRow): EventDetail {
	return {
		id: row.id,
		chapterId: row.chapter_id,
		kind: row.kind,
		title: row.title,
		description: row.description,
		startsAt: row.starts_at,
		endsAt: row.ends_at,
		timeZone: row.time_zone,
		locationName: row.location_name,
		address: row.address,
		onlineUrl: row.online_url,
		capacity: row.capacity,
		goingCount: row.going_count,
		waitlistCount: row.waitlist_count,
		status: row.status,
		cancellationReason: row.cancellation_reason,
		cancelledAt: row.cancelled_at,
		updatedAt: row.updated_at,
		sequence: row.sequence,
	}
}

/** Scheduled events that have not ended, soonest first; RLS hides a private chapter's from outsiders. */
export async function upcomingEvents(trx: Transaction<Database>, chapterId: string, limit = 5) {
	const rows = await eventsQuery(trx)
		.where('e.chapter_id', '=', chapterId)
		.where('e.status', '=', 'scheduled')
		.where('e.ends_at', '>', sql<Date>`now()`)
		.orderBy('e.starts_at')
		.limit(limit)
		.execute()
	return rows.map(toEvent)
}

/** Everything for the chapter's events page: what is coming, and what happened or was called off. */
export async function listChapterEvents(caller: Caller, chapterId: string) {
	return asCaller(caller, async (trx) => {
		const upcoming = await upcomingEvents(trx, chapterId, 100)
		const rows = await eventsQuery(trx)
			.where('e.chapter_id', '=', chapterId)
			.where((eb) => eb.or([eb('e.status', '=', 'cancelled'), eb('e.ends_at', '<=', sql<Date>`now()`)]))
			.orderBy('e.starts_at', 'desc')
			.limit(20)
			.execute()
		return { upcoming, past: rows.map(toEvent) }
	})
}

export async function findEvent(trx: Transaction<Database>, chapterId: string, eventId: string) {
	const row = await eventsQuery(trx).where('e.id', '=', eventId).where('e.chapter_id', '=', chapterId).executeTakeFirst()
	return row ? toEvent(row) : null
}

export type ViewerRsvp = { id: string; status: RsvpStatus; manageToken: string; waitlistPosition: number | null } | null

/** The signed-in person's own answer to an event, with their place in the queue. */
export async function viewerRsvp(trx: Transaction<Database>, eventId: string, userId: string | null): Promise<ViewerRsvp> {
	if (!userId) return null
	const row = await trx
		.selectFrom('event_rsvps as r')
		.select([
			'r.id',
			'r.status',
			'r.manage_token',
			sql<number | null>`case when r.status = 'waitlisted' then (
				select count(*)::int from public.event_rsvps w
				where w.event_id = r.event_id and w.status = 'waitlisted' and (w.waitlisted_at, w.id) <= (r.waitlisted_at, r.id)
			) end`.as('position'),
		])
		.where('r.event_id', '=', eventId)
		.where('r.user_id', '=', userId)
		.executeTakeFirst()
	return row ? { id: row.id, status: row.status, manageToken: row.manage_token, waitlistPosition: row.position } : null
}

export type CreateEventOutcome = { ok: true; eventId: string } | { ok: false; field: 'startsAt'; reason: 'past' | 'not_a_time' }

type EventTimes = { starts_at: Date; ends_at: Date; past: boolean }

/**
 * The form's wall-clock times read in the chosen zone by PostgreSQL, which
 * knows every zone's daylight-saving rules; a time that does not exist (the
 * hour skipped in spring) is moved forward as PostgreSQL does.
 */
async function readTimes(trx: Transaction<Database>, input: Pick<EventInput, 'startsAt' | 'endsAt' | 'timeZone'>) {
	const times = await sql<EventTimes>`
		select (${input.startsAt}::timestamp at time zone ${input.timeZone}) as starts_at,
			(${input.endsAt}::timestamp at time zone ${input.timeZone}) as ends_at,
			(${input.startsAt}::timestamp at time zone ${input.timeZone}) <= now() as past`.execute(trx)
	return times.rows[0] ?? null
}

/** 22008/22007: a date PostgreSQL cannot read (February 30th). */
function isNotATime(error: unknown) {
	const code = refusalOf(error)?.code
	return code === '22008' || code === '22007'
}

/** Creates an event as an organizer (RLS checks), with its reminder queued for its time. */
export async function createEvent(caller: AuthenticatedCaller, chapterId: string, input: EventInput): Promise<CreateEventOutcome> {
	await ensureJobQueue()
	const result = await asCaller(caller, async (trx) => {
		const time = await readTimes(trx, input)
		if (!time) return { ok: false as const, field: 'startsAt' as const, reason: 'not_a_time' as const }
		if (time.past) return { ok: false as const, field: 'startsAt' as const, reason: 'past' as const }
		const row = await trx
			.insertInto('events')
			.values({
				chapter_id: chapterId,
				kind: input.kind,
				...eventColumns(input, time),
				created_by: caller.claims.sub,
			})
			.returning(['id', 'starts_at'])
			.executeTakeFirstOrThrow()
		await scheduleReminder(trx, row.id, row.starts_at)
		return { ok: true as const, eventId: row.id }
	}).catch((error: unknown) => {
		if (isNotATime(error)) return { ok: false as const, field: 'startsAt' as const, reason: 'not_a_time' as const }
		throw error
	})
	return result
}

/** The columns an organizer writes, from the form and the times read in its zone. */
function eventColumns(input: EventInput, time: EventTimes) {
	return {
		title: input.title,
		description: input.description,
		starts_at: time.starts_at,
		ends_at: time.ends_at,
		time_zone: input.timeZone,
		location_name: input.locationName || null,
		address: input.address || null,
		online_url: input.onlineUrl || null,
		capacity: input.capacity ? Number(input.capacity) : null,
	}
}

export type EditEventOutcome =
	| { ok: true; notified: boolean; attendees: number }
	| { ok: false; reason: 'not_found' | 'cancelled' | 'over' }
	| { ok: false; field: 'startsAt'; reason: 'past' | 'not_a_time' }
	| { ok: false; field: 'capacity'; reason: 'below_going'; going: number }

/**
 * An organizer edits an event (RLS checks). A change of time or place is
 * emailed by the database to everyone who said yes (notify_event_changed,
 * queued with the change); a title or description fix is not. A start
 * that moves must still be ahead; seats cannot drop below the people
 * already seated (docs/decisions/076); more seats move the waitlist up.
 */
export async function editEvent(
	caller: AuthenticatedCaller,
	chapterId: string,
	eventId: string,
	input: EventInput,
): Promise<EditEventOutcome> {
	await ensureJobQueue()
	return asCaller(caller, async (trx): Promise<EditEventOutcome> => {
		const current = await trx
			.selectFrom('events')
			.select(['status', 'starts_at', 'ends_at', 'time_zone', 'location_name', 'address', 'online_url', 'going_count', 'waitlist_count'])
			.where('id', '=', eventId)
			.where('chapter_id', '=', chapterId)
			.forUpdate()
			.executeTakeFirst()
		if (!current) return { ok: false, reason: 'not_found' }
		if (current.status === 'cancelled') return { ok: false, reason: 'cancelled' }
		if (current.ends_at.getTime() <= Date.now()) return { ok: false, reason: 'over' }
		const time = await readTimes(trx, input)
		if (!time) return { ok: false, field: 'startsAt', reason: 'not_a_time' }
		const moved = time.starts_at.getTime() !== current.starts_at.getTime()
		if (moved && time.past) return { ok: false, field: 'startsAt', reason: 'past' }
		const columns = eventColumns(input, time)
		if (columns.capacity !== null && columns.capacity < current.going_count) {
			return { ok: false, field: 'capacity', reason: 'below_going', going: current.going_count }
		}
		await trx
			.updateTable('events')
			.set({ kind: input.kind, ...columns })
			.where('id', '=', eventId)
			.execute()
		if (moved) await scheduleReminder(trx, eventId, time.starts_at)
		const notified =
			moved ||
			time.ends_at.getTime() !== current.ends_at.getTime() ||
			columns.time_zone !== current.time_zone ||
			columns.location_name !== current.location_name ||
			columns.address !== current.address ||
			columns.online_url !== current.online_url
		return { ok: true, notified, attendees: current.going_count + current.waitlist_count }
	}).catch((error: unknown) => {
		if (isNotATime(error)) return { ok: false, field: 'startsAt', reason: 'not_a_time' }
		throw error
	})
}

/**
 * When the reminder goes out: 24 hours before the start, or 2 hours before
 * for an event posted at short notice; null when even that has passed.
 */
export function reminderTime(startsAt: Date, now = new Date()) {
	const dayBefore = new Date(startsAt.getTime() - 24 * 3600_000)
	if (dayBefore > now) return dayBefore
	const shortNotice = new Date(startsAt.getTime() - 2 * 3600_000)
	return shortNotice > now ? shortNotice : null
}

/** Queues the event's reminder job for its time, with the event; the job key keeps one per event. */
async function scheduleReminder(trx: Transaction<Database>, eventId: string, startsAt: Date) {
	const runAt = reminderTime(startsAt)
	if (!runAt) return
	await addJobsInTransaction(trx, [
		{
			task: 'send_event_reminders',
			payload: { eventId, startsAt: startsAt.toISOString() },
			jobKey: `event-reminder:${eventId}`,
			runAt,
			maxAttempts: 10,
		},
	])
}

/**
 * An organizer calls an event off. Everyone who said yes is told by the
 * notify_event_cancelled job, which the database queues with the change
 * (however the event was cancelled).
 */
export async function cancelEvent(caller: Caller, chapterId: string, eventId: string, reason: string) {
	await ensureJobQueue()
	return asCaller(caller, async (trx) => {
		const result = await trx
			.updateTable('events')
			.set({ status: 'cancelled', cancelled_at: sql`now()`, cancellation_reason: reason || null })
			.where('id', '=', eventId)
			.where('chapter_id', '=', chapterId)
			.where('status', '=', 'scheduled')
			.executeTakeFirst()
		return Number(result.numUpdatedRows) === 1
	})
}

export type RsvpOutcome =
	| {
			ok: true
			status: 'going' | 'waitlisted'
			outcome: 'created' | 'already' | 'rejoined'
			waitlistPosition: number | null
			manageToken: string
	  }
	| { ok: false; reason: RsvpRefusal }

const RSVP_REFUSALS = ['event_cancelled', 'event_over', 'event_not_found', 'name', 'email'] as const
type RsvpRefusal = (typeof RSVP_REFUSALS)[number]

/** The hint private.rsvp_to_event refuses with, if it is one the page explains. */
function rsvpRefusal(hint: string | null | undefined): RsvpRefusal | null {
	return RSVP_REFUSALS.find((reason) => reason === hint) ?? null
}

/**
 * Says yes to an event as the caller: a visitor with a name and email, or a
 * member as their account. The database decides between a seat and the
 * waitlist under the event's row lock, and queues the confirmation (or, for
 * a visitor already on the list, a reminder of their link) in the same
 * transaction (private.rsvp_to_event).
 */
export async function rsvpToEvent(
	caller: Caller,
	event: { id: string; chapterSlug: string; chapterName: string },
	visitor: { name: string; email: string },
): Promise<RsvpOutcome> {
	let row:
		| {
				rsvp_id: string
				status: 'going' | 'waitlisted'
				manage_token: string
				outcome: 'created' | 'already' | 'rejoined'
				waitlist_position: number | null
		  }
		| undefined
	await ensureJobQueue()
	try {
		row = await asCaller(caller, async (trx) => {
			const { rows } = await sql<
				NonNullable<typeof row>
			>`select * from private.rsvp_to_event(${event.id}, ${visitor.name}, ${visitor.email})`.execute(trx)
			return rows[0]
		})
	} catch (error) {
		const reason = rsvpRefusal(refusalOf(error)?.hint)
		if (reason) return { ok: false, reason }
		throw error
	}
	if (!row) return { ok: false, reason: 'event_not_found' }
	return { ok: true, status: row.status, outcome: row.outcome, waitlistPosition: row.waitlist_position, manageToken: row.manage_token }
}

export type CancelRsvpOutcome = { ok: true; already: boolean } | { ok: false; reason: 'rsvp_not_found' }

// Whoever moves up from the waitlist is emailed by the database, in the
// transaction that gives them the seat (private.cancel_event_rsvp).
function afterCancel(result: { outcome: string } | undefined): CancelRsvpOutcome {
	if (!result) return { ok: false, reason: 'rsvp_not_found' }
	return { ok: true, already: result.outcome === 'already_cancelled' }
}

function isNotFound(error: unknown) {
	return refusalOf(error)?.hint === 'rsvp_not_found'
}

/** A visitor cancels with the link from their email. */
export async function cancelRsvpByToken(caller: Caller, token: string): Promise<CancelRsvpOutcome> {
	if (!UUID.test(token)) return { ok: false, reason: 'rsvp_not_found' }
	return cancelRsvp(caller, sql`private.cancel_rsvp_by_token(${token})`)
}

/** A member cancels their own answer from the event page. */
export async function cancelMyRsvp(caller: AuthenticatedCaller, eventId: string): Promise<CancelRsvpOutcome> {
	return cancelRsvp(caller, sql`private.cancel_my_rsvp(${eventId})`)
}

/** Runs one of the database's cancel functions (they share one outcome) as the caller. */
async function cancelRsvp(caller: Caller, cancel: RawBuilder<unknown>): Promise<CancelRsvpOutcome> {
	await ensureJobQueue()
	try {
		const result = await asCaller(caller, async (trx) => {
			const { rows } = await sql<{ outcome: string; promoted_rsvp_id: string | null }>`select * from ${cancel}`.execute(trx)
			return rows[0]
		})
		return afterCancel(result)
	} catch (error) {
		if (isNotFound(error)) return { ok: false, reason: 'rsvp_not_found' }
		throw error
	}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string | undefined): value is string {
	return value !== undefined && UUID.test(value)
}

export type RsvpByToken = {
	rsvpId: string
	eventId: string
	chapterSlug: string
	name: string
	status: RsvpStatus
	waitlistPosition: number | null
}

/** The answer a "change your answer" link points to, or null. */
export async function rsvpByToken(caller: Caller, token: string): Promise<RsvpByToken | null> {
	if (!UUID.test(token)) return null
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{
			rsvp_id: string
			event_id: string
			chapter_slug: string
			name: string
			status: RsvpStatus
			waitlist_position: number | null
		}>`
			select * from private.event_rsvp_by_token(${token})`.execute(trx)
		const row = rows[0]
		return row
			? {
					rsvpId: row.rsvp_id,
					eventId: row.event_id,
					chapterSlug: row.chapter_slug,
					name: row.name,
					status: row.status,
					waitlistPosition: row.waitlist_position,
				}
			: null
	})
}

export type CheckInRow = { name: string; status: RsvpStatus; guest: boolean; position: number }

/** Who said yes, for the printed check-in list: names only, seats first then the waitlist in order. */
export async function checkInList(caller: Caller, eventId: string): Promise<CheckInRow[]> {
	return asCaller(caller, async (trx) => {
		const rows = await trx
			.selectFrom('event_rsvps')
			.select(['name', 'status', 'user_id'])
			.where('event_id', '=', eventId)
			.where('status', 'in', ['going', 'waitlisted'])
			.orderBy(sql`status = 'waitlisted'`)
			.orderBy(sql`case when status = 'waitlisted' then waitlisted_at end`)
			.orderBy(sql`lower(name)`)
			.execute()
		let waitlisted = 0
		return rows.map((row, index) => ({
			name: row.name,
			status: row.status,
			guest: row.user_id === null,
			position: row.status === 'waitlisted' ? ++waitlisted : index + 1,
		}))
	})
}

// ---------------------------------------------------------------- emails

export function eventUrl(chapterSlug: string, eventId: string) {
	return new URL(`/chapters/${chapterSlug}/events/${eventId}`, env().SITE_URL).toString()
}

export function manageUrl(token: string) {
	return new URL(`/rsvp/${token}`, env().SITE_URL).toString()
}

/** "Tue, Dec 1, 6:30 PM EST" in the event's zone. */
export function shortWhen(startsAt: Date, timeZone: string) {
	const text = new Intl.DateTimeFormat('en', {
		weekday: 'short',
		month: 'short',
		day: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		timeZone,
	}).format(startsAt)
	return `${text} ${zoneName(startsAt, timeZone)}`
}

/** What every email about an event says about it; the manage link is the recipient's own. */
export function eventEmailProps(
	event: Pick<
		EventDetail,
		'id' | 'title' | 'startsAt' | 'endsAt' | 'timeZone' | 'locationName' | 'address' | 'onlineUrl' | 'cancellationReason'
	>,
	chapter: { slug: string; name: string },
	kind: EventEmailKind,
	manage: string,
	waitlistPosition: number | null = null,
): EventEmailProps {
	return {
		kind,
		eventTitle: event.title,
		chapterName: chapter.name,
		when: formatEventTime(event.startsAt, event.endsAt, event.timeZone),
		whenShort: shortWhen(event.startsAt, event.timeZone),
		where: [event.locationName, event.address].filter(Boolean).join(', '),
		onlineUrl: event.onlineUrl,
		eventUrl: eventUrl(chapter.slug, event.id),
		manageUrl: manage,
		calendarUrl: `${eventUrl(chapter.slug, event.id)}/calendar.ics`,
		waitlistPosition,
		reason: event.cancellationReason ?? undefined,
	}
}

/**
 * Emails one person about their answer: the email_about_rsvp job, queued by
 * the database with the change (private.queue_rsvp_email), which names the
 * change in `stamp`. Read as the service role: the person may be a visitor,
 * and the promoted person is not the caller. An answer erased since (its
 * account deleted) is not emailed.
 */
export async function emailAboutRsvp(rsvpId: string, kind: EventEmailKind, stamp: string) {
	await asJob(async (trx) => {
		const rsvp = await trx
			.selectFrom('event_rsvps as r')
			.innerJoin('events as e', 'e.id', 'r.event_id')
			.innerJoin('chapters as c', 'c.id', 'e.chapter_id')
			.select([
				'r.email',
				'r.manage_token',
				'r.event_id',
				'r.status',
				'r.waitlisted_at',
				'c.slug',
				'c.name as chapter_name',
				'e.chapter_id',
			])
			.where('r.id', '=', rsvpId)
			.executeTakeFirst()
		if (!rsvp) return
		const event = await findEvent(trx, rsvp.chapter_id, rsvp.event_id)
		const position =
			rsvp.status === 'waitlisted'
				? Number(
						(
							await sql<{ n: number }>`select count(*)::int as n from public.event_rsvps w
							where w.event_id = ${rsvp.event_id} and w.status = 'waitlisted' and (w.waitlisted_at, w.id) <= (${rsvp.waitlisted_at}, ${rsvpId}::uuid)`.execute(
								trx,
							)
						).rows[0]?.n ?? 0,
					)
				: null
		if (!event) return
		await sendEmail(
			{
				to: rsvp.email,
				template: 'event',
				props: eventEmailProps(event, { slug: rsvp.slug, name: rsvp.chapter_name }, kind, manageUrl(rsvp.manage_token), position),
				idempotencyKey: `rsvp:${rsvpId}:${kind}:${stamp}`,
			},
			{ trx },
		)
	})
}
