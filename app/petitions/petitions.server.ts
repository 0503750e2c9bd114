import { sql, type Transaction } from 'kysely'
import type { Root } from 'mdast'
import { asCaller, type Caller, type Database } from '#app/db/db.server'
import { containsPattern } from '#app/db/like'
import { unlessRefused } from '#app/db/refusals.server'
import { insertWithFreeSlug } from '#app/db/slugs.server'
import type { PetitionStatus, SignatureStatus } from '#app/db/types'
import { dateTimeFormat, displayNames } from '#app/i18n/i18n'
import { ensureJobQueue } from '#app/jobs/queue.server'
import { markdownTree } from '#app/markdown/markdown.server'
import { publicFileUrl } from '#app/storage/uploads.server'
import { slugFrom } from '#app/utils/slug'
import type { PetitionInput } from './schemas'

export type { PetitionStatus }

/** The milestones that email organizers: a quarter, half, three quarters and all of the goal, plus their own. */
export function milestoneThresholds(goal: number, custom: readonly number[]) {
	const fractions = [0.25, 0.5, 0.75, 1].map((fraction) => Math.max(1, Math.round(goal * fraction)))
	return [...new Set([...fractions, ...custom])].sort((a, b) => a - b)
}

/** Open for signing: published, and the deadline (if any) not yet passed. */
export function isOpen(petition: { status: PetitionStatus; deadline: Date | string | null }, now = new Date()) {
	return petition.status === 'published' && (petition.deadline === null || new Date(petition.deadline) > now)
}

function petitionColumns(trx: Transaction<Database>) {
	return trx
		.selectFrom('petitions as p')
		.leftJoin('chapters as c', 'c.id', 'p.chapter_id')
		.leftJoin('petition_counts as n', 'n.petition_id', 'p.id')
		.select([
			'p.id',
			'p.slug',
			'p.title',
			'p.decision_maker',
			'p.summary',
			'p.body',
			'p.signature_goal',
			'p.custom_milestones',
			'p.deadline',
			'p.chapter_id',
			'p.cover_path',
			'p.cover_alt',
			'p.status',
			'p.published_at',
			'p.closed_at',
			sql<string | null>`p.delivered_on::text`.as('delivered_on'),
			'p.delivery_method',
			'p.decision_maker_response',
			sql<string | null>`p.responded_on::text`.as('responded_on'),
			'p.hidden_at',
			'p.hidden_reason',
			'p.created_at',
			'p.updated_at',
			'c.slug as chapter_slug',
			'c.name as chapter_name',
			sql<number>`coalesce(n.confirmed, 0)`.as('confirmed'),
			'n.updated_at as counted_at',
			sql<boolean>`private.is_petition_organizer(p.id)`.as('can_manage'),
		])
}

type PetitionRow = Awaited<ReturnType<ReturnType<typeof petitionColumns>['executeTakeFirstOrThrow']>>

function toPetition(row: PetitionRow) {
	return {
		id: row.id,
		slug: row.slug,
		title: row.title,
		decisionMaker: row.decision_maker,
		summary: row.summary,
		body: row.body,
		signatureGoal: row.signature_goal,
		customMilestones: row.custom_milestones,
		deadline: row.deadline,
		chapter:
			row.chapter_id && row.chapter_slug && row.chapter_name
				? { id: row.chapter_id, slug: row.chapter_slug, name: row.chapter_name }
				: null,
		coverPath: row.cover_path,
		coverUrl: publicFileUrl('petition-covers', row.cover_path),
		coverAlt: row.cover_alt,
		status: row.status,
		publishedAt: row.published_at,
		closedAt: row.closed_at,
		deliveredOn: row.delivered_on,
		deliveryMethod: row.delivery_method,
		response: row.decision_maker_response,
		respondedOn: row.responded_on,
		hidden: row.hidden_at !== null,
		hiddenAt: row.hidden_at,
		hiddenReason: row.hidden_reason,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		count: Number(row.confirmed),
		countedAt: row.counted_at,
		canManage: row.can_manage,
		open: isOpen(row),
	}
}

