import { sql } from 'kysely'
import { asCaller, type Caller } from '#app/db/db.server'
import { signatureStatusCounts } from '#app/petitions/petitions.server'

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
			.select(['r.id', 'r.reason', 'r.details', 'r.reporter_email', 'r.created_at', 'p.slug', 'p.title', 'p.hidden_at'])
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

export async function setPetitionHidden(caller: Caller, petitionId: string, hidden: boolean, reason: string) {
	await asCaller(caller, (trx) => sql`select private.set_petition_hidden(${petitionId}::uuid, ${hidden}, ${reason})`.execute(trx))
}
