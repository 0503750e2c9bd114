import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { geoCentroid } from 'd3-geo'
import type { ClientBase } from 'pg'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { z } from 'zod'

export type JurisdictionKind = 'country' | 'state' | 'county' | 'city' | 'utility_commission'

export type JurisdictionSeed = {
	kind: JurisdictionKind
	name: string
	slug: string
	parentSlug: string | null
	countryCode: string
	isoCode: string | null
	fipsCode: string | null
	abbreviation: string | null
	latitude: number
	longitude: number
}

export type JurisdictionCounts = Record<JurisdictionKind, number>

// Approximate geographic centres, good enough to place a marker or sort by distance.
export const countries = [
	{ isoCode: 'US', name: 'United States', latitude: 39.8283, longitude: -98.5795 },
	{ isoCode: 'CA', name: 'Canada', latitude: 56.1304, longitude: -106.3468 },
	{ isoCode: 'GB', name: 'United Kingdom', latitude: 55.3781, longitude: -3.436 },
	{ isoCode: 'IE', name: 'Ireland', latitude: 53.4129, longitude: -8.2439 },
	{ isoCode: 'NL', name: 'Netherlands', latitude: 52.1326, longitude: 5.2913 },
	{ isoCode: 'ES', name: 'Spain', latitude: 40.4637, longitude: -3.7492 },
	{ isoCode: 'CL', name: 'Chile', latitude: -35.6751, longitude: -71.543 },
	{ isoCode: 'UY', name: 'Uruguay', latitude: -32.5228, longitude: -55.7658 },
] as const

// FIPS state code → USPS abbreviation, for the 50 states, DC and the inhabited territories.
const uspsByFips: Record<string, string> = {
	'01': 'AL',
	'02': 'AK',
	'04': 'AZ',
	'05': 'AR',
	'06': 'CA',
	'08': 'CO',
	'09': 'CT',
	'10': 'DE',
	'11': 'DC',
	'12': 'FL',
	'13': 'GA',
	'15': 'HI',
	'16': 'ID',
	'17': 'IL',
	'18': 'IN',
	'19': 'IA',
	'20': 'KS',
	'21': 'KY',
	'22': 'LA',
	'23': 'ME',
	'24': 'MD',
	'25': 'MA',
	'26': 'MI',
	'27': 'MN',
	'28': 'MS',
	'29': 'MO',
	'30': 'MT',
	'31': 'NE',
	'32': 'NV',
	'33': 'NH',
	'34': 'NJ',
	'35': 'NM',
	'36': 'NY',
	'37': 'NC',
	'38': 'ND',
	'39': 'OH',
	'40': 'OK',
	'41': 'OR',
	'42': 'PA',
	'44': 'RI',
	'45': 'SC',
	'46': 'SD',
	'47': 'TN',
	'48': 'TX',
	'49': 'UT',
	'50': 'VT',
	'51': 'VA',
	'53': 'WA',
	'54': 'WV',
	'55': 'WI',
	'56': 'WY',
	'60': 'AS',
	'66': 'GU',
	'69': 'MP',
	'72': 'PR',
	'78': 'VI',
}

export const utilityCommissions = [
	{ stateFips: '51', slug: 'us-va-state-corporation-commission', name: 'Virginia State Corporation Commission' },
	{ stateFips: '39', slug: 'us-oh-public-utilities-commission', name: 'Public Utilities Commission of Ohio' },
	{ stateFips: '13', slug: 'us-ga-public-service-commission', name: 'Georgia Public Service Commission' },
	{ stateFips: '04', slug: 'us-az-corporation-commission', name: 'Arizona Corporation Commission' },
	{ stateFips: '48', slug: 'us-tx-public-utility-commission', name: 'Public Utility Commission of Texas' },
	{ stateFips: '18', slug: 'us-in-utility-regulatory-commission', name: 'Indiana Utility Regulatory Commission' },
	{ stateFips: '26', slug: 'us-mi-public-service-commission', name: 'Michigan Public Service Commission' },
] as const

// Only municipalities a demo chapter sits in. Leesburg is legally a town; the
// schema's 'city' kind stands for any incorporated municipality. Coordinates
// are each town centre. Place FIPS codes are left out rather than guessed.
export const cities = [
	{ countyFips: '04019', slug: 'us-az-tucson', name: 'Tucson', latitude: 32.2226, longitude: -110.9747 },
	{ countyFips: '51107', slug: 'us-va-leesburg', name: 'Leesburg', latitude: 39.1157, longitude: -77.5636 },
] as const

const atlasFeature = z.object({
	id: z.string(),
	properties: z.object({ name: z.string().min(1) }),
})