export type Petition = ReturnType<typeof toPetition>

export async function getPetition(caller: Caller, slug: string): Promise<Petition | null> {
	return asCaller(caller, async (trx) => {
		const row = await petitionColumns(trx).where('p.slug', '=', slug).executeTakeFirst()
		return row ? toPetition(row) : null
	})
}

/** Whether a moderator removed the petition at this address (it answers 410 Gone). */
export async function isHidden(caller: Caller, slug: string) {
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ hidden: boolean }>`select private.petition_is_hidden(${slug}) as hidden`.execute(trx)
		return rows[0]?.hidden ?? false
	})
}

export type PlaceCount = { kind: 'state' | 'county' | 'country'; code: string; name: string; region: string | null; count: number }

/** Confirmed signatures by state, county and (outside the US) country, largest first. */
export async function placeCounts(trx: Transaction<Database>, petitionId: string) {
	const rows = await trx
		.selectFrom('petition_place_counts as pc')
		.leftJoin('jurisdictions as s', 's.id', 'pc.state_id')
		.leftJoin('jurisdictions as c', 'c.id', 'pc.county_id')
		.select([
			'pc.country_code',
			'pc.confirmed',
			's.name as state_name',
			's.fips_code as state_fips',
			's.abbreviation as state_abbreviation',
			'c.name as county_name',
			'c.fips_code as county_fips',
		])
		.where('pc.petition_id', '=', petitionId)
		.where('pc.confirmed', '>', 0)
		.execute()
	return tallyPlaces(rows)
}

type PlaceRow = {
	country_code: string
	confirmed: number
	state_name: string | null
	state_fips: string | null
	state_abbreviation: string | null
	county_name: string | null
	county_fips: string | null
}

/** The place rows summed by state, county and country, largest first. */
function tallyPlaces(rows: readonly PlaceRow[]) {
	const states = new Map<string, PlaceCount>()
	const counties: PlaceCount[] = []
	const countries = new Map<string, PlaceCount>()
	const regionNames = displayNames(['en'], { type: 'region' })
	for (const row of rows) {
		if (row.country_code === 'US' && row.state_fips && row.state_name) {
			const state = states.get(row.state_fips) ?? { kind: 'state', code: row.state_fips, name: row.state_name, region: null, count: 0 }
			state.count += row.confirmed
			states.set(row.state_fips, state)
			if (row.county_fips && row.county_name) {
				counties.push({
					kind: 'county',
					code: row.county_fips,
					name: row.county_name,
					region: row.state_abbreviation,
					count: row.confirmed,
				})
			}
		}
		const country = countries.get(row.country_code) ?? {
			kind: 'country',
			code: row.country_code,
			name: regionNames.of(row.country_code) ?? row.country_code,
			region: null,
			count: 0,
		}
		country.count += row.confirmed
		countries.set(row.country_code, country)
	}
	const byCount = (a: PlaceCount, b: PlaceCount) => b.count - a.count || a.name.localeCompare(b.name)
	return {
		states: [...states.values()].sort(byCount),
		counties: counties.sort(byCount),
		countries: [...countries.values()].sort(byCount),
	}
}

export type PlaceCounts = Awaited<ReturnType<typeof placeCounts>>

/** Confirmed signatures per hour, oldest first. */
export async function hourlyCounts(trx: Transaction<Database>, petitionId: string) {
	const rows = await trx
		.selectFrom('petition_count_hours')
		.select(['hour', 'confirmed'])
		.where('petition_id', '=', petitionId)
		.orderBy('hour')
		.execute()
	return rows.map((row) => ({ at: new Date(row.hour), count: row.confirmed }))
}

