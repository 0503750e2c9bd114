import { sql, type Transaction } from 'kysely'
import type { DB } from '#app/db/types'
import { normalizeUsZipCode } from './postal-code'
import { lookupPostalCode } from './postal-codes.server'

export type Place = {
	id: number
	kind: string
	/** As people say it: "Loudoun County, VA"; "Tucson, AZ"; "Virginia". */
	label: string
	latitude: number | null
	longitude: number | null
}

const COUNTY_WORDS = /\s+(county|parish|borough|census area|municipality|city and borough)$/i
const COUNTY_SUFFIXES = ['County', 'Parish', 'Borough', 'Census Area', 'Municipality', 'City and Borough']

/**
 * The places matching what someone typed: a ZIP code (its county), or a
 * county, city or state, optionally followed by a comma and the state
 * ("Loudoun County, VA", "Tucson, Arizona", "Ohio"). Several matches mean
 * the person must choose; none means we did not understand.
 */
export async function findPlaces(trx: Transaction<DB>, typed: string, limit = 8): Promise<Place[]> {
	// Postgres refuses NUL in text: what nobody types is dropped, not an error.
	const text = typed.replaceAll('\u0000', '').trim().replace(/\s+/g, ' ')
	if (!text) return []
	const zip = normalizeUsZipCode(text)
	if (zip) {
		const found = await lookupPostalCode(trx, 'US', zip)
		if (!found) return []
		const place = await placeById(trx, found.county?.id ?? found.state.id)
		return place ? [place] : []
	}
	const [namePart = '', regionPart = ''] = text.split(',').map((part) => part.trim())
	const name = namePart.replace(COUNTY_WORDS, '').replace(/^(city|town) of\s+/i, '')
	if (!name) return []
	let query = placesQuery(trx)
		// "Loudoun", "Loudoun County" and "loudoun county" all find Loudoun County.
		.where(
			sql`lower(j.name)`,
			'in',
			[name, namePart, ...COUNTY_SUFFIXES.map((suffix) => `${name} ${suffix}`)].map((candidate) => candidate.toLowerCase()),
		)
		.where('j.kind', 'in', ['county', 'city', 'state', 'country'])
	if (regionPart) {
		const region = regionPart.toLowerCase()
		query = query.where((eb) =>
			eb.or([
				eb(sql`lower(p1.abbreviation)`, '=', region),
				eb(sql`lower(p1.name)`, '=', region),
				eb(sql`lower(p2.abbreviation)`, '=', region),
				eb(sql`lower(p2.name)`, '=', region),
			]),
		)
	}
	// A county before a city of the same name, then the most specific place.
	const rows = await query
		.orderBy(sql`case j.kind when 'county' then 0 when 'city' then 1 when 'state' then 2 else 3 end`)
		.orderBy('j.name')
		.limit(limit)
		.execute()
	return rows.map(toPlace)
}

export async function placeById(trx: Transaction<DB>, id: number): Promise<Place | null> {
	const row = await placesQuery(trx).where('j.id', '=', id).executeTakeFirst()
	return row ? toPlace(row) : null
}

function placesQuery(trx: Transaction<DB>) {
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

function toPlace(row: {
	id: number
	kind: string
	name: string
	latitude: number | null
	longitude: number | null
	region: string | null
}): Place {
	const name = row.kind === 'county' && !/\b(county|parish|borough|area|city)\b/i.test(row.name) ? `${row.name} County` : row.name
	return {
		id: row.id,
		kind: row.kind,
		label: row.region ? `${name}, ${row.region}` : name,
		latitude: row.latitude,
		longitude: row.longitude,
	}
}

/** Where a ZIP code or typed place is, for "chapters near me". */
export async function locate(trx: Transaction<DB>, typed: string): Promise<{ label: string; latitude: number; longitude: number } | null> {
	const zip = normalizeUsZipCode(typed)
	if (zip) {
		const row = await trx
			.selectFrom('postal_codes as p')
			.innerJoin('jurisdictions as s', 's.id', 'p.state_id')
			.select(['p.place_name', 'p.latitude', 'p.longitude', 's.abbreviation'])
			.where('p.country_code', '=', 'US')
			.where('p.postal_code', '=', zip)
			.executeTakeFirst()
		if (!row || row.latitude === null || row.longitude === null) return null
		return {
			label: `${row.place_name}, ${row.abbreviation ?? ''} ${zip}`.replace(/\s+/g, ' ').trim(),
			latitude: row.latitude,
			longitude: row.longitude,
		}
	}
	const [place] = await findPlaces(trx, typed, 1)
	if (!place || place.latitude === null || place.longitude === null) return null
	return { label: place.label, latitude: place.latitude, longitude: place.longitude }
}
