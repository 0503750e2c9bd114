import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageHeading } from '#app/components/layout'
import { anon } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { confirmFollow } from '#app/siting/follows.server'

// The link in the email sent to someone who follows a project by email alone.
// Opening it starts the reminders; opening it again changes nothing.
export async function loader({ request }: LoaderFunctionArgs) {
	const token = new URL(request.url).searchParams.get('token') ?? ''
	const project = await confirmFollow(anon, token)
	return data({ project }, { headers: { 'Cache-Control': 'no-store' } })
}

export const meta: MetaFunction = () => [{ title: t('follow.confirm.title') }, { name: 'robots', content: 'noindex' }]

export default function ConfirmFollow() {
	const { project } = useLoaderData<typeof loader>()
	if (!project) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('follow.confirm.invalid')}</PageHeading>
				<p>
					<Link to="/projects">{t('projects.heading')}</Link>
				</p>
			</div>
		)
	}
	return (
		<div className="max-w-prose space-y-4">
			<PageHeading lead={t('follow.confirm.body')}>{t('follow.confirm.heading', { name: project.name })}</PageHeading>
			<p>
				<Link to={`/projects/${project.slug}`} className="font-semibold">
					{t('follow.confirm.back')}
				</Link>
			</p>
		</div>
	)
}
