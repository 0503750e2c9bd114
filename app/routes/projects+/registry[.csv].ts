import { toCsv } from '#app/petitions/csv'
import { REGISTRY_CREDIT, registryRows } from '#app/siting/registry.server'

/** The whole registry as CSV (formula-safe cells); the credit line comes first, as the licence asks. */
export async function loader() {
	const rows = await registryRows()
	const header = [
		'slug',
		'name',
		'scope',
		'status',
		'status_unverified',
		'developer',
		'end_user',
		'state',
		'county',
		'locality',
		'latitude',
		'longitude',
		'megawatts',
		'acres',
		'building_sq_ft',
		'water_gallons_per_day',
		'investment_usd',
		'jobs_promised',
		'issues',
		'unverified_figures',
		'sources',
		'tracker_records',
	]
	const body = toCsv([
		[`# ${REGISTRY_CREDIT}`],
		header,
		...rows.map((row) => [
			row.slug,
			row.name,
			row.scope,
			row.status,
			row.status_unverified,
			row.developer,
			row.end_user ?? (row.end_user_undisclosed ? 'undisclosed' : null),
			row.state,
			row.county,
			row.locality,
			row.latitude,
			row.longitude,
			row.megawatts,
			row.acres,
			row.building_sq_ft,
			row.water_gallons_per_day,
			row.investment_usd,
			row.jobs_promised,
			row.issues.join(';'),
			[...new Set(row.figure_sources.filter((source) => source.unverified).map((source) => source.figure))].join(';'),
			row.sources.join(' '),
			row.dataset_record_ids.join(';'),
		]),
	])
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="groundwork-projects.csv"',
			'Cache-Control': 'public, max-age=300',
		},
	})
}
