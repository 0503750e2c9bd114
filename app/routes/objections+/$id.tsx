import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { optionalUser, requireUser } from '#app/auth/guards.server'
import { t } from '#app/i18n/i18n'
import { commentDeadline } from '#app/objections/deadline'
import { siteUrl } from '#app/objections/filing.server'
import { isObjectionIntent } from '#app/objections/intents'
import { objectionAction } from '#app/objections/objection-action.server'
import { ObjectionPage } from '#app/objections/objection-page'
import { getObjection, markedAsModel, objectionWorkspace, publicSigners, viewerRole } from '#app/objections/objections.server'
import { requireSameOrigin } from '#app/utils/forms.server'
import { badRequest, notFound } from '#app/utils/responses.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, caller, headers } = await optionalUser(request)
	const objection = await getObjection(caller, params.id ?? '')
	if (!objection) notFound(headers)
	const role = await viewerRole(caller, objection.chapter.id)
	const workspace = user && role ? await objectionWorkspace(caller, objection) : null
	const deadline = commentDeadline(objection.proceeding)
	const now = new Date()
	return data(
		{
			objection,
			role,
			viewerId: user?.id ?? null,
			marked: await markedAsModel(caller, objection.id),
			publicNames: objection.publishedAt ? await publicSigners(caller, objection.id) : [],
			deadline: deadline ? { dueAt: deadline.dueAt.toISOString(), passed: deadline.dueAt.getTime() < now.getTime() } : null,
			workspace: workspace
				? {
						versions: workspace.versions,
						comments: workspace.comments,
						signers: role === 'organizer' ? workspace.signers : workspace.signers.filter((signer) => signer.email === user?.email),
						filing: workspace.filing,
						organizerCount: workspace.organizerCount,
						signingUrl:
							workspace.signingToken && objection.status === 'approved' ? siteUrl(`/objections/sign/${workspace.signingToken}`) : null,
						replyTo: user?.email ?? '',
					}
				: null,
			notice: new URL(request.url).searchParams.get('done'),
		},
		{ headers },
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('objection.title', { subject: data.objection.subject }) }] : []

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const session = await requireUser(request)
	const objection = await getObjection(session.caller, params.id ?? '')
	if (!objection) notFound(session.headers)
	const formData = await request.formData().catch(() => null)
	if (!formData) badRequest()
	const intent = formData.get('intent')
	if (!isObjectionIntent(intent)) badRequest()
	return objectionAction(session, objection, intent, formData)
}

export default function ObjectionRoute() {
	const loaded = useLoaderData<typeof loader>()
	const failure = useActionData<typeof action>()
	// A form that worked redirects back here: a new location, so every form starts empty again (with
	// JavaScript, React would otherwise keep what was typed into the ground or link just added). A
	// refused form stays on the same location and keeps it.
	const { key } = useLocation()
	return <ObjectionPage key={key} data={loaded} failure={failure && 'errors' in failure ? failure : undefined} />
}
