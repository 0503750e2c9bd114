import { sql, type Transaction } from 'kysely'
import { asCaller, type Caller } from '#app/db/db.server'
import type { DB } from '#app/db/types'
import { findPlaces } from './places.server'
import { normalizeUsZipCode } from './postal-code'
import { lookupPostalCode } from './postal-codes.server'

/**
 * A place someone typed to find what is happening there, as the set of
 * jurisdictions a chapter or project may sit in: the place itself and every
 * place inside it ("VA" is Virginia and its counties and cities).
 */
export type Area = {
	/** As people say it: "Ashburn, VA (Loudoun County)", "20147 (Loudoun County, VA)", "Virginia". */
	label: string
	jurisdictionIds: number[]
}

const COUNTY_WORDS = /\b(county|parish|borough|census area|municipality)\b/i

/**
 * What the typed text names, in the order a resident means it (decision 067):
 * a ZIP code is its county; a state's name or postal abbreviation is the
 * state; "Town, ST" (or a town used in one state only) is the county or
 * counties its ZIP codes lie in, since the post office names towns that are
 * not jurisdictions (Ashburn, VA); otherwise a county, city or state by name.
 */
export async function findArea(trx: Transaction<DB>, typed: string): Promise<Area | null> {
	const text = typed.replaceAll('\u0000', '').trim().replace(/\s+/g, ' ').slice(0, 100)
	if (!text) return null
	const zip = normalizeUsZipCode(text)
	if (zip) {
		const found = await lookupPostalCode(trx, 'US', zip)
		if (!found) return null
		const within = found.county ?? { id: found.state.id, name: found.state.name }
		const where = found.county ? `${countyName(found.county.name)}, ${found.state.abbreviation}` : found.state.name
		return { label: `${zip} (${where})`, jurisdictionIds: await descendants(trx, [within.id]) }
	}
	const state = await stateNamed(trx, text)
	if (state) return { label: state.name, jurisdictionIds: await descendants(trx, [state.id]) }
	if (!COUNTY_WORDS.test(text)) {
		const town = await townArea(trx, text)
		if (town) return town
	}
	const [place] = await findPlaces(trx, text, 1)
	if (!place) return null
	return { label: place.label, jurisdictionIds: await descendants(trx, [place.id]) }
}

function countyName(name: string) {
	return /\b(county|parish|borough|area|city)\b/i.test(name) ? name : `${name} County`
}

async function stateNamed(trx: Transaction<DB>, text: string) {
	const lowered = text.toLowerCase()
	return trx
		.selectFrom('jurisdictions')
		.select(['id', 'name'])
		.where('kind', '=', 'state')
		.where((eb) => eb.or([eb(sql`lower(abbreviation)`, '=', lowered), eb(sql`lower(name)`, '=', lowered)]))
		.executeTakeFirst()
}

/** "Ashburn, VA", "Forsyth, Georgia", or "Ashburn" when only one state has a town of that name. */
async function townArea(trx: Transaction<DB>, text: string): Promise<Area | null> {
	const [namePart = '', regionPart = '', ...rest] = text.split(',').map((part) => part.trim())
	const name = namePart.replace(/^(city|town|village|township) of\s+/i, '').toLowerCase()
	if (!name || rest.length) return null
	let query = trx
		.selectFrom('postal_codes as p')
		.innerJoin('jurisdictions as s', 's.id', 'p.state_id')
		.leftJoin('jurisdictions as c', 'c.id', 'p.county_id')
		.select(['p.place_name', 's.id as state_id', 's.abbreviation', 'p.county_id', 'c.name as county_name'])
		.where('p.country_code', '=', 'US')
		.where(sql`lower(p.place_name)`, '=', name)
	if (regionPart) {
		const region = regionPart.toLowerCase()
		query = query.where((eb) => eb.or([eb(sql`lower(s.abbreviation)`, '=', region), eb(sql`lower(s.name)`, '=', region)]))
	}
	const rows = await query.execute()
	if (rows.length === 0) return null
	const [first] = rows
	if (!first || rows.some((row) => row.state_id !== first.state_id)) return null
	const counties = [...new Map(rows.flatMap((row) => (row.county_id === null ? [] : [[row.county_id, row.county_name ?? '']]))).entries()]
	const ids = counties.length ? counties.map(([id]) => id) : [first.state_id]
	const town = `${first.place_name}, ${first.abbreviation ?? ''}`.trim()
	const names = counties.map(([, countyLabel]) => countyName(countyLabel)).join(', ')
	return { label: names ? `${town} (${names})` : town, jurisdictionIds: await descendants(trx, ids) }
}

/** The places and everything inside them: a state's counties, a county's cities. */
async function descendants(trx: Transaction<DB>, ids: number[]): Promise<number[]> {
	const result = await sql<{ id: number }>`
		with recursive inside(id) as (
			select id from public.jurisdictions where id = any(${ids})
			union
			select j.id from public.jurisdictions j join inside on j.parent_id = inside.id
		)
		select id from inside
	`.execute(trx)
	return result.rows.map((row) => row.id)
}

/** `findArea` as one request's caller (places are public reference data). */
export async function areaFor(caller: Caller, typed: string) {
	return asCaller(caller, (trx) => findArea(trx, typed))
}
