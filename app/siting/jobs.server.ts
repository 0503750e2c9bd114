import type { CronItem, Task } from 'graphile-worker'
import { sql, type Transaction } from 'kysely'
import type { Database } from '#app/db/db.server'
import { queueEmails, type EmailRequest } from '#app/email/email.server'
import { formatDate, formatDateTime, formatRelative, t } from '#app/i18n/i18n'
import { asJob } from '#app/jobs/queue.server'
import { env } from '#app/utils/env.server'
import { followLinks } from './follows.server'

// Mail about deadlines: reminders before each clock on each follower's
// schedule, and notes when a date moves or a decision is recorded. The
// recipients are the confirmed followers of the project or proceeding and the
// active members of chapters linked to the project who take their chapter's
// email (reminded two days before and on the morning of). Each reminder is
// recorded in private.follow_reminders_sent in the same transaction that
// queues its email, so it goes once (docs/decisions/048). Like every job they
// run as the service role (asJob, docs/decisions/039); account addresses come
// through private.account_email, granted to it.

/** Reminders go at this local hour: "the morning of" is 7 am in the body's zone. */
const MORNING = '07:00'
/** A member of a linked chapter who does not follow the project is reminded on these days. */
const MEMBER_DAYS = [2, 0]

type Recipient = {
	recipient: string
	email: string
	unsubscribe_url: string | null
	follow_id: string | null
}

type DueReminder = Recipient & {
	clock_id: string
	days_before: number
	due_at: Date
	all_day: boolean
	kind: string
	label: string | null
	time_zone: string
	proceeding_title: string
	project_slug: string
	project_name: string
	signup_how: string | null
	comment_channels: string | null
}

function projectUrl(slug: string) {
	return new URL(`/projects/${slug}`, env().SITE_URL).toString()
}

function clockText(row: { due_at: Date; all_day: boolean; time_zone: string }) {
	return row.all_day ? formatDate(row.due_at, 'en', row.time_zone) : formatDateTime(row.due_at, row.time_zone)
}

function whatOf(row: { kind: string; label: string | null }) {
	return row.label ?? t(`clock.${row.kind}` as Parameters<typeof t>[0])
}

/**
 * Every reminder whose time has come and that has not gone: for each
 * recipient and upcoming clock, each chosen day whose moment (that many days
 * before, at 7 am in the body's zone, or the clock itself if sooner) has
 * passed since they started following. Queued and recorded in one transaction.
 */
export async function sendDueReminders(now = new Date()) {
	return asJob(async (trx) => {
		const { rows } = await sql<DueReminder>`
				with clocks as (
					select k.id as clock_id, k.due_at, k.all_day, k.kind::text, k.label, k.proceeding_id,
						coalesce(b.time_zone, 'America/New_York') as time_zone, pr.title as proceeding_title, pr.project_id,
						p.slug as project_slug, p.name as project_name, r.signup_how, r.comment_channels
					from public.proceeding_clocks k
					join public.proceedings pr on pr.id = k.proceeding_id
					join public.projects p on p.id = pr.project_id
					left join public.bodies b on b.id = pr.body_id
					left join public.body_rules r on r.body_id = b.id
					where k.due_at > ${now} and k.due_at < ${now}::timestamptz + interval '15 days'
				),
				followers as (
					select 'follow:' || f.id as recipient, coalesce(f.email, private.account_email(f.user_id)) as email, f.id as follow_id,
						f.project_id, f.proceeding_id, f.remind_days, f.confirmed_at as since
					from public.follows f
										where f.confirmed_at is not null and not f.digest
				),
				members as (
					select distinct on (m.user_id, pc.project_id) 'member:' || m.user_id as recipient, private.account_email(m.user_id) as email, null::uuid as follow_id,
						pc.project_id, null::uuid as proceeding_id, ${sql.val(MEMBER_DAYS)}::integer[] as remind_days, m.created_at as since
					from public.project_chapters pc
					join public.chapters c on c.id = pc.chapter_id and c.archived_at is null
					join public.memberships m on m.chapter_id = pc.chapter_id and m.status = 'active'
					join public.chapter_subscriptions s on s.chapter_id = m.chapter_id and s.user_id = m.user_id and s.frequency <> 'none'
					where not exists (
						select from public.follows f where f.user_id = m.user_id and (f.project_id = pc.project_id
							or f.proceeding_id in (select id from public.proceedings where project_id = pc.project_id))
					)
				),
				everyone as (select * from followers union all select * from members),
				due as (
					select e.recipient, e.email, e.follow_id, c.*, d.days as days_before,
						least(c.due_at, (((c.due_at at time zone c.time_zone)::date - d.days) + ${MORNING}::time) at time zone c.time_zone) as remind_at,
						e.since
					from everyone e
					join clocks c on (e.project_id = c.project_id or e.proceeding_id = c.proceeding_id)
					cross join lateral unnest(e.remind_days) as d(days)
					where e.email is not null
				),
				fresh as (
					insert into private.follow_reminders_sent (recipient, clock_id, days_before, due_at)
					select recipient, clock_id, days_before, due_at from due
					where remind_at <= ${now} and remind_at >= since
					on conflict do nothing
					returning recipient, clock_id, days_before, due_at
				)
				select distinct on (d.recipient, d.clock_id) d.recipient, d.email, d.follow_id, d.clock_id, d.days_before, d.due_at, d.all_day,
					d.kind, d.label, d.time_zone, d.proceeding_title, d.project_slug, d.project_name, d.signup_how, d.comment_channels,
					null::text as unsubscribe_url
				from fresh f join due d using (recipient, clock_id, days_before, due_at)
				order by d.recipient, d.clock_id, d.days_before`.execute(trx)
		await queueEmails(
			trx,
			rows.map((row) => reminderEmail(row, now)),
		)
		return rows.length
	})
}

