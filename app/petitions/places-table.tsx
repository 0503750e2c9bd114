import { t } from '#app/i18n/i18n'
import { formatCount } from './components'
import { SHADES } from './svg'

type Place = { code: string; name: string; region: string | null; count: number }

/** The numbers behind the map, as tables: by state, by county (the 25 largest), and by country. */
export function PlacesTable({ places }: { places: { states: Place[]; counties: Place[]; countries: Place[] } }) {
	if (places.countries.length === 0) return <p>{t('petitions.places.none')}</p>
	return (
		<div className="grid gap-6 md:grid-cols-2">
			<PlaceTable caption={t('petitions.places.byState')} column={t('petitions.places.state')} rows={places.states} />
			<PlaceTable caption={t('petitions.places.byCounty')} column={t('petitions.places.county')} rows={places.counties.slice(0, 25)} />
			{places.countries.length > 1 || places.countries[0]?.code !== 'US' ? (
				<PlaceTable caption={t('petitions.places.byCountry')} column={t('petitions.places.country')} rows={places.countries} />
			) : null}
		</div>
	)
}

function PlaceTable({ caption, column, rows }: { caption: string; column: string; rows: Place[] }) {
	if (rows.length === 0) return null
	return (
		<table className="w-full border-collapse self-start text-left">
			<caption className="mb-2 text-left text-lg font-bold">{caption}</caption>
			<thead>
				<tr className="border-b-2 border-ink">
					<th scope="col" className="py-2 pr-4">
						{column}
					</th>
					<th scope="col" className="py-2 text-right">
						{t('petitions.places.signatures')}
					</th>
				</tr>
			</thead>
			<tbody>
				{rows.map((row) => (
					<tr key={row.code} className="border-b border-line">
						<th scope="row" className="py-2 pr-4 font-normal">
							{row.name}
							{row.region ? `, ${row.region}` : ''}
						</th>
						<td className="py-2 text-right tabular-nums">{formatCount(row.count)}</td>
					</tr>
				))}
			</tbody>
		</table>
	)
}

/** The map's key: five shades from few signers to many. */
export function MapLegend() {
	return (
		<p className="flex items-center gap-2 text-sm">
			<span>{t('petitions.places.legendFew')}</span>
			<span aria-hidden="true" className="flex">
				{SHADES.map((shade) => (
					<span key={shade} className="inline-block h-4 w-6" style={{ backgroundColor: shade }} />
				))}
			</span>
			<span>{t('petitions.places.legendMany')}</span>
		</p>
	)
}
