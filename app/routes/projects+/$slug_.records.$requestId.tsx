import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { isUuid } from '#app/events/events.server'
import { t } from '#app/i18n/i18n'
import { saveRecordsRequest } from '#app/siting/records-action.server'
import { RECORDS_FILE_INTENTS, recordsFileActionSchema, recordsFileSchema, recordsFileUpload } from '#app/siting/records-files'
import { RecordsFiles } from '#app/siting/records-files-panel'
import { changeRecordsFile, filesOf, uploadRecordsFile } from '#app/siting/records-files.server'
import { RecordsRequestForm } from '#app/siting/records-form'
import { getRecordsRequest } from '#app/siting/records.server'
import { isMultipart } from '#app/storage/uploads.server'
import { formError, parseForm, readFileForm, requireSameOrigin } from '#app/utils/forms.server'

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
	const files = await filesOf(callerFor(user), [requestId])
	return data({ ...found, files, today: new Date().toISOString().slice(0, 10) }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('records.edit.title', { name: data.context.name }) }] : []

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { slug, requestId } = routeParams(params)
	const { user, headers, supabase } = await requireUser(request)
	const caller = callerFor(user)
	const found = await getRecordsRequest(caller, slug, requestId)
	if (!found) throw new Response('Not found', { status: 404 })
	// The files panel's forms: an upload (multipart), or a change to one file.
	const back = `/projects/${slug}/records/${requestId}`
	if (isMultipart(request)) {
		const formData = await readFileForm(request)
		if (!formData) return formError({ file: t('recordsFiles.error.missing') }, { intent: 'upload-file' }, headers)
		const typed = { ...typedValues(formData), intent: 'upload-file' }
		if (!found.context.canEdit) return formError({ form: t('records.notAllowed') }, typed, headers)
		const fields = parseForm(formData, recordsFileSchema)
		if (!fields.success) return formError(fields.failure.errors, typed, headers)
		const stored = await uploadRecordsFile(supabase, caller, requestId, formData.get(recordsFileUpload.field), fields.data)
		if (!stored.ok) return formError(stored.errors, typed, headers)
		return redirect(`${back}?files=uploaded#files`, { headers })
	}
	const formData = await request.formData()
	if (RECORDS_FILE_INTENTS.some((intent) => intent === formData.get('intent'))) {
		const change = parseForm(formData, recordsFileActionSchema)
		if (!change.success) return formError({ form: t('recordsFiles.error.gone') }, { intent: 'file' }, headers)
		const changed = await changeRecordsFile(supabase, caller, requestId, change.data.fileId, change.data.intent)
		if (!changed) return formError({ form: t('recordsFiles.error.gone') }, { intent: 'file' }, headers)
		return redirect(`${back}?files=changed#files`, { headers })
	}
	return saveRecordsRequest(caller, user.id, found.context, formData, headers, requestId)
}

function typedValues(formData: FormData) {
	return Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

export default function EditRecordsRequest() {
	const { context, request, files, today } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const forFiles = actionData?.values?.intent === 'upload-file' || actionData?.values?.intent === 'file'
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
				actionData={forFiles ? undefined : actionData}
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
			<RecordsFiles projectSlug={context.slug} requestId={request.id} files={files} actionData={forFiles ? actionData : undefined} />
		</div>
	)
}
