import type { Task } from 'graphile-worker'
import { sql } from 'kysely'
import type pg from 'pg'
import { pool } from '#app/db/db.server'
import type { SignatureStatus } from '#app/db/types'
import { queueEmailBatches, queueEmailsBatched, slot } from '#app/email/batch.server'
import { queueEmails, type EmailRequest } from '#app/email/email.server'
import { LIMITS, takePoints } from '#app/http/rate-limits.server'
import { asJob } from '#app/jobs/queue.server'
import { env } from '#app/utils/env.server'
import type { SignatureStanding } from '#emails/petition-signature-emails'
import { milestoneThresholds } from './petitions.server'

// The petition work that must never sit in a request: the rate limits and
// the confirmation email for each new signature, folding count events into
// the counts, milestone emails to organizers, and update emails to signers.
// A job named by its function, run as the service role (asJob, docs/decisions/039).

/** How often the petitions tick runs: about the most a count or a confirmation email lags. */
export const TICK_MS = 1000
/**
 * How soon the next pass runs after one that found new signatures: during a
 * surge the confirmations go out in a steady stream, a fifth of a second
 * behind, instead of in a burst once a second; a quiet site still costs one
 * pass a second.
 */
export const BUSY_TICK_MS = 200

/** The signing limits, per petition (their numbers live with every other limit in app/http/rate-limits.server.ts). */
export const RATE_LIMITS = {
	/** Per IP address per petition: a family or an office shares an address, a script hammers it. */
	ipBurst: LIMITS.petition_ip_burst,
	ipSustained: LIMITS.petition_ip_day,
	/** Per email domain per petition, except the big mailbox providers below. */
	domain: LIMITS.petition_domain,
}

/** Domains shared by millions of unrelated people: a burst from one of them proves nothing. */
export const UNLIMITED_DOMAINS = new Set([
	'gmail.com',
	'yahoo.com',
	'outlook.com',
	'hotmail.com',
	'live.com',
	'msn.com',
	'icloud.com',
	'me.com',
	'aol.com',
	'proton.me',
	'protonmail.com',
	'comcast.net',
	'att.net',
	'verizon.net',
	'sbcglobal.net',
	'charter.net',
	'cox.net',
	'gmx.com',
	'mail.com',
	'ymail.com',
])

type NewSignature = {
	id: string
	petition_id: string
	ip: string | null
	email_domain: string
	status: SignatureStatus
	suspect_reason: string | null
	rate_limit_exempt: boolean
	name: string
	email: string
	token: string
	confirmation_sent_at: Date | null
	confirmed_at: Date | null
	emails_sent: number
	slug: string
	title: string
	decision_maker: string
}

/** Held only because the form looked automated: the emailed link can still prove a person. */
const FORM_SUSPICIONS = new Set(['honeypot', 'too_fast'])

function awaitsConfirmation(row: NewSignature) {
	return (
		row.status === 'pending' || (row.status === 'suspected' && row.confirmed_at === null && FORM_SUSPICIONS.has(row.suspect_reason ?? ''))
	)
}

/** What the owner of the address is told about a signature that was already there. */
function standingOf(row: NewSignature): SignatureStanding | null {
	if (row.status === 'confirmed') return 'counted'
	if (row.status === 'suspected' && row.confirmed_at !== null) return 'held'
	if (row.status === 'invalidated') return 'removed'
	return null
}

/**
 * Looks at signatures the job has not seen since they were signed (or signed
 * again), in signing order. A first signature goes through the rate limits
 * (over them it is held for a moderator, with no email, so a script cannot
 * make us mail a list of strangers) and then gets its confirmation link,
 * including one that only looked automated. A repeat gets the email its
 * state calls for: the link again, or "you had already signed". The emails
 * are queued in the same transaction that marks the rows as seen, so a crash
 * anywhere in between neither loses one nor sends one twice
 * (docs/decisions/021, 032). Returns how many it looked at.
 */
