import { sql, type Transaction } from 'kysely'
import { asCaller, type Caller } from '#app/db/db.server'
import type { DB } from '#app/db/types'
import { t } from '#app/i18n/i18n'
import { placeById, placeLabel, placesQuery } from './places.server'
import { normalizeUsZipCode } from './postal-code'

// The one place search (decisions 067 and 080). Every form and filter that
// takes a place — chapter creation, "near me", petitions and events by place,
// the siting record's places — reads what was typed here, so "Ashburn, VA"
// means the same thing everywhere.

/** A jurisdiction a match is or lies in: what a chapter or deciding body can be set to. */
export type Within = { id: number; kind: string; name: string; label: string }

export type PlaceMatch = {
	/** As people say it: "Forsyth, GA (Monroe County)", "Ashburn, VA 20147 (Loudoun County)", "Washington County, PA", "Virginia". */
	label: string
	/** Text that finds this match and nothing else, for a link that offers it. */
	query: string
	/** The jurisdiction it is (a county, state, city) or the counties a town's ZIP codes lie in. */
	within: Within[]
	/** `within` and every place inside them: "VA" is Virginia and its counties and cities. */
	jurisdictionIds: number[]
	latitude: number | null
	longitude: number | null
}

export type PlaceSearch =
	| { status: 'found'; place: PlaceMatch }
	/** Several places go by that name: the person picks one. */
	| { status: 'choose'; choices: PlaceMatch[] }
	| { status: 'unknownZip'; zip: string }
	| { status: 'notFound' }

/** At most this many choices are offered; a name used more often needs its state. */
const MAX_CHOICES = 60

const COUNTY_WORDS = /\b(county|parish|borough|census area|municipality)\b/i
const COUNTY_SUFFIXES = ['County', 'Parish', 'Borough', 'Census Area', 'Municipality', 'City and Borough']

function clean(typed: string) {
	// Postgres refuses NUL in text: what nobody types is dropped, not an error.
	return typed.replaceAll('\u0000', '').trim().replace(/\s+/g, ' ').slice(0, 100)
}

/**
 * What the typed text names, in the order a resident means it: a ZIP code;
 * a state's postal abbreviation or name (a name some counties share too,
 * "Washington", is a choice of the state or those); otherwise a town, county, city or
 * country by name, with or without its state after a comma. A town the post
 * office names (its ZIP codes' place name) wins over a county of the same
 * name in the same state unless the text says "County", so "Forsyth, GA" is
 * the city of Forsyth in Monroe County. A name found in several states, or
 * several counties of that name, is a choice.
 */
export async function searchPlaces(trx: Transaction<DB>, typed: string): Promise<PlaceSearch> {
	const text = clean(typed)
	if (!text) return { status: 'notFound' }
	const zip = normalizeUsZipCode(text)
	if (zip) {
		const found = await zipPlace(trx, zip)
		return found ? { status: 'found', place: found } : { status: 'unknownZip', zip }
	}
	const state = await statesNamed(trx, text).executeTakeFirst()
	if (state) {
		const place = await jurisdictionMatch(trx, state.id)
		// "VA" is Virginia; "Washington" is the state or one of its namesake counties.
		const namesakes = state.name.toLowerCase() === text.toLowerCase() ? await jurisdictionsNamed(trx, text, null, true) : []
		if (!namesakes.length) return { status: 'found', place }
		const counties = await Promise.all(namesakes.map((row) => jurisdictionMatch(trx, row.id)))
		return { status: 'choose', choices: [place, ...counties.sort((a, b) => a.label.localeCompare(b.label))].slice(0, MAX_CHOICES) }
	}

	const [namePart = '', regionPart = '', ...rest] = text.split(',').map((part) => part.trim())
	if (rest.length) return { status: 'notFound' }
	const name = namePart.replace(/^(city|town|village|township) of\s+/i, '')
	if (!name) return { status: 'notFound' }
	let stateIds: number[] | null = null
	if (regionPart) {
		stateIds = (await statesNamed(trx, regionPart).execute()).map((row) => row.id)
		if (!stateIds.length) return { status: 'notFound' }
	}
	const countiesOnly = COUNTY_WORDS.test(name)
	const [jurisdictions, towns] = await Promise.all([
		jurisdictionsNamed(trx, name, stateIds, countiesOnly),
		countiesOnly ? Promise.resolve([]) : townsNamed(trx, name, stateIds),
	])
	// Per state: a seeded city, else the town, else the county (decision 067).
	const byState = new Map<string, PlaceMatch[]>()
	const add = (key: string, match: PlaceMatch) => byState.set(key, [...(byState.get(key) ?? []), match])
	const citiesIn = new Set(jurisdictions.filter((row) => row.kind === 'city').map((row) => row.stateKey))
	const townsIn = new Set(towns.map((town) => town.stateKey))
	for (const row of jurisdictions) {
		if (row.kind !== 'city' && (citiesIn.has(row.stateKey) || townsIn.has(row.stateKey))) continue
		add(row.stateKey, await jurisdictionMatch(trx, row.id))
	}
	for (const town of towns) if (!citiesIn.has(town.stateKey)) add(town.stateKey, town.match)
	const matches = [...byState.values()].flat().sort((a, b) => a.label.localeCompare(b.label))
	const [only, ...others] = matches
	if (!only) return { status: 'notFound' }
	if (others.length === 0) return { status: 'found', place: only }
	return { status: 'choose', choices: matches.slice(0, MAX_CHOICES) }
}

