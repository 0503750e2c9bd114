import type { Transaction } from 'kysely'
import { optionalUser } from '#app/auth/guards.server'
import { asCaller, type Database } from '#app/db/db.server'
import { notFound } from '#app/utils/responses.server'
import { notModified, publicCacheHeaders } from './cache.server'
import { getPetition } from './petitions.server'

type Petition = NonNullable<Awaited<ReturnType<typeof getPetition>>>

/**
 * A petition's picture (the chart, the map) as an SVG resource route: read
 * as the reader, so organizers see their draft's (empty) picture while they
 * prepare it; cached like the page, keyed on the count, so a 304 costs no drawing.
 */
export async function petitionSvg(
	request: Request,
	slug: string,
	draw: (trx: Transaction<Database>, petition: Petition) => Promise<string>,
) {
	const { user, caller } = await optionalUser(request)
	const petition = await getPetition(caller, slug)
	if (!petition) notFound()
	const headers = publicCacheHeaders(request, { signedIn: Boolean(user), version: `${petition.count}` })
	headers.set('Content-Type', 'image/svg+xml; charset=utf-8')
	const unchanged = notModified(request, headers)
	if (unchanged) return unchanged
	const svg = await asCaller(caller, (trx) => draw(trx, petition))
	return new Response(svg, { headers })
}
