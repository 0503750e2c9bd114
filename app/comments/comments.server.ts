import { randomUUID } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import { asCaller, type AuthenticatedCaller, type Caller, type Database } from '#app/db/db.server'
import { unlessRefused } from '#app/db/refusals.server'
import { queueEmails } from '#app/email/email.server'
import { ensureJobQueue } from '#app/jobs/queue.server'
import { lookupPostalCode } from '#app/places/postal-codes.server'
import { env } from '#app/utils/env.server'
import type { Drive } from './drives.server'
import type { CommentInput } from './schemas'
import { commentLinks, commentToken, tokenHash, validToken } from './tokens.server'

// Writing, measuring and confirming comments, what a comment's link shows,
// the hand-off receipt, and reports of comments filed in someone's name.

/** Similarity to another comment in the drive at or above which a comment is flagged as a near-duplicate (docs/decisions/055). */
export const NEAR_DUPLICATE_AT = 0.8
/** Below this share of own words the writer is asked to add more of their own. */
export const OWN_WORDS_NUDGE_BELOW = 0.4

export type Meter = {
	/** 0–1: how much of the text is the writer's own. */
	ownWords: number
	templateSimilarity: number
	nearestSimilarity: number
	nearDuplicate: boolean
}

async function similarity(trx: Transaction<Database>, driveId: string, body: string): Promise<Meter> {
	const { rows } = await sql<{ template_similarity: number; nearest_similarity: number }>`
		select template_similarity, nearest_similarity
		from private.comment_similarity(${driveId}::uuid, ${body}, null, 0.5)`.execute(trx)
	const row = rows[0] ?? { template_similarity: 0, nearest_similarity: 0 }
	const template = Number(row.template_similarity)
	const nearest = Number(row.nearest_similarity)
	return {
		ownWords: Math.max(0, 1 - Math.max(template, nearest)),
		templateSimilarity: template,
		nearestSimilarity: nearest,
		nearDuplicate: nearest >= NEAR_DUPLICATE_AT,
	}
}

/** The personalization meter for a text someone is writing, against the template and the drive's other comments. */
export async function measure(caller: Caller, driveId: string, body: string): Promise<Meter> {
	if (body.trim() === '') return { ownWords: 0, templateSimilarity: 0, nearestSimilarity: 0, nearDuplicate: false }
	return asCaller(caller, (trx) => similarity(trx, driveId, body))
}

export type Standing = { placeLabel: string | null; stateId: number | null; countyId: number | null; outside: boolean }

/**
 * Where the writer says they live, against the body's jurisdiction: a warning,
 * never a refusal. Unknown codes and federal drives warn about nothing.
 */
export async function standingOf(caller: Caller, drive: Drive, postalCode: string): Promise<Standing> {
	if (!postalCode) return { placeLabel: null, stateId: null, countyId: null, outside: false }
	return asCaller(caller, async (trx) => {
		const place = await lookupPostalCode(trx, 'US', postalCode)
		if (!place) return { placeLabel: null, stateId: null, countyId: null, outside: false }
		const label = `${place.placeName}, ${place.state.abbreviation}`
		if (!drive.body_jurisdiction_id)
			return { placeLabel: label, stateId: place.state.id, countyId: place.county?.id ?? null, outside: false }
		const jurisdiction = await trx
			.selectFrom('jurisdictions')
			.select(['kind', 'id', 'parent_id'])
			.where('id', '=', drive.body_jurisdiction_id)
			.executeTakeFirst()
		let outside = false
		if (jurisdiction?.kind === 'state') outside = place.state.id !== jurisdiction.id
		else if (jurisdiction?.kind === 'county') outside = place.county?.id !== jurisdiction.id
		else if (drive.project_county_id) outside = place.county?.id !== drive.project_county_id
		else if (drive.project_state_id) outside = place.state.id !== drive.project_state_id
		return { placeLabel: label, stateId: place.state.id, countyId: place.county?.id ?? null, outside }
	})
}

export type WriteOutcome =
	{ ok: true; commentId: string } | { ok: false; reason: 'closed' | 'too_long' | 'too_short' | 'anonymous' | 'not_found' }

/**
 * Writes a comment (unconfirmed) and queues its confirmation email in the
 * same transaction. A second comment from the same person is kept too; its
 * email says that confirming it replaces the first. The page says the same
 * either way, so it tells nobody whether an address has commented.
 */
