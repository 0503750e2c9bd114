import { REGISTRY_CREDIT, registryRows } from '#app/siting/registry.server'
import { env } from '#app/utils/env.server'

/** The whole registry as JSON, with the licence and credit line. */
export async function loader() {
	const rows = await registryRows()
	const body = {
		credit: REGISTRY_CREDIT,
		license: 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)',
		url: new URL('/projects', env().SITE_URL).toString(),
		count: rows.length,
		projects: rows.map((row) => ({
			...row,
			url: new URL(`/projects/${row.slug}`, env().SITE_URL).toString(),
			megawatts: row.megawatts === null ? null : Number(row.megawatts),
			acres: row.acres === null ? null : Number(row.acres),
			building_sq_ft: row.building_sq_ft === null ? null : Number(row.building_sq_ft),
			water_gallons_per_day: row.water_gallons_per_day === null ? null : Number(row.water_gallons_per_day),
			investment_usd: row.investment_usd === null ? null : Number(row.investment_usd),
		})),
	}
	return new Response(JSON.stringify(body), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Cache-Control': 'public, max-age=300',
			'Access-Control-Allow-Origin': '*',
		},
	})
}
