import { asCaller, type Caller } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { findPlaces, placeById } from '#app/places/places.server'
import type { PlaceChoice } from './chapter-form'

export type PlaceResolution =
	{ ok: true; jurisdictionId: number; label: string } | { ok: false; errors: Record<string, string>; choices: PlaceChoice[] }

/**
 * The place a chapter form named: the one the person picked from a list we
 * offered, or the only match for what they typed. Several matches come back
 * as choices; none is a field error that says what we understand.
 */
export async function resolvePlace(caller: Caller, typed: string, chosenId: number | undefined): Promise<PlaceResolution> {
	return asCaller(caller, async (trx): Promise<PlaceResolution> => {
		const places = await findPlaces(trx, typed)
		const chosen = places.find((place) => place.id === chosenId)
		if (chosen) return { ok: true, jurisdictionId: chosen.id, label: chosen.label }
		const [only, ...others] = places
		if (only && others.length === 0) return { ok: true, jurisdictionId: only.id, label: only.label }
		if (only) {
			return {
				ok: false,
				errors: { jurisdictionId: t('chapterForm.choosePlace.required') },
				choices: places.map((place) => ({ id: place.id, label: place.label })),
			}
		}
		const byId = chosenId === undefined ? null : await placeById(trx, chosenId)
		if (byId) return { ok: true, jurisdictionId: byId.id, label: byId.label }
		return { ok: false, errors: { place: t('chapterForm.place.notFound') }, choices: [] }
	})
}
