import { createHash, randomBytes } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import { asCaller, type Caller, type Database } from '#app/db/db.server'
import { sendEmail } from '#app/email/email.server'
import { formatDate } from '#app/i18n/i18n'
import { ensureJobQueue } from '#app/jobs/queue.server'
import { env } from '#app/utils/env.server'
import { chapterReplyTo } from './contact.server'
import type { ListEntry } from './invitation-list'
import type { AuthenticatedCaller } from './members.server'

/** How long an invitation link works. */
export const INVITATION_DAYS = 7

function hashToken(token: string) {
	return createHash('sha256').update(token, 'utf8').digest()
}

export type InviteOutcome = { ok: true; email: string } | { ok: false; reason: 'already_member' | 'not_allowed' }

type Inviting = { chapter: { id: string; name: string }; inviterName: string; timeZone: string; replyTo: string | null }

/** The chapter's people by lower-cased address, or null when the caller may not see them (not an organizer). */
async function contactsByEmail(trx: Transaction<Database>, chapterId: string) {
	const contacts = await sql<{ email: string; status: string }>`
		select c.email, m.status from private.chapter_member_contacts(${chapterId}) c
		join public.memberships m on m.chapter_id = ${chapterId} and m.user_id = c.user_id`.execute(trx)
	if (contacts.rows.length === 0) return null
	return new Map(contacts.rows.map((row) => [row.email.toLowerCase(), row.status]))
}

/**
 * Makes one invitation and queues its email in the caller's transaction.
 * The link carries a random token; only its hash is stored, so the email
 * that carries it is queued in the same transaction as the invitation: the
 * one cannot exist without the other. An earlier invitation to the same
 * address that is still open is withdrawn, so only the newest link works.
 */
async function invite(trx: Transaction<Database>, caller: AuthenticatedCaller, inviting: Inviting, email: string) {
	const token = randomBytes(32).toString('base64url')
	const { chapter } = inviting
	await trx
		.updateTable('chapter_invitations')
		.set({ revoked_at: sql`now()` })
		.where('chapter_id', '=', chapter.id)
		.where('email', '=', email)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.execute()
	const row = await trx
		.insertInto('chapter_invitations')
		.values({
			chapter_id: chapter.id,
			email,
			token_hash: hashToken(token),
			invited_by: caller.claims.sub,
			expires_at: sql`now() + make_interval(days => ${INVITATION_DAYS})`,
		})
		.returning(['id', 'expires_at'])
		.executeTakeFirstOrThrow()
	await sendEmail(
		{
			to: email,
			template: 'chapter_invitation',
			props: {
				chapterName: chapter.name,
				inviterName: inviting.inviterName,
				acceptUrl: new URL(`/invitations/${token}`, env().SITE_URL).toString(),
				expiresOn: formatDate(row.expires_at, 'en', inviting.timeZone),
			},
			idempotencyKey: `chapter-invitation:${row.id}`,
			// Replies reach the chapter, or the organizer who invited (docs/decisions/077).
			...(inviting.replyTo ? { replyTo: inviting.replyTo } : {}),
		},
		{ trx },
	)
}

/** An organizer invites someone by email; inviting the same address again sends a fresh link. */
export async function inviteByEmail(
	caller: AuthenticatedCaller,
	chapter: { id: string; name: string },
	invitation: { email: string; inviterName: string; timeZone: string },
): Promise<InviteOutcome> {
	await ensureJobQueue()
	return asCaller(caller, async (trx) => {
		const contacts = await contactsByEmail(trx, chapter.id)
		if (!contacts) return { ok: false as const, reason: 'not_allowed' as const }
		if (contacts.get(invitation.email) === 'active') return { ok: false as const, reason: 'already_member' as const }
		const replyTo = await chapterReplyTo(trx, chapter.id, caller.claims.sub)
		await invite(trx, caller, { chapter, inviterName: invitation.inviterName, timeZone: invitation.timeZone, replyTo }, invitation.email)
		return { ok: true as const, email: invitation.email }
	})
}

export type ListedInvitation = { address: string; outcome: 'invited' | 'already_member' | 'already_invited' | 'not_an_email' }

/**
 * An organizer invites everyone on a pasted list (see invitation-list.ts),
 * in one transaction: each address is invited, or reported as already a
 * member, already invited (an open invitation is not sent again), or not
 * an email. Null when the caller may not invite.
 */
