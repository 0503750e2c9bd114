import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { findState } from '#app/chapters/chapters.server'
import { MAP_HEIGHT, MAP_WIDTH } from '#app/chapters/map'
import { PageHeading } from '#app/components/layout'
import { PlaceChoices, withParam } from '#app/components/place-choices'
import { formatMiles, t } from '#app/i18n/i18n'
import { placeSearchOutcome, searchPlacesFor } from '#app/places/search.server'
import { ClockWhen, StatusBadge } from '#app/siting/components'
import { PROJECT_ISSUES, PROJECT_STATUSES, SIZE_BANDS, type ProjectIssue, type SizeBand } from '#app/siting/projects'
import { countProjectsByState, listProjects } from '#app/siting/projects.server'

export const meta: MetaFunction = () => [{ title: t('projects.title') }]

const PAGE_SIZE = 50

function oneOf<T extends string>(list: readonly T[], value: string | null): T | null {
	return list.find((item) => item === value) ?? null
}

export async function loader({ request }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	// Postgres refuses NUL in text; nobody types one.
	const typed = (name: string, max: number) => (params.get(name) ?? '').replaceAll('\u0000', '').trim().slice(0, max)
	const query = typed('q', 100)
	const near = typed('near', 100)
	const stateCode = typed('state', 60)
	const status = oneOf(PROJECT_STATUSES, params.get('status'))
	const issue = oneOf<ProjectIssue>(PROJECT_ISSUES, params.get('issue'))
	const size = oneOf(Object.keys(SIZE_BANDS) as SizeBand[], params.get('size'))
	const page = Math.min(Math.max(1, Math.floor(Number(params.get('page')) || 1)), 1000)
	const { caller, headers } = await optionalUser(request)
	const outcome = near ? placeSearchOutcome(await searchPlacesFor(caller, near), near) : null
	const found = outcome?.place
	const place =
		found && found.latitude !== null && found.longitude !== null
			? { label: found.label, latitude: found.latitude, longitude: found.longitude }
			: null
	const state = stateCode ? await findState(caller, stateCode) : null
	const [{ items, total }, byState] = await Promise.all([
		listProjects(caller, { query, near: place, stateId: state?.id ?? null, status, issue, size, limit: PAGE_SIZE * page }),
		countProjectsByState(caller),
	])
	return data(
		{
			now: new Date().toISOString(),
			filters: { query, near, state: state?.abbreviation ?? '', status: status ?? '', issue: issue ?? '', size: size ?? '' },
			nearError: outcome?.error ?? null,
			nearChoices: outcome?.choices ?? [],
			placeLabel: place?.label ?? null,
			stateNotFound: Boolean(stateCode) && !state,
			projects: items,
			total,
			page,
			byState: byState.map((row) => ({
				name: row.name,
				abbreviation: row.abbreviation ?? row.name,
				total: Number(row.total),
				pending: Number(row.pending),
				stopped: Number(row.stopped),
			})),
		},
		{ headers },
	)
}

const fieldClass = 'min-h-11 w-full rounded-md border border-ink-muted bg-paper-raised px-3'
const buttonClass = 'min-h-11 rounded-md bg-action px-4 font-semibold text-white hover:bg-action-hover'

