import { sql } from 'kysely'
import { asCaller, type Caller } from '#app/db/db.server'
import { lookupPostalCode } from '#app/places/postal-codes.server'
import type { ObjectionText } from './objections.server'

// What someone holding the signing link reads, and whether their address lies
// in the body's jurisdiction (docs/decisions/052): outside it the signature
// still counts, and the page says standing may be weaker.

export type SigningPage = {
	objectionId: string
	open: boolean
	version: number
	text: ObjectionText | null
	chapterName: string
	proceedingTitle: string
	caseNumber: string | null
	bodyName: string | null
	jurisdiction: { id: number; name: string; kind: string; parentId: number | null } | null
	letterRule: string | null
}

export async function signingPage(caller: Caller, token: string): Promise<SigningPage | null> {
	if (!/^[0-9a-f]{64}$/.test(token)) return null
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{
			objection_id: string
			approved: boolean
			current_version: number
			snapshot: ObjectionText | null
			chapter_name: string
			proceeding_title: string
			case_number: string | null
			body_name: string | null
			body_jurisdiction_id: number | null
			organization_letter_rule: string | null
		}>`select * from private.objection_by_signing_token(${token})`.execute(trx)
		const row = rows[0]
		if (!row) return null
		const jurisdiction = row.body_jurisdiction_id
			? await trx
					.selectFrom('jurisdictions')
					.select(['id', 'name', 'kind', 'parent_id'])
					.where('id', '=', row.body_jurisdiction_id)
					.executeTakeFirst()
			: undefined
		return {
			objectionId: row.objection_id,
			open: row.approved,
			version: row.current_version,
			text: row.snapshot,
			chapterName: row.chapter_name,
			proceedingTitle: row.proceeding_title,
			caseNumber: row.case_number,
			bodyName: row.body_name,
			jurisdiction: jurisdiction
				? { id: jurisdiction.id, name: jurisdiction.name, kind: jurisdiction.kind, parentId: jurisdiction.parent_id }
				: null,
			letterRule: row.organization_letter_rule,
		}
	})
}

/**
 * Whether an address is outside the body's jurisdiction: by its ZIP code's
 * county and state when the address has one we know, else by the place's
 * name in the text. Unknown means inside: a warning is never raised on a guess.
 */
export async function outsideJurisdiction(caller: Caller, page: SigningPage, address: string) {
	const place = page.jurisdiction
	if (!place) return false
	const zip = /\b(\d{5})(?:-\d{4})?\b(?!.*\b\d{5}\b)/.exec(address)?.[1]
	if (zip) {
		const found = await asCaller(caller, (trx) => lookupPostalCode(trx, 'US', zip))
		if (found) {
			if (place.kind === 'state') return found.state.id !== place.id
			if (place.kind === 'county') return found.county ? found.county.id !== place.id : false
			if (place.kind === 'city' && place.parentId) return found.county ? found.county.id !== place.parentId : false
		}
	}
	const name = place.name.replace(/\s+(County|Parish|Borough|City|Town|Township)$/i, '').toLowerCase()
	return zip !== undefined && !address.toLowerCase().includes(name)
}