export async function inviteList(
	caller: AuthenticatedCaller,
	chapter: { id: string; name: string },
	list: { entries: ListEntry[]; inviterName: string; timeZone: string },
): Promise<ListedInvitation[] | null> {
	await ensureJobQueue()
	return asCaller(caller, async (trx) => {
		const contacts = await contactsByEmail(trx, chapter.id)
		if (!contacts) return null
		const addresses = list.entries.flatMap((entry) => (entry.email ? [entry.email] : []))
		const open = new Set(
			addresses.length === 0
				? []
				: (
						await trx
							.selectFrom('chapter_invitations')
							.select('email')
							.where('chapter_id', '=', chapter.id)
							.where('email', 'in', addresses)
							.where('accepted_at', 'is', null)
							.where('revoked_at', 'is', null)
							.where('expires_at', '>', sql<Date>`now()`)
							.execute()
					).map((row) => row.email),
		)
		const inviting = {
			chapter,
			inviterName: list.inviterName,
			timeZone: list.timeZone,
			replyTo: await chapterReplyTo(trx, chapter.id, caller.claims.sub),
		}
		const results: ListedInvitation[] = []
		for (const entry of list.entries) {
			if (!entry.email) results.push({ address: entry.text, outcome: 'not_an_email' })
			else if (contacts.get(entry.email) === 'active') results.push({ address: entry.email, outcome: 'already_member' })
			else if (open.has(entry.email)) results.push({ address: entry.email, outcome: 'already_invited' })
			else {
				await invite(trx, caller, inviting, entry.email)
				results.push({ address: entry.email, outcome: 'invited' })
			}
		}
		return results
	})
}

export type InvitationListState = 'open' | 'expired' | 'accepted' | 'revoked'

export type OpenInvitation = {
	id: string
	email: string
	createdAt: Date
	expiresAt: Date
	state: InvitationListState
}

/** Invitations of the last 30 days, for the organizers' page. */
export async function listInvitations(caller: Caller, chapterId: string): Promise<OpenInvitation[]> {
	return asCaller(caller, async (trx) => {
		const rows = await trx
			.selectFrom('chapter_invitations')
			.select(['id', 'email', 'created_at', 'expires_at', 'accepted_at', 'revoked_at'])
			.where('chapter_id', '=', chapterId)
			.where('created_at', '>', sql<Date>`now() - interval '30 days'`)
			.orderBy('created_at', 'desc')
			.limit(100)
			.execute()
		const now = Date.now()
		return rows.map((row) => ({
			id: row.id,
			email: row.email,
			createdAt: row.created_at,
			expiresAt: row.expires_at,
			state: row.accepted_at ? 'accepted' : row.revoked_at ? 'revoked' : row.expires_at.getTime() <= now ? 'expired' : 'open',
		}))
	})
}

export async function revokeInvitation(caller: Caller, chapterId: string, invitationId: string) {
	return asCaller(caller, async (trx) => {
		const result = await trx
			.updateTable('chapter_invitations')
			.set({ revoked_at: sql`now()` })
			.where('id', '=', invitationId)
			.where('chapter_id', '=', chapterId)
			.where('accepted_at', 'is', null)
			.where('revoked_at', 'is', null)
			.executeTakeFirst()
		return Number(result.numUpdatedRows) === 1
	})
}

export type InvitationState = 'valid' | 'used' | 'revoked' | 'expired'
export type InvitationPreview = {
	chapterSlug: string
	chapterName: string
	invitedByName: string
	state: InvitationState
	expiresAt: Date
	/** The address it was sent to, while the link works: the sign-up form starts with it. */
	email: string | null
}

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/

/** What the invitation page shows before anyone signs in; null for a link we never made. */
export async function previewInvitation(caller: Caller, token: string): Promise<InvitationPreview | null> {
	if (!TOKEN.test(token)) return null
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{
			chapter_slug: string
			chapter_name: string
			invited_by_name: string
			state: InvitationState
			expires_at: Date
		}>`
			select * from private.chapter_invitation_by_token(${token})`.execute(trx)
		const row = rows[0]
		const sentTo = row
			? (await sql<{ email: string | null }>`select private.chapter_invitation_email(${token}) as email`.execute(trx)).rows[0]?.email
			: null
		return row
			? {
					chapterSlug: row.chapter_slug,
					chapterName: row.chapter_name,
					invitedByName: row.invited_by_name,
					state: row.state,
					expiresAt: row.expires_at,
					email: sentTo ?? null,
				}
			: null
	})
}

export type AcceptOutcome = 'accepted' | 'already_member' | 'used' | 'revoked' | 'expired' | 'not_found'

/** Accepts for the signed-in person; a link works once, and says plainly why when it does not. */
export async function acceptInvitation(
	caller: AuthenticatedCaller,
	token: string,
): Promise<{ outcome: AcceptOutcome; chapterSlug: string | null }> {
	if (!TOKEN.test(token)) return { outcome: 'not_found', chapterSlug: null }
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{
			outcome: AcceptOutcome
			chapter_slug: string | null
		}>`select * from private.accept_chapter_invitation(${token})`.execute(trx)
		const row = rows[0]
		return { outcome: row?.outcome ?? 'not_found', chapterSlug: row?.chapter_slug ?? null }
	})
}