type NamedPlaces = Topology<{
	states: GeometryCollection<{ name: string }>
	counties: GeometryCollection<{ name: string }>
}>

function readAtlas(file: string): NamedPlaces {
	const require = createRequire(import.meta.url)
	// A pinned npm package; each feature is still checked below before use.
	return JSON.parse(readFileSync(require.resolve(`us-atlas/${file}`), 'utf8'))
}

function atlasPlaces(topology: NamedPlaces, object: 'states' | 'counties', idPattern: RegExp) {
	return feature(topology, topology.objects[object]).features.map((place) => {
		const { id, properties } = atlasFeature.parse(place)
		if (!idPattern.test(id)) throw new Error(`us-atlas ${object}: unexpected id ${id}`)
		const [longitude, latitude] = geoCentroid(place)
		return { fips: id, name: properties.name, latitude: round(latitude), longitude: round(longitude) }
	})
}

// Six decimals is about 10 cm: plenty, and it keeps re-runs byte-identical.
function round(value: number) {
	return Math.round(value * 1e6) / 1e6
}

/** ASCII, lower-case, hyphenated: "Doña Ana" → "dona-ana", "Prince George's" → "prince-georges". */
export function slugify(text: string) {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/['’]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
}

/** Every place this seed owns, parents before children. */
export function jurisdictionSeeds(): JurisdictionSeed[] {
	const us = countries[0]
	const countryRows: JurisdictionSeed[] = countries.map((country) => ({
		kind: 'country',
		name: country.name,
		slug: country.isoCode.toLowerCase(),
		parentSlug: null,
		countryCode: country.isoCode,
		isoCode: country.isoCode,
		fipsCode: null,
		abbreviation: null,
		latitude: country.latitude,
		longitude: country.longitude,
	}))

	const stateSlugByFips = new Map<string, string>()
	const stateRows: JurisdictionSeed[] = atlasPlaces(readAtlas('states-10m.json'), 'states', /^\d{2}$/).map((state) => {
		const abbreviation = uspsByFips[state.fips]
		if (!abbreviation) throw new Error(`No postal abbreviation for state FIPS ${state.fips} (${state.name})`)
		const slug = `us-${abbreviation.toLowerCase()}`
		stateSlugByFips.set(state.fips, slug)
		return {
			kind: 'state',
			name: state.name,
			slug,
			parentSlug: 'us',
			// Territories are listed under the United States, so they carry its code.
			countryCode: us.isoCode,
			isoCode: `US-${abbreviation}`,
			fipsCode: state.fips,
			abbreviation,
			latitude: state.latitude,
			longitude: state.longitude,
		}
	})
	const stateByFips = new Map(stateRows.map((row) => [row.fipsCode, row]))
	function stateOf(fips: string) {
		const state = stateByFips.get(fips)
		if (!state) throw new Error(`No state with FIPS ${fips}`)
		return state
	}

	const counties = atlasPlaces(readAtlas('counties-10m.json'), 'counties', /^\d{5}$/)
	const baseSlug = (county: { fips: string; name: string }) => `${stateOf(county.fips.slice(0, 2)).slug}-${slugify(county.name)}`
	const slugUses = new Map<string, number>()
	for (const county of counties) slugUses.set(baseSlug(county), (slugUses.get(baseSlug(county)) ?? 0) + 1)
	const countyRows: JurisdictionSeed[] = counties.map((county) => {
		const slug = baseSlug(county)
		// Virginia's independent cities share names with counties (Fairfax, Richmond, ...):
		// every holder of a shared name gets its FIPS, so no slug depends on file order.
		return {
			kind: 'county',
			name: countyName(county.fips, county.name),
			slug: (slugUses.get(slug) ?? 0) > 1 ? `${slug}-${county.fips}` : slug,
			parentSlug: stateOf(county.fips.slice(0, 2)).slug,
			countryCode: us.isoCode,
			isoCode: null,
			fipsCode: county.fips,
			abbreviation: null,
			latitude: county.latitude,
			longitude: county.longitude,
		}
	})
	const countyByFips = new Map(countyRows.map((row) => [row.fipsCode, row]))

	const commissionRows: JurisdictionSeed[] = utilityCommissions.map((commission) => {
		const state = stateOf(commission.stateFips)
		return {
			kind: 'utility_commission',
			name: commission.name,
			slug: commission.slug,
			parentSlug: state.slug,
			countryCode: us.isoCode,
			isoCode: null,
			fipsCode: null,
			abbreviation: null,
			latitude: state.latitude,
			longitude: state.longitude,
		}
	})

	const cityRows: JurisdictionSeed[] = cities.map((city) => {
		const county = countyByFips.get(city.countyFips)
		if (!county) throw new Error(`No county with FIPS ${city.countyFips} for ${city.name}`)
		return {
			kind: 'city',
			name: city.name,
			slug: city.slug,
			parentSlug: county.slug,
			countryCode: us.isoCode,
			isoCode: null,
			fipsCode: null,
			abbreviation: null,
			latitude: city.latitude,
			longitude: city.longitude,
		}
	})

	const rows = [...countryRows, ...stateRows, ...countyRows, ...commissionRows, ...cityRows]
	const seen = new Set<string>()
	for (const row of rows) {
		if (seen.has(row.slug)) throw new Error(`Two seeded places share the slug ${row.slug}`)
		seen.add(row.slug)
	}
	return rows
}

type ConflictKey = 'iso_code' | 'fips_code' | 'slug'

// One statement per batch; parents are found by slug, so a batch may only
// refer to rows written by an earlier one. Rows that already match are
// filtered out before the insert: ON CONFLICT would lock them all, and tests
// running beside a re-seed would wait on those locks for nothing.
async function upsert(client: ClientBase, rows: JurisdictionSeed[], conflictKey: ConflictKey) {
	if (rows.length === 0) return
	await client.query(
		`insert into public.jurisdictions as j
			(kind, name, parent_id, country_code, iso_code, fips_code, abbreviation, slug, latitude, longitude)
		select u.kind::public.jurisdiction_kind, u.name, p.id, u.country_code, u.iso_code, u.fips_code,
			u.abbreviation, u.slug, u.latitude, u.longitude
		from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
			$8::text[], $9::float8[], $10::float8[])
			as u(kind, name, parent_slug, country_code, iso_code, fips_code, abbreviation, slug, latitude, longitude)
		left join public.jurisdictions p on p.slug = u.parent_slug
		where not exists (
			select from public.jurisdictions x
			where x.${conflictKey} = u.${conflictKey}
				and (x.kind::text, x.name, x.parent_id, x.country_code, x.iso_code, x.fips_code, x.abbreviation,
					x.slug, x.latitude, x.longitude)
				is not distinct from (u.kind, u.name, p.id, u.country_code, u.iso_code, u.fips_code, u.abbreviation,
					u.slug, u.latitude, u.longitude)
		)
		on conflict (${conflictKey}) do update set
			kind = excluded.kind, name = excluded.name, parent_id = excluded.parent_id,
			country_code = excluded.country_code, iso_code = excluded.iso_code, fips_code = excluded.fips_code,
			abbreviation = excluded.abbreviation, slug = excluded.slug,
			latitude = excluded.latitude, longitude = excluded.longitude`,
		[
			rows.map((row) => row.kind),
			rows.map((row) => row.name),
			rows.map((row) => row.parentSlug),
			rows.map((row) => row.countryCode),
			rows.map((row) => row.isoCode),
			rows.map((row) => row.fipsCode),
			rows.map((row) => row.abbreviation),
			rows.map((row) => row.slug),
			rows.map((row) => row.latitude),
			rows.map((row) => row.longitude),
		],
	)
}

export async function seedJurisdictions(client: ClientBase): Promise<JurisdictionCounts> {
	const rows = jurisdictionSeeds()
	const ofKind = (kind: JurisdictionKind) => rows.filter((row) => row.kind === kind)
	await upsert(client, ofKind('country'), 'iso_code')
	await upsert(client, ofKind('state'), 'fips_code')
	await upsert(client, ofKind('county'), 'fips_code')
	await upsert(client, ofKind('utility_commission'), 'slug')
	await upsert(client, ofKind('city'), 'slug')
	return {
		country: ofKind('country').length,
		state: ofKind('state').length,
		county: ofKind('county').length,
		utility_commission: ofKind('utility_commission').length,
		city: ofKind('city').length,
	}
}

/**
 * The atlas gives bare names ("Loudoun"); people say "Loudoun County".
 * Louisiana has parishes, and Virginia's independent cities (county codes
 * 500 and up), Baltimore and St. Louis are cities, not counties. Alaska's
 * boroughs and census areas and the territories' divisions keep the bare name.
 */
export function countyName(fips: string, name: string) {
	const state = fips.slice(0, 2)
	if (/ (County|Parish|Borough|Census Area|Municipality|city|City)$/.test(name)) return name
	if (state === '22') return `${name} Parish`
	if ((state === '51' && Number(fips.slice(2)) >= 500) || fips === '29510') return `City of ${name}`
	if (fips === '24510') return 'Baltimore City'
	if (['02', '11', '60', '66', '69', '72', '78'].includes(state)) return name
	return `${name} County`
}
