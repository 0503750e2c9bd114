import { sql, type Transaction } from 'kysely'
import { asCaller, type AuthenticatedCaller, type Database } from '#app/db/db.server'

// Where replies to a chapter's emails go (docs/decisions/077): the address
// its organizers set, or the sending organizer's own. Both are read through
// functions that answer organizers (about themselves) and the email jobs only.

/** The reply address the chapter's organizers set, or null. */
export async function chapterContact(trx: Transaction<Database>, chapterId: string) {
	const { rows } = await sql<{ email: string | null }>`select private.chapter_contact(${chapterId}) as email`.execute(trx)
	return rows[0]?.email ?? null
}

/** Where replies to what `senderId` sends for the chapter go: the chapter's address, or the sender's. */
export async function chapterReplyTo(trx: Transaction<Database>, chapterId: string, senderId: string) {
	const { rows } = await sql<{ email: string | null }>`select private.chapter_reply_to(${chapterId}, ${senderId}) as email`.execute(trx)
	return rows[0]?.email ?? null
}

/** Sets the chapter's reply address, or clears it with ''. Organizers only (the function refuses others). */
export async function setChapterContact(trx: Transaction<Database>, chapterId: string, email: string) {
	await sql`select private.set_chapter_contact(${chapterId}, ${email})`.execute(trx)
}

export type ReplyAddress = { email: string; source: 'chapter' | 'sender' } | null

/** For an organizer's compose pages: where replies to what they send will go, and why. */
export async function replyAddressFor(caller: AuthenticatedCaller, chapterId: string): Promise<ReplyAddress> {
	return asCaller(caller, async (trx) => {
		const chapter = await chapterContact(trx, chapterId)
		if (chapter) return { email: chapter, source: 'chapter' as const }
		const sender = await chapterReplyTo(trx, chapterId, caller.claims.sub)
		return sender ? { email: sender, source: 'sender' as const } : null
	})
}
