import { sql, type Transaction } from 'kysely'
import { asCaller, type AuthenticatedCaller, type Caller, type Database } from '#app/db/db.server'
import { unlessRefused } from '#app/db/refusals.server'
import { queueEmails } from '#app/email/email.server'
import { ensureJobQueue } from '#app/jobs/queue.server'
import { env } from '#app/utils/env.server'
import { chapterReplyTo } from './contact.server'
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

type JoiningChapter = { id: string; slug: string; name: string; visibility: 'public' | 'private' }

/**
 * Joins a public chapter at once, or asks to join a private one with an
 * optional note. Asking twice, or joining when already in, changes nothing.
 * Someone invited by an organizer accepts that invitation instead. A request
 * emails the organizers in the same transaction (docs/decisions/077).
 */
export async function joinChapter(caller: AuthenticatedCaller, chapter: JoiningChapter, note = '') {
	const userId = caller.claims.sub
	await ensureJobQueue()
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
			.values({ chapter_id: chapter.id, user_id: userId, role: 'member', status, request_note: status === 'pending' && note ? note : null })
			.onConflict((oc) => oc.columns(['chapter_id', 'user_id']).doNothing())
			.executeTakeFirst()
		if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'already'
		if (status === 'active') return 'joined'
		await queueJoinRequestEmails(trx, chapter, caller, note)
		return 'requested'
	})
}

/** The next midnight UTC, when a day's digest of later requests goes out. */
function nextUtcMidnight(now = new Date()) {
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1))
}

/**
 * Tells the organizers about a new request, as docs/decisions/077 says: the
 * first request of the (UTC) day emails each organizer at once, with the
 * note; later ones that day update one digest per organizer that goes out at
 * the next midnight UTC, saying how many more asked. The digest is one job
 * key per chapter, day and organizer, so each later request replaces its
 * count rather than adding an email.
 */
async function queueJoinRequestEmails(trx: Transaction<Database>, chapter: JoiningChapter, caller: AuthenticatedCaller, note: string) {
	const userId = caller.claims.sub
	const requesterEmail = caller.claims.email
	const { rows } = await sql<{ email: string; requests_today: number }>`
		select email, requests_today from private.join_request_recipients(${chapter.id})`.execute(trx)
	if (rows.length === 0) return
	const profile = await trx.selectFrom('profiles').select('display_name').where('id', '=', userId).executeTakeFirst()
	const laterCount = Math.max(0, (rows[0]?.requests_today ?? 1) - 1)
	const runAt = nextUtcMidnight()
	const day = new Date(runAt.getTime() - 1).toISOString().slice(0, 10)
	// The first request's email replies to the person who asked (organizers
	// already see their address on the requests list); the digest to no one.
	const replyTo = laterCount === 0 && typeof requesterEmail === 'string' && requesterEmail ? requesterEmail : null
	await queueEmails(
		trx,
		rows.map((row) => ({
			to: row.email,
			template: 'join_request' as const,
			props: {
				chapterName: chapter.name,
				requesterName: laterCount === 0 ? (profile?.display_name ?? '') : '',
				note: laterCount === 0 ? note : '',
				laterCount,
				membersUrl: new URL(`/chapters/${chapter.slug}/members`, env().SITE_URL).toString(),
			},
			idempotencyKey:
				laterCount === 0 ? `join-request:${chapter.id}:${userId}:${day}:${row.email}` : `join-digest:${chapter.id}:${day}:${row.email}`,
			...(replyTo ? { replyTo } : {}),
		})),
		laterCount === 0 ? {} : { runAt },
	)
}
/**
 * Deletes one person's membership of a chapter, only while it has `status`
 * when given. RLS and the last-organizer trigger decide; a refusal comes back
 * as its reason, no matching row as not_found.
 */
function deleteMembership(caller: Caller, chapterId: string, userId: string, status?: MembershipStatus) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			let query = trx.deleteFrom('memberships').where('chapter_id', '=', chapterId).where('user_id', '=', userId)
			if (status) query = query.where('status', '=', status)
			return Number((await query.executeTakeFirst()).numDeletedRows)
		}),
	)
}

