import type { LoaderFunctionArgs } from '@remix-run/node'
import { optionalUser } from '#app/auth/guards.server'
import { asCaller } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { notModified, publicCacheHeaders } from '#app/petitions/cache.server'
import { renderPlacesMap } from '#app/petitions/map.server'
import { getPetition, placeCounts } from '#app/petitions/petitions.server'
import { notFound } from '#app/utils/responses.server'

// Where signers live, as an SVG image for the petition page.
export async function loader({ request, params }: LoaderFunctionArgs) {
	// As the reader, so organizers see their draft's (empty) chart while they prepare it.
	const { user, caller } = await optionalUser(request)
	const petition = await getPetition(caller, params.slug ?? '')
	if (!petition) notFound()
	const headers = publicCacheHeaders(request, { signedIn: Boolean(user), version: `${petition.count}` })
	headers.set('Content-Type', 'image/svg+xml; charset=utf-8')
	const unchanged = notModified(request, headers)
	if (unchanged) return unchanged
	const places = await asCaller(caller, (trx) => placeCounts(trx, petition.id))
	const svg = renderPlacesMap(places, {
		title: t('petitions.places.heading'),
		description: t('petitions.places.mapAlt'),
		signatures: (count) => t('petitions.places.count', { count }),
	})
	return new Response(svg, { headers })
}
