import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { CampaignsTeaser } from '#app/campaigns/home-teaser'
import { listChapters } from '#app/chapters/chapters.server'
import { ChapterCard } from '#app/components/chapter-card'
import { ButtonLink } from '#app/components/layout'
import { anon } from '#app/db/db.server'
import { nearYouSection } from '#app/home/home.server'
import { NearYou } from '#app/home/near-you'
import { t } from '#app/i18n/i18n'

export const meta: MetaFunction = () => [{ title: t('home.title') }, { name: 'description', content: t('site.tagline') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { user, caller, headers } = await optionalUser(request)
	// Members come back to their own home (decision 067).
	if (user) throw redirect(`/home${new URL(request.url).search}`, { headers })
	const [chapters, near] = await Promise.all([listChapters(anon, { limit: 6 }), nearYouSection(caller, request)])
	return data({ chapters, ...near, now: new Date() }, { headers })
}

export default function Home() {
	const { chapters, query, near, error, choices, fromProfile, now } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const notice = params.get('deleted') ? t('home.deleted') : params.get('signedOut') ? t('home.signedOut') : null
	return (
		<div className="space-y-14">
			{notice ? (
				<p role="status" className="rounded-md border-2 border-action bg-action-soft p-4 font-semibold">
					{notice}
				</p>
			) : null}
			<section aria-labelledby="home-heading" className="space-y-5">
				<h1 id="home-heading" className="max-w-3xl text-3xl leading-tight font-bold sm:text-5xl">
					{t('home.heading')}
				</h1>
				<p className="max-w-prose text-lg">{t('home.lead')}</p>
				<Form method="get" action="/projects" className="max-w-xl space-y-1 rounded-lg border-2 border-action bg-paper-raised p-4">
					<label htmlFor="home-near" className="block text-lg font-semibold">
						{t('home.near.label')}
					</label>
					<p id="home-near-hint" className="text-sm text-ink-muted">
						{t('projects.near.hint')}
					</p>
					<div className="flex gap-2">
						<input
							id="home-near"
							name="near"
							autoComplete="postal-code"
							aria-describedby="home-near-hint"
							maxLength={100}
							className="min-h-11 w-full rounded-md border border-ink-muted bg-paper-raised px-3"
						/>
						<button type="submit" className="min-h-11 rounded-md bg-action px-4 font-semibold text-white hover:bg-action-hover">
							{t('home.near.submit')}
						</button>
					</div>
				</Form>
				<ButtonLink to="/chapters">{t('home.primaryAction')}</ButtonLink>
			</section>

			<NearYou query={query} near={near} error={error} choices={choices} fromProfile={fromProfile} signedIn={false} now={now} />

			<section aria-labelledby="what-heading" className="space-y-5">
				<h2 id="what-heading" className="text-2xl font-bold">
					{t('home.what.heading')}
				</h2>
				<ul className="grid gap-4 sm:grid-cols-3">
					{(['chapters', 'hearings', 'comments'] as const).map((item) => (
						<li key={item} className="rounded-lg border border-line bg-paper-raised p-5">
							<h3 className="mb-2 text-lg font-semibold">{t(`home.what.${item}.title`)}</h3>
							<p>{t(`home.what.${item}.body`)}</p>
						</li>
					))}
				</ul>
			</section>

			<CampaignsTeaser />

			<section aria-labelledby="chapters-heading" className="space-y-5">
				<div className="flex flex-wrap items-baseline justify-between gap-2">
					<h2 id="chapters-heading" className="text-2xl font-bold">
						{t('home.chapters.heading')}
					</h2>
					<Link to="/chapters">{t('home.chapters.all')}</Link>
				</div>
				{chapters.length === 0 ? (
					<p>{t('home.chapters.empty')}</p>
				) : (
					<ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
						{chapters.map((chapter) => (
							<li key={chapter.id}>
								<ChapterCard chapter={chapter} />
							</li>
						))}
					</ul>
				)}
			</section>
		</div>
	)
}
