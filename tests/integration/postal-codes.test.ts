import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely'
import pg from 'pg'
import { expect, test } from 'vitest'
import type { DB } from '#app/db/types'
import { normalizeUsZipCode, usZipCode } from '#app/places/postal-code'
import { lookupPostalCode } from '#app/places/postal-codes.server'
import { createUser } from '#tests/helpers/factories'
import { describeActor, failureAs, queryAs, rowsChangedAs, withRollback, type Actor } from '#tests/helpers/rls'

// Reads the seeded ZIPs of the shared test database; every write is rolled back.

/** Runs `work` as a visitor, the way app/db/db.server.ts `asCaller(anon, …)` does. */
async function asVisitor<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
	const connectionString = process.env.DATABASE_URL
	if (!connectionString) throw new Error('DATABASE_URL is not set: run the tests through vitest')
	const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 1 }) }) })
	try {
		return await db.transaction().execute(async (trx) => {
			await sql`select
				set_config('role', 'anon', true),
				set_config('request.jwt.claims', '{"role":"anon"}', true),
				set_config('request.jwt.claim.role', 'anon', true)`.execute(trx)
			return work(trx)
		})
	} finally {
		await db.destroy()
	}
}

test('a ZIP resolves to its county and state', async () => {
	const place = await asVisitor((trx) => lookupPostalCode(trx, 'US', '20175'))
	expect(place).toEqual({
		postalCode: '20175',
		placeName: 'Leesburg',
		county: { id: expect.any(Number), name: 'Loudoun County', fipsCode: '51107' },
		state: { id: expect.any(Number), name: 'Virginia', abbreviation: 'VA' },
	})
})

test('the county and state are the seeded jurisdictions with those codes', async () => {
	const { place, county, state } = await asVisitor(async (trx) => ({
		place: await lookupPostalCode(trx, 'US', '20175'),
		county: await trx.selectFrom('jurisdictions').select('id').where('fips_code', '=', '51107').executeTakeFirstOrThrow(),
		state: await trx.selectFrom('jurisdictions').select('id').where('iso_code', '=', 'US-VA').executeTakeFirstOrThrow(),
	}))
	expect(place?.county?.id).toBe(county.id)
	expect(place?.state.id).toBe(state.id)
})

test('ZIP+4, stray spaces and a lower-case country are looked up by the five-digit ZIP', async () => {
	const places = await asVisitor(async (trx) => [
		await lookupPostalCode(trx, 'US', '20175-1234'),
		await lookupPostalCode(trx, 'US', '201751234'),
		await lookupPostalCode(trx, ' us ', ' 20175 '),
	])
	for (const place of places) {
		expect(place).toMatchObject({ postalCode: '20175', county: { fipsCode: '51107' }, state: { abbreviation: 'VA' } })
	}
})

test('an unknown or malformed ZIP, or an unloaded country, resolves to nothing', async () => {
	const places = await asVisitor(async (trx) => [
		await lookupPostalCode(trx, 'US', '00000'),
		await lookupPostalCode(trx, 'US', '2017'),
		await lookupPostalCode(trx, 'US', '20175-12'),
		await lookupPostalCode(trx, 'US', 'VA 20175'),
		await lookupPostalCode(trx, 'CA', '20175'),
		await lookupPostalCode(trx, 'USA', '20175'),
	])
	expect(places).toEqual([null, null, null, null, null, null])
})

test('a ZIP whose county is not a seeded jurisdiction still resolves to its state', async () => {
	// GeoNames places Hartford in the Capitol Region planning region; the
	// seeded counties are Connecticut's old eight.
	const place = await asVisitor((trx) => lookupPostalCode(trx, 'US', '06103'))
	expect(place).toMatchObject({ postalCode: '06103', placeName: 'Hartford', county: null, state: { abbreviation: 'CT' } })
})

