import { type Runner, type TaskList, run } from 'graphile-worker'
import { pool } from '#app/db/db.server'
import { type EmailRequest, PermanentEmailError, deliverEmail } from '#app/email/email.server'

/** The tasks the worker knows. A feature adds its own by name (see JobName in queue.server.ts). */
const tasks: TaskList = {
	async send_email(payload, helpers) {
		const email = payload as EmailRequest
		try {
			await deliverEmail(email)
		} catch (error) {
			if (error instanceof PermanentEmailError) {
				// Retrying cannot fix a message the provider refuses; record it and drop it.
				helpers.logger.error(`email ${email.idempotencyKey} refused: ${error.message}`)
				return
			}
			throw error
		}
	},
}

/**
 * Runs the job queue in this process: `npm start` and `npm run dev` run it,
 * and `npm run worker` runs it on its own. Failed jobs retry with
 * graphile-worker's exponential backoff.
 */
export async function startWorker(options: { concurrency?: number } = {}): Promise<Runner> {
	return run({
		pgPool: pool(),
		concurrency: options.concurrency ?? 4,
		noHandleSignals: true,
		pollInterval: 1000,
		taskList: tasks,
	})
}
