import { sql, type Transaction } from 'kysely'
import { asCaller, type Caller, type Database } from '#app/db/db.server'
import { ensureJobQueue } from '#app/jobs/queue.server'

export type ChapterUpdate = {
	id: string
	title: string
	body: string
	authorName: string
	createdAt: Date
}

function updatesQuery(trx: Transaction<Database>, chapterId: string) {
	return trx
		.selectFrom('chapter_updates as u')
		.leftJoin('profiles as p', 'p.id', 'u.author_id')
		.select(['u.id', 'u.title', 'u.body', 'u.created_at', 'p.display_name'])
		.where('u.chapter_id', '=', chapterId)
}

function toUpdate(row: { id: string; title: string; body: string; created_at: Date; display_name: string | null }): ChapterUpdate {
	return { id: row.id, title: row.title, body: row.body, authorName: row.display_name ?? '', createdAt: row.created_at }
}

/** The newest updates; RLS hides a private chapter's from those not in it. */
export async function recentUpdates(trx: Transaction<Database>, chapterId: string, limit = 5) {
	const rows = await updatesQuery(trx, chapterId).orderBy('u.created_at', 'desc').limit(limit).execute()
	return rows.map(toUpdate)
}

export async function listUpdates(caller: Caller, chapterId: string, limit = 50) {
	return asCaller(caller, (trx) => recentUpdates(trx, chapterId, limit))
}

export async function getUpdate(caller: Caller, chapterId: string, updateId: string) {
	return asCaller(caller, async (trx) => {
		const row = await updatesQuery(trx, chapterId).where('u.id', '=', updateId).executeTakeFirst()
		return row ? toUpdate(row) : null
	})
}

/**
 * Posts an update as an organizer (RLS checks). The database queues one job
 * that emails it, in the same transaction (private.queue_chapter_update_email).
 * The request does two inserts whatever the chapter's size; the job picks
 * the recipients and queues their batches (see jobs.server.ts).
 */
export async function postUpdate(
	caller: Extract<Caller, { role: 'authenticated' }>,
	chapterId: string,
	input: { title: string; body: string },
) {
	await ensureJobQueue()
	const update = await asCaller(caller, (trx) =>
		trx
			.insertInto('chapter_updates')
			.values({ chapter_id: chapterId, author_id: caller.claims.sub, title: input.title, body: input.body })
			.returning(['id'])
			.executeTakeFirstOrThrow(),
	)
	return update.id
}

export type SubscriptionCounts = { immediate: number; weekly: number; none: number }

/** How the chapter's members hear about updates: for the organizers' page. */
export async function subscriptionCounts(caller: Caller, chapterId: string): Promise<SubscriptionCounts> {
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ frequency: keyof SubscriptionCounts; members: string }>`
			select frequency, members from private.chapter_subscription_counts(${chapterId})`.execute(trx)
		const counts: SubscriptionCounts = { immediate: 0, weekly: 0, none: 0 }
		for (const row of rows) counts[row.frequency] = Number(row.members)
		return counts
	})
}
