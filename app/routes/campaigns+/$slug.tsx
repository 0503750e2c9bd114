import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { CampaignPageView } from '#app/campaigns/campaign-page'
import { optionalCampaignVisitor, requireCampaignVisitor } from '#app/campaigns/guards.server'
import { handlePage } from '#app/campaigns/page-action.server'
import { t } from '#app/i18n/i18n'
import { markdownTree } from '#app/markdown/markdown.server'
import { requireSameOrigin } from '#app/utils/forms.server'

const NOTICES = {
	followed: 'campaign.followed',
	unfollowed: 'campaign.unfollowed',
	accepted: 'campaign.invitation.accepted',
	declined: 'campaign.invitation.declined',
} as const

function isNotice(value: string | null): value is keyof typeof NOTICES {
	return value !== null && value in NOTICES
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { campaign, headers } = await optionalCampaignVisitor(request, params)
	const done = new URL(request.url).searchParams.get('done')
	return data(
		{
			campaign,
			description: campaign.description ? markdownTree(campaign.description) : null,
			updates: campaign.updates.map((update) => ({ ...update, tree: markdownTree(update.body) })),
			notice: isNotice(done) ? t(NOTICES[done]) : null,
		},
		{ headers },
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data
		? [
				{ title: t('campaign.title', { name: data.campaign.name }) },
				{ name: 'description', content: data.campaign.goal },
				...(data.campaign.status === 'draft' ? [{ name: 'robots', content: 'noindex' }] : []),
			]
		: []

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const session = await requireCampaignVisitor(request, params)
	return handlePage({ ...session, formData: await request.formData() })
}

export default function CampaignRoute() {
	const { campaign, description, updates, notice } = useLoaderData<typeof loader>()
	return <CampaignPageView campaign={campaign} description={description} updates={updates} notice={notice} />
}