function unsubscribeFor(row: { follow_id: string | null; project_slug: string }) {
	// Members of a linked chapter stop these with their chapter's email settings.
	return row.follow_id ? followLinks(row.follow_id).unsubscribeUrl : projectUrl(row.project_slug)
}

function reminderEmail(row: DueReminder, now: Date): EmailRequest<'follow'> {
	const how = [
		row.kind === 'signup_cutoff' || row.kind === 'hearing' ? row.signup_how : null,
		row.kind === 'comment_deadline' ? row.comment_channels : null,
	]
		.filter(Boolean)
		.join('; ')
	const unsubscribeUrl = unsubscribeFor(row)
	return {
		to: row.email,
		template: 'follow',
		props: {
			kind: 'reminder',
			projectName: row.project_name,
			projectUrl: projectUrl(row.project_slug),
			confirmUrl: unsubscribeUrl,
			unsubscribeUrl,
			proceeding: row.proceeding_title,
			what: whatOf(row),
			when: clockText(row),
			relative: formatRelative(row.due_at, now),
			...(how ? { how } : {}),
		},
		idempotencyKey: `reminder:${row.recipient}:${row.clock_id}:${row.days_before}:${row.due_at.getTime()}`,
	}
}

/** Everyone who hears about a project's proceeding: confirmed followers and members of linked chapters. */
async function audience(trx: Transaction<Database>, proceedingId: string) {
	const { rows } = await sql<Recipient>`
		select 'follow:' || f.id as recipient, coalesce(f.email, private.account_email(f.user_id)) as email, f.id as follow_id, null::text as unsubscribe_url
		from public.follows f
		join public.proceedings pr on pr.id = ${proceedingId}::uuid
				where f.confirmed_at is not null and (f.project_id = pr.project_id or f.proceeding_id = pr.id)
		union
		select 'member:' || m.user_id, private.account_email(m.user_id), null::uuid, null::text
		from public.proceedings pr
		join public.project_chapters pc on pc.project_id = pr.project_id
		join public.memberships m on m.chapter_id = pc.chapter_id and m.status = 'active'
		join public.chapter_subscriptions s on s.chapter_id = m.chapter_id and s.user_id = m.user_id and s.frequency <> 'none'
		where pr.id = ${proceedingId}::uuid
			and not exists (select from public.follows f where f.user_id = m.user_id and f.project_id = pr.project_id)`.execute(trx)
	const seen = new Set<string>()
	return rows.filter((row) => row.email && !seen.has(row.email.toLowerCase()) && seen.add(row.email.toLowerCase()))
}

async function proceedingFacts(trx: Transaction<Database>, proceedingId: string) {
	return trx
		.selectFrom('proceedings as pr')
		.innerJoin('projects as p', 'p.id', 'pr.project_id')
		.leftJoin('bodies as b', 'b.id', 'pr.body_id')
		.select(['pr.id', 'pr.title', 'pr.outcome', 'pr.decided_on', 'p.slug', 'p.name', 'b.time_zone'])
		.where('pr.id', '=', proceedingId)
		.executeTakeFirst()
}

/** A date moved: everyone who hears about the proceeding is told from when to when. */
export async function notifyClockMoved(clockId: string, from: string, to: string) {
	return asJob(async (trx) => {
		const clock = await trx
			.selectFrom('proceeding_clocks')
			.select(['id', 'proceeding_id', 'kind', 'label', 'due_at', 'all_day'])
			.where('id', '=', clockId)
			.executeTakeFirst()
		// Moved again since: the later job tells the latest date.
		if (!clock || clock.due_at.getTime() !== new Date(to).getTime()) return 0
		const facts = await proceedingFacts(trx, clock.proceeding_id)
		if (!facts) return 0
		const zone = facts.time_zone ?? 'America/New_York'
		const people = await audience(trx, clock.proceeding_id)
		const when = (at: string | Date) => clockText({ due_at: new Date(at), all_day: clock.all_day, time_zone: zone })
		await queueEmails(
			trx,
			people.map((person) => {
				const unsubscribeUrl = unsubscribeFor({ follow_id: person.follow_id, project_slug: facts.slug })
				return {
					to: person.email,
					template: 'follow' as const,
					props: {
						kind: 'changed' as const,
						projectName: facts.name,
						projectUrl: projectUrl(facts.slug),
						confirmUrl: unsubscribeUrl,
						unsubscribeUrl,
						proceeding: facts.title,
						what: whatOf({ kind: clock.kind, label: clock.label }),
						from: when(from),
						to: when(to),
					},
					idempotencyKey: `clock-moved:${clock.id}:${new Date(to).getTime()}:${person.recipient}`,
				}
			}),
		)
		return people.length
	})
}

