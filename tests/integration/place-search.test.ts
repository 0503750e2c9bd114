import { expect, test } from 'vitest'
import { anon, asCaller, pool } from '#app/db/db.server'
import { jurisdictionChoices, placeSearchError, resolveJurisdiction, searchPlacesFor, type PlaceSearch } from '#app/places/search.server'
import { onlyRow } from '#tests/helpers/rls'

// The one place search (issue 15, item 12; decisions 067 and 080), on the
// seeded places and every US ZIP code of the shared test database.

async function jurisdictionId(slug: string) {
	return onlyRow(await pool().query<{ id: number }>('select id from public.jurisdictions where slug = $1', [slug])).id
}

function foundPlace(search: PlaceSearch, typed: string) {
	if (search.status !== 'found') throw new Error(`“${typed}” found no one place: ${JSON.stringify(search).slice(0, 400)}`)
	return search.place
}

async function find(typed: string) {
	return foundPlace(await searchPlacesFor(anon, typed), typed)
}

async function zipPoints(zips: string[]) {
	const { rows } = await pool().query<{ latitude: number; longitude: number }>(
		`select latitude, longitude from public.postal_codes where country_code = 'US' and postal_code = any($1)`,
		[zips],
	)
	return rows
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length

test('towns the post office names are found with their state: Ashburn and Manassas, VA', async () => {
	const loudoun = await jurisdictionId('us-va-loudoun')
	const ashburn = await find('Ashburn, VA')
	expect(ashburn.label).toBe('Ashburn, VA (Loudoun County)')
	expect(ashburn.within.map((place) => place.id)).toEqual([loudoun])
	const points = await zipPoints(['20146', '20147', '20148', '20149'])
	expect(points).toHaveLength(4)
	expect(ashburn.latitude).toBeCloseTo(mean(points.map((point) => point.latitude)), 4)
	expect(ashburn.longitude).toBeCloseTo(mean(points.map((point) => point.longitude)), 4)
	for (const typed of ['Ashburn, Virginia', '  ashburn ,  va ', 'Town of Ashburn, VA'])
		expect((await find(typed)).label).toBe(ashburn.label)

	const manassas = await find('Manassas, VA')
	expect(manassas.label).toMatch(/^Manassas, VA \(/)
	expect(manassas.within.length).toBeGreaterThan(0)
	expect(manassas.within.every((place) => place.label.endsWith(', VA'))).toBe(true)
	expect(manassas.latitude).toBeGreaterThan(38.5)
	expect(manassas.latitude).toBeLessThan(39)
})

test('"Forsyth, GA" is the city of Forsyth in Monroe County; "Forsyth County, GA" is the county', async () => {
	const monroe = await jurisdictionId('us-ga-monroe')
	const forsythCounty = await jurisdictionId('us-ga-forsyth')
	const town = await find('Forsyth, GA')
	expect(town.label).toBe('Forsyth, GA (Monroe County)')
	expect(town.within.map((place) => place.id)).toEqual([monroe])
	expect(town.jurisdictionIds).not.toContain(forsythCounty)
	const county = await find('Forsyth County, GA')
	expect(county.label).toBe('Forsyth County, GA')
	expect(county.within.map((place) => place.id)).toEqual([forsythCounty])
})

test('a ZIP code is its county; an unknown one is told there is no such ZIP code, not to type five digits', async () => {
	const loudoun = await jurisdictionId('us-va-loudoun')
	const zip = await find('20147')
	expect(zip.label).toBe('Ashburn, VA 20147 (Loudoun County)')
	expect(zip.within.map((place) => place.id)).toEqual([loudoun])
	expect(zip.latitude).toBeCloseTo((await zipPoints(['20147']))[0]?.latitude ?? 0, 4)
	expect((await find('20147-1234')).label).toBe('Ashburn, VA 20147 (Loudoun County)')

	const unknown = await searchPlacesFor(anon, '99999')
	expect(unknown).toEqual({ status: 'unknownZip', zip: '99999' })
	const message = placeSearchError(unknown, '99999')
	expect(message).toContain('There is no ZIP code 99999')
	expect(message).not.toMatch(/five-digit|5-digit/)
})

test('counties, seeded cities and states are found by name', async () => {
	const loudoun = await jurisdictionId('us-va-loudoun')
	for (const typed of ['Loudoun', 'Loudoun County', 'loudoun county, va', 'Loudoun, Virginia']) {
		expect(
			(await find(typed)).within.map((place) => place.id),
			typed,
		).toEqual([loudoun])
	}
	expect((await find('tucson, arizona')).label).toBe('Tucson, AZ')
	const virginia = await find('VA')
	expect(virginia.label).toBe('Virginia')
	expect(virginia.jurisdictionIds).toContain(loudoun)
	expect(virginia.jurisdictionIds.length).toBeGreaterThan(100)
	expect((await find('virginia')).label).toBe('Virginia')
})

test('an ambiguous name offers a choice, and each choice finds exactly itself', async () => {
	const springfield = await searchPlacesFor(anon, 'Springfield')
	if (springfield.status !== 'choose') throw new Error(`Springfield: ${springfield.status}`)
	const labels = springfield.choices.map((choice) => choice.label)
	expect(labels.some((label) => label.startsWith('Springfield, IL ('))).toBe(true)
	expect(labels.some((label) => label.startsWith('Springfield, MA ('))).toBe(true)
	expect(new Set(springfield.choices.map((choice) => choice.query)).size).toBe(springfield.choices.length)
	expect(placeSearchError(springfield, 'Springfield')).toBe('More than one place is called “Springfield”. Choose the one you mean.')

	const washington = await searchPlacesFor(anon, 'Washington County')
	if (washington.status !== 'choose') throw new Error(`Washington County: ${washington.status}`)
	expect(washington.choices.length).toBeGreaterThan(20)
	expect(washington.choices.every((choice) => /^Washington (County|Parish), [A-Z]{2}$/.test(choice.label))).toBe(true)

	for (const choice of [...springfield.choices.slice(0, 5), ...washington.choices.slice(0, 5)]) {
		expect((await find(choice.query)).label, choice.query).toBe(choice.label)
	}
	// A state's name that counties share is the state or one of them; its abbreviation is the state.
	const named = await searchPlacesFor(anon, 'Washington')
	if (named.status !== 'choose') throw new Error(`Washington: ${named.status}`)
	expect(named.choices[0]?.label).toBe('Washington')
	expect(named.choices.map((choice) => choice.label)).toContain('Washington County, PA')
	expect((await find('WA')).label).toBe('Washington')
	// A town in two states without one named is a choice, not a guess.
	const ashburn = await searchPlacesFor(anon, 'Ashburn')
	expect(ashburn.status === 'choose' && ashburn.choices.map((choice) => choice.query)).toEqual([
		'Ashburn, GA',
		'Ashburn, MO',
		'Ashburn, VA',
	])
})

test('nothing is found for a place that is not there, an unknown state, or text too long to be a place', async () => {
	for (const typed of ['Nowhere At All, VA', 'Atlantis, ZZ', `${'x'.repeat(5000)}, VA`, 'a, b, c', '\u0000', '']) {
		expect((await searchPlacesFor(anon, typed)).status, typed).toBe('notFound')
	}
	expect(placeSearchError({ status: 'notFound' }, 'Nowhere At All, VA')).toContain('We could not find “Nowhere At All, VA”')
})

test('for a form that sets one jurisdiction, a town is its county; a town across counties is one choice per county', async () => {
	const monroe = await jurisdictionId('us-ga-monroe')
	expect(jurisdictionChoices(await searchPlacesFor(anon, 'Forsyth, GA'))).toEqual([{ id: monroe, label: 'Forsyth, GA (Monroe County)' }])
	const { rows } = await pool().query<{ place_name: string; abbreviation: string }>(
		`select p.place_name, s.abbreviation from public.postal_codes p join public.jurisdictions s on s.id = p.state_id
		 where p.country_code = 'US' and p.county_id is not null
		 group by p.place_name, s.abbreviation having count(distinct p.county_id) = 2 order by p.place_name, s.abbreviation limit 1`,
	)
	const spread = rows[0]
	if (!spread) throw new Error('no town across two counties in the data')
	const typed = `${spread.place_name}, ${spread.abbreviation}`
	const choices = jurisdictionChoices(await searchPlacesFor(anon, typed))
	expect(choices).toHaveLength(2)
	expect(choices.every((choice) => choice.label.startsWith(`${typed} (`))).toBe(true)
	const resolved = await asCaller(anon, (trx) => resolveJurisdiction(trx, typed, undefined))
	expect(resolved).toMatchObject({ ok: false, field: 'choice', choices })
	const picked = await asCaller(anon, (trx) => resolveJurisdiction(trx, typed, choices[1]?.id))
	expect(picked).toMatchObject({ ok: true, jurisdictionId: choices[1]?.id })
	// A posted id the text does not mean is not taken unless the form carries its own place.
	const stray = await asCaller(anon, (trx) => resolveJurisdiction(trx, 'Nowhere At All, VA', monroe))
	expect(stray.ok).toBe(false)
	const kept = await asCaller(anon, (trx) => resolveJurisdiction(trx, 'Nowhere At All, VA', monroe, { keepChosen: true }))
	expect(kept).toMatchObject({ ok: true, jurisdictionId: monroe })
})