/** `searchPlaces` as one request's caller (places are public reference data). */
export async function searchPlacesFor(caller: Caller, typed: string) {
	return asCaller(caller, (trx) => searchPlaces(trx, typed))
}

/** Why a search found no one place, as a field error, or null when it did. */
export function placeSearchError(search: PlaceSearch, typed: string): string | null {
	switch (search.status) {
		case 'found':
			return null
		case 'choose':
			return t('placeSearch.choose', { query: clean(typed) })
		case 'unknownZip':
			return t('placeSearch.unknownZip', { zip: search.zip })
		case 'notFound':
			return t('placeSearch.notFound', { query: clean(typed) })
	}
}

/** What a page shows for a search: the place found, or why not and the places it could mean. */
export function placeSearchOutcome(search: PlaceSearch, typed: string) {
	return {
		place: search.status === 'found' ? search.place : null,
		error: placeSearchError(search, typed),
		choices: search.status === 'choose' ? search.choices.map((choice) => ({ label: choice.label, query: choice.query })) : [],
	}
}

export type JurisdictionChoice = { id: number; label: string }

/**
 * The jurisdictions a search could mean, for a form that sets one (a
 * chapter's place, a deciding body's): a town is the county it lies in, and a
 * town across several counties is one choice per county.
 */
export function jurisdictionChoices(search: PlaceSearch): JurisdictionChoice[] {
	const matches = search.status === 'found' ? [search.place] : search.status === 'choose' ? search.choices : []
	const choices = new Map<number, JurisdictionChoice>()
	for (const match of matches) {
		for (const within of match.within) {
			const label = match.within.length === 1 ? match.label : `${match.query} (${within.name})`
			if (!choices.has(within.id)) choices.set(within.id, { id: within.id, label })
		}
	}
	return [...choices.values()]
}

export type ResolvedJurisdiction =
	| { ok: true; jurisdictionId: number; label: string }
	| { ok: false; field: 'place' | 'choice'; message: string; choices: JurisdictionChoice[] }

/**
 * The jurisdiction a place field named: the one the person picked from the
 * list we offered, or the only one the text can mean. With `keepChosen`, a
 * posted place the text no longer finds is kept (the chapter edit form
 * carries the chapter's place).
 */
export async function resolveJurisdiction(
	trx: Transaction<DB>,
	typed: string,
	chosenId: number | undefined,
	{ keepChosen = false } = {},
): Promise<ResolvedJurisdiction> {
	const search = await searchPlaces(trx, typed)
	const choices = jurisdictionChoices(search)
	const chosen = choices.find((choice) => choice.id === chosenId)
	if (chosen) return { ok: true, jurisdictionId: chosen.id, label: chosen.label }
	const [only, ...others] = choices
	if (only && others.length === 0) return { ok: true, jurisdictionId: only.id, label: only.label }
	if (only) return { ok: false, field: 'choice', message: t('placeSearch.choose', { query: clean(typed) }), choices }
	const byId = keepChosen && chosenId !== undefined ? await placeById(trx, chosenId) : null
	if (byId) return { ok: true, jurisdictionId: byId.id, label: byId.label }
	return { ok: false, field: 'place', message: placeSearchError(search, typed) ?? '', choices: [] }
}

function statesNamed(trx: Transaction<DB>, text: string) {
	const lowered = text.toLowerCase()
	return trx
		.selectFrom('jurisdictions')
		.select(['id', 'name'])
		.where('kind', '=', 'state')
		.where((eb) => eb.or([eb(sql`lower(abbreviation)`, '=', lowered), eb(sql`lower(name)`, '=', lowered)]))
}