export async function writeComment(caller: Caller, drive: Drive, input: CommentInput, standing: Standing): Promise<WriteOutcome> {
	const id = randomUUID()
	const body = drive.sign_on ? drive.template : input.body
	const submitter = input.anonymous
		? 'anonymous'
		: input.organization && drive.required_fields.includes('organization')
			? 'organization'
			: 'individual'
	await ensureJobQueue()
	const result = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			const { rows } = await sql<{ comment_id: string; outcome: 'new' | 'again'; earlier_id: string | null }>`
				select comment_id, outcome, earlier_id from private.write_comment(
					${id}::uuid, ${drive.id}::uuid, ${input.name}, ${input.familyName || null}, ${input.email}, ${input.address || null}, ${input.postalCode || null},
					${standing.placeLabel}, ${standing.stateId}::integer, ${standing.countyId}::integer, ${standing.outside},
					${input.organization || null}, ${submitter}::public.comment_submitter, ${body},
					${drive.sign_on ? 'template' : input.startedFrom}, ${tokenHash(commentToken(id))}, ${NEAR_DUPLICATE_AT}::real
				)`.execute(trx)
			const row = rows[0]
			if (!row) throw new Error('write_comment returned nothing')
			await queueEmails(trx, [
				{
					to: input.email,
					template: 'comment_confirm',
					props: {
						name: input.name,
						driveTitle: drive.title,
						bodyName: drive.body_name ?? drive.regulations_gov_document_id ?? drive.title,
						deadline: new Date(drive.deadline).toISOString(),
						timeZone: drive.timeZone,
						comment: body,
						again: row.outcome === 'again',
						signOn: drive.sign_on,
						...commentLinks(row.comment_id),
					},
					idempotencyKey: `comment-confirm:${row.comment_id}`,
				},
			])
			return row.comment_id
		}),
	)
	if (result.ok) return { ok: true, commentId: result.value }
	const { refusal } = result
	if (refusal.kind === 'not_found') return { ok: false, reason: 'not_found' }
	if (refusal.kind === 'rule') {
		if (refusal.hint === 'comment_drive_closed') return { ok: false, reason: 'closed' }
		if (refusal.hint === 'comment_too_long') return { ok: false, reason: 'too_long' }
		if (refusal.hint === 'comment_too_short') return { ok: false, reason: 'too_short' }
		if (refusal.hint === 'comment_anonymous_refused') return { ok: false, reason: 'anonymous' }
	}
	throw result.error
}

export type ConfirmOutcome = { outcome: 'confirmed' | 'closed' | 'held' | 'removed' | 'withdrawn'; token: string } | null

/** Opens a confirmation link. Null for a link that names no comment. */
export async function confirmComment(caller: Caller, token: string | null): Promise<ConfirmOutcome> {
	if (!validToken(token)) return null
	await ensureJobQueue()
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ comment_id: string; outcome: string }>`
			select comment_id, outcome from private.confirm_comment(${tokenHash(token)})`.execute(trx)
		const row = rows[0]
		if (!row) return null
		const outcome = row.outcome === 'unconfirmed' ? 'confirmed' : row.outcome
		if (outcome !== 'confirmed' && outcome !== 'closed' && outcome !== 'held' && outcome !== 'removed' && outcome !== 'withdrawn') {
			return null
		}
		return { outcome, token }
	})
}

/** What a comment's own link shows its writer: the comment, its drive and each delivery. */
export async function commentByToken(caller: Caller, token: string | null) {
	if (!validToken(token)) return null
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{
			comment_id: string
			drive_slug: string
			name: string
			body: string
			status: 'unconfirmed' | 'confirmed' | 'held' | 'withdrawn' | 'removed'
			confirmed_at: Date | null
			delivery_kind: 'email' | 'email_packet' | 'regulations_gov' | 'hand_off' | 'sign_on_letter' | null
			delivery_status: 'pending' | 'sending' | 'delivered' | 'failed' | null
			receipt: string | null
			delivered_at: Date | null
		}>`select * from private.comment_by_token(${tokenHash(token)})`.execute(trx)
		const first = rows[0]
		if (!first) return null
		return {
			id: first.comment_id,
			driveSlug: first.drive_slug,
			name: first.name,
			body: first.body,
			status: first.status,
			confirmedAt: first.confirmed_at,
			deliveries: rows
				.filter((row) => row.delivery_kind !== null && row.delivery_status !== null)
				.map((row) => ({ kind: row.delivery_kind, status: row.delivery_status, receipt: row.receipt, deliveredAt: row.delivered_at })),
		}
	})
}

export type OwnComment = NonNullable<Awaited<ReturnType<typeof commentByToken>>>

/** "I submitted it" on the body's own form, with the number it gave, if any. */
export async function recordHandOff(caller: Caller, token: string, receipt: string) {
	if (!validToken(token)) return false
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ done: boolean }>`select private.record_hand_off(${tokenHash(token)}, ${receipt}) as done`.execute(trx)
		return rows[0]?.done ?? false
	})
}

/** A report from the link in the copy: that comment is held until someone reviews it. */
export async function reportByToken(caller: Caller, token: string, name: string, details: string) {
	if (!validToken(token)) return false
	await ensureJobQueue()
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ id: string | null }>`
			select private.report_comment_by_token(${tokenHash(token)}, ${name}, ${details}) as id`.execute(trx)
		return Boolean(rows[0]?.id)
	})
}

/**
 * A report from the drive page holds the comments that match the claim: under
 * the reporter's name, in their ZIP code, and not written from their own
 * address (docs/decisions/072). The answer is the same whether any matched.
 */
export async function reportByName(
	caller: Caller,
	driveId: string,
	input: { name: string; email: string; postalCode: string; details: string },
) {
	await ensureJobQueue()
	await asCaller(caller, (trx) =>
		sql`select private.report_comment_by_name(${driveId}::uuid, ${input.name}, ${input.email}, ${input.postalCode}, ${input.details})`.execute(
			trx,
		),
	)
}

/** An organizer's or moderator's decision on a report. False when someone else decided it first. */
export async function reviewReport(caller: AuthenticatedCaller, reportId: string, upheld: boolean, note: string) {
	await ensureJobQueue()
	const result = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			const { rows } = await sql<{ done: boolean }>`
				select private.review_comment_report(${reportId}::uuid, ${upheld}, ${note}) as done`.execute(trx)
			return rows[0]?.done ?? false
		}),
	)
	if (result.ok) return result.value ? 'reviewed' : 'already'
	if (result.refusal.kind === 'not_found') return 'not_found'
	throw result.error
}

export function driveUrl(slug: string) {
	return new URL(`/comments/${slug}`, env().SITE_URL).toString()
}
