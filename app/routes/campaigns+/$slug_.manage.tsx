import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requireCampaignManager } from '#app/campaigns/guards.server'
import { handleManage } from '#app/campaigns/manage-action.server'
import { ManagePage } from '#app/campaigns/manage-page'
import { t } from '#app/i18n/i18n'
import { requireSameOrigin } from '#app/utils/forms.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { campaign, headers, user } = await requireCampaignManager(request, params)
	return data({ campaign, saved: new URL(request.url).searchParams.has('saved'), replyTo: user.email }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('campaign.manage.title', { name: data.campaign.name }) }, { name: 'robots', content: 'noindex' }] : []

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const session = await requireCampaignManager(request, params)
	return handleManage({ ...session, formData: await request.formData() })
}

export default function ManageCampaign() {
	const { campaign, saved, replyTo } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return <ManagePage campaign={campaign} actionData={actionData} saved={saved} replyTo={replyTo} />
}