async function zipPlace(trx: Transaction<DB>, zip: string): Promise<PlaceMatch | null> {
	const row = await trx
		.selectFrom('postal_codes as p')
		.innerJoin('jurisdictions as s', 's.id', 'p.state_id')
		.select(['p.place_name', 'p.county_id', 'p.state_id', 'p.latitude', 'p.longitude', 's.abbreviation', 's.name as state_name'])
		.where('p.country_code', '=', 'US')
		.where('p.postal_code', '=', zip)
		.executeTakeFirst()
	if (!row) return null
	const within = await withinOf(trx, [row.county_id ?? row.state_id])
	const town = `${row.place_name}, ${row.abbreviation ?? row.state_name} ${zip}`
	const county = row.county_id !== null ? within[0]?.name : undefined
	return {
		label: county ? `${town} (${county})` : town,
		query: zip,
		within,
		jurisdictionIds: await descendants(
			trx,
			within.map((place) => place.id),
		),
		latitude: row.latitude,
		longitude: row.longitude,
	}
}

async function jurisdictionMatch(trx: Transaction<DB>, id: number): Promise<PlaceMatch> {
	const within = await withinOf(trx, [id])
	const place = await placeById(trx, id)
	if (!place || !within.length) throw new Error(`No jurisdiction ${id}`)
	return {
		label: place.label,
		query: place.label,
		within,
		jurisdictionIds: await descendants(trx, [id]),
		latitude: place.latitude,
		longitude: place.longitude,
	}
}

/** Counties, cities and countries by name: "Loudoun", "Loudoun County" and "loudoun county" all find Loudoun County. */
async function jurisdictionsNamed(trx: Transaction<DB>, name: string, stateIds: number[] | null, countiesOnly: boolean) {
	const bare = name.replace(/\s+(county|parish|borough|census area|municipality|city and borough)$/i, '')
	const candidates = [name, bare, ...COUNTY_SUFFIXES.map((suffix) => `${bare} ${suffix}`)].map((candidate) => candidate.toLowerCase())
	let query = placesQuery(trx)
		.select(sql<number | null>`case when p1.kind = 'state' then p1.id when p2.kind = 'state' then p2.id else null end`.as('state_id'))
		.where(sql`lower(j.name)`, 'in', candidates)
		.where('j.kind', 'in', countiesOnly ? ['county'] : ['county', 'city', 'country'])
	if (stateIds) query = query.where((eb) => eb.or([eb('p1.id', 'in', stateIds), eb('p2.id', 'in', stateIds)]))
	const rows = await query.orderBy('j.name').limit(MAX_CHOICES).execute()
	return rows.map((row) => ({ id: row.id, kind: row.kind, stateKey: row.state_id === null ? `place-${row.id}` : `state-${row.state_id}` }))
}

/** Towns the post office names, one per state: their counties and the centre of their ZIP codes' points. */
async function townsNamed(trx: Transaction<DB>, name: string, stateIds: number[] | null) {
	let query = trx
		.selectFrom('postal_codes as p')
		.innerJoin('jurisdictions as s', 's.id', 'p.state_id')
		.select([
			's.id as state_id',
			's.abbreviation',
			's.name as state_name',
			sql<string>`min(p.place_name)`.as('place_name'),
			sql<number[]>`array_remove(array_agg(distinct p.county_id), null)`.as('county_ids'),
			sql<number | null>`avg(p.latitude)`.as('latitude'),
			sql<number | null>`avg(p.longitude)`.as('longitude'),
		])
		.where('p.country_code', '=', 'US')
		.where(sql`lower(p.place_name)`, '=', name.toLowerCase())
		.groupBy(['s.id', 's.abbreviation', 's.name'])
	if (stateIds) query = query.where('s.id', 'in', stateIds)
	const rows = await query.limit(MAX_CHOICES).execute()
	return Promise.all(
		rows.map(async (row) => {
			const within = await withinOf(trx, row.county_ids.length ? row.county_ids : [row.state_id])
			const town = `${row.place_name}, ${row.abbreviation ?? row.state_name}`
			const counties = row.county_ids.length ? within.map((place) => place.name).join(', ') : ''
			const match: PlaceMatch = {
				label: counties ? `${town} (${counties})` : town,
				query: town,
				within,
				jurisdictionIds: await descendants(
					trx,
					within.map((place) => place.id),
				),
				latitude: row.latitude === null ? null : Number(row.latitude),
				longitude: row.longitude === null ? null : Number(row.longitude),
			}
			return { stateKey: `state-${row.state_id}`, match }
		}),
	)
}

async function withinOf(trx: Transaction<DB>, ids: number[]): Promise<Within[]> {
	const rows = await placesQuery(trx).where('j.id', 'in', ids).orderBy('j.name').execute()
	return rows.map((row) => ({ id: row.id, kind: row.kind, name: placeLabel({ ...row, region: null }), label: placeLabel(row) }))
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
