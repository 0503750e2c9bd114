import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePetitionOrganizer } from '#app/auth/guards.server'
import { t } from '#app/i18n/i18n'
import { cumulative, renderLineChart } from '#app/petitions/chart.server'
import { getDashboard } from '#app/petitions/petitions.server'

// The organizer's chart: confirmed and still-pending signatures over time, by day.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, petition } = await requirePetitionOrganizer(request, params)
	const { byDay } = await getDashboard(caller, petition.id)
	const at = (day: string) => new Date(`${day}T12:00:00Z`)
	const svg = renderLineChart(
		[
			{
				label: t('petitions.manage.counts.confirmed'),
				color: '#17623f',
				points: cumulative(byDay.map((d) => ({ at: at(d.day), count: d.confirmed }))),
			},
			{
				label: t('petitions.manage.chart.pending'),
				color: '#a3261b',
				points: cumulative(byDay.map((d) => ({ at: at(d.day), count: d.pending }))),
			},
		],
		{ title: t('petitions.manage.chart.title'), description: t('petitions.manage.chart.alt'), empty: t('petitions.chart.empty') },
	)
	return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'private, no-store' } })
}