/** Everything the public petition page shows. */
export async function getPetitionPage(caller: Caller, slug: string) {
	// One query as the caller (RLS applies to each part as it
	// did to each of the six queries it replaces), the lists as JSON beside the
	// petition's row: four round trips (begin, the caller, this, commit) instead of
	// twelve in two transactions.
	return asCaller(caller, async (trx) => {
		const row = await petitionColumns(trx)
			.select([
				sql<Array<{ threshold: number; reached_at: string }>>`(
					select coalesce(jsonb_agg(jsonb_build_object('threshold', m.threshold, 'reached_at', m.reached_at) order by m.threshold), '[]')
					from public.petition_milestones m where m.petition_id = p.id)`.as('milestones'),
				sql<Array<{ id: string; title: string; body: string; created_at: string }>>`(
					select coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'title', u.title, 'body', u.body, 'created_at', u.created_at) order by u.created_at desc), '[]')
					from (select id, title, body, created_at from public.petition_updates where petition_id = p.id order by created_at desc limit 20) u)`.as(
					'updates',
				),
				sql<Array<{ name: string; place: string; signed_at: string }>>`(
					select coalesce(jsonb_agg(jsonb_build_object('name', s.name, 'place', s.place, 'signed_at', s.signed_at) order by s.n), '[]')
					from private.petition_recent_signers(p.id, 10) with ordinality as s(name, place, signed_at, n))`.as('signers'),
				sql<PlaceRow[]>`(
					select coalesce(jsonb_agg(jsonb_build_object('country_code', pc.country_code, 'confirmed', pc.confirmed,
						'state_name', s.name, 'state_fips', s.fips_code, 'state_abbreviation', s.abbreviation,
						'county_name', c.name, 'county_fips', c.fips_code)), '[]')
					from public.petition_place_counts pc
					left join public.jurisdictions s on s.id = pc.state_id
					left join public.jurisdictions c on c.id = pc.county_id
					where pc.petition_id = p.id and pc.confirmed > 0)`.as('places'),
				caller.role === 'authenticated'
					? sql<SignatureStatus | null>`(select status from public.signatures where petition_id = p.id and user_id = ${caller.claims.sub})`.as(
							'mine',
						)
					: sql<SignatureStatus | null>`null::public.signature_status`.as('mine'),
				// Which project the petition is about (projectLinkOf's answer), if the caller may see the project.
				sql<{ slug: string; name: string; proceeding: { slug: string; title: string } | null } | null>`(
					select jsonb_build_object('slug', pj.slug, 'name', pj.name, 'proceeding',
						(select jsonb_build_object('slug', pr.slug, 'title', pr.title) from public.proceedings pr where pr.id = p.proceeding_id))
					from public.projects pj where pj.id = p.project_id)`.as('about'),
			])
			.where('p.slug', '=', slug)
			.executeTakeFirst()
		if (!row) return null
		const petition = toPetition(row)
		const { milestones, updates, signers } = row
		return {
			petition: { ...petition, body: markdownTree(petition.body) satisfies Root },
			milestones: milestones.map((m) => ({ threshold: m.threshold, reachedAt: new Date(m.reached_at) })),
			updates: updates.map((u) => ({ id: u.id, title: u.title, body: markdownTree(u.body), createdAt: new Date(u.created_at) })),
			recentSigners: signers.map((s) => ({ name: s.name, place: s.place, signedAt: new Date(s.signed_at) })),
			places: tallyPlaces(row.places),
			mySignature: row.mine ?? null,
			about: row.about,
			// Changes whenever anything the public page shows changes: the ETag and image URLs use it.
			version: [new Date(petition.updatedAt).getTime(), petition.count, milestones.length, updates.length].join('-'),
		}
	})
}

/** What the signed-in member would sign with, for the one-click form. */
export async function memberSigningDetails(caller: Caller, userId: string) {
	return asCaller(caller, async (trx) => {
		const row = await trx
			.selectFrom('profiles as p')
			.leftJoin('profile_settings as s', 's.user_id', 'p.id')
			.leftJoin('postal_codes as z', (join) => join.on('z.country_code', '=', 'US').onRef('z.postal_code', '=', 's.postal_code'))
			.leftJoin('jurisdictions as st', 'st.id', 'z.state_id')
			.select(['p.display_name', 's.postal_code', 'z.place_name', 'st.abbreviation'])
			.where('p.id', '=', userId)
			.executeTakeFirst()
		return {
			name: row?.display_name ?? '',
			postalCode: row?.postal_code ?? '',
			place: row?.place_name ? `${row.place_name}${row.abbreviation ? `, ${row.abbreviation}` : ''}` : null,
		}
	})
}