test('the form schema accepts a ZIP or ZIP+4 and gives back the ZIP', () => {
	const zip = usZipCode('Enter a ZIP code like 20175')
	expect(zip.parse(' 20175-1234 ')).toBe('20175')
	expect(zip.parse('201751234')).toBe('20175')
	expect(zip.parse('02108')).toBe('02108')
	for (const input of ['', '2017', '201750', '20175-123', 'ABCDE', '20175 1234']) {
		const result = zip.safeParse(input)
		expect(result.success, input).toBe(false)
		expect(result.error?.issues[0]?.message, input).toBe('Enter a ZIP code like 20175')
	}
	expect(normalizeUsZipCode('20175-1234')).toBe('20175')
	expect(normalizeUsZipCode('20175-')).toBeNull()
})

test('visitors and signed-in people read postal codes', () =>
	withRollback(async (client) => {
		const person = await createUser(client)
		const actors: Actor[] = ['anon', person]
		for (const actor of actors) {
			const { rows } = await queryAs(
				client,
				actor,
				`select p.place_name, c.fips_code from public.postal_codes p
				left join public.jurisdictions c on c.id = p.county_id
				where p.country_code = 'US' and p.postal_code = '20175'`,
			)
			expect(rows, describeActor(actor)).toEqual([{ place_name: 'Leesburg', fips_code: '51107' }])
		}
	}))

test('nobody but the service role adds a postal code', () =>
	withRollback(async (client) => {
		const person = await createUser(client)
		const insert = `insert into public.postal_codes (country_code, postal_code, place_name, state_id)
			select 'US', '00001', 'Nowhere', id from public.jurisdictions where iso_code = 'US-VA'`
		const actors: Actor[] = ['anon', person]
		for (const actor of actors) {
			const error = await failureAs(client, actor, insert)
			expect(error.code, describeActor(actor)).toBe('42501')
		}
		expect(await rowsChangedAs(client, 'service_role', insert)).toBe(1)
	}))

/** A made-up ZIP in Loudoun County (real ZIPs start at 00501), so writes never touch seeded rows. */
async function createPostalCode(client: pg.Client, postalCode: string) {
	await client.query(
		`insert into public.postal_codes (country_code, postal_code, place_name, county_id, state_id)
		select 'US', $1, 'Test Place', c.id, c.parent_id from public.jurisdictions c where c.fips_code = '51107'`,
		[postalCode],
	)
	return postalCode
}

test('nobody but the service role changes a postal code', () =>
	withRollback(async (client) => {
		const person = await createUser(client)
		const postalCode = await createPostalCode(client, '00002')
		const rename = `update public.postal_codes set place_name = 'Renamed' where country_code = 'US' and postal_code = $1`
		const actors: Actor[] = ['anon', person]
		for (const actor of actors) {
			expect(await rowsChangedAs(client, actor, rename, [postalCode]), describeActor(actor)).toBe(0)
		}
		const name = `select place_name from public.postal_codes where country_code = 'US' and postal_code = $1`
		expect((await client.query(name, [postalCode])).rows).toEqual([{ place_name: 'Test Place' }])
		expect(await rowsChangedAs(client, 'service_role', rename, [postalCode])).toBe(1)
		expect((await client.query(name, [postalCode])).rows).toEqual([{ place_name: 'Renamed' }])
	}))

test('nobody but the service role deletes a postal code', () =>
	withRollback(async (client) => {
		const person = await createUser(client)
		const postalCode = await createPostalCode(client, '00003')
		const remove = `delete from public.postal_codes where country_code = 'US' and postal_code = $1`
		const actors: Actor[] = ['anon', person]
		for (const actor of actors) {
			expect(await rowsChangedAs(client, actor, remove, [postalCode]), describeActor(actor)).toBe(0)
		}
		expect(await rowsChangedAs(client, 'service_role', remove, [postalCode])).toBe(1)
		const { rowCount } = await client.query(`select from public.postal_codes where country_code = 'US' and postal_code = $1`, [postalCode])
		expect(rowCount).toBe(0)
	}))
