import type { LoaderFunctionArgs } from '@remix-run/node'
import { findState } from '#app/chapters/chapters.server'
import { anon, asCaller } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { projectMapSvg } from '#app/siting/map.server'
import { listProjectPoints } from '#app/siting/projects.server'

/** The project map as an image, for the country or one state (?state=VA). */
export async function loader({ request }: LoaderFunctionArgs) {
	const code = new URL(request.url).searchParams.get('state') ?? ''
	const state = code ? await findState(anon, code) : null
	const fips = state
		? await asCaller(anon, (trx) => trx.selectFrom('jurisdictions').select('fips_code').where('id', '=', state.id).executeTakeFirst())
		: null
	const points = await listProjectPoints(anon, state?.id ?? null)
	const svg = projectMapSvg(points, {
		title: state ? `${t('projects.map.heading')}: ${state.name}` : t('projects.map.heading'),
		description: t('projects.map.alt', { count: points.length }),
		stateFips: fips?.fips_code ?? null,
	})
	return new Response(svg, {
		headers: {
			'Content-Type': 'image/svg+xml; charset=utf-8',
			'Cache-Control': 'public, max-age=300',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
