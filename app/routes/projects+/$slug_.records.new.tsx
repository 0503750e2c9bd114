import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { saveRecordsRequest } from '#app/siting/records-action.server'
import { RecordsRequestForm } from '#app/siting/records-form'
import { getRecordsContext } from '#app/siting/records.server'
import { requireSameOrigin } from '#app/utils/forms.server'

function projectSlug(params: { slug?: string }) {
	const slug = params.slug ?? ''
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 80) throw new Response('Not found', { status: 404 })
	return slug
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = projectSlug(params)
	const { user, headers } = await requireUser(request)
	const context = await getRecordsContext(callerFor(user), slug)
	if (!context) throw new Response('Not found', { status: 404 })
	return data({ context, today: new Date().toISOString().slice(0, 10) }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('records.new.title', { name: data.context.name }) }] : []

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = projectSlug(params)
	const { user, headers } = await requireUser(request)
	const caller = callerFor(user)
	const context = await getRecordsContext(caller, slug)
	if (!context) throw new Response('Not found', { status: 404 })
	return saveRecordsRequest(caller, user.id, context, await request.formData(), headers)
}

export default function NewRecordsRequest() {
	const { context, today } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	if (!context.canEdit) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('records.new.heading')}</PageHeading>
				<p className="text-lg">{t('records.notAllowed')}</p>
				<p>
					<Link to={`/projects/${context.slug}`}>{context.name}</Link>
				</p>
			</div>
		)
	}
	return (
		<div>
			<PageHeading lead={t('records.new.lead', { name: context.name, state: context.stateName })}>{t('records.new.heading')}</PageHeading>
			<RecordsRequestForm
				context={context}
				actionData={actionData}
				defaults={{ status: 'drafted', chapterId: context.chapters[0]?.id ?? '' }}
				today={today}
			/>
		</div>
	)
}
