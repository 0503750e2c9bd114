import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { loadQueue, reviewAction } from '#app/siting/review-action.server'
import { ReviewQueue } from '#app/siting/review-queue'
import { projectFormDefaults } from '#app/siting/revisions.server'

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

function projectSlug(params: { slug?: string }) {
	const slug = params.slug ?? ''
	if (!SLUG.test(slug) || slug.length > 80) throw new Response('Not found', { status: 404 })
	return slug
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('revisions.project.title', { name: data.project.name }) }] : []

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = projectSlug(params)
	const { user } = await requireUser(request)
	const found = await projectFormDefaults(callerFor(user), slug)
	if (!found) throw new Response('Not found', { status: 404 })
	const { headers, ...queue } = await loadQueue(request, slug)
	return data({ ...queue, project: found.project, editor: found.editor }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const slug = projectSlug(params)
	return reviewAction(request, `/projects/${slug}/changes`)
}

export default function ProjectChanges() {
	const { proposals, reviewer, notice, project, editor } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="space-y-6">
			<p>
				<Link to={`/projects/${project.slug}`}>← {t('projectEdit.back')}</Link>
			</p>
			<PageHeading lead={editor ? undefined : t('revisions.notEditor')}>
				{t('revisions.project.heading', { name: project.name })}
			</PageHeading>
			<ReviewQueue proposals={proposals} reviewer={reviewer} notice={notice} actionData={actionData} showProject={false} />
			<p className="flex flex-wrap gap-4">
				<Link to={`/projects/${project.slug}/edit`}>{t('projectEdit.edit.link')}</Link>
				{editor ? <Link to={`/projects/${project.slug}/proceedings/new`}>{t('proceedingEdit.new.link')}</Link> : null}
			</p>
		</div>
	)
}
