import { sql, type Transaction } from 'kysely'
import { asCaller, type Caller, type Database } from '#app/db/db.server'
import { containsPattern, exactPattern } from '#app/db/like'
import { insertWithFreeSlug } from '#app/db/slugs.server'
import { slugFrom } from '#app/utils/slug'
import { setChapterContact } from './contact.server'
import type { AuthenticatedCaller } from './members.server'

export type ChapterSummary = {
	id: string
	slug: string
	name: string
	description: string
	visibility: 'public' | 'private'
	memberCount: number
	place: string
	/** Kilometres from the place someone searched near, when they did. */
	distanceKm?: number | null
}

export type ChapterDetail = ChapterSummary & {
	createdAt: Date
	jurisdictionId: number
	organizers: Array<{ id: string; displayName: string }>
}

/** A place as people say it: "Loudoun County, VA"; "Tucson, AZ"; "Ireland". */
function placeLabel(row: { place_name: string; place_kind: string; region: string | null }) {
	return row.region && row.place_kind !== 'state' && row.place_kind !== 'country' ? `${row.place_name}, ${row.region}` : row.place_name
}

function chaptersWithPlace(trx: Transaction<Database>) {
	return trx
		.selectFrom('chapters as c')
		.innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
		.leftJoin('jurisdictions as p1', 'p1.id', 'j.parent_id')
		.leftJoin('jurisdictions as p2', 'p2.id', 'p1.parent_id')
		.select([
			'c.id',
			'c.slug',
			'c.name',
			'c.description',
			'c.visibility',
			'c.member_count',
			'c.created_at',
			'c.jurisdiction_id',
			'j.name as place_name',
			'j.kind as place_kind',
			sql<string | null>`case
				when p1.kind = 'state' then coalesce(p1.abbreviation, p1.name)
				when p2.kind = 'state' then coalesce(p2.abbreviation, p2.name)
				when p1.kind = 'country' then p1.name
				else null end`.as('region'),
		])
}

/** Great-circle distance in kilometres from a point to the chapter's place (haversine). */
function distanceFrom(near: { latitude: number; longitude: number }) {
	return sql<number | null>`case when j.latitude is null then null else 12742 * asin(sqrt(
		power(sin(radians(j.latitude - ${near.latitude}) / 2), 2)
		+ cos(radians(${near.latitude})) * cos(radians(j.latitude)) * power(sin(radians(j.longitude - ${near.longitude}) / 2), 2)
	)) end`
}

export type ChapterListOptions = {
	query?: string
	/** Nearest first, with the distance, from this point. */
	near?: { latitude: number; longitude: number } | null
	/** Only chapters in this state (a jurisdiction id). */
	stateId?: number | null
	limit?: number
}

export async function listChapters(caller: Caller, options: ChapterListOptions = {}) {
	const query = options.query?.trim() ?? ''
	return asCaller(caller, async (trx) => {
		// An archived chapter keeps its page and history but leaves the lists.
		let select = chaptersWithPlace(trx).where('c.archived_at', 'is', null)
		if (query) {
			const pattern = containsPattern(query)
			select = select.where((eb) =>
				eb.or([
					eb('c.name', 'ilike', pattern),
					eb('j.name', 'ilike', pattern),
					eb('p1.name', 'ilike', pattern),
					eb('p2.name', 'ilike', pattern),
					eb('p1.abbreviation', 'ilike', exactPattern(query)),
					eb('p2.abbreviation', 'ilike', exactPattern(query)),
				]),
			)
		}
		const stateId = options.stateId
		if (stateId) {
			select = select.where((eb) => eb.or([eb('j.id', '=', stateId), eb('p1.id', '=', stateId), eb('p2.id', '=', stateId)]))
		}
		const near = options.near
		const rows = near
			? await select
					.select(distanceFrom(near).as('distance_km'))
					.orderBy(sql`distance_km nulls last`)
					.orderBy('c.name')
					.limit(options.limit ?? 100)
					.execute()
			: await select
					.select(sql<number | null>`null::float8`.as('distance_km'))
					.orderBy('c.member_count', 'desc')
					.orderBy('c.name')
					.limit(options.limit ?? 100)
					.execute()
		return rows.map((row) => ({ ...toSummary(row), distanceKm: row.distance_km }))
	})
}

function toSummary(row: {
	id: string
	slug: string
	name: string
	description: string
	visibility: 'public' | 'private'
	member_count: number
	place_name: string
	place_kind: string
	region: string | null
}): ChapterSummary {
	return {
		id: row.id,
		slug: row.slug,
		name: row.name,
		description: row.description,
		visibility: row.visibility,
		memberCount: row.member_count,
		place: placeLabel(row),
	}
}