export type PetitionListItem = {
	slug: string
	title: string
	decisionMaker: string
	summary: string
	status: PetitionStatus
	count: number
	goal: number
	deadline: Date | null
	chapterName: string | null
	open: boolean
}

/** The columns every list of petitions shows, with the confirmed count; callers add the filter and the order. */
function petitionListQuery(trx: Transaction<Database>) {
	return trx
		.selectFrom('petitions as p')
		.leftJoin('chapters as c', 'c.id', 'p.chapter_id')
		.leftJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
		.leftJoin('petition_counts as n', 'n.petition_id', 'p.id')
		.select(['p.slug', 'p.title', 'p.decision_maker', 'p.summary', 'p.status', 'p.signature_goal', 'p.deadline', 'c.name as chapter_name'])
		.select(sql<number>`coalesce(n.confirmed, 0)`.as('confirmed'))
}

type PetitionListRow = Awaited<ReturnType<ReturnType<typeof petitionListQuery>['execute']>>[number]

function petitionListItem(row: PetitionListRow): PetitionListItem {
	return {
		slug: row.slug,
		title: row.title,
		decisionMaker: row.decision_maker,
		summary: row.summary,
		status: row.status,
		count: Number(row.confirmed),
		goal: row.signature_goal,
		deadline: row.deadline,
		chapterName: row.chapter_name,
		open: isOpen(row),
	}
}

/**
 * Published petitions, newest first. A query matches the title, the decision
 * maker, the chapter or its place by words; `jurisdictionIds` (an `Area` the
 * query named) adds every petition whose chapter sits in that place.
 * `openOnly` keeps those still taking signatures.
 */
export async function listPetitions(
	caller: Caller,
	options: { query?: string; jurisdictionIds?: number[]; openOnly?: boolean; limit?: number } = {},
) {
	const query = options.query?.trim() ?? ''
	const inPlace = options.jurisdictionIds ?? []
	return asCaller(caller, async (trx) => {
		let select = petitionListQuery(trx).where('p.status', '<>', 'draft').where('p.hidden_at', 'is', null)
		if (options.openOnly) {
			select = select
				.where('p.status', '=', 'published')
				.where((eb) => eb.or([eb('p.deadline', 'is', null), eb('p.deadline', '>', sql<Date>`now()`)]))
		}
		if (query || inPlace.length) {
			const pattern = containsPattern(query)
			select = select.where((eb) =>
				eb.or([
					...(query
						? [
								eb('p.title', 'ilike', pattern),
								eb('p.decision_maker', 'ilike', pattern),
								eb('c.name', 'ilike', pattern),
								eb('j.name', 'ilike', pattern),
							]
						: []),
					...(inPlace.length ? [eb('c.jurisdiction_id', 'in', inPlace)] : []),
				]),
			)
		}
		const rows = await select
			.orderBy(sql`p.status = 'published'`, 'desc')
			.orderBy('p.published_at', 'desc')
			.limit(options.limit ?? 50)
			.execute()
		return rows.map(petitionListItem)
	})
}

/** The petitions the person runs (as creator or chapter organizer), drafts included. */
export async function listManagedPetitions(caller: Caller) {
	return asCaller(caller, async (trx) => {
		const rows = await petitionListQuery(trx)
			.where(sql<boolean>`private.is_petition_organizer(p.id)`)
			.orderBy('p.updated_at', 'desc')
			.execute()
		return rows.map(petitionListItem)
	})
}

/** Chapters the person organizes: where they may start a petition. */
export async function organizedChapters(caller: Caller, userId: string) {
	return asCaller(caller, (trx) =>
		trx
			.selectFrom('memberships as m')
			.innerJoin('chapters as c', 'c.id', 'm.chapter_id')
			.select(['c.id', 'c.name', 'c.slug'])
			.where('m.user_id', '=', userId)
			.where('m.role', '=', 'organizer')
			.where('m.status', '=', 'active')
			.orderBy('c.name')
			.execute(),
	)
}