export async function processNewSignatures(limit = 500) {
	return asJob(async (trx) => {
		const { rows } = await sql<NewSignature>`
			select s.id, s.petition_id, host(s.ip) as ip, s.email_domain, s.status, s.suspect_reason, s.rate_limit_exempt,
				s.name, s.email, s.token, s.confirmation_sent_at, s.confirmed_at, s.emails_sent, p.slug, p.title, p.decision_maker
			from public.signatures s
			join public.petitions p on p.id = s.petition_id
			where s.processed_at is null
			order by s.id
			limit ${limit}
			for update of s skip locked`.execute(trx)
		if (rows.length === 0) return 0

		const over = new Map<string, 'rate_ip' | 'rate_domain'>()
		// Only first signatures count against the limits: a repeat was let through once already.
		const checked = rows.filter((row) => awaitsConfirmation(row) && !row.rate_limit_exempt && row.confirmation_sent_at === null)
		const byIp = [
			...groupBy(
				checked.filter((row) => row.ip),
				(row) => `${row.petition_id}:${row.ip}`,
			),
		]
		const ipCounts = byIp.map(([key, group]) => [key, group.length] as const)
		const [burst, day] = await Promise.all([takePoints('petition_ip_burst', ipCounts), takePoints('petition_ip_day', ipCounts)])
		for (const [key, group] of byIp) {
			const allowed = Math.min(burst.get(key) ?? 0, day.get(key) ?? 0)
			for (const row of group.slice(allowed)) over.set(row.id, 'rate_ip')
		}
		const domainChecked = checked.filter((row) => !over.has(row.id) && !UNLIMITED_DOMAINS.has(row.email_domain))
		const byDomain = [...groupBy(domainChecked, (row) => `${row.petition_id}:${row.email_domain}`)]
		const domains = await takePoints(
			'petition_domain',
			byDomain.map(([key, group]) => [key, group.length] as const),
		)
		for (const [key, group] of byDomain) {
			for (const row of group.slice(domains.get(key) ?? 0)) over.set(row.id, 'rate_domain')
		}

		const emails: EmailRequest[] = []
		const emailed: string[] = []
		for (const row of rows) {
			if (over.has(row.id)) continue
			const petitionUrl = new URL(`/petitions/${row.slug}`, env().SITE_URL).toString()
			// Each email about a signature has its own number, so a retried pass never sends one twice.
			const key = `${row.id}:${row.emails_sent + 1}`
			if (awaitsConfirmation(row)) {
				emails.push({
					to: row.email,
					template: 'petition_confirm',
					props: {
						name: row.name,
						petitionTitle: row.title,
						decisionMaker: row.decision_maker,
						confirmUrl: new URL(`/petitions/${row.slug}/confirm?token=${row.token}`, env().SITE_URL).toString(),
					},
					idempotencyKey: `petition-confirm:${key}`,
				})
				emailed.push(row.id)
				continue
			}
			const standing = standingOf(row)
			if (standing) {
				emails.push({
					to: row.email,
					template: 'petition_already_signed',
					props: { name: row.name, petitionTitle: row.title, petitionUrl, standing },
					idempotencyKey: `petition-already-signed:${key}`,
				})
				emailed.push(row.id)
			}
		}
		// Up to 100 to a job, each job one call to the provider's batch endpoint: a surge drains as fast as it signs.
		await queueEmailsBatched(trx, emails)

		const suspectedIds = [...over.keys()]
		await sql`
			update public.signatures s
			set processed_at = now(),
				status = case when s.id = any(${suspectedIds}::bigint[]) then 'suspected'::public.signature_status else s.status end,
				suspect_reason = case when s.id = any(${suspectedIds}::bigint[]) then u.reason else s.suspect_reason end,
				confirmation_sent_at = case when s.id = any(${emailed}::bigint[]) then now() else s.confirmation_sent_at end,
				emails_sent = s.emails_sent + case when s.id = any(${emailed}::bigint[]) then 1 else 0 end
			from unnest(${rows.map((row) => row.id)}::bigint[], ${rows.map((row) => over.get(row.id) ?? null)}::text[]) as u(id, reason)
			where s.id = u.id`.execute(trx)
		return rows.length
	})
}

