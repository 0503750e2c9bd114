import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { loadQueue, reviewAction } from '#app/siting/review-action.server'
import { ReviewQueue } from '#app/siting/review-queue'

export const meta: MetaFunction = () => [{ title: t('revisions.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { headers, ...queue } = await loadQueue(request)
	return data(queue, { headers })
}

export async function action({ request }: ActionFunctionArgs) {
	return reviewAction(request, '/projects/changes')
}

export default function SiteChanges() {
	const { proposals, reviewer, notice } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="space-y-6">
			<p>
				<Link to="/projects">← {t('nav.projects')}</Link>
			</p>
			<PageHeading lead={t('revisions.lead')}>{t('revisions.heading')}</PageHeading>
			<ReviewQueue proposals={proposals} reviewer={reviewer} notice={notice} actionData={actionData} showProject />
		</div>
	)
}
