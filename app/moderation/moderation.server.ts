import { sql } from 'kysely'
import { asCaller, type AuthenticatedCaller, type Caller } from '#app/db/db.server'
import type { SignatureStatus } from '#app/db/types'
import { queueEmails } from '#app/email/email.server'
import { signatureStatusCounts } from '#app/petitions/petitions.server'
import { env } from '#app/utils/env.server'

// Moderators work on patterns, not people: they see reports, counts by IP
// address, email domain and postal code, and act in bulk. They never read a
// signer's email address or postal code beside a name (docs/decisions/023).

export async function isModerator(caller: Caller) {
	if (caller.role !== 'authenticated') return false
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ moderator: boolean }>`select private.is_site_moderator() as moderator`.execute(trx)
		return rows[0]?.moderator ?? false
	})
}

/** Files a report; false when the petition is not public (anymore): drafts and removed petitions take no reports. */
export async function reportPetition(
	caller: Caller,
	report: {
		petitionId: string
		reason: 'misleading' | 'offensive' | 'spam' | 'personal_information' | 'other'
		details: string
		email: string
	},
) {
	try {
		await asCaller(caller, (trx) =>
			trx
				.insertInto('petition_reports')
				.values({
					petition_id: report.petitionId,
					reason: report.reason,
					details: report.details,
					reporter_email: report.email || null,
					reporter_id: caller.role === 'authenticated' ? caller.claims.sub : null,
				})
				.execute(),
		)
		return true
	} catch (error) {
		// The insert policy allows reports on public petitions only; an organizer or moderator can still open the page of one that is not.
		if (error instanceof Error && 'code' in error && error.code === '42501') return false
		throw error
	}
}

/** The moderation queue: open reports, oldest first, and petitions with suspected signatures. */
export async function moderationQueue(caller: Caller) {
	return asCaller(caller, async (trx) => {
		const reports = await trx
			.selectFrom('petition_reports as r')
			.innerJoin('petitions as p', 'p.id', 'r.petition_id')
			.select(['r.id', 'r.reason', 'r.details', 'r.reporter_email', 'r.is_appeal', 'r.created_at', 'p.slug', 'p.title', 'p.hidden_at'])
			.where('r.status', '=', 'open')
			.orderBy('r.created_at')
			.limit(100)
			.execute()
		const { rows: petitions } = await sql<{
			slug: string
			title: string
			status: string
			hidden: boolean
			suspected: number
			confirmed: number
		}>`
			select p.slug, p.title, p.status::text as status, p.hidden_at is not null as hidden,
				coalesce((select sum(c.total) from private.signature_status_counts(p.id) c where c.status = 'suspected'), 0)::int as suspected,
				coalesce(n.confirmed, 0) as confirmed
			from public.petitions p
			left join public.petition_counts n on n.petition_id = p.id
			where p.status <> 'draft'
			order by 5 desc, p.published_at desc
			limit 100`.execute(trx)
		return {
			reports: reports.map((r) => ({
				id: r.id,
				reason: r.reason,
				details: r.details,
				reporterEmail: r.reporter_email,
				isAppeal: r.is_appeal,
				createdAt: r.created_at,
				petitionSlug: r.slug,
				petitionTitle: r.title,
				petitionHidden: r.hidden_at !== null,
			})),
			petitions,
		}
	})
}

export async function resolveReport(caller: Caller, userId: string, reportId: string, status: 'dismissed' | 'actioned', note: string) {
	return asCaller(caller, async (trx) => {
		const result = await trx
			.updateTable('petition_reports')
			.set({ status, resolution_note: note, resolved_by: userId, resolved_at: new Date() })
			.where('id', '=', reportId)
			.where('status', '=', 'open')
			.executeTakeFirst()
		return Number(result.numUpdatedRows) === 1
	})
}

export type ClusterKind = 'ip' | 'domain' | 'postal_code'
export type Cluster = { value: string; total: number; confirmed: number; suspected: number; firstAt: Date; lastAt: Date }