/** Changes one person's membership that has `from.status` (and not already `from.notRole`), decided as deleteMembership is. */
function updateMembership(
	caller: Caller,
	chapterId: string,
	userId: string,
	from: { status: MembershipStatus; notRole?: Role },
	change: { status?: 'active'; role?: Role },
) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			let query = trx
				.updateTable('memberships')
				.set(change)
				.where('chapter_id', '=', chapterId)
				.where('user_id', '=', userId)
				.where('status', '=', from.status)
			if (from.notRole) query = query.where('role', '<>', from.notRole)
			return Number((await query.executeTakeFirst()).numUpdatedRows)
		}),
	)
}

/** Leaves a chapter, or withdraws a request to join. The last organizer is refused. */
export async function leaveChapter(caller: AuthenticatedCaller, chapterId: string) {
	return deleteMembership(caller, chapterId, caller.claims.sub)
}

/**
 * An organizer approves or declines a request to join. The person is emailed
 * the decision, with the organizer's optional message, in the same
 * transaction; replies go to the chapter or the deciding organizer.
 */
async function decideRequest(
	caller: AuthenticatedCaller,
	chapter: { id: string; slug: string; name: string },
	userId: string,
	decision: 'approved' | 'declined',
	message: string,
) {
	await ensureJobQueue()
	return attempt(() =>
		asCaller(caller, async (trx) => {
			const contact = await sql<{ email: string }>`
				select c.email from private.chapter_member_contacts(${chapter.id}) c where c.user_id = ${userId}`.execute(trx)
			const changed =
				decision === 'approved'
					? Number(
							(
								await trx
									.updateTable('memberships')
									.set({ status: 'active' })
									.where('chapter_id', '=', chapter.id)
									.where('user_id', '=', userId)
									.where('status', '=', 'pending')
									.executeTakeFirst()
							).numUpdatedRows,
						)
					: Number(
							(
								await trx
									.deleteFrom('memberships')
									.where('chapter_id', '=', chapter.id)
									.where('user_id', '=', userId)
									.where('status', '=', 'pending')
									.executeTakeFirst()
							).numDeletedRows,
						)
			const to = contact.rows[0]?.email
			if (changed > 0 && to) {
				const replyTo = await chapterReplyTo(trx, chapter.id, caller.claims.sub)
				const decided = await sql<{ at: string }>`select extract(epoch from now())::bigint::text as at`.execute(trx)
				await queueEmails(trx, [
					{
						to,
						template: 'join_decision',
						props: {
							chapterName: chapter.name,
							decision,
							message,
							chapterUrl: new URL(`/chapters/${chapter.slug}`, env().SITE_URL).toString(),
						},
						idempotencyKey: `join-decision:${chapter.id}:${userId}:${decided.rows[0]?.at ?? ''}`,
						...(replyTo ? { replyTo } : {}),
					},
				])
			}
			return changed
		}),
	)
}

/** An organizer lets someone who asked in. */
export async function approveRequest(
	caller: AuthenticatedCaller,
	chapter: { id: string; slug: string; name: string },
	userId: string,
	message = '',
) {
	return decideRequest(caller, chapter, userId, 'approved', message)
}

/** An organizer turns down a request to join. */
export async function declineRequest(
	caller: AuthenticatedCaller,
	chapter: { id: string; slug: string; name: string },
	userId: string,
	message = '',
) {
	return decideRequest(caller, chapter, userId, 'declined', message)
}

/** An organizer removes a member (or organizer); the last organizer is refused. */
export async function removeMember(caller: Caller, chapterId: string, userId: string) {
	return deleteMembership(caller, chapterId, userId, 'active')
}

/** Makes an active member an organizer, or an organizer a member again (never the last one). */
export async function setRole(caller: Caller, chapterId: string, userId: string, role: Role) {
	return updateMembership(caller, chapterId, userId, { status: 'active', notRole: role }, { role })
}

export type MemberRow = {
	userId: string
	displayName: string
	role: Role
	status: MembershipStatus
	since: Date
	/** Only for organizers. */
	email: string | null
	/** The note sent with a request to join; only organizers (and the person) can read it. */
	requestNote: string | null
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
			.select(['m.user_id', 'm.role', 'm.status', 'm.created_at', 'm.request_note', 'p.display_name'])
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
			requestNote: row.request_note,
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