export default function Projects() {
	const data = useLoaderData<typeof loader>()
	const { filters, projects } = data
	const location = useLocation()
	const filtered = Boolean(filters.query || filters.near || filters.state || filters.status || filters.issue || filters.size)
	const moreParams = new URLSearchParams(Object.entries(filters).filter(([, value]) => value))
	moreParams.set('page', String(data.page + 1))
	return (
		<div className="space-y-10">
			<PageHeading lead={t('projects.lead')}>{t('projects.heading')}</PageHeading>
			<p>
				<Link to="/projects/new">{t('projectEdit.new.link')}</Link>
			</p>

			<Form method="get" className="space-y-1">
				<label htmlFor="near" className="block text-lg font-semibold">
					{t('projects.near.label')}
				</label>
				<p id="near-hint" className="text-sm text-ink-muted">
					{t('projects.near.hint')}
				</p>
				{data.nearError ? (
					<p id="near-error" className="font-semibold text-alert">
						{data.nearError}
					</p>
				) : null}
				<div className="flex max-w-xl gap-2">
					<input
						id="near"
						name="near"
						key={filters.near}
						defaultValue={filters.near}
						autoComplete="postal-code"
						aria-describedby={data.nearError ? 'near-hint near-error' : 'near-hint'}
						aria-invalid={data.nearError ? true : undefined}
						maxLength={100}
						className={fieldClass}
					/>
					<button type="submit" className={buttonClass}>
						{t('projects.near.submit')}
					</button>
				</div>
				<PlaceChoices id="near" choices={data.nearChoices} hrefFor={(choice) => withParam(location.search, 'near', choice)} />
			</Form>

			<details open={filtered && !filters.near} className="rounded-lg border border-line bg-paper-raised p-4">
				<summary className="min-h-11 cursor-pointer py-2 font-semibold">{t('projects.filters.legend')}</summary>
				<Form method="get" role="search" className="mt-2 space-y-4">
					<fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
						<legend className="sr-only">{t('projects.filters.legend')}</legend>
						<div className="space-y-1 lg:col-span-1">
							<label htmlFor="q" className="block font-medium">
								{t('projects.search.label')}
							</label>
							<input
								id="q"
								name="q"
								type="search"
								defaultValue={filters.query}
								maxLength={100}
								aria-describedby="q-hint"
								className={fieldClass}
							/>
							<p id="q-hint" className="text-sm text-ink-muted">
								{t('projects.search.hint')}
							</p>
						</div>
						<div className="space-y-1">
							<label htmlFor="state" className="block font-medium">
								{t('projects.filters.state')}
							</label>
							<select id="state" name="state" defaultValue={filters.state} className={fieldClass}>
								<option value="">{t('projects.filters.anyState')}</option>
								{data.byState.map((state) => (
									<option key={state.abbreviation} value={state.abbreviation}>
										{state.name}
									</option>
								))}
							</select>
						</div>
						<div className="space-y-1">
							<label htmlFor="status" className="block font-medium">
								{t('projects.filters.status')}
							</label>
							<select id="status" name="status" defaultValue={filters.status} className={fieldClass}>
								<option value="">{t('projects.filters.anyStatus')}</option>
								{PROJECT_STATUSES.map((status) => (
									<option key={status} value={status}>
										{t(`project.status.${status}`)}
									</option>
								))}
							</select>
						</div>
						<div className="space-y-1">
							<label htmlFor="issue" className="block font-medium">
								{t('projects.filters.issue')}
							</label>
							<select id="issue" name="issue" defaultValue={filters.issue} className={fieldClass}>
								<option value="">{t('projects.filters.anyIssue')}</option>
								{PROJECT_ISSUES.map((issue) => (
									<option key={issue} value={issue}>
										{t(`project.issue.${issue}`)}
									</option>
								))}
							</select>
						</div>
						<div className="space-y-1">
							<label htmlFor="size" className="block font-medium">
								{t('projects.filters.size')}
							</label>
							<select id="size" name="size" defaultValue={filters.size} className={fieldClass}>
								<option value="">{t('projects.filters.anySize')}</option>
								{(Object.keys(SIZE_BANDS) as SizeBand[]).map((size) => (
									<option key={size} value={size}>
										{t(`projects.size.${size}`)}
									</option>
								))}
							</select>
						</div>
					</fieldset>
					<div className="flex flex-wrap items-center gap-4">
						<button type="submit" className={buttonClass}>
							{t('projects.filters.submit')}
						</button>
						{filtered ? <Link to="/projects">{t('projects.filters.clear')}</Link> : null}
					</div>
				</Form>
			</details>

			<section aria-labelledby="results-heading" className="space-y-4">
				<h2 id="results-heading" className="text-2xl font-bold">
					{data.placeLabel ? t('projects.near.heading', { place: data.placeLabel }) : t('projects.results', { count: data.total })}
				</h2>
				<p aria-live="polite" className="font-medium">
					{data.placeLabel ? `${t('projects.results', { count: data.total })} · ` : null}
					{t('projects.resultsShown', { shown: projects.length, total: data.total })}
				</p>
				{data.stateNotFound ? <p>{t('chapters.stateNotFound')}</p> : null}
				{projects.length === 0 ? (
					<p>{t('projects.empty')}</p>
				) : (
					<ul className="divide-y divide-line rounded-lg border border-line bg-paper-raised">
						{projects.map((project) => (
							<li key={project.slug} className="space-y-1 p-4">
								<p className="flex flex-wrap items-center gap-2">
									<Link to={`/projects/${project.slug}`} className="text-lg font-semibold">
										{project.name}
									</Link>
									<StatusBadge status={project.status} />
								</p>
								<p className="text-ink-muted">
									{[project.place, project.developer, project.megawatts !== null ? t('projects.mw', { value: project.megawatts }) : null]
										.filter(Boolean)
										.join(' · ')}
									{project.distanceKm !== null ? ` · ${t('projects.distance', { distance: formatMiles(project.distanceKm) })}` : null}
								</p>
								<p className="text-sm">
									{project.nextDeadline ? (
										<strong>
											{t(`clock.${project.nextDeadline.kind}`)}:{' '}
											<ClockWhen
												at={project.nextDeadline.dueAt}
												now={data.now}
												timeZone={project.nextDeadline.timeZone}
												allDay={project.nextDeadline.allDay}
											/>
										</strong>
									) : (
										<span className="text-ink-muted">{t('projects.noDeadline')}</span>
									)}
								</p>
							</li>
						))}
					</ul>
				)}
				{projects.length < data.total ? (
					<p>
						<Link to={`/projects?${moreParams}`} className="inline-flex min-h-11 items-center font-semibold">
							{t('projects.more')}
						</Link>
					</p>
				) : null}
			</section>

			<section aria-labelledby="map-heading" className="space-y-4">
				<h2 id="map-heading" className="text-2xl font-bold">
					{t('projects.map.heading')}
				</h2>
				<p className="text-sm text-ink-muted">{t('projects.map.legend')}</p>
				<div className="grid gap-6 md:grid-cols-3">
					<img
						src={filters.state ? `/projects/map.svg?state=${encodeURIComponent(filters.state)}` : '/projects/map.svg'}
						width={MAP_WIDTH}
						height={MAP_HEIGHT}
						alt={t('projects.map.alt', { count: data.byState.reduce((sum, state) => sum + state.total, 0) })}
						className="h-auto w-full rounded-lg border border-line bg-paper-raised md:col-span-2"
					/>
					<div className="max-h-[32rem] overflow-y-auto">
						<table className="w-full text-left">
							<caption className="mb-2 text-left font-semibold">{t('projects.map.caption')}</caption>
							<thead>
								<tr className="border-b border-line">
									<th scope="col" className="py-2">
										{t('projects.map.state')}
									</th>
									<th scope="col" className="py-2 text-right">
										{t('projects.map.total')}
									</th>
									<th scope="col" className="py-2 text-right">
										{t('projects.map.pending')}
									</th>
									<th scope="col" className="py-2 text-right">
										{t('projects.map.stopped')}
									</th>
								</tr>
							</thead>
							<tbody>
								{data.byState.map((state) => (
									<tr key={state.abbreviation} className="border-b border-line">
										<td className="py-2">
											<Link to={`/projects?state=${encodeURIComponent(state.abbreviation)}`} className="inline-flex min-h-11 items-center">
												{state.name}
											</Link>
										</td>
										<td className="py-2 text-right">{state.total}</td>
										<td className="py-2 text-right">{state.pending}</td>
										<td className="py-2 text-right">{state.stopped}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</div>
			</section>

			<p className="text-sm text-ink-muted">
				{t('projects.openData')} <a href="/projects/registry.json">{t('projects.openData.json')}</a> {t('projects.openData.or')}{' '}
				<a href="/projects/registry.csv">{t('projects.openData.csv')}</a>. {t('projects.credit')}
			</p>
		</div>
	)
}
