import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { ButtonLink, PageHeading } from '#app/components/layout'
import { PlaceChoices, withParam } from '#app/components/place-choices'
import { SearchForm } from '#app/components/search-form'
import { t } from '#app/i18n/i18n'
import { PetitionCard } from '#app/petitions/components'
import { listPetitions, organizedChapters } from '#app/petitions/petitions.server'
import { placeSearchOutcome, searchPlacesFor } from '#app/places/search.server'

export const meta: MetaFunction = () => [{ title: t('petitions.list.title') }, { name: 'description', content: t('petitions.list.lead') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const query = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 100)
	const { user, caller, headers } = await optionalUser(request)
	// The words may name a place: then petitions there; a name several places share offers them.
	const outcome = query ? placeSearchOutcome(await searchPlacesFor(caller, query), query) : null
	const area = outcome?.place ?? null
	const [petitions, chapters] = await Promise.all([
		listPetitions(caller, { query, jurisdictionIds: area?.jurisdictionIds }),
		user ? organizedChapters(caller, user.id) : Promise.resolve([]),
	])
	return data(
		{
			query,
			area: area?.label ?? null,
			placeChoices: outcome?.choices ?? [],
			petitions,
			canStart: chapters.length > 0,
			signedIn: Boolean(user),
			now: new Date().toISOString(),
		},
		{ headers },
	)
}

export default function Petitions() {
	const { query, area, placeChoices, petitions, canStart, signedIn, now } = useLoaderData<typeof loader>()
	const location = useLocation()
	return (
		<div>
			<PageHeading lead={t('petitions.list.lead')}>{t('petitions.list.heading')}</PageHeading>
			<div className="mb-8 flex flex-wrap gap-4">
				{canStart ? <ButtonLink to="/petitions/new">{t('petitions.list.start')}</ButtonLink> : null}
				{signedIn ? (
					<Link to="/petitions/mine" className="inline-flex min-h-11 items-center font-semibold">
						{t('petitions.mine.heading')}
					</Link>
				) : null}
			</div>
			<SearchForm
				id="petition-search"
				name="q"
				label={t('petitions.list.search.label')}
				hint={t('petitions.list.search.hint')}
				submitLabel={t('petitions.list.search.submit')}
				defaultValue={query}
				className="mb-8 max-w-xl"
			>
				<PlaceChoices id="petition-search" choices={placeChoices} hrefFor={(choice) => withParam(location.search, 'q', choice)} />
				{query ? (
					<p className="pt-1">
						<Link to="/petitions">{t('petitions.list.search.clear')}</Link>
					</p>
				) : null}
			</SearchForm>
			<p aria-live="polite" className="mb-4 font-medium">
				{query
					? area
						? t('placeSearch.petitions.resultsIn', { count: petitions.length, query, place: area })
						: t('petitions.list.resultsFor', { count: petitions.length, query })
					: t('petitions.list.results', { count: petitions.length })}
			</p>
			{petitions.length === 0 ? (
				<div className="max-w-prose space-y-3">
					<p>{query ? t('petitions.list.emptySearch', { query }) : t('petitions.list.empty')}</p>
					{!query ? (
						<p>
							{canStart ? (
								<Link to="/petitions/new">{t('petitions.list.start')}</Link>
							) : (
								<Link to="/chapters">{t('petitions.list.emptyChapters')}</Link>
							)}
						</p>
					) : null}
				</div>
			) : (
				<ul className="grid gap-4 sm:grid-cols-2">
					{petitions.map((petition) => (
						<li key={petition.slug}>
							<PetitionCard petition={petition} now={now} />
						</li>
					))}
				</ul>
			)}
		</div>
	)
}
