import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { callerFor } from '#app/auth/guards.server'
import { getSessionUser } from '#app/auth/supabase.server'
import { officialCampaigns } from '#app/campaigns/campaigns.server'
import { OfficialCampaigns } from '#app/campaigns/official-campaigns'
import { t } from '#app/i18n/i18n'
import { VOTE_POSITIONS } from '#app/siting/community-schemas'
import { civilText } from '#app/siting/community-views'
import { getOfficial } from '#app/siting/officials.server'

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	if (!SLUG.test(slug) || slug.length > 80) throw new Response('Not found', { status: 404 })
	const { user, headers } = await getSessionUser(request)
	const official = await getOfficial(callerFor(user), slug)
	if (!official) throw new Response('Not found', { status: 404 })
	const campaigns = await officialCampaigns(
		callerFor(user),
		slug,
		official.votes.map((vote) => vote.proceeding.slug),
	)
	return data({ official, campaigns }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data
		? [
				{ title: t('official.title', { name: data.official.name }) },
				{ name: 'description', content: t('official.of', { body: data.official.body.name }) },
			]
		: []

export default function OfficialRoute() {
	const { official, campaigns } = useLoaderData<typeof loader>()
	const term =
		official.termStartsOn && official.termEndsOn
			? t('official.term', { from: civilText(official.termStartsOn), to: civilText(official.termEndsOn) })
			: official.termStartsOn
				? t('official.termFrom', { from: civilText(official.termStartsOn) })
				: official.termEndsOn
					? t('official.termTo', { to: civilText(official.termEndsOn) })
					: null
	return (
		<article className="space-y-10">
			<header className="space-y-2">
				{official.title ? <p className="text-ink-muted">{official.title}</p> : null}
				<h1 className="text-3xl leading-tight font-bold sm:text-4xl">{official.name}</h1>
				<p className="text-lg">
					<Link to={`/bodies/${official.body.slug}`}>{t('official.of', { body: official.body.name })}</Link>
				</p>
				{official.district ? <p>{t('official.district', { district: official.district })}</p> : null}
				{term ? <p>{term}</p> : null}
				{official.sourceUrl ? (
					<p className="text-sm">
						<a href={official.sourceUrl} rel="noopener noreferrer nofollow">
							{t('official.source')}
						</a>
					</p>
				) : null}
			</header>

			<section aria-labelledby="counts-heading" className="space-y-3">
				<h2 id="counts-heading" className="text-2xl font-bold">
					{t('official.counts.heading')}
				</h2>
				<table className="min-w-64 border-collapse text-left">
					<caption className="sr-only">{t('official.counts.caption')}</caption>
					<thead>
						<tr>
							<th scope="col" className="border-b border-line py-2 pr-6">
								{t('official.counts.position')}
							</th>
							<th scope="col" className="border-b border-line py-2 text-right">
								{t('official.counts.count')}
							</th>
						</tr>
					</thead>
					<tbody>
						{VOTE_POSITIONS.map((position) => (
							<tr key={position}>
								<th scope="row" className="py-1 pr-6 font-normal">
									{t(`vote.position.${position}`)}
								</th>
								<td className="py-1 text-right font-semibold">{official.counts[position]}</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>

			<OfficialCampaigns endorsements={campaigns.endorsements} byProceeding={campaigns.byProceeding} votes={official.votes} />

			<section aria-labelledby="record-heading" className="space-y-3">
				<h2 id="record-heading" className="text-2xl font-bold">
					{t('official.record.heading')}
				</h2>
				<p className="max-w-prose">{t('official.record.lead')}</p>
				{official.votes.length ? (
					<ul className="space-y-4">
						{official.votes.map((vote) => (
							<li key={vote.id} className="space-y-1 border-l-4 border-line pl-4">
								<p>
									<strong>{t(`vote.position.${vote.position}`)}</strong>
									{' · '}
									<time dateTime={vote.heldOn}>{civilText(vote.heldOn)}</time>
								</p>
								<p>
									{t('official.record.motion')}: {vote.motion}
									{vote.result ? ` (${vote.result})` : null}
								</p>
								<p>
									{t('official.record.proceeding')}:{' '}
									<Link to={`/projects/${vote.project.slug}#proceeding-${vote.proceeding.slug}`}>{vote.proceeding.title}</Link>
									{' · '}
									<Link to={`/projects/${vote.project.slug}`}>{vote.project.name}</Link>
								</p>
								<p className="text-sm">
									<a href={vote.sourceUrl} rel="noopener noreferrer nofollow">
										{t('official.record.sourceLink')}
									</a>
								</p>
							</li>
						))}
					</ul>
				) : (
					<p>{t('official.record.none')}</p>
				)}
			</section>
		</article>
	)
}
