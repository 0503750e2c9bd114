import type { LoaderFunctionArgs } from '@remix-run/node'
import { t } from '#app/i18n/i18n'
import { cumulative, renderLineChart } from '#app/petitions/chart.server'
import { hourlyCounts } from '#app/petitions/petitions.server'
import { petitionSvg } from '#app/petitions/svg-image.server'

// Confirmed signatures over time, as an SVG image for the petition page.
export async function loader({ request, params }: LoaderFunctionArgs) {
	return petitionSvg(request, params.slug ?? '', async (trx, petition) =>
		renderLineChart(
			[{ label: t('petitions.chart.confirmed'), color: '#17623f', points: cumulative(await hourlyCounts(trx, petition.id)) }],
			{
				title: t('petitions.chart.heading'),
				description: t('petitions.chart.alt', { count: petition.count }),
				empty: t('petitions.chart.empty'),
			},
		),
	)
}
