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

/** Queues a job in Postgres. A job with the same jobKey that has not run yet is replaced, not doubled. */
export async function addJob(task: JobName, payload: unknown, spec: TaskSpec = {}) {
	const utils = await workerUtils()
	await utils.addJob(task, payload, spec)
}

export type JobName = 'send_email'