export async function signatureClusters(caller: Caller, petitionId: string) {
	return asCaller(caller, async (trx) => {
		const kinds: ClusterKind[] = ['ip', 'domain', 'postal_code']
		const result: Record<ClusterKind, Cluster[]> = { ip: [], domain: [], postal_code: [] }
		for (const kind of kinds) {
			const { rows } = await sql<{ value: string; total: string; confirmed: string; suspected: string; first_at: Date; last_at: Date }>`
				select * from private.signature_clusters(${petitionId}::uuid, ${kind}, 10)`.execute(trx)
			result[kind] = rows.map((row) => ({
				value: row.value,
				total: Number(row.total),
				confirmed: Number(row.confirmed),
				suspected: Number(row.suspected),
				firstAt: row.first_at,
				lastAt: row.last_at,
			}))
		}
		return { clusters: result, statusCounts: await signatureStatusCounts(trx, petitionId) }
	})
}

export type InvalidationFilter = {
	ip: string
	domain: string
	postalCode: string
	from: string
	to: string
	onlySuspected: boolean
}

/** How many signatures match (dryRun) or how many were invalidated. */
export async function invalidateSignatures(caller: Caller, petitionId: string, filter: InvalidationFilter, dryRun: boolean) {
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ count: number }>`
			select private.invalidate_signatures(
				${petitionId}::uuid, ${filter.ip || null}::inet, ${filter.domain || null}, ${filter.postalCode || null},
				${filter.from || null}::timestamptz, ${filter.to || null}::timestamptz, ${filter.onlySuspected}, ${dryRun}) as count`.execute(trx)
		return rows[0]?.count ?? 0
	})
}

export type HoldReason = 'honeypot' | 'too_fast' | 'rate_ip' | 'rate_domain'
export const holdReasons: readonly HoldReason[] = ['honeypot', 'too_fast', 'rate_ip', 'rate_domain']

export function isHoldReason(value: unknown): value is HoldReason {
	return typeof value === 'string' && holdReasons.some((reason) => reason === value)
}

/** Held signatures by why they are held, and how many of their signers opened the emailed link. */
export async function heldSignatures(caller: Caller, petitionId: string) {
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ reason: string; total: string; confirmed: string }>`
			select * from private.suspected_signature_reasons(${petitionId}::uuid)`.execute(trx)
		return rows.flatMap((row) =>
			isHoldReason(row.reason) ? [{ reason: row.reason, total: Number(row.total), confirmed: Number(row.confirmed) }] : [],
		)
	})
}

/**
 * Releases held signatures matching every filter given (none: all of them),
 * whatever held them. Those already confirmed by email count now; the others
 * get their confirmation link. Returns how many were released.
 */
export async function clearSuspected(caller: Caller, petitionId: string, filter: { ip: string; domain: string; reason: HoldReason | '' }) {
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ count: number }>`
			select private.clear_suspected_signatures(${petitionId}::uuid, ${filter.ip || null}::inet, ${filter.domain || null}, ${filter.reason || null}) as count`.execute(
			trx,
		)
		return rows[0]?.count ?? 0
	})
}

/**
 * Takes a petition down (with the reason the organizers are told) or puts it
 * back. Whoever runs it is emailed in the same transaction. False when
 * nothing changed (it was already in that state). A takedown never touches
 * the petition's status, so putting it back leaves it as it was.
 */
export async function setPetitionHidden(
	caller: Caller,
	petition: { id: string; slug: string; title: string },
	hidden: boolean,
	reason: string,
) {
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ result: { changed: boolean; emails: string[] } }>`
			select private.set_petition_hidden(${petition.id}::uuid, ${hidden}, ${reason}) as result`.execute(trx)
		const result = rows[0]?.result
		if (!result?.changed) return false
		const dashboardUrl = new URL(`/petitions/${petition.slug}/manage`, env().SITE_URL).toString()
		const kind = hidden ? 'taken_down' : 'put_back'
		const stamp = Date.now()
		await queueEmails(
			trx,
			result.emails.map((email) => ({
				to: email,
				template: 'petition_takedown' as const,
				props: { kind, petitionTitle: petition.title, reason: hidden ? reason.trim() : '', dashboardUrl },
				idempotencyKey: `petition-takedown:${petition.id}:${kind}:${stamp}:${email}`,
			})),
		)
		return true
	})
}