function groupBy<T>(items: T[], keyOf: (item: T) => string) {
	const groups = new Map<string, T[]>()
	for (const item of items) {
		const key = keyOf(item)
		const group = groups.get(key)
		if (group) group.push(item)
		else groups.set(key, [item])
	}
	return groups
}

/** Folds confirmed/invalidated signature events into the counts; returns the petitions whose count moved. */
export async function foldCounts() {
	return asJob(async (trx) => {
		const { rows } = await sql<{ petition_id: string }>`select petition_id from private.fold_petition_counts(20000)`.execute(trx)
		return rows.map((row) => row.petition_id)
	})
}

/**
 * Records the milestones these petitions have passed and emails their
 * organizers about each new one, once: the emails are queued in the
 * transaction that records the milestone, so neither goes without the other.
 */
export async function checkMilestones(petitionIds: string[]) {
	if (petitionIds.length === 0) return 0
	return asJob(async (trx) => {
		const petitions = await trx
			.selectFrom('petitions as p')
			.innerJoin('petition_counts as n', 'n.petition_id', 'p.id')
			.select(['p.id', 'p.slug', 'p.title', 'p.signature_goal', 'p.custom_milestones', 'n.confirmed'])
			.where('p.id', 'in', petitionIds)
			.execute()
		const found: Array<{ petitionId: string; slug: string; title: string; goal: number; count: number; threshold: number }> = []
		for (const petition of petitions) {
			const passed = milestoneThresholds(petition.signature_goal, petition.custom_milestones).filter((n) => n <= petition.confirmed)
			if (passed.length === 0) continue
			const inserted = await trx
				.insertInto('petition_milestones')
				.values(passed.map((threshold) => ({ petition_id: petition.id, threshold })))
				.onConflict((oc) => oc.doNothing())
				.returning(['threshold'])
				.execute()
			for (const { threshold } of inserted) {
				found.push({
					petitionId: petition.id,
					slug: petition.slug,
					title: petition.title,
					goal: petition.signature_goal,
					count: petition.confirmed,
					threshold,
				})
			}
		}
		if (found.length === 0) return 0
		// Whoever runs the petition: its chapter's active organizers, its creator, or the moderators.
		const { rows: organizers } = await sql<{ petition_id: string; email: string }>`
			select petition_id, email from private.petition_organizer_emails(${[...new Set(found.map((f) => f.petitionId))]}::uuid[])`.execute(trx)
		await queueEmails(
			trx,
			found.flatMap((milestone) =>
				organizers
					.filter((organizer) => organizer.petition_id === milestone.petitionId)
					.map((organizer) => ({
						to: organizer.email,
						template: 'petition_milestone' as const,
						props: {
							petitionTitle: milestone.title,
							threshold: milestone.threshold,
							goal: milestone.goal,
							count: milestone.count,
							petitionUrl: new URL(`/petitions/${milestone.slug}`, env().SITE_URL).toString(),
							dashboardUrl: new URL(`/petitions/${milestone.slug}/manage`, env().SITE_URL).toString(),
						},
						idempotencyKey: `petition-milestone:${milestone.petitionId}:${milestone.threshold}:${organizer.email}`,
					})),
			),
		)
		return found.length
	})
}

/** One pass of the petitions tick: new signatures, then counts, then milestones. */
export async function runPetitionsTick(log: (message: string) => void = () => {}) {
	let processed = 0
	// A surge leaves more than one batch waiting; work through it, a little at a time.
	for (let round = 0; round < 20; round++) {
		const batch = await processNewSignatures()
		processed += batch
		if (batch < 500) break
	}
	const moved = await foldCounts()
	// Also the petitions counted lately, so a pass that failed after folding is made good by the next.
	const recent = await asJob((trx) =>
		trx
			.selectFrom('petition_counts')
			.select('petition_id')
			.where('updated_at', '>', sql<Date>`now() - interval '2 minutes'`)
			.execute(),
	)
	const milestones = await checkMilestones([...new Set([...moved, ...recent.map((row) => row.petition_id)])])
	if (processed || moved.length || milestones)
		log(`petitions: ${processed} new signatures, ${moved.length} counts moved, ${milestones} milestones`)
	return { processed, moved: moved.length, milestones }
}