const RESERVED_SLUGS = new Set(['new', 'mine'])

/** The chapters' rule, but never a word the petition pages use (/petitions/new, /petitions/mine). */
export function slugify(title: string) {
	const base = slugFrom(title)
	return base && !RESERVED_SLUGS.has(base) ? base : `petition-${base || 'new'}`.replace(/-+$/g, '')
}

/** The end of the chosen day in the chapter's usual time zone: "closes 5 December" means all of 5 December. */
export function deadlineFromDate(date: string, timeZone = 'America/New_York') {
	if (!date) return null
	const noonUtc = new Date(`${date}T12:00:00Z`)
	const offsetMinutes = zoneOffsetMinutes(noonUtc, timeZone)
	return new Date(new Date(`${date}T23:59:59Z`).getTime() - offsetMinutes * 60_000)
}

function zoneOffsetMinutes(at: Date, timeZone: string) {
	const parts = dateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
	}).formatToParts(at)
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value)
	const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'))
	return Math.round((local - at.getTime()) / 60_000)
}

/** The deadline as the date an organizer typed, for the edit form. */
export function deadlineToDate(deadline: Date | string | null, timeZone = 'America/New_York') {
	if (!deadline) return ''
	return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(deadline))
}

function petitionValues(input: PetitionInput) {
	return {
		title: input.title,
		decision_maker: input.decisionMaker,
		summary: input.summary,
		body: input.body,
		signature_goal: input.signatureGoal,
		custom_milestones: input.customMilestones,
		deadline: deadlineFromDate(input.deadline),
		chapter_id: input.chapterId || null,
		cover_alt: input.coverAlt,
	}
}

/** A new draft; the slug comes from the title, with a number added when taken, seen or not (other people's drafts are hidden). */
export async function createPetition(caller: Caller, userId: string, input: PetitionInput) {
	const base = slugify(input.title)
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ slug: string }>`
			select slug from public.petitions where slug = ${base} or slug like ${`${base}-%`}`.execute(trx)
		const taken = new Set(rows.map((row) => row.slug))
		return insertWithFreeSlug(trx, base, taken, (slug) =>
			trx
				.insertInto('petitions')
				.values({ ...petitionValues(input), slug, created_by: userId })
				.returning(['id', 'slug'])
				.executeTakeFirstOrThrow(),
		)
	})
}

/**
 * Whether a write to a petition went through: false when no row changed or
 * the database refused it (RLS, a constraint, a `petition_…` rule of the
 * lifecycle trigger), which the page explains. Anything else, a job queue
 * that will not take the emails included, is thrown on.
 */
async function petitionChanged(work: () => Promise<boolean>) {
	const result = await unlessRefused(work)
	if (result.ok) return result.value
	const { kind, hint } = result.refusal
	if (kind === 'rule' && !hint?.startsWith('petition_')) throw result.error
	return false
}

/** Saves the details; false when the editor may no longer edit it or move it to that chapter. */
export async function updatePetition(caller: Caller, petitionId: string, input: PetitionInput) {
	return petitionChanged(() =>
		asCaller(caller, async (trx) => {
			const result = await trx.updateTable('petitions').set(petitionValues(input)).where('id', '=', petitionId).executeTakeFirst()
			return Number(result.numUpdatedRows) === 1
		}),
	)
}

export async function setCoverPath(caller: Caller, petitionId: string, coverPath: string | null) {
	await asCaller(caller, (trx) => trx.updateTable('petitions').set({ cover_path: coverPath }).where('id', '=', petitionId).execute())
}

/** Moves a petition along its lifecycle; the database refuses moves that skip a step backwards. */
export async function setStatus(caller: Caller, petitionId: string, status: 'published' | 'closed') {
	return petitionChanged(() =>
		asCaller(caller, async (trx) => {
			const result = await trx.updateTable('petitions').set({ status }).where('id', '=', petitionId).executeTakeFirst()
			return Number(result.numUpdatedRows) === 1
		}),
	)
}

