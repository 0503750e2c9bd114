import { type TaskSpec, type WorkerUtils, makeWorkerUtils } from 'graphile-worker'
import { pool } from '#app/db/db.server'

declare global {
	var __groundworkWorkerUtils: Promise<WorkerUtils> | undefined
}

/** graphile-worker's utilities on the app's pool; its schema is created on first use. */
function workerUtils() {
	globalThis.__groundworkWorkerUtils ??= (async () => {
		const utils = await makeWorkerUtils({ pgPool: pool() })
		await utils.migrate()
		return utils
	})()
	return globalThis.__groundworkWorkerUtils
}

/** Makes sure graphile-worker's schema exists, for code that queues jobs in SQL (add_jobs) in its own transaction. */
export async function ensureJobQueue() {
	await workerUtils()
}

/** Queues a job in Postgres. A job with the same jobKey that has not run yet is replaced, not doubled. */
export async function addJob(task: JobName, payload: unknown, spec: TaskSpec = {}) {
	const utils = await workerUtils()
	await utils.addJob(task, payload, spec)
}

export type JobName = 'send_email' | 'send_petition_update'
	// Chapters and events: app/chapters/jobs.server.ts, app/events/jobs.server.ts.
	| 'send_email_batch'
	| 'announce_chapter_update'
	| 'send_weekly_digests'
	| 'send_event_reminders'
	| 'sweep_scheduled_mail'
	| 'notify_event_cancelled'