/** A decision was recorded on a proceeding: everyone who hears about it is told the outcome. */
export async function notifyDecisionRecorded(proceedingId: string) {
	return asJob(async (trx) => {
		const facts = await proceedingFacts(trx, proceedingId)
		if (!facts?.decided_on) return 0
		const people = await audience(trx, proceedingId)
		await queueEmails(
			trx,
			people.map((person) => {
				const unsubscribeUrl = unsubscribeFor({ follow_id: person.follow_id, project_slug: facts.slug })
				return {
					to: person.email,
					template: 'follow' as const,
					props: {
						kind: 'decided' as const,
						projectName: facts.name,
						projectUrl: projectUrl(facts.slug),
						confirmUrl: unsubscribeUrl,
						unsubscribeUrl,
						proceeding: facts.title,
						outcome: facts.outcome ?? t('proceeding.stage.decided'),
					},
					idempotencyKey: `decision:${proceedingId}:${person.recipient}`,
				}
			}),
		)
		return people.length
	})
}

/**
 * Mondays: one summary per digest follower of the next two weeks' deadlines
 * on what they follow (nothing is sent when nothing is coming).
 */
export async function sendFollowDigests(now = new Date()) {
	return asJob(async (trx) => {
		const { rows } = await sql<{
			follow_id: string
			email: string
			project_slug: string
			project_name: string
			items: Array<{ kind: string; label: string | null; due_at: string; all_day: boolean; time_zone: string; proceeding: string }>
		}>`
				select f.id as follow_id, coalesce(f.email, private.account_email(f.user_id)) as email, p.slug as project_slug, p.name as project_name,
					json_agg(json_build_object('kind', k.kind, 'label', k.label, 'due_at', k.due_at, 'all_day', k.all_day,
						'time_zone', coalesce(b.time_zone, 'America/New_York'), 'proceeding', pr.title) order by k.due_at) as items
				from public.follows f
								join public.proceedings pr on pr.project_id = f.project_id or pr.id = f.proceeding_id
				join public.projects p on p.id = pr.project_id
				join public.proceeding_clocks k on k.proceeding_id = pr.id
				left join public.bodies b on b.id = pr.body_id
				where f.digest and f.confirmed_at is not null
					and k.due_at > ${now} and k.due_at < ${now}::timestamptz + interval '14 days'
				group by f.id, f.email, f.user_id, p.slug, p.name`.execute(trx)
		const week = Math.floor(now.getTime() / (7 * 86_400_000))
		await queueEmails(
			trx,
			rows.flatMap((row) => {
				if (!row.email) return []
				const links = followLinks(row.follow_id)
				return [
					{
						to: row.email,
						template: 'follow' as const,
						props: {
							kind: 'digest' as const,
							projectName: row.project_name,
							projectUrl: projectUrl(row.project_slug),
							confirmUrl: links.unsubscribeUrl,
							unsubscribeUrl: links.unsubscribeUrl,
							items: row.items.map((item) => ({
								what: whatOf(item),
								when: clockText({ due_at: new Date(item.due_at), all_day: item.all_day, time_zone: item.time_zone }),
								proceeding: item.proceeding,
							})),
						},
						idempotencyKey: `digest:${row.follow_id}:${week}`,
					},
				]
			}),
		)
		return rows.length
	})
}

function stringField(payload: unknown, name: string) {
	const value = typeof payload === 'object' && payload !== null ? Reflect.get(payload, name) : undefined
	return typeof value === 'string' ? value : ''
}

export const sitingTasks: Record<string, Task> = {
	async send_deadline_reminders() {
		await sendDueReminders()
	},
	async send_follow_digests() {
		await sendFollowDigests()
	},
	// Queued by the database with the change (private.queue_clock_moved, private.queue_decision_recorded).
	async siting_clock_moved(payload) {
		const clockId = stringField(payload, 'clockId')
		if (clockId) await notifyClockMoved(clockId, stringField(payload, 'from'), stringField(payload, 'to'))
	},
	async siting_decision_recorded(payload) {
		const proceedingId = stringField(payload, 'proceedingId')
		if (proceedingId) await notifyDecisionRecorded(proceedingId)
	},
}

export const sitingCron: CronItem[] = [
	{ task: 'send_deadline_reminders', match: '*/15 * * * *', identifier: 'send-deadline-reminders', options: { backfillPeriod: 900_000 } },
	{ task: 'send_follow_digests', match: '0 12 * * 1', identifier: 'send-follow-digests', options: { backfillPeriod: 3_600_000 } },
]
