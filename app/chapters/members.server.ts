import { sql, type Transaction } from 'kysely'
import { asCaller, type AuthenticatedCaller, type Caller, type Database } from '#app/db/db.server'
import { unlessRefused } from '#app/db/refusals.server'
import { isActiveMember, isOrganizer, type MembershipStatus, type Role, type ViewerMembership } from './membership'
import type { EmailFrequency } from './schemas'

export { type MembershipStatus, type Role, type ViewerMembership, isActiveMember, isOrganizer }

export type { AuthenticatedCaller }

/** Why a membership change was refused, in words the page can show. */
export type MembershipRefusal = 'last_organizer' | 'not_allowed' | 'not_found'
export type MembershipResult = { ok: true } | { ok: false; reason: MembershipRefusal }

export async function viewerMembership(trx: Transaction<Database>, chapterId: string, userId: string | null): Promise<ViewerMembership> {
	if (!userId) return null
	const row = await trx
		.selectFrom('memberships as m')
		.leftJoin('chapter_subscriptions as s', (join) => join.onRef('s.chapter_id', '=', 'm.chapter_id').onRef('s.user_id', '=', 'm.user_id'))
		.select(['m.role', 'm.status', 's.frequency'])
		.where('m.chapter_id', '=', chapterId)
		.where('m.user_id', '=', userId)
		.executeTakeFirst()
	return row ? { role: row.role, status: row.status, emailFrequency: row.frequency } : null
}

/**
 * A membership change, with the database's refusals as reasons: the
 * membership guard's `last_organizer` rule, or RLS's 42501. Other refusals
 * are not this page's to explain, and are thrown on.
 */
async function attempt(work: () => Promise<number>): Promise<MembershipResult> {
	const result = await unlessRefused(work)
	if (result.ok) return result.value > 0 ? { ok: true } : { ok: false, reason: 'not_found' }
	const { refusal } = result
	if (refusal.kind === 'rule' && refusal.hint === 'last_organizer') return { ok: false, reason: 'last_organizer' }
	if (refusal.kind === 'not_allowed') return { ok: false, reason: 'not_allowed' }
	throw result.error
}

/**
 * Joins a public chapter at once, or asks to join a private one. Asking
 * twice, or joining when already in, changes nothing. Someone invited by
 * an organizer accepts that invitation instead.
 */
export async function joinChapter(caller: AuthenticatedCaller, chapter: { id: string; visibility: 'public' | 'private' }) {
	const userId = caller.claims.sub
	return asCaller(caller, async (trx): Promise<'joined' | 'requested' | 'already'> => {
		const existing = await trx
			.selectFrom('memberships')
			.select('status')
			.where('chapter_id', '=', chapter.id)
			.where('user_id', '=', userId)
			.executeTakeFirst()
		if (existing?.status === 'invited') {
			await trx
				.updateTable('memberships')
				.set({ status: 'active' })
				.where('chapter_id', '=', chapter.id)
				.where('user_id', '=', userId)
				.execute()
			return 'joined'
		}
		if (existing) return 'already'
		const status = chapter.visibility === 'public' ? 'active' : 'pending'
		const inserted = await trx
			.insertInto('memberships')
			.values({ chapter_id: chapter.id, user_id: userId, role: 'member', status })
			.onConflict((oc) => oc.columns(['chapter_id', 'user_id']).doNothing())
			.executeTakeFirst()
		if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'already'
		return status === 'active' ? 'joined' : 'requested'
	})
}

/** Leaves a chapter, or withdraws a request to join. The last organizer is refused. */
export async function leaveChapter(caller: AuthenticatedCaller, chapterId: string) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			const result = await trx
				.deleteFrom('memberships')
				.where('chapter_id', '=', chapterId)
				.where('user_id', '=', caller.claims.sub)
				.executeTakeFirst()
			return Number(result.numDeletedRows)
		}),
	)
}

/** An organizer lets someone who asked in. */
export async function approveRequest(caller: Caller, chapterId: string, userId: string) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			const result = await trx
				.updateTable('memberships')
				.set({ status: 'active' })
				.where('chapter_id', '=', chapterId)
				.where('user_id', '=', userId)
				.where('status', '=', 'pending')
				.executeTakeFirst()
			return Number(result.numUpdatedRows)
		}),
	)
}

/** An organizer turns down a request to join. */
export async function declineRequest(caller: Caller, chapterId: string, userId: string) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			const result = await trx
				.deleteFrom('memberships')
				.where('chapter_id', '=', chapterId)
				.where('user_id', '=', userId)
				.where('status', '=', 'pending')
				.executeTakeFirst()
			return Number(result.numDeletedRows)
		}),
	)
}

/** An organizer removes a member (or organizer); the last organizer is refused. */
export async function removeMember(caller: Caller, chapterId: string, userId: string) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			const result = await trx
				.deleteFrom('memberships')
				.where('chapter_id', '=', chapterId)
				.where('user_id', '=', userId)
				.where('status', '=', 'active')
				.executeTakeFirst()
			return Number(result.numDeletedRows)
		}),
	)
}

/** Makes an active member an organizer, or an organizer a member again (never the last one). */
export async function setRole(caller: Caller, chapterId: string, userId: string, role: Role) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			const result = await trx
				.updateTable('memberships')
				.set({ role })
				.where('chapter_id', '=', chapterId)
				.where('user_id', '=', userId)
				.where('status', '=', 'active')
				.where('role', '<>', role)
				.executeTakeFirst()
			return Number(result.numUpdatedRows)
		}),
	)
}

export type MemberRow = {
	userId: string
	displayName: string
	role: Role
	status: MembershipStatus
	since: Date
	/** Only for organizers. */
	email: string | null
}

/**
 * The people in a chapter. Members see active members' names; organizers
 * also see requests, invitations and everyone's email address (read
 * through a function that answers organizers only).
 */
export async function listMembers(caller: Caller, chapterId: string, options: { withContacts: boolean }): Promise<MemberRow[]> {
	return asCaller(caller, async (trx) => {
		const rows = await trx
			.selectFrom('memberships as m')
			.leftJoin('profiles as p', 'p.id', 'm.user_id')
			.select(['m.user_id', 'm.role', 'm.status', 'm.created_at', 'p.display_name'])
			.where('m.chapter_id', '=', chapterId)
			.orderBy('m.role', 'desc')
			.orderBy('p.display_name')
			.execute()
		const contacts = new Map<string, string>()
		if (options.withContacts) {
			const found = await sql<{
				user_id: string
				email: string
			}>`select user_id, email from private.chapter_member_contacts(${chapterId})`.execute(trx)
			for (const contact of found.rows) contacts.set(contact.user_id, contact.email)
		}
		return rows.map((row) => ({
			userId: row.user_id,
			displayName: row.display_name ?? '',
			role: row.role,
			status: row.status,
			since: row.created_at,
			email: contacts.get(row.user_id) ?? null,
		}))
	})
}

/** How a member hears about a chapter's updates. */
export async function setEmailFrequency(caller: AuthenticatedCaller, chapterId: string, frequency: EmailFrequency) {
	return asCaller(caller, async (trx) => {
		const result = await trx
			.updateTable('chapter_subscriptions')
			.set({ frequency })
			.where('chapter_id', '=', chapterId)
			.where('user_id', '=', caller.claims.sub)
			.executeTakeFirst()
		return Number(result.numUpdatedRows) === 1
	})
}
