import type { CronItem, Task } from 'graphile-worker'
import { sql, type Transaction } from 'kysely'
import { requeueUnsentUpdates } from '#app/chapters/jobs.server'
import type { Database } from '#app/db/db.server'
import type { RsvpStatus } from '#app/db/types'
import { queueEmailBatches, slot } from '#app/email/batch.server'
import { formatEventTime } from '#app/i18n/i18n'
import { addJob, asJob } from '#app/jobs/queue.server'
import { eventEmailKinds, type EventEmailKind, type EventEmailProps } from '#emails/event-emails'
import { emailAboutRsvp, eventEmailProps, findEvent, manageUrl } from './events.server'

// Mail to everyone with a place at an event: the reminder before it starts
// and the notice when it is called off. Like the chapter update fan-out, each
// job picks its recipients, queues their batches and marks the work done in
// one transaction, as the service role (asJob, docs/decisions/039).

/**
 * Queues one email of `kind` to everyone whose answer has one of `statuses`,
 * each with the link to their own answer, in batches keyed on the event (so
 * a retried job queues nothing twice). How many it queued, or null when the
 * event is gone.
 */
async function mailAttendees(
	trx: Transaction<Database>,
	chapterId: string,
	eventId: string,
	kind: 'reminder' | 'cancelled' | 'changed',
	statuses: RsvpStatus[],
	mailing: { key?: string; previously?: EventEmailProps['previously'] } = {},
) {
	const event = await findEvent(trx, chapterId, eventId)
	const chapter = await trx.selectFrom('chapters').select(['slug', 'name']).where('id', '=', chapterId).executeTakeFirstOrThrow()
	if (!event) return null
	const attendees = await trx
		.selectFrom('event_rsvps')
		.select(['email', 'manage_token'])
		.where('event_id', '=', eventId)
		.where('status', 'in', statuses)
		.orderBy('id')
		.execute()
	await queueEmailBatches(trx, {
		template: 'event',
		props: { ...eventEmailProps(event, chapter, kind, slot('manageUrl')), previously: mailing.previously },
		recipients: attendees.map((row) => ({ to: row.email, fill: { manageUrl: manageUrl(row.manage_token) } })),
		key: mailing.key ?? `event-${kind}:${eventId}`,
	})
	return attendees.length
}

/**
 * The reminder: everyone going, once. The job carries the start time it
 * was scheduled for; an event cancelled since, or already reminded, is left alone.
 */
export async function sendEventReminders(eventId: string, scheduledFor?: string) {
	return asJob(async (trx) => {
		const locked = await trx
			.selectFrom('events')
			.select(['id', 'chapter_id', 'status', 'starts_at', 'reminder_sent_at'])
			.where('id', '=', eventId)
			.forUpdate()
			.executeTakeFirst()
		if (!locked || locked.status !== 'scheduled' || locked.reminder_sent_at || locked.starts_at.getTime() <= Date.now()) return 0
		if (scheduledFor && new Date(scheduledFor).getTime() !== locked.starts_at.getTime()) return 0
		const sent = await mailAttendees(trx, locked.chapter_id, eventId, 'reminder', ['going'])
		if (sent === null) return 0
		await trx
			.updateTable('events')
			.set({ reminder_sent_at: sql`now()` })
			.where('id', '=', eventId)
			.execute()
		return sent
	})
}

/** The cancellation notice: everyone who said yes, with a seat or on the waitlist. */
export async function notifyEventCancelled(eventId: string) {
	return asJob(async (trx) => {
		const locked = await trx.selectFrom('events').select(['chapter_id', 'status']).where('id', '=', eventId).forUpdate().executeTakeFirst()
		if (!locked || locked.status !== 'cancelled') return 0
		return (await mailAttendees(trx, locked.chapter_id, eventId, 'cancelled', ['going', 'waitlisted'])) ?? 0
	})
}

/** How an event was before an edit, as the database's trigger sends it (private.queue_event_changed_notice). */
export type EventBefore = {
	startsAt: string
	endsAt: string
	timeZone: string
	locationName: string | null
	address: string | null
	onlineUrl: string | null
}

/**
 * A change of time or place: everyone who said yes, seated or waiting, is
 * told what it was and what it is now. One mailing per version of the event.
 */
