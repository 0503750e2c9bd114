import { sql } from 'kysely'
import { anon, asCaller } from '#app/db/db.server'

// The registry as open data: every project with its figures, the sources of
// each figure, and the credit the source dataset's licence asks for.

export const REGISTRY_CREDIT = 'Data Center Opposition Tracker (datacentertracker.org), CC BY 4.0; compiled by Groundwork'

export async function registryRows() {
	return asCaller(anon, (trx) =>
		trx
			.selectFrom('projects as p')
			.innerJoin('jurisdictions as s', 's.id', 'p.state_id')
			.leftJoin('jurisdictions as c', 'c.id', 'p.county_id')
			.select([
				'p.slug',
				'p.name',
				'p.scope',
				'p.status',
				'p.status_unverified',
				'p.developer',
				'p.end_user',
				'p.end_user_undisclosed',
				's.abbreviation as state',
				'c.name as county',
				'p.locality',
				'p.latitude',
				'p.longitude',
				'p.megawatts',
				'p.acres',
				'p.building_sq_ft',
				'p.water_gallons_per_day',
				'p.investment_usd',
				'p.jobs_promised',
				'p.issues',
				'p.dataset_record_ids',
				'p.updated_at',
				sql<Array<{ figure: string; url: string; unverified: boolean }>>`coalesce((
					select json_agg(json_build_object('figure', f.figure, 'url', ps.url, 'unverified', f.unverified or ps.weak) order by f.figure, ps.url)
					from public.project_figure_sources f join public.project_sources ps on ps.id = f.source_id
					where f.project_id = p.id), '[]'::json)`.as('figure_sources'),
				sql<
					string[]
				>`coalesce((select array_agg(ps.url order by ps.created_at) from public.project_sources ps where ps.project_id = p.id), '{}')`.as(
					'sources',
				),
			])
			.orderBy('s.abbreviation')
			.orderBy('p.name')
			.execute(),
	)
}
