import { EventEmitter } from 'node:events'
import { parseCronItems, run, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker'
import { campaignTasks } from '#app/campaigns/jobs.server'
import { chapterCron, chapterTasks } from '#app/chapters/jobs.server'
import { commentCron, commentTasks } from '#app/comments/jobs.server'
import { pool } from '#app/db/db.server'
import { batchTasks } from '#app/email/batch.server'
import { deliverEmail, PermanentEmailError, type EmailRequest } from '#app/email/email.server'
import { eventCron, eventTasks } from '#app/events/jobs.server'
import { clearExpiredRateLimits } from '#app/http/rate-limits.server'
import { objectionTasks } from '#app/objections/jobs.server'
import { sendPetitionUpdate, startPetitionsTicker } from '#app/petitions/jobs.server'
import { sitingCron, sitingTasks } from '#app/siting/jobs.server'
import { speakerCron, speakerTasks } from '#app/speakers/jobs.server'
import { collectWorkerIds, registerWorkerProcess } from './recovery.server'

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
	send_petition_update: sendPetitionUpdate,
	// Chapters and events: batch sends, update fan-out, digests, reminders, cancellations.
	...batchTasks,
	...chapterTasks,
	...eventTasks,
	async clear_expired_rate_limits(_payload, helpers) {
		const cleared = await clearExpiredRateLimits()
		if (cleared > 0) helpers.logger.info(`rate limits: ${cleared} expired counter(s) deleted`)
	},
	...sitingTasks,
	...objectionTasks,
	...commentTasks,
	...speakerTasks,
	...campaignTasks,
}

/** Recurring jobs (graphile-worker's crontab, in UTC). */
const cron = parseCronItems([
	...chapterCron,
	...eventCron,
	...sitingCron,
	...commentCron,
	...speakerCron,
	// Counters whose window has ended (the longest is a day): nobody needs them, and they say who came by.
	{ task: 'clear_expired_rate_limits', match: '23 * * * *', identifier: 'clear-expired-rate-limits' },
])

/**
 * Runs the job queue in this process: `npm start` and `npm run dev` run it,
 * and `npm run worker` runs it on its own. Failed jobs retry with
 * graphile-worker's exponential backoff.
 */
export async function startWorker(options: { concurrency?: number } = {}): Promise<Runner> {
	const events: WorkerEvents = new EventEmitter()
	const workerIds = collectWorkerIds(events)
	const runner = await run({
		events,
		pgPool: pool(),
		concurrency: options.concurrency ?? 4,
		noHandleSignals: true,
		pollInterval: 1000,
		taskList: tasks,
		parsedCronItems: cron,
	})
	// Jobs a crashed process had locked go back to the queue now, not in four hours (docs/decisions/033).
	const registration = await registerWorkerProcess(workerIds)
	// Petitions: confirmation emails, rate limits, batched counts and milestones, every second.
	const stopPetitionsTicker = startPetitionsTicker()
	return {
		...runner,
		stop: async () => {
			await stopPetitionsTicker()
			await runner.stop()
			await registration.stop()
		},
	}
}