export async function notifyEventChanged(eventId: string, sequence: number, before: EventBefore) {
	return asJob(async (trx) => {
		const locked = await trx.selectFrom('events').select(['chapter_id', 'status']).where('id', '=', eventId).forUpdate().executeTakeFirst()
		if (!locked || locked.status !== 'scheduled') return 0
		const startsAt = new Date(before.startsAt)
		const endsAt = new Date(before.endsAt)
		const previously = {
			when: formatEventTime(startsAt, endsAt, before.timeZone),
			where: [before.locationName, before.address].filter(Boolean).join(', ') || before.onlineUrl || '',
		}
		const sent = await mailAttendees(trx, locked.chapter_id, eventId, 'changed', ['going', 'waitlisted'], {
			key: `event-changed:${eventId}:${sequence}`,
			previously,
		})
		return sent ?? 0
	})
}

function isEventBefore(value: unknown): value is EventBefore {
	if (typeof value !== 'object' || value === null) return false
	const text = (name: string) => typeof Reflect.get(value, name) === 'string'
	const optional = (name: string) => Reflect.get(value, name) === null || text(name)
	return text('startsAt') && text('endsAt') && text('timeZone') && optional('locationName') && optional('address') && optional('onlineUrl')
}

/**
 * Hourly: reminders that are due but were never queued or never ran (the
 * same rule as scheduleReminder: a day before, or two hours before for
 * events posted at short notice), and updates whose email never went.
 */
export async function sweepScheduledMail() {
	const due = await asJob((trx) =>
		trx
			.selectFrom('events')
			.select(['id', 'starts_at'])
			.where('status', '=', 'scheduled')
			.where('reminder_sent_at', 'is', null)
			.where('starts_at', '>', sql<Date>`now()`)
			.where(
				sql<boolean>`case when starts_at - interval '24 hours' > created_at then starts_at - interval '24 hours' else starts_at - interval '2 hours' end <= now()`,
			)
			.execute(),
	)
	for (const event of due) {
		await addJob(
			'send_event_reminders',
			{ eventId: event.id, startsAt: event.starts_at.toISOString() },
			{ jobKey: `event-reminder:${event.id}`, maxAttempts: 10 },
		)
	}
	const updates = await requeueUnsentUpdates()
	return { reminders: due.length, updates }
}

function field(payload: unknown, name: string): unknown {
	return typeof payload === 'object' && payload !== null && name in payload ? Reflect.get(payload, name) : undefined
}

function stringField(payload: unknown, name: string) {
	const value = field(payload, name)
	return typeof value === 'string' ? value : ''
}

function isEventEmailKind(value: string): value is EventEmailKind {
	return eventEmailKinds.some((kind) => kind === value)
}

export const eventTasks: Record<string, Task> = {
	async send_event_reminders(payload) {
		const eventId = stringField(payload, 'eventId')
		if (eventId) await sendEventReminders(eventId, stringField(payload, 'startsAt') || undefined)
	},
	async notify_event_cancelled(payload) {
		const eventId = stringField(payload, 'eventId')
		if (eventId) await notifyEventCancelled(eventId)
	},
	// Queued by the database with the change (private.queue_event_changed_notice).
	async notify_event_changed(payload) {
		const eventId = stringField(payload, 'eventId')
		const sequence = field(payload, 'sequence')
		const before = field(payload, 'was')
		if (eventId && typeof sequence === 'number' && isEventBefore(before)) await notifyEventChanged(eventId, sequence, before)
	},
	// Queued by the database with the answer (private.queue_rsvp_email).
	async email_about_rsvp(payload) {
		const rsvpId = stringField(payload, 'rsvpId')
		const kind = stringField(payload, 'kind')
		const stamp = field(payload, 'stamp')
		if (rsvpId && isEventEmailKind(kind) && (typeof stamp === 'number' || typeof stamp === 'string'))
			await emailAboutRsvp(rsvpId, kind, String(stamp))
	},
	async sweep_scheduled_mail() {
		await sweepScheduledMail()
	},
}

export const eventCron: CronItem[] = [
	{ task: 'sweep_scheduled_mail', match: '7 * * * *', identifier: 'sweep-scheduled-mail', options: { backfillPeriod: 3600_000 } },
]
