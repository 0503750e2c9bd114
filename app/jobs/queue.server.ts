import { makeWorkerUtils, type TaskSpec } from 'graphile-worker'
import { sql, type Transaction } from 'kysely'
import { asCaller, pool, serviceRole, type Database } from '#app/db/db.server'
import { singleton } from '#app/utils/singleton.server'

/** graphile-worker's utilities on the app's pool; its schema is created on first use. */
function workerUtils() {
	return singleton('worker-utils', async () => {
		const utils = await makeWorkerUtils({ pgPool: pool() })
		await utils.migrate()
		return utils
	})
}

/** Lets go of the queue's utilities, for a program that ends by itself (a benchmark) rather than by a signal. */
export async function releaseJobQueue() {
	const utils = await workerUtils().catch(() => null)
	await utils?.release()
}

/** Makes sure graphile-worker's schema exists, for code that queues jobs in SQL (add_jobs) in its own transaction. */
export async function ensureJobQueue() {
	await workerUtils()
}

/**
 * How every job reads and writes: in one transaction as the service role,
 * the named place decision 003 keeps for it (docs/decisions/039). The job
 * queue exists first, so the work can queue its emails and follow-up jobs in
 * the same transaction (addJobsInTransaction).
 */
export async function asJob<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
	await ensureJobQueue()
	return asCaller(serviceRole, work)
}

/** Queues a job in Postgres. A job with the same jobKey that has not run yet is replaced, not doubled. */
export async function addJob(task: JobName, payload: unknown, spec: TaskSpec = {}) {
	const utils = await workerUtils()
	await utils.addJob(task, payload, spec)
}

export type QueuedJob = { task: JobName; payload: unknown; jobKey?: string; runAt?: Date; maxAttempts?: number }

/**
 * Queues jobs inside `trx` with graphile-worker's add_jobs: they exist if and
 * only if the transaction commits, so a crash can lose neither the change
 * nor the work it calls for (docs/decisions/037). A request's transaction
 * runs as the caller (anon, authenticated), which may not touch the queue's
 * schema; for this one statement it runs as the connection's own role, as
 * graphile-worker itself does, and the caller's role comes back after it.
 * Callers make sure the queue exists (ensureJobQueue) before they open `trx`.
 */
export async function addJobsInTransaction(trx: Transaction<Database>, jobs: QueuedJob[]) {
	if (jobs.length === 0) return
	await ensureJobQueue()
	const specs = jobs.map((job) => ({
		identifier: job.task,
		payload: job.payload,
		job_key: job.jobKey ?? null,
		run_at: job.runAt?.toISOString() ?? null,
		max_attempts: job.maxAttempts ?? null,
	}))
	const { rows } = await sql<{ role: string }>`select current_setting('role') as role`.execute(trx)
	await sql`set local role none`.execute(trx)
	await sql`select graphile_worker.add_jobs(array(
		select json_populate_record(null::graphile_worker.job_spec, spec)
		from json_array_elements(${JSON.stringify(specs)}::json) as spec
	))`.execute(trx)
	await sql`select set_config('role', ${rows[0]?.role ?? 'none'}, true)`.execute(trx)
}

export type JobName =
	| 'send_email'
	// Up to 100 different emails in one call to the provider: app/email/batch.server.ts.
	| 'send_emails'
	| 'send_petition_update'
	// Chapters and events: app/chapters/jobs.server.ts, app/events/jobs.server.ts.
	| 'send_email_batch'
	| 'announce_chapter_update'
	| 'send_weekly_digests'
	| 'send_event_reminders'
	| 'sweep_scheduled_mail'
	| 'notify_event_cancelled'
	| 'notify_event_changed'
	| 'email_about_rsvp'
	// Rate limits: app/http/rate-limits.server.ts.
	| 'clear_expired_rate_limits'
	// Siting: app/siting/jobs.server.ts.
	| 'send_deadline_reminders'
	| 'send_follow_digests'
	| 'siting_clock_moved'
	| 'siting_decision_recorded'
	// Objections: app/objections/jobs.server.ts.
	| 'send_objection_filing'
	// Comment drives: app/comments/jobs.server.ts.
	| 'deliver_comment_email'
	| 'send_comment_copy'
	| 'send_comment_packets'
	| 'deliver_sign_on_letter'
	| 'post_federal_comments'
	| 'notify_comment_report'
	// Speakers' lists: app/speakers/jobs.server.ts.
	| 'email_about_speaker'
	| 'send_speaker_reminders'
	// Campaigns: app/campaigns/jobs.server.ts.
	| 'announce_campaign_update'
