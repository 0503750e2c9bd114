import { sql } from 'kysely'
import { setEmailFrequency } from '#app/chapters/members.server'
import type { EmailFrequency } from '#app/chapters/schemas'
import { asCaller, type AuthenticatedCaller } from '#app/db/db.server'

export type EmailSettings = {
	chapters: { chapterId: string; slug: string; name: string; frequency: EmailFrequency }[]
	follows: { id: string; name: string; href: string; remindDays: number[]; digest: boolean; confirmed: boolean }[]
	petitions: { signatureId: string; slug: string; title: string }[]
}

/** Every email setting the member has, read as the member (each table's RLS shows only their own rows). */
export async function emailSettings(caller: AuthenticatedCaller): Promise<EmailSettings> {
	const userId = caller.claims.sub
	return asCaller(caller, async (trx) => {
		const chapters = await trx
			.selectFrom('chapter_subscriptions as s')
			.innerJoin('chapters as c', 'c.id', 's.chapter_id')
			.select(['c.id', 'c.slug', 'c.name', 's.frequency'])
			.where('s.user_id', '=', userId)
			.orderBy('c.name')
			.execute()
		const follows = await trx
			.selectFrom('follows as f')
			.leftJoin('projects as p', 'p.id', 'f.project_id')
			.leftJoin('proceedings as pr', 'pr.id', 'f.proceeding_id')
			.leftJoin('projects as pp', 'pp.id', 'pr.project_id')
			.select(['f.id', 'f.remind_days', 'f.digest', 'f.confirmed_at', 'p.name', 'p.slug', 'pr.title', 'pr.slug as proceeding_slug'])
			.select(['pp.slug as proceeding_project_slug'])
			.where('f.user_id', '=', userId)
			.orderBy('f.created_at')
			.execute()
		const petitions = await trx
			.selectFrom('signatures as s')
			.innerJoin('petitions as p', 'p.id', 's.petition_id')
			.select(['s.id', 'p.slug', 'p.title'])
			.where('s.user_id', '=', userId)
			.where('s.wants_updates', '=', true)
			.where('s.unsubscribed_at', 'is', null)
			.where('s.status', 'in', ['pending', 'confirmed', 'suspected'])
			.orderBy('s.created_at', 'desc')
			.execute()
		return {
			chapters: chapters.map((row) => ({ chapterId: row.id, slug: row.slug, name: row.name, frequency: row.frequency })),
			follows: follows.map((row) => ({
				id: row.id,
				name: row.name ?? row.title ?? '',
				href: row.slug ? `/projects/${row.slug}` : `/projects/${row.proceeding_project_slug ?? ''}#proceeding-${row.proceeding_slug ?? ''}`,
				remindDays: row.remind_days,
				digest: row.digest,
				confirmed: row.confirmed_at !== null,
			})),
			petitions: petitions.map((row) => ({ signatureId: String(row.id), slug: row.slug, title: row.title })),
		}
	})
}

export { setEmailFrequency }

/** Stops a petition's update emails for one of the member's own signatures. */
export async function stopPetitionUpdates(caller: AuthenticatedCaller, signatureId: string) {
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{
			changed: boolean
		}>`select private.set_my_signature_updates(${signatureId}::bigint, false) as changed`.execute(trx)
		return rows[0]?.changed === true
	})
}

/** Stops following a project or proceeding: its reminders and digest end with the row. */
export async function unfollow(caller: AuthenticatedCaller, followId: string) {
	return asCaller(caller, async (trx) => {
		const result = await trx.deleteFrom('follows').where('id', '=', followId).where('user_id', '=', caller.claims.sub).executeTakeFirst()
		return Number(result.numDeletedRows) === 1
	})
}
