import { asCaller, type Caller } from '#app/db/db.server'

export type AuditEntry = {
	id: string
	action: string
	at: Date
	/** Null when Groundwork itself did it; '' for an account since deleted or out of sight. */
	actorName: string | null
	subjectName: string | null
	details: Record<string, unknown>
}

/**
 * A chapter's audit log, newest first, a page at a time. RLS shows it to
 * the chapter's organizers only; names come from profiles they may read.
 */
export async function listAuditLog(caller: Caller, chapterId: string, options: { before?: string; limit?: number } = {}) {
	const limit = options.limit ?? 50
	return asCaller(caller, async (trx) => {
		let query = trx
			.selectFrom('chapter_audit_log as a')
			.leftJoin('profiles as actor', 'actor.id', 'a.actor_id')
			.leftJoin('profiles as subject', 'subject.id', 'a.subject_user_id')
			.select([
				'a.id',
				'a.action',
				'a.created_at',
				'a.actor_id',
				'a.subject_user_id',
				'a.details',
				'actor.display_name as actor_name',
				'subject.display_name as subject_name',
			])
			.where('a.chapter_id', '=', chapterId)
		if (options.before && /^\d{1,18}$/.test(options.before)) query = query.where('a.id', '<', options.before)
		const rows = await query
			.orderBy('a.id', 'desc')
			.limit(limit + 1)
			.execute()
		const entries: AuditEntry[] = rows.slice(0, limit).map((row) => ({
			id: row.id,
			action: row.action,
			at: row.created_at,
			actorName: row.actor_id === null ? null : (row.actor_name ?? ''),
			subjectName: row.subject_user_id === null ? null : (row.subject_name ?? ''),
			details: row.details !== null && typeof row.details === 'object' && !Array.isArray(row.details) ? row.details : {},
		}))
		return { entries, nextBefore: rows.length > limit ? (entries.at(-1)?.id ?? null) : null }
	})
}
