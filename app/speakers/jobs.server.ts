import type { CronItem, Task } from 'graphile-worker'
import { sql, type Transaction } from 'kysely'
import type { Database } from '#app/db/db.server'
import { queueEmails, type EmailRequest } from '#app/email/email.server'
import { formatDateTime, formatTime, t, zoneName } from '#app/i18n/i18n'
import { asJob } from '#app/jobs/queue.server'
import { DEFAULT_ZONE } from '#app/siting/projects.server'
import type { SpeakerEmailProps } from '#emails/speaker-emails'
import { speakingTime } from './schedule'
import { hearingsFor, speakerLinks } from './speakers.server'

// Mail to people on a speakers' list. The database queues email_about_speaker
// with each change (a sign-up, a confirmation, a promotion: docs/decisions/037);
// this job reads the sign-up as it is now and queues the message. Reminders
// go the day before and on the morning of the hearing, at 7 am in the body's
// zone (as follow reminders do), each recorded in
// private.speaker_reminders_sent in the transaction that queues it, so it goes
// once. Both run as the service role (asJob, docs/decisions/039).

/** Reminders go at this local hour. */
const MORNING = '07:00'

export type SpeakerEmailKind = SpeakerEmailProps['kind']
const KINDS: readonly SpeakerEmailKind[] = ['confirm', 'already', 'listed', 'waitlisted', 'promoted', 'reminder']

type SpeakerRow = {
	id: string
	email: string
	proceeding_id: string
	clock_id: string
	status: string
	slot: number | null
	organization: string | null
	waitlisted_at: Date | null
}

async function speakerEmail(
	trx: Transaction<Database>,
	speaker: SpeakerRow,
	kind: SpeakerEmailKind,
	now: Date,
	extra: { relative?: string; idempotencyKey: string },
): Promise<EmailRequest<'speaker'> | null> {
	const facts = await trx
		.selectFrom('proceedings as pr')
		.leftJoin('bodies as b', 'b.id', 'pr.body_id')
		.leftJoin('body_rules as r', 'r.body_id', 'pr.body_id')
		.select(['pr.title', 'b.name as body_name', 'b.time_zone', 'r.speaking_minutes', 'r.representative_minutes', 'r.signup_how'])
		.where('pr.id', '=', speaker.proceeding_id)
		.executeTakeFirst()
	const hearing = (await hearingsFor(trx, [speaker.proceeding_id], now)).get(speaker.clock_id)
	if (!facts || !hearing) return null
	const zone = facts.time_zone ?? DEFAULT_ZONE
	const estimatedAt = speaker.slot ? hearing.schedule.slotStartsAt(speaker.slot) : null
	const waitlistPosition =
		speaker.status === 'waitlisted' && speaker.waitlisted_at
			? Number(
					(
						await sql<{ position: number }>`
							select count(*)::int as position from public.speakers w
							where w.clock_id = ${speaker.clock_id}::uuid and w.status = 'waitlisted'
								and (w.waitlisted_at, w.id) <= (${speaker.waitlisted_at}::timestamptz, ${speaker.id}::uuid)`.execute(trx)
					).rows[0]?.position ?? 0,
				)
			: null
	const links = speakerLinks(speaker.id)
	return {
		to: speaker.email,
		template: 'speaker',
		props: {
			kind,
			hearing: hearing.label ?? t('clock.hearing'),
			proceeding: facts.title,
			body: facts.body_name,
			when: formatDateTime(hearing.startsAt, zone),
			place: hearing.place,
			slot: speaker.status === 'listed' ? speaker.slot : null,
			estimated: estimatedAt ? `${formatTime(estimatedAt, zone)} ${zoneName(estimatedAt, zone)}` : null,
			minutes: speakingTime(
				{
					speakingMinutes: facts.speaking_minutes === null ? null : Number(facts.speaking_minutes),
					representativeMinutes: facts.representative_minutes === null ? null : Number(facts.representative_minutes),
				},
				speaker.organization !== null,
			),
			waitlistPosition,
			bodySignup: facts.signup_how,
			confirmUrl: links.confirmUrl,
			slotUrl: links.slotUrl,
			...(extra.relative ? { relative: extra.relative } : {}),
		},
		idempotencyKey: extra.idempotencyKey,
	}
}

const speakerColumns = ['id', 'email', 'proceeding_id', 'clock_id', 'status', 'slot', 'organization', 'waitlisted_at'] as const

