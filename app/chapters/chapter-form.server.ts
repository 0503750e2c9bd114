import { asCaller, type Caller } from '#app/db/db.server'
import { resolveJurisdiction } from '#app/places/search.server'
import type { PlaceChoice } from './chapter-form'

export type PlaceResolution =
	{ ok: true; jurisdictionId: number; label: string } | { ok: false; errors: Record<string, string>; choices: PlaceChoice[] }

/**
 * The place a chapter form named: the one the person picked from a list we
 * offered, or the only place the text can mean. A name several places share
 * comes back as choices, never a guess; none is a field error that says why.
 */
export async function resolvePlace(caller: Caller, typed: string, chosenId: number | undefined): Promise<PlaceResolution> {
	return asCaller(caller, async (trx): Promise<PlaceResolution> => {
		const resolved = await resolveJurisdiction(trx, typed, chosenId, { keepChosen: true })
		if (resolved.ok) return resolved
		const field = resolved.field === 'choice' ? 'jurisdictionId' : 'place'
		return { ok: false, errors: { [field]: resolved.message }, choices: resolved.choices }
	})
}
