import { sql, type Transaction } from 'kysely'
import type { z } from 'zod'
import { slugify } from '#app/chapters/chapters.server'
import type { AuthenticatedCaller, Database } from '#app/db/db.server'
import type { BodyKind } from '#app/db/types'
import { t } from '#app/i18n/i18n'
import { resolveJurisdiction } from '#app/places/search.server'
import type { proceedingSchema } from './edit-schemas'

// A deciding body added from the proceeding form, in the proceeding's
// transaction: its jurisdiction is what the place search finds (one match,
// or the one chosen from the list offered), and a body of the same name on
// the list is a warning linking it, unless the person says this one differs.
// Who may add one: the proceeding's editors (the bodies policy also lets
// any organizer or moderator, docs/decisions/048).

export type NewBodyRefusal = {
	ok: false
	errors: Record<string, string>
	bodyChoices?: Array<{ id: number; label: string }>
	duplicateBody?: { slug: string; name: string }
}

const normalizedName = sql<string>`regexp_replace(lower(b.name), '[^a-z0-9]+', '', 'g')`

export async function insertBody(
	trx: Transaction<Database>,
	caller: AuthenticatedCaller,
	input: z.infer<typeof proceedingSchema>,
): Promise<NewBodyRefusal | { ok: true; id: string }> {
	const chosenId = input.bodyPlaceId ? Number(input.bodyPlaceId) : undefined
	const resolved = await resolveJurisdiction(trx, input.bodyPlace, chosenId)
	if (!resolved.ok)
		return resolved.field === 'choice'
			? { ok: false, errors: { bodyPlaceId: resolved.message }, bodyChoices: resolved.choices }
			: { ok: false, errors: { bodyPlace: resolved.message } }
	const place = { id: resolved.jurisdictionId }
	if (!input.differentBody) {
		const same = await trx
			.selectFrom('bodies as b')
			.select(['b.slug', 'b.name'])
			.where(normalizedName, '=', input.bodyName.toLowerCase().replace(/[^a-z0-9]+/g, ''))
			.orderBy('b.name')
			.limit(1)
			.executeTakeFirst()
		if (same)
			return {
				ok: false,
				errors: { differentBody: t('bodyEdit.error.duplicate', { name: same.name }) },
				duplicateBody: { slug: same.slug, name: same.name },
			}
	}
	const stem = slugify(input.bodyName)
		.replace(/^chapter$/, 'body')
		.slice(0, 70)
		.replace(/-+$/, '')
	const taken = new Set((await trx.selectFrom('bodies').select('slug').where('slug', 'like', `${stem}%`).execute()).map((row) => row.slug))
	let slug = stem
	for (let n = 2; taken.has(slug); n++) slug = `${stem}-${n}`
	const created = await trx
		.insertInto('bodies')
		.values({
			slug,
			name: input.bodyName,
			kind: input.bodyKind as BodyKind,
			jurisdiction_id: place.id,
			time_zone: input.bodyTimeZone,
			website: input.bodyWebsite || null,
			email: input.bodyEmail || null,
			phone: input.bodyPhone || null,
			created_by: caller.claims.sub,
		})
		.returning('id')
		.executeTakeFirstOrThrow()
	return { ok: true, id: created.id }
}