/**
 * The email about one sign-up, as it is now. A confirmation or status email
 * whose moment has passed (the person dropped out, or moved on) is not sent:
 * it would say something no longer true.
 */
export async function emailAboutSpeaker(speakerId: string, kind: SpeakerEmailKind, key: string, now = new Date()) {
	return asJob(async (trx) => {
		const speaker = await trx.selectFrom('speakers').select(speakerColumns).where('id', '=', speakerId).executeTakeFirst()
		if (!speaker) return false
		const current =
			kind === 'confirm'
				? speaker.status === 'pending'
				: kind === 'waitlisted'
					? speaker.status === 'waitlisted'
					: kind === 'listed' || kind === 'promoted'
						? speaker.status === 'listed'
						: speaker.status !== 'cancelled'
		if (!current) return false
		const email = await speakerEmail(trx, speaker, kind, now, { idempotencyKey: key })
		if (!email) return false
		await queueEmails(trx, [email])
		return true
	})
}

/**
 * Every reminder whose time has come: for each listed speaker at a hearing in
 * the next two days, the day before and the morning of, at 7 am in the body's
 * zone (or the hearing's time, if sooner), once each, and only moments after
 * they joined the list. Queued and recorded in one transaction.
 */
export async function sendSpeakerReminders(now = new Date()) {
	return asJob(async (trx) => {
		const { rows } = await sql<{ speaker_id: string; which: 'day_before' | 'morning_of'; due_at: Date }>`
			with due as (
				select s.id as speaker_id, w.which, k.due_at,
					case w.which
						when 'day_before' then ((((k.due_at at time zone z.zone)::date - 1) + ${MORNING}::time) at time zone z.zone)
						else least(k.due_at, ((((k.due_at at time zone z.zone)::date) + ${MORNING}::time) at time zone z.zone))
					end as remind_at,
					coalesce(s.promoted_at, s.confirmed_at, s.created_at) as since
				from public.speakers s
				join public.proceeding_clocks k on k.id = s.clock_id
				join public.proceedings pr on pr.id = s.proceeding_id
				left join public.bodies b on b.id = pr.body_id
				cross join lateral (select coalesce(b.time_zone, ${DEFAULT_ZONE}) as zone) z
				cross join (values ('day_before'), ('morning_of')) as w(which)
				where s.status = 'listed' and k.due_at > ${now} and k.due_at < ${now}::timestamptz + interval '2 days'
			),
			fresh as (
				insert into private.speaker_reminders_sent (speaker_id, which, due_at)
				select speaker_id, which, due_at from due where remind_at <= ${now} and remind_at >= since
				on conflict do nothing
				returning speaker_id, which, due_at
			)
			-- Both at once (the worker was down): the later one says it all.
			select distinct on (speaker_id) speaker_id, which, due_at from fresh order by speaker_id, which desc`.execute(trx)
		const emails: EmailRequest[] = []
		for (const row of rows) {
			const speaker = await trx.selectFrom('speakers').select(speakerColumns).where('id', '=', row.speaker_id).executeTakeFirstOrThrow()
			const email = await speakerEmail(trx, speaker, 'reminder', now, {
				relative: t(row.which === 'day_before' ? 'speakers.email.reminder.tomorrow' : 'speakers.email.reminder.today'),
				idempotencyKey: `speaker-reminder:${row.speaker_id}:${row.which}:${row.due_at.getTime()}`,
			})
			if (email) emails.push(email)
		}
		await queueEmails(trx, emails)
		return emails.length
	})
}

function stringField(payload: unknown, name: string) {
	const value = typeof payload === 'object' && payload !== null ? Reflect.get(payload, name) : undefined
	return typeof value === 'string' ? value : ''
}

export const speakerTasks: Record<string, Task> = {
	// Queued by the database with the change (private.queue_speaker_email).
	async email_about_speaker(payload, helpers) {
		const speakerId = stringField(payload, 'speakerId')
		const kind = KINDS.find((known) => known === stringField(payload, 'kind'))
		if (speakerId && kind) await emailAboutSpeaker(speakerId, kind, helpers.job.key ?? `speaker-email:${helpers.job.id}`)
	},
	async send_speaker_reminders() {
		await sendSpeakerReminders()
	},
}

export const speakerCron: CronItem[] = [
	{ task: 'send_speaker_reminders', match: '*/15 * * * *', identifier: 'send-speaker-reminders', options: { backfillPeriod: 900_000 } },
]
