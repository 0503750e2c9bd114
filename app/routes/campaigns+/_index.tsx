import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { listCampaigns } from '#app/campaigns/campaigns.server'
import { CAMPAIGN_KINDS } from '#app/campaigns/templates'
import { PageHeading } from '#app/components/layout'
import { SearchForm } from '#app/components/search-form'
import { t } from '#app/i18n/i18n'

export const meta: MetaFunction = () => [{ title: t('campaigns.title') }, { name: 'description', content: t('campaigns.lead') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	const q = (params.get('q') ?? '').replaceAll('\u0000', '').trim().slice(0, 100)
	const kind = CAMPAIGN_KINDS.find((value) => value === params.get('kind')) ?? null
	const { caller, headers } = await optionalUser(request)
	return data({ q, campaigns: await listCampaigns(caller, { q, kind }) }, { headers })
}

export default function Campaigns() {
	const { q, campaigns } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-8">
			<PageHeading lead={t('campaigns.lead')}>{t('campaigns.heading')}</PageHeading>
			<p>
				<Link to="/campaigns/new">{t('campaigns.start')}</Link>
			</p>
			<SearchForm
				id="campaign-search"
				name="q"
				label={t('campaigns.search.label')}
				hint={t('campaigns.search.hint')}
				submitLabel={t('campaigns.search.submit')}
				defaultValue={q}
			/>
			{campaigns.length ? (
				<ul className="grid gap-4 sm:grid-cols-2">
					{campaigns.map((campaign) => (
						<li key={campaign.slug} className="space-y-2 rounded-lg border border-line bg-paper-raised p-5">
							<p className="text-sm text-ink-muted">
								{t('campaigns.list.place', { kind: t(`campaigns.kind.${campaign.kind}`), place: campaign.place })} ·{' '}
								{t(`campaigns.status.${campaign.status}`)}
							</p>
							<h2 className="text-xl font-bold">
								<Link to={`/campaigns/${campaign.slug}`}>{campaign.name}</Link>
							</h2>
							<p>{campaign.goal}</p>
							{campaign.chapters.length ? (
								<p className="text-sm">{t('campaigns.list.by', { chapters: campaign.chapters.join(', ') })}</p>
							) : null}
						</li>
					))}
				</ul>
			) : (
				<p>{t('campaigns.empty')}</p>
			)}
		</div>
	)
}
