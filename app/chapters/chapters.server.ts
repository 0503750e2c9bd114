import { type Transaction, sql } from 'kysely'
import { type Caller, type Database, asCaller } from '#app/db/db.server'

export type ChapterSummary = {
	id: string
	slug: string
	name: string
	description: string
	visibility: 'public' | 'private'
	memberCount: number
	place: string
}

export type ChapterDetail = ChapterSummary & {
	createdAt: Date
	organizers: Array<{ id: string; displayName: string }>
}

/** A place as people say it: "Loudoun County, VA"; "Tucson, AZ"; "Ireland". */
function placeLabel(row: { place_name: string; place_kind: string; region: string | null }) {
	return row.region && row.place_kind !== 'state' && row.place_kind !== 'country'
		? `${row.place_name}, ${row.region}`
		: row.place_name
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
			'j.name as place_name',
			'j.kind as place_kind',
			sql<string | null>`case
				when p1.kind = 'state' then coalesce(p1.abbreviation, p1.name)
				when p2.kind = 'state' then coalesce(p2.abbreviation, p2.name)
				when p1.kind = 'country' then p1.name
				else null end`.as('region'),
		])
}

function escapeLike(text: string) {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

export async function listChapters(caller: Caller, options: { query?: string; limit?: number } = {}) {
	const query = options.query?.trim() ?? ''
	return asCaller(caller, async (trx) => {
		let select = chaptersWithPlace(trx)
		if (query) {
			const pattern = `%${escapeLike(query)}%`
			select = select.where((eb) =>
				eb.or([
					eb('c.name', 'ilike', pattern),
					eb('j.name', 'ilike', pattern),
					eb('p1.name', 'ilike', pattern),
					eb('p2.name', 'ilike', pattern),
					eb('p1.abbreviation', 'ilike', escapeLike(query)),
					eb('p2.abbreviation', 'ilike', escapeLike(query)),
				]),
			)
		}
		const rows = await select
			.orderBy('c.member_count', 'desc')
			.orderBy('c.name')
			.limit(options.limit ?? 100)
			.execute()
		return rows.map(toSummary)
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

export async function getChapter(caller: Caller, slug: string): Promise<ChapterDetail | null> {
	return asCaller(caller, async (trx) => {
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
			organizers: organizers.map((o) => ({ id: o.id, displayName: o.display_name })),
		}
	})
}