/**
 * Runs the tick every TICK_MS in the worker process, every BUSY_TICK_MS
 * while signatures keep coming. An advisory lock lets one worker at a time
 * run it when several are running. Returns a function that stops it after
 * the pass in progress.
 */
export function startPetitionsTicker(log: (message: string) => void = console.log) {
	let stopped = false
	let timer: ReturnType<typeof setTimeout> | undefined
	let current: Promise<void> = Promise.resolve()
	/** One pass under the lock; whether it found new signatures. A failed pass (no connection, a query refused) is retried by the next one: the tick never stops. */
	async function pass() {
		let client: pg.PoolClient | undefined
		try {
			client = await pool().connect()
			const { rows } = await client.query<{ locked: boolean }>(
				`select pg_try_advisory_lock(hashtext('groundwork.petitions_tick')) as locked`,
			)
			if (!rows[0]?.locked) return false
			try {
				return (await runPetitionsTick(log)).processed > 0
			} finally {
				await client.query(`select pg_advisory_unlock(hashtext('groundwork.petitions_tick'))`)
			}
		} catch (error) {
			log(`petitions tick failed: ${error instanceof Error ? error.message : String(error)}`)
			return false
		} finally {
			client?.release()
		}
	}
	function loop() {
		if (stopped) return
		current = pass().then((busy) => {
			if (!stopped) timer = setTimeout(loop, busy ? BUSY_TICK_MS : TICK_MS)
		})
	}
	timer = setTimeout(loop, 0)
	return async () => {
		stopped = true
		clearTimeout(timer)
		await current
	}
}

/**
 * Emails an organizer's update to every confirmed signer who asked for
 * updates and has not unsubscribed, in batches of 100. One transaction
 * chooses the recipients, queues their batches and marks the update
 * emailed, so it goes out exactly once. Returns how many it was sent to.
 */
export async function emailPetitionUpdate(updateId: string) {
	return asJob(async (trx) => {
		const update = await trx
			.selectFrom('petition_updates as u')
			.innerJoin('petitions as p', 'p.id', 'u.petition_id')
			.select(['u.id', 'u.title', 'u.body', 'u.emailed_at', 'p.id as petition_id', 'p.slug', 'p.title as petition_title'])
			.where('u.id', '=', updateId)
			.forUpdate('u')
			.executeTakeFirst()
		if (!update || update.emailed_at) return 0
		const recipients = await trx
			.selectFrom('signatures')
			.select(['email', 'token'])
			.where('petition_id', '=', update.petition_id)
			.where('status', '=', 'confirmed')
			.where('wants_updates', '=', true)
			.where('unsubscribed_at', 'is', null)
			.orderBy('id')
			.execute()
		await queueEmailBatches(trx, {
			template: 'petition_update',
			props: {
				petitionTitle: update.petition_title,
				title: update.title,
				body: update.body,
				petitionUrl: new URL(`/petitions/${update.slug}`, env().SITE_URL).toString(),
				unsubscribeUrl: slot('unsubscribeUrl'),
			},
			recipients: recipients.map((recipient) => ({
				to: recipient.email,
				fill: { unsubscribeUrl: new URL(`/petitions/unsubscribe/${recipient.token}`, env().SITE_URL).toString() },
			})),
			key: `petition-update:${update.id}`,
		})
		await trx
			.updateTable('petition_updates')
			.set({ emailed_at: new Date(), recipients: recipients.length })
			.where('id', '=', update.id)
			.execute()
		return recipients.length
	})
}

export const sendPetitionUpdate: Task = async (payload) => {
	const updateId = typeof payload === 'object' && payload !== null && 'updateId' in payload ? String(payload.updateId) : ''
	if (updateId) await emailPetitionUpdate(updateId)
}
