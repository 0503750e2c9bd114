import type { CronItem, Task } from 'graphile-worker'
import { sql } from 'kysely'
import { queueEmailBatches, slot } from '#app/email/batch.server'
import { formatDate } from '#app/i18n/i18n'
import { addJob, asJob } from '#app/jobs/queue.server'
import { env } from '#app/utils/env.server'

// Fan-out of a chapter's updates to its members' inboxes. Each job chooses
// the recipients, queues their batches (send_email_batch, 100 a batch) and
// marks the work done in one transaction, so it happens exactly once. Like
// every job they run as the service role (asJob, docs/decisions/039):
// recipients' addresses come from auth.users through
// private.chapter_email_recipients, granted to it.

function siteUrl(path: string) {
	return new URL(path, env().SITE_URL).toString()
}

function unsubscribeUrl(token: string) {
	return siteUrl(`/unsubscribe/${token}`)
}

type Recipient = { email: string; unsubscribe_token: string }

/** Emails an update to each active member who wants every update. Returns how many. */
export async function announceChapterUpdate(updateId: string) {
	return asJob(async (trx) => {
		const update = await trx
			.selectFrom('chapter_updates as u')
			.innerJoin('chapters as c', 'c.id', 'u.chapter_id')
			.leftJoin('profiles as p', 'p.id', 'u.author_id')
			.select([
				'u.id',
				'u.title',
				'u.body',
				'u.emailed_at',
				'u.chapter_id',
				'c.slug',
				'c.name',
				'p.display_name',
				sql<string | null>`private.chapter_reply_to(u.chapter_id, u.author_id)`.as('reply_to'),
			])
			.where('u.id', '=', updateId)
			.forUpdate('u')
			.executeTakeFirst()
		if (!update || update.emailed_at) return 0
		const { rows } = await sql<Recipient>`
				select email, unsubscribe_token from private.chapter_email_recipients(${update.chapter_id}, 'immediate')`.execute(trx)
		await queueEmailBatches(trx, {
			template: 'chapter_update',
			props: {
				chapterName: update.name,
				authorName: update.display_name ?? '',
				title: update.title,
				body: update.body,
				updateUrl: siteUrl(`/chapters/${update.slug}/updates/${update.id}`),
				chapterUrl: siteUrl(`/chapters/${update.slug}`),
				unsubscribeUrl: slot('unsubscribeUrl'),
			},
			recipients: rows.map((row) => ({ to: row.email, fill: { unsubscribeUrl: unsubscribeUrl(row.unsubscribe_token) } })),
			key: `update:${update.id}`,
			// Replies reach the chapter (or the organizer who wrote it), not the site's address.
			replyTo: update.reply_to ?? undefined,
		})
		await trx
			.updateTable('chapter_updates')
			.set({ emailed_at: sql`now()` })
			.where('id', '=', update.id)
			.execute()
		return rows.length
	})
}

/** Monday of the week `date` falls in, as YYYY-MM-DD (UTC). */
export function weekStart(date: Date) {
	const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
	day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7))
	return day.toISOString().slice(0, 10)
}

/**
 * The weekly digest: for each chapter with updates in the week before
 * `week` (a Monday) and members who chose weekly emails, one email each.
 * A chapter's digest for a week is recorded, so it goes out once.
 */
export async function sendWeeklyDigests(week = weekStart(new Date())) {
	const chapters = await asJob((trx) =>
		trx
			.selectFrom('chapter_updates as u')
			.select('u.chapter_id')
			.distinct()
			.where('u.created_at', '>=', sql<Date>`${week}::date - interval '7 days'`)
			.where('u.created_at', '<', sql<Date>`${week}::date`)
			.execute(),
	)
	let sent = 0
	for (const { chapter_id: chapterId } of chapters) {
		sent += await asJob(async (trx) => {
			const claimed = await sql<{ chapter_id: string }>`
					insert into private.chapter_digests (chapter_id, week_start) values (${chapterId}, ${week}::date)
					on conflict do nothing returning chapter_id`.execute(trx)
			if (claimed.rows.length === 0) return 0
			const chapter = await trx.selectFrom('chapters').select(['slug', 'name']).where('id', '=', chapterId).executeTakeFirstOrThrow()
			const updates = await trx
				.selectFrom('chapter_updates')
				.select(['id', 'title', 'body', 'created_at'])
				.where('chapter_id', '=', chapterId)
				.where('created_at', '>=', sql<Date>`${week}::date - interval '7 days'`)
				.where('created_at', '<', sql<Date>`${week}::date`)
				.orderBy('created_at')
				.execute()
			const { rows } = await sql<Recipient>`
					select email, unsubscribe_token from private.chapter_email_recipients(${chapterId}, 'weekly')`.execute(trx)
			await queueEmailBatches(trx, {
				template: 'chapter_digest',
				props: {
					chapterName: chapter.name,
					// The digest covers the seven days before `week`: name the Monday they began.
					weekOf: formatDate(new Date(Date.parse(`${week}T12:00:00Z`) - 7 * 86400_000), 'en', 'UTC'),
					updates: updates.map((update) => ({
						title: update.title,
						body: update.body,
						url: siteUrl(`/chapters/${chapter.slug}/updates/${update.id}`),
						postedOn: formatDate(update.created_at),
					})),
					chapterUrl: siteUrl(`/chapters/${chapter.slug}`),
					unsubscribeUrl: slot('unsubscribeUrl'),
				},
				recipients: rows.map((row) => ({ to: row.email, fill: { unsubscribeUrl: unsubscribeUrl(row.unsubscribe_token) } })),
				key: `digest:${chapterId}:${week}`,
			})
			await sql`update private.chapter_digests set recipients = ${rows.length} where chapter_id = ${chapterId} and week_start = ${week}::date`.execute(
				trx,
			)
			return rows.length
		})
	}
	return sent
}

/** Updates whose email job never ran (a crash between posting and queuing): queue it again. */
export async function requeueUnsentUpdates() {
	const stale = await asJob((trx) =>
		trx
			.selectFrom('chapter_updates')
			.select('id')
			.where('emailed_at', 'is', null)
			.where('created_at', '<', sql<Date>`now() - interval '10 minutes'`)
			.where('created_at', '>', sql<Date>`now() - interval '2 days'`)
			.execute(),
	)
	for (const { id } of stale) await addJob('announce_chapter_update', { updateId: id }, { jobKey: `announce:${id}`, maxAttempts: 10 })
	return stale.length
}

function stringField(payload: unknown, field: string) {
	if (typeof payload !== 'object' || payload === null || !(field in payload)) return ''
	const value: unknown = Reflect.get(payload, field)
	return typeof value === 'string' ? value : ''
}

export const chapterTasks: Record<string, Task> = {
	async announce_chapter_update(payload) {
		const updateId = stringField(payload, 'updateId')
		if (updateId) await announceChapterUpdate(updateId)
	},
	async send_weekly_digests() {
		await sendWeeklyDigests()
	},
}

export const chapterCron: CronItem[] = [
	// Mondays at 13:00 UTC: morning in the Americas, afternoon in Europe.
	{ task: 'send_weekly_digests', match: '0 13 * * 1', identifier: 'weekly-digests', options: { backfillPeriod: 12 * 3600_000 } },
]