/** The organizers ask the moderators to look again at their taken-down petition; it joins the reports queue. */
export async function appealTakedown(caller: AuthenticatedCaller, petitionId: string, details: string) {
	try {
		await asCaller(caller, (trx) =>
			trx
				.insertInto('petition_reports')
				.values({ petition_id: petitionId, reason: 'other', details, is_appeal: true, reporter_id: caller.claims.sub })
				.execute(),
		)
		return true
	} catch (error) {
		// Only whoever runs a taken-down petition may appeal (the insert policy).
		if (error instanceof Error && 'code' in error && error.code === '42501') return false
		throw error
	}
}

/** The organizers' open appeal of a takedown, if they sent one. */
export async function openAppeal(caller: Caller, petitionId: string) {
	if (caller.role !== 'authenticated') return null
	return asCaller(caller, async (trx) => {
		const row = await trx
			.selectFrom('petition_reports')
			.select(['created_at'])
			.where('petition_id', '=', petitionId)
			.where('is_appeal', '=', true)
			.where('status', '=', 'open')
			.orderBy('created_at', 'desc')
			.executeTakeFirst()
		return row ? { sentAt: row.created_at } : null
	})
}

export type HeldSignature = {
	id: string
	createdAt: Date
	reason: HoldReason | null
	confirmed: boolean
	ip: string | null
	emailDomain: string
	place: string
}

/** Held signatures one by one, oldest first: when, why, network, domain and town; never who. */
export async function heldSignatureList(caller: Caller, petitionId: string): Promise<HeldSignature[]> {
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{
			id: string
			created_at: Date
			suspect_reason: string | null
			confirmed: boolean
			ip: string | null
			email_domain: string
			place_label: string
		}>`select * from private.held_signature_list(${petitionId}::uuid, 100)`.execute(trx)
		return rows.map((row) => ({
			id: String(row.id),
			createdAt: row.created_at,
			reason: isHoldReason(row.suspect_reason) ? row.suspect_reason : null,
			confirmed: row.confirmed,
			ip: row.ip,
			emailDomain: row.email_domain,
			place: row.place_label,
		}))
	})
}

/** One signature as a moderator may see it (docs/decisions/023), or null when the petition has none with that id. */
export async function moderatedSignature(caller: Caller, petitionId: string, signatureId: string) {
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{
			id: string
			status: SignatureStatus
			suspect_reason: string | null
			created_at: Date
			processed_at: Date | null
			confirmation_sent_at: Date | null
			emails_sent: number
			confirmed_at: Date | null
			invalidated_at: Date | null
			rate_limit_exempt: boolean
			ip: string | null
			email_domain: string
			place_label: string
			country_code: string
			same_ip: string
			same_domain: string
		}>`select * from private.moderated_signature(${petitionId}::uuid, ${signatureId}::bigint)`.execute(trx)
		const row = rows[0]
		if (!row) return null
		return {
			id: String(row.id),
			status: row.status,
			reason: isHoldReason(row.suspect_reason) ? row.suspect_reason : null,
			createdAt: row.created_at,
			processedAt: row.processed_at,
			emailedAt: row.confirmation_sent_at,
			emailsSent: row.emails_sent,
			confirmedAt: row.confirmed_at,
			removedAt: row.invalidated_at,
			exempt: row.rate_limit_exempt,
			ip: row.ip,
			sameIp: Number(row.same_ip),
			emailDomain: row.email_domain,
			sameDomain: Number(row.same_domain),
			place: row.place_label || row.country_code,
		}
	})
}

/** Releases a held signature or removes one; false when it was no longer in a state that allows it. */
export async function moderateSignature(caller: Caller, petitionId: string, signatureId: string, release: boolean) {
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ changed: boolean }>`
			select private.moderate_signature(${petitionId}::uuid, ${signatureId}::bigint, ${release}) as changed`.execute(trx)
		return rows[0]?.changed ?? false
	})
}

/** The IANA time zone the moderator set on their account (America/New_York unless they changed it). */
export async function moderatorTimeZone(caller: AuthenticatedCaller) {
	return asCaller(caller, async (trx) => {
		const row = await trx.selectFrom('profile_settings').select('time_zone').where('user_id', '=', caller.claims.sub).executeTakeFirst()
		return validTimeZone(row?.time_zone) ?? DEFAULT_TIME_ZONE
	})
}

export const DEFAULT_TIME_ZONE = 'America/New_York'

function validTimeZone(zone: string | undefined) {
	if (!zone) return null
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone })
		return zone
	} catch {
		return null
	}
}
