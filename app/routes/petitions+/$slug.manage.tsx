import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requirePetitionOrganizer } from '#app/auth/guards.server'
import { t } from '#app/i18n/i18n'
import { openAppeal } from '#app/moderation/moderation.server'
import { handleManage } from '#app/petitions/manage-action.server'
import { ManagePageView } from '#app/petitions/manage-page'
import { getDashboard, milestoneThresholds } from '#app/petitions/petitions.server'
import { requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: t('petitions.manage.title', { title: data?.petition.title ?? '' }) },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, petition, headers } = await requirePetitionOrganizer(request, params)
	const [dashboard, appeal] = await Promise.all([
		getDashboard(caller, petition.id),
		petition.hidden ? openAppeal(caller, petition.id) : Promise.resolve(null),
	])
	headers.set('Cache-Control', 'private, no-store')
	// Only what the page shows goes to the browser: the audit log's details
	// (filters a moderator used) stay on the server.
	return data(
		{
			petition: {
				slug: petition.slug,
				title: petition.title,
				status: petition.status,
				open: petition.open,
				publishedAt: petition.publishedAt,
				closedAt: petition.closedAt,
				takedown: petition.hidden ? { at: petition.hiddenAt, reason: petition.hiddenReason, appeal } : null,
				deliveredOn: petition.deliveredOn,
				deliveryMethod: petition.deliveryMethod,
				response: petition.response,
				respondedOn: petition.respondedOn,
			},
			dashboard: {
				statusCounts: dashboard.statusCounts,
				byDay: dashboard.byDay,
				places: dashboard.places,
				updates: dashboard.updates,
				audit: dashboard.audit.map((entry) => ({ action: entry.action, at: entry.at, actor: entry.actor })),
			},
			milestones: milestoneThresholds(petition.signatureGoal, petition.customMilestones),
		},
		{ headers },
	)
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const session = await requirePetitionOrganizer(request, params)
	return handleManage({ ...session, formData: await request.formData() })
}

export default function ManagePetition() {
	const page = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return <ManagePageView page={page} actionData={actionData} />
}