export async function findChapter(trx: Transaction<Database>, slug: string): Promise<ChapterDetail | null> {
	const row = await chaptersWithPlace(trx).where('c.slug', '=', slug).executeTakeFirst()
	if (!row) return null
	const organizers = await trx
		.selectFrom('memberships as m')
		.innerJoin('profiles as p', 'p.id', 'm.user_id')
		.select(['p.id', 'p.display_name'])
		.where('m.chapter_id', '=', row.id)
		.where('m.role', '=', 'organizer')
		.where('m.status', '=', 'active')
		.orderBy('m.created_at')
		.execute()
	return {
		...toSummary(row),
		createdAt: row.created_at,
		jurisdictionId: row.jurisdiction_id,
		organizers: organizers.map((o) => ({ id: o.id, displayName: o.display_name })),
	}
}

export async function getChapter(caller: Caller, slug: string): Promise<ChapterDetail | null> {
	return asCaller(caller, (trx) => findChapter(trx, slug))
}

/** Where each chapter is, for the map: its place's point and its state's FIPS code. */
export async function listChapterPoints(caller: Caller) {
	return asCaller(caller, async (trx) => {
		const rows = await trx
			.selectFrom('chapters as c')
			.innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
			.leftJoin('jurisdictions as p1', 'p1.id', 'j.parent_id')
			.leftJoin('jurisdictions as p2', 'p2.id', 'p1.parent_id')
			.select([
				'c.slug',
				'c.name',
				'j.latitude',
				'j.longitude',
				sql<number | null>`case when j.kind = 'state' then j.id when p1.kind = 'state' then p1.id when p2.kind = 'state' then p2.id end`.as(
					'state_id',
				),
				sql<
					string | null
				>`case when j.kind = 'state' then j.name when p1.kind = 'state' then p1.name when p2.kind = 'state' then p2.name end`.as(
					'state_name',
				),
				sql<
					string | null
				>`case when j.kind = 'state' then j.fips_code when p1.kind = 'state' then p1.fips_code when p2.kind = 'state' then p2.fips_code end`.as(
					'state_fips',
				),
				sql<
					string | null
				>`case when j.kind = 'state' then j.abbreviation when p1.kind = 'state' then p1.abbreviation when p2.kind = 'state' then p2.abbreviation end`.as(
					'state_abbreviation',
				),
			])
			.where('c.archived_at', 'is', null)
			.orderBy('c.name')
			.execute()
		return rows.map((row) => ({
			slug: row.slug,
			name: row.name,
			latitude: row.latitude,
			longitude: row.longitude,
			state:
				row.state_id !== null && row.state_name !== null && row.state_fips !== null
					? { id: row.state_id, name: row.state_name, fips: row.state_fips, abbreviation: row.state_abbreviation ?? row.state_name }
					: null,
		}))
	})
}

export type ChapterPoint = Awaited<ReturnType<typeof listChapterPoints>>[number]

/** The state a two-letter code or a name stands for, for ?state=VA. */
export async function findState(caller: Caller, code: string) {
	const value = code.trim()
	if (!value || value.length > 60) return null
	return asCaller(caller, (trx) =>
		trx
			.selectFrom('jurisdictions')
			.select(['id', 'name', 'abbreviation'])
			.where('kind', '=', 'state')
			.where('country_code', '=', 'US')
			.where((eb) => eb.or([eb(sql`upper(abbreviation)`, '=', value.toUpperCase()), eb(sql`lower(name)`, '=', value.toLowerCase())]))
			.executeTakeFirst(),
	)
}

/** "Friends of the Watershed!" → "friends-of-the-watershed"; a name with nothing to keep → "chapter". */
export function slugify(name: string) {
	return slugFrom(name) || 'chapter'
}

export type ChapterInput = {
	name: string
	description: string
	visibility: 'public' | 'private'
	jurisdictionId: number
	/** Where replies to the chapter's emails go; '' clears it, undefined leaves it. */
	contactEmail?: string
}

/**
 * Creates a chapter as the signed-in person, who becomes its first
 * organizer (a trigger writes that membership). The address comes from the
 * name, with a number added when another chapter already has it, seen or
 * not (a private chapter is hidden from outsiders).
 */
export async function createChapter(caller: AuthenticatedCaller, input: ChapterInput) {
	const base = slugify(input.name)
	return asCaller(caller, async (trx) => {
		const taken = new Set(
			(
				await trx
					.selectFrom('chapters')
					.select('slug')
					.where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
					.execute()
			).map((row) => row.slug),
		)
		return insertWithFreeSlug(trx, base, taken, async (slug) => {
			await trx
				.insertInto('chapters')
				.values({
					slug,
					name: input.name,
					description: input.description,
					visibility: input.visibility,
					jurisdiction_id: input.jurisdictionId,
					created_by: caller.claims.sub,
				})
				.execute()
			return slug
		})
	})
}

/** Changes what a chapter says about itself; RLS lets only its organizers. */
export async function updateChapter(caller: Caller, chapterId: string, input: ChapterInput) {
	return asCaller(caller, async (trx) => {
		const result = await trx
			.updateTable('chapters')
			.set({ name: input.name, description: input.description, visibility: input.visibility, jurisdiction_id: input.jurisdictionId })
			.where('id', '=', chapterId)
			.executeTakeFirst()
		const updated = Number(result.numUpdatedRows) === 1
		if (updated && input.contactEmail !== undefined) await setChapterContact(trx, chapterId, input.contactEmail)
		return updated
	})
}
