import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { campaignToday } from '#app/campaigns/campaigns.server'
import { requireCampaignCirculator } from '#app/campaigns/guards.server'
import { recordPaperSheet } from '#app/campaigns/paper-action.server'
import { PaperPage } from '#app/campaigns/paper-page'
import { paperSummary } from '#app/campaigns/paper.server'
import { t } from '#app/i18n/i18n'
import { requireSameOrigin } from '#app/utils/forms.server'

function count(value: string | null) {
	const n = Number(value)
	return Number.isInteger(n) && n >= 0 && n <= 100_000 ? n : 0
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { campaign, caller, headers } = await requireCampaignCirculator(request, params)
	const search = new URL(request.url).searchParams
	const saved = search.has('saved') ? { count: count(search.get('saved')), unreadable: count(search.get('unreadable')) } : null
	return data({ campaign, summary: await paperSummary(caller, campaign.id), saved, today: campaignToday() }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('campaign.paper.title', { name: data.campaign.name }) }, { name: 'robots', content: 'noindex' }] : []

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const session = await requireCampaignCirculator(request, params)
	return recordPaperSheet({ ...session, formData: await request.formData() })
}

export default function CampaignPaper() {
	const { campaign, summary, saved, today } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return <PaperPage campaign={campaign} summary={summary} actionData={actionData} saved={saved} today={today} />
}
