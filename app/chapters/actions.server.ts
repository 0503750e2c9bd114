import { sql, type Transaction } from 'kysely'
import type { Database } from '#app/db/db.server'

/**
 * Something people can do for the chapter right now. Petitions today;
 * objections, comment drives and campaigns add their own kinds here.
 */
export type ChapterAction = {
	kind: 'petition'
	title: string
	summary: string
	url: string
	deadline: Date | null
	/** For a petition: confirmed signatures and the goal. */
	progress: { count: number; goal: number } | null
}

/** The chapter's open actions, the nearest deadline first. */
export async function activeActions(trx: Transaction<Database>, chapterId: string, limit = 5): Promise<ChapterAction[]> {
	const petitions = await trx
		.selectFrom('petitions as p')
		.leftJoin('petition_counts as n', 'n.petition_id', 'p.id')
		.select(['p.slug', 'p.title', 'p.summary', 'p.deadline', 'p.signature_goal', 'n.confirmed'])
		.where('p.chapter_id', '=', chapterId)
		.where('p.status', '=', 'published')
		.where('p.hidden_at', 'is', null)
		.where((eb) => eb.or([eb('p.deadline', 'is', null), eb('p.deadline', '>', sql<Date>`now()`)]))
		.orderBy(sql`p.deadline nulls last`)
		.limit(limit)
		.execute()
	return petitions.map((row) => ({
		kind: 'petition',
		title: row.title,
		summary: row.summary,
		url: `/petitions/${row.slug}`,
		deadline: row.deadline,
		progress: { count: row.confirmed ?? 0, goal: row.signature_goal },
	}))
}