export async function recordDelivery(
	caller: Caller,
	petitionId: string,
	delivery: { deliveredOn: string; deliveryMethod: string; response: string; respondedOn: string },
) {
	return petitionChanged(() =>
		asCaller(caller, async (trx) => {
			const result = await trx
				.updateTable('petitions')
				.set({
					status: 'delivered',
					delivered_on: sql<Date>`${delivery.deliveredOn}::date`,
					delivery_method: delivery.deliveryMethod,
					decision_maker_response: delivery.response,
					responded_on: delivery.respondedOn ? sql<Date>`${delivery.respondedOn}::date` : null,
				})
				.where('id', '=', petitionId)
				.executeTakeFirst()
			return Number(result.numUpdatedRows) === 1
		}),
	)
}

export async function deleteDraft(caller: Caller, petitionId: string) {
	return asCaller(caller, async (trx) => {
		const result = await trx.deleteFrom('petitions').where('id', '=', petitionId).where('status', '=', 'draft').executeTakeFirst()
		return Number(result.numDeletedRows) === 1
	})
}

/** Signatures by status, every status present (0 when none), as organizers and moderators both see them. */
export async function signatureStatusCounts(trx: Transaction<Database>, petitionId: string) {
	const { rows } = await sql<{ status: SignatureStatus; total: string }>`
		select * from private.signature_status_counts(${petitionId}::uuid)`.execute(trx)
	const counts: Record<SignatureStatus, number> = { pending: 0, confirmed: 0, suspected: 0, invalidated: 0 }
	for (const row of rows) counts[row.status] = Number(row.total)
	return counts
}

/** The organizer dashboard: counts by status, confirmed and pending by day, places, updates, audit log. */
export async function getDashboard(caller: Caller, petitionId: string) {
	return asCaller(caller, async (trx) => {
		const [byStatus, byDay, places, updates, audit] = await Promise.all([
			signatureStatusCounts(trx, petitionId),
			sql<{ day: string; confirmed: string; pending: string }>`
				select to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD') as day,
					count(*) filter (where status = 'confirmed') as confirmed,
					count(*) filter (where status = 'pending') as pending
				from public.signatures
				where petition_id = ${petitionId}::uuid
				group by 1 order by 1`.execute(trx),
			placeCounts(trx, petitionId),
			trx
				.selectFrom('petition_updates')
				.select(['id', 'title', 'created_at', 'emailed_at', 'recipients'])
				.where('petition_id', '=', petitionId)
				.orderBy('created_at', 'desc')
				.execute(),
			trx
				.selectFrom('petition_audit_log as a')
				.leftJoin('profiles as p', 'p.id', 'a.actor_id')
				.select(['a.action', 'a.details', 'a.created_at', 'p.display_name'])
				.where('a.petition_id', '=', petitionId)
				.orderBy('a.created_at', 'desc')
				.limit(20)
				.execute(),
		])
		return {
			statusCounts: byStatus,
			byDay: byDay.rows.map((row) => ({ day: row.day, confirmed: Number(row.confirmed), pending: Number(row.pending) })),
			places,
			updates: updates.map((u) => ({
				id: u.id,
				title: u.title,
				createdAt: u.created_at,
				emailedAt: u.emailed_at,
				recipients: u.recipients,
			})),
			audit: audit.map((a) => ({ action: a.action, details: a.details, at: a.created_at, actor: a.display_name ?? '' })),
		}
	})
}

/**
 * Posts an update as whoever runs the petition (RLS checks). The database
 * queues the job that emails it to signers who asked for updates, in the
 * same transaction (private.queue_petition_update_email).
 */
export async function postUpdate(caller: Caller, petitionId: string, userId: string, update: { title: string; body: string }) {
	await ensureJobQueue()
	return asCaller(caller, (trx) =>
		trx
			.insertInto('petition_updates')
			.values({ petition_id: petitionId, title: update.title, body: update.body, created_by: userId })
			.returning(['id'])
			.executeTakeFirstOrThrow(),
	)
}
