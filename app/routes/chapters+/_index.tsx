import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { findState, listChapterPoints, listChapters } from '#app/chapters/chapters.server'
import { MAP_HEIGHT, MAP_WIDTH } from '#app/chapters/map'
import { ChapterCard } from '#app/components/chapter-card'
import { ButtonLink, PageHeading } from '#app/components/layout'
import { PlaceChoices, withParam } from '#app/components/place-choices'
import { SearchForm } from '#app/components/search-form'
import { asCaller } from '#app/db/db.server'
import { formatMiles, t } from '#app/i18n/i18n'
import { placeSearchOutcome, searchPlacesFor } from '#app/places/search.server'

export const meta: MetaFunction = () => [{ title: t('chapters.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	const query = (params.get('q') ?? '').trim().slice(0, 100)
	let near = (params.get('near') ?? '').trim().slice(0, 100)
	const stateCode = (params.get('state') ?? '').trim().slice(0, 60)
	const { user, caller, headers } = await optionalUser(request)

	// The place a signed-in person gave us is remembered: their chapters nearby come first.
	let fromAccount = false
	if (user && !query && !near && !stateCode && !params.has('all')) {
		const settings = await asCaller(caller, (trx) =>
			trx.selectFrom('profile_settings').select('postal_code').where('user_id', '=', user.id).executeTakeFirst(),
		)
		if (settings?.postal_code) {
			near = settings.postal_code
			fromAccount = true
		}
	}
	const outcome = near ? placeSearchOutcome(await searchPlacesFor(caller, near), near) : null
	const found = outcome?.place
	const place =
		found && found.latitude !== null && found.longitude !== null
			? { label: found.label, latitude: found.latitude, longitude: found.longitude }
			: null
	const state = stateCode ? await findState(caller, stateCode) : null
	const [chapters, points] = await Promise.all([
		listChapters(caller, { query, near: place, stateId: state?.id ?? null }),
		listChapterPoints(caller),
	])
	const byState = new Map<string, { name: string; abbreviation: string; count: number }>()
	let abroad = 0
	for (const point of points) {
		if (!point.state) {
			abroad++
			continue
		}
		const entry = byState.get(point.state.fips) ?? { name: point.state.name, abbreviation: point.state.abbreviation, count: 0 }
		entry.count++
		byState.set(point.state.fips, entry)
	}
	const states = [...byState.values()].sort((a, b) => a.name.localeCompare(b.name))
	return data(
		{
			query,
			near,
			// A remembered ZIP that finds nothing is no error of what the person typed.
			nearError: fromAccount ? null : (outcome?.error ?? null),
			nearChoices: fromAccount ? [] : (outcome?.choices ?? []),
			placeLabel: place?.label ?? null,
			fromAccount,
			state: state ? { name: state.name, abbreviation: state.abbreviation ?? state.name } : null,
			stateNotFound: Boolean(stateCode) && !state,
			chapters,
			states,
			abroad,
			total: points.length,
			signedIn: user !== null,
		},
		{ headers },
	)
}

export default function Chapters() {
	const data = useLoaderData<typeof loader>()
	const { query, near, chapters, states } = data
	const location = useLocation()
	const filtered = Boolean(query || data.placeLabel || data.state)
	return (
		// A chapter named with one long word wraps rather than widening a phone's page.
		<div className="space-y-10 [overflow-wrap:anywhere]">
			<div>
				<PageHeading lead={t('chapters.lead')}>{t('chapters.heading')}</PageHeading>
				<div className="flex flex-wrap items-center gap-4">
					<ButtonLink to={data.signedIn ? '/chapters/new' : `/signin?redirectTo=${encodeURIComponent('/chapters/new')}`}>
						{t('chapters.start')}
					</ButtonLink>
					<p className="text-ink-muted">{t('chapters.start.hint')}</p>
				</div>
			</div>

			<div className="grid gap-6 md:grid-cols-2">
				<SearchForm
					id="near"
					name="near"
					label={t('chapters.near.label')}
					hint={t('chapters.near.hint')}
					submitLabel={t('chapters.near.submit')}
					defaultValue={near}
					error={data.nearError ?? undefined}
					search={false}
					autoComplete="postal-code"
				>
					<PlaceChoices id="near" choices={data.nearChoices} hrefFor={(choice) => withParam(location.search, 'near', choice)} />
				</SearchForm>
				<SearchForm
					id="chapter-search"
					name="q"
					label={t('chapters.search.label')}
					hint={t('chapters.search.hint')}
					submitLabel={t('chapters.search.submit')}
					defaultValue={query}
				/>
			</div>

			<section aria-labelledby="results-heading" className="space-y-4">
				<h2 id="results-heading" className="text-2xl font-bold">
					{data.placeLabel
						? data.fromAccount
							? t('chapters.near.fromAccount', { place: data.placeLabel })
							: t('chapters.near.heading', { place: data.placeLabel })
						: data.state
							? t('chapters.inState', { state: data.state.name })
							: t('chapters.all')}
				</h2>
				<p aria-live="polite" className="font-medium">
					{query ? t('chapters.resultsFor', { count: chapters.length, query }) : t('chapters.results', { count: chapters.length })}
					{filtered ? (
						<>
							{' · '}
							<Link to="/chapters?all=1">{t('chapters.showAll')}</Link>
						</>
					) : null}
				</p>
				{data.stateNotFound ? <p>{t('chapters.stateNotFound')}</p> : null}
				{chapters.length === 0 ? (
					<p>{query ? t('chapters.emptySearch', { query }) : data.total === 0 ? t('chapters.emptyTeach') : t('chapters.emptyHere')}</p>
				) : (
					<ul className="grid gap-4 sm:grid-cols-2">
						{chapters.map((chapter) => (
							<li key={chapter.id} className="flex flex-col gap-1">
								<ChapterCard chapter={chapter} />
								{chapter.distanceKm !== null && chapter.distanceKm !== undefined ? (
									<p className="text-sm text-ink-muted">{t('chapters.distance', { distance: formatMiles(chapter.distanceKm) })}</p>
								) : null}
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="map-heading" className="space-y-4">
				<h2 id="map-heading" className="text-2xl font-bold">
					{t('chapters.map.heading')}
				</h2>
				<div className="grid gap-6 md:grid-cols-3">
					<img
						src="/chapters/map.svg"
						width={MAP_WIDTH}
						height={MAP_HEIGHT}
						alt={t('chapters.map.alt', { count: states.length })}
						className="h-auto w-full rounded-lg border border-line bg-paper-raised md:col-span-2"
					/>
					<table className="w-full text-left">
						<caption className="mb-2 text-left font-semibold">{t('chapters.map.caption')}</caption>
						<thead>
							<tr className="border-b border-line">
								<th scope="col" className="py-2">
									{t('chapters.map.state')}
								</th>
								<th scope="col" className="py-2 text-right">
									{t('chapters.map.count')}
								</th>
							</tr>
						</thead>
						<tbody>
							{states.map((state) => (
								<tr key={state.abbreviation} className="border-b border-line">
									<td className="py-2">
										<Link to={`/chapters?state=${encodeURIComponent(state.abbreviation)}`} className="inline-flex min-h-11 items-center">
											{state.name}
										</Link>
									</td>
									<td className="py-2 text-right">{state.count}</td>
								</tr>
							))}
							{data.abroad > 0 ? (
								<tr>
									<td className="py-2">{t('chapters.map.abroad')}</td>
									<td className="py-2 text-right">{data.abroad}</td>
								</tr>
							) : null}
						</tbody>
					</table>
				</div>
			</section>
		</div>
	)
}
