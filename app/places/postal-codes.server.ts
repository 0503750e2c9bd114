import type { NotNull, Transaction } from 'kysely'
import type { DB } from '#app/db/types'
import { normalizeUsZipCode } from './postal-code'

export type PostalCodePlace = {
	postalCode: string
	placeName: string
	/** Null when the data names no county, or one that is not a seeded jurisdiction. */
	county: { id: number; name: string; fipsCode: string } | null
	state: { id: number; name: string; abbreviation: string }
}

/**
 * The county and state a postal code lies in, or null when the code is not
 * one we know. A US ZIP+4 is looked up by its ZIP. Runs as the caller:
 * postal codes and jurisdictions are readable by everyone.
 */
export async function lookupPostalCode(trx: Transaction<DB>, country: string, postalCode: string): Promise<PostalCodePlace | null> {
	const countryCode = country.trim().toUpperCase()
	const code = countryCode === 'US' ? normalizeUsZipCode(postalCode) : postalCode.trim().replace(/\s+/g, ' ').toUpperCase()
	if (!/^[A-Z]{2}$/.test(countryCode) || !code) return null

	const row = await trx
		.selectFrom('postal_codes as p')
		.innerJoin('jurisdictions as s', 's.id', 'p.state_id')
		.leftJoin('jurisdictions as c', 'c.id', 'p.county_id')
		.select([
			'p.postal_code',
			'p.place_name',
			's.id as state_id',
			's.name as state_name',
			's.abbreviation as state_abbreviation',
			'c.id as county_id',
			'c.name as county_name',
			'c.fips_code as county_fips_code',
		])
		.where('p.country_code', '=', countryCode)
		.where('p.postal_code', '=', code)
		// Seeded states always carry their postal abbreviation.
		.where('s.abbreviation', 'is not', null)
		.$narrowType<{ state_abbreviation: NotNull }>()
		.executeTakeFirst()
	if (!row) return null

	return {
		postalCode: row.postal_code,
		placeName: row.place_name,
		county:
			row.county_id !== null && row.county_name !== null && row.county_fips_code !== null
				? { id: row.county_id, name: row.county_name, fipsCode: row.county_fips_code }
				: null,
		state: { id: row.state_id, name: row.state_name, abbreviation: row.state_abbreviation },
	}
}
