import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { isUuid } from '#app/events/events.server'
import { t } from '#app/i18n/i18n'
import { saveRecordsRequest } from '#app/siting/records-action.server'
import { RecordsRequestForm } from '#app/siting/records-form'
import { getRecordsRequest } from '#app/siting/records.server'
import { requireSameOrigin } from '#app/utils/forms.server'

function routeParams(params: { slug?: string; requestId?: string }) {
	const slug = params.slug ?? ''
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 80 || !isUuid(params.requestId)) {
		throw new Response('Not found', { status: 404 })
	}
	return { slug, requestId: params.requestId }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { slug, requestId } = routeParams(params)
	const { user, headers } = await requireUser(request)
	const found = await getRecordsRequest(callerFor(user), slug, requestId)
	if (!found) throw new Response('Not found', { status: 404 })
	return data({ ...found, today: new Date().toISOString().slice(0, 10) }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('records.edit.title', { name: data.context.name }) }] : []

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { slug, requestId } = routeParams(params)
	const { user, headers } = await requireUser(request)
	const caller = callerFor(user)
	const found = await getRecordsRequest(caller, slug, requestId)
	if (!found) throw new Response('Not found', { status: 404 })
	return saveRecordsRequest(caller, user.id, found.context, await request.formData(), headers, requestId)
}

export default function EditRecordsRequest() {
	const { context, request, today } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	if (!context.canEdit) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('records.edit.heading')}</PageHeading>
				<p className="text-lg">{t('records.notAllowed')}</p>
				<p>
					<Link to={`/projects/${context.slug}`}>{context.name}</Link>
				</p>
			</div>
		)
	}
	return (
		<div>
			<PageHeading lead={context.name}>{t('records.edit.heading')}</PageHeading>
			<RecordsRequestForm
				context={context}
				actionData={actionData}
				defaults={{
					bodyName: request.bodyName,
					askedFor: request.askedFor,
					sentOn: request.sentOn ?? '',
					status: request.status,
					chapterId: request.chapter?.id ?? '',
					outcome: request.outcome ?? '',
					documents: request.documents
						.map((document) => (document.title === document.url ? document.url : `${document.title} | ${document.url}`))
						.join('\n'),
				}}
				today={today}
			/>
		</div>
	)
}
