import type { LoaderFunctionArgs } from '@remix-run/node'
import { optionalUser } from '#app/auth/guards.server'
import { asCaller } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { notModified, publicCacheHeaders } from '#app/petitions/cache.server'
import { cumulative, renderLineChart } from '#app/petitions/chart.server'
import { getPetition, hourlyCounts } from '#app/petitions/petitions.server'
import { notFound } from '#app/utils/responses.server'

// Confirmed signatures over time, as an SVG image for the petition page.
export async function loader({ request, params }: LoaderFunctionArgs) {
	// As the reader, so organizers see their draft's (empty) chart while they prepare it.
	const { user, caller } = await optionalUser(request)
	const petition = await getPetition(caller, params.slug ?? '')
	if (!petition) notFound()
	const headers = publicCacheHeaders(request, { signedIn: Boolean(user), version: `${petition.count}` })
	headers.set('Content-Type', 'image/svg+xml; charset=utf-8')
	const unchanged = notModified(request, headers)
	if (unchanged) return unchanged
	const hours = await asCaller(caller, (trx) => hourlyCounts(trx, petition.id))
	const svg = renderLineChart([{ label: t('petitions.chart.confirmed'), color: '#17623f', points: cumulative(hours) }], {
		title: t('petitions.chart.heading'),
		description: t('petitions.chart.alt', { count: petition.count }),
		empty: t('petitions.chart.empty'),
	})
	return new Response(svg, { headers })
}
