import type { LoaderFunctionArgs } from '@remix-run/node'
import { anon, asCaller } from '#app/db/db.server'
import { notModified, publicCacheHeaders } from '#app/petitions/cache.server'
import { getPetition, hourlyCounts, placeCounts } from '#app/petitions/petitions.server'
import { env } from '#app/utils/env.server'
import { notFound } from '#app/utils/responses.server'

// Public, open data: the confirmed count, by state, county and country, and
// by hour. Counts only, never a name or an address. Read as a visitor.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const petition = await getPetition(anon, params.slug ?? '')
	if (!petition) notFound()
	const version = `${new Date(petition.updatedAt).getTime()}-${petition.count}`
	const headers = publicCacheHeaders(request, { signedIn: false, version })
	headers.set('Content-Type', 'application/json; charset=utf-8')
	headers.set('Access-Control-Allow-Origin', '*')
	const unchanged = notModified(request, headers)
	if (unchanged) return unchanged
	const { places, hours } = await asCaller(anon, async (trx) => ({
		places: await placeCounts(trx, petition.id),
		hours: await hourlyCounts(trx, petition.id),
	}))
	const body = {
		petition: {
			slug: petition.slug,
			title: petition.title,
			decision_maker: petition.decisionMaker,
			url: new URL(`/petitions/${petition.slug}`, env().SITE_URL).toString(),
			status: petition.status,
			signature_goal: petition.signatureGoal,
			deadline: petition.deadline,
		},
		signature_count: petition.count,
		counted_at: petition.countedAt,
		by_state: places.states.map((s) => ({ fips: s.code, name: s.name, signature_count: s.count })),
		by_county: places.counties.map((c) => ({ fips: c.code, name: c.name, state: c.region, signature_count: c.count })),
		by_country: places.countries.map((c) => ({ code: c.code, name: c.name, signature_count: c.count })),
		by_hour: hours.map((h) => ({ hour: h.at.toISOString(), signature_count: h.count })),
	}
	return new Response(JSON.stringify(body), { headers })
}
