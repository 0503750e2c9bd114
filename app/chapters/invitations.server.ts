import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { asCaller, type Caller } from '#app/db/db.server'
import { sendEmail } from '#app/email/email.server'
import { formatDate } from '#app/i18n/i18n'
import { ensureJobQueue } from '#app/jobs/queue.server'
import { env } from '#app/utils/env.server'
import type { AuthenticatedCaller } from './members.server'

/** How long an invitation link works. */
export const INVITATION_DAYS = 7

function hashToken(token: string) {
	return createHash('sha256').update(token, 'utf8').digest()
}

export type InviteOutcome = { ok: true; email: string } | { ok: false; reason: 'already_member' | 'not_allowed' }

/**
 * An organizer invites someone by email. The link carries a random token;
 * only its hash is stored, so the email that carries it is queued in the
 * same transaction as the invitation: the one cannot exist without the
 * other. An earlier invitation to the same address that is still open is
 * withdrawn, so only the newest link works.
 */
export async function inviteByEmail(
	caller: AuthenticatedCaller,
	chapter: { id: string; name: string },
	invitation: { email: string; inviterName: string; timeZone: string },
): Promise<InviteOutcome> {
	const token = randomBytes(32).toString('base64url')
	await ensureJobQueue()
	return asCaller(caller, async (trx) => {
		const contacts = await sql<{ email: string; status: string }>`
			select c.email, m.status from private.chapter_member_contacts(${chapter.id}) c
			join public.memberships m on m.chapter_id = ${chapter.id} and m.user_id = c.user_id`.execute(trx)
		if (contacts.rows.length === 0) return { ok: false as const, reason: 'not_allowed' as const }
		if (contacts.rows.some((row) => row.email.toLowerCase() === invitation.email && row.status === 'active')) {
			return { ok: false as const, reason: 'already_member' as const }
		}
		await trx
			.updateTable('chapter_invitations')
			.set({ revoked_at: sql`now()` })
			.where('chapter_id', '=', chapter.id)
			.where('email', '=', invitation.email)
			.where('accepted_at', 'is', null)
			.where('revoked_at', 'is', null)
			.execute()
		const row = await trx
			.insertInto('chapter_invitations')
			.values({
				chapter_id: chapter.id,
				email: invitation.email,
				token_hash: hashToken(token),
				invited_by: caller.claims.sub,
				expires_at: sql`now() + make_interval(days => ${INVITATION_DAYS})`,
			})
			.returning(['id', 'expires_at'])
			.executeTakeFirstOrThrow()
		await sendEmail(
			{
				to: invitation.email,
				template: 'chapter_invitation',
				props: {
					chapterName: chapter.name,
					inviterName: invitation.inviterName,
					acceptUrl: new URL(`/invitations/${token}`, env().SITE_URL).toString(),
					expiresOn: formatDate(row.expires_at, 'en', invitation.timeZone),
				},
				idempotencyKey: `chapter-invitation:${row.id}`,
			},
			{ trx },
		)
		return { ok: true as const, email: invitation.email }
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
export type InvitationPreview = { chapterSlug: string; chapterName: string; invitedByName: string; state: InvitationState; expiresAt: Date }

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
		return row
			? {
					chapterSlug: row.chapter_slug,
					chapterName: row.chapter_name,
					invitedByName: row.invited_by_name,
					state: row.state,
					expiresAt: row.expires_at,
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
