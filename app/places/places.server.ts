import { sql, type Transaction } from 'kysely'
import type { DB } from '#app/db/types'

// Jurisdictions as people name them. Finding one from typed text is
// `searchPlaces` (search.server.ts).

export type Place = {
	id: number
	kind: string
	/** As people say it: "Loudoun County, VA"; "Tucson, AZ"; "Virginia". */
	label: string
	latitude: number | null
	longitude: number | null
}

export async function placeById(trx: Transaction<DB>, id: number): Promise<Place | null> {
	const row = await placesQuery(trx).where('j.id', '=', id).executeTakeFirst()
	return row ? toPlace(row) : null
}

/** Jurisdictions with the state (or non-US country) they lie in, for `placeLabel`. */
export function placesQuery(trx: Transaction<DB>) {
	return trx
		.selectFrom('jurisdictions as j')
		.leftJoin('jurisdictions as p1', 'p1.id', 'j.parent_id')
		.leftJoin('jurisdictions as p2', 'p2.id', 'p1.parent_id')
		.select([
			'j.id',
			'j.kind',
			'j.name',
			'j.latitude',
			'j.longitude',
			sql<string | null>`case
				when p1.kind = 'state' then coalesce(p1.abbreviation, p1.name)
				when p2.kind = 'state' then coalesce(p2.abbreviation, p2.name)
				when p1.kind = 'country' and p1.country_code <> 'US' then p1.name
				else null end`.as('region'),
		])
}

/** "Loudoun County, VA", "Tucson, AZ", "Virginia"; without a region, "Loudoun County". */
export function placeLabel(row: { kind: string; name: string; region: string | null }) {
	const name = row.kind === 'county' && !/\b(county|parish|borough|area|city)\b/i.test(row.name) ? `${row.name} County` : row.name
	return row.region ? `${name}, ${row.region}` : name
}

function toPlace(row: {
	id: number
	kind: string
	name: string
	latitude: number | null
	longitude: number | null
	region: string | null
}): Place {
	return { id: row.id, kind: row.kind, label: placeLabel(row), latitude: row.latitude, longitude: row.longitude }
}
