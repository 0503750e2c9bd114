import { data, redirect } from '@remix-run/node'
import type { Caller } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { formError, parseForm } from '#app/utils/forms.server'
import { recordsRequestSchema } from './community-schemas'
import { createRecordsRequest, updateRecordsRequest, type RecordsContext } from './records.server'

// The action shared by the new-request and update routes: check, save, and
// send the person back to the project's records section.

function typed(formData: FormData) {
	return Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

export async function saveRecordsRequest(
	caller: Caller,
	userId: string,
	context: RecordsContext,
	formData: FormData,
	headers: Headers,
	requestId?: string,
) {
	if (!context.canEdit) return data({ errors: { form: t('records.notAllowed') }, values: typed(formData) }, { status: 403, headers })
	const form = parseForm(formData, recordsRequestSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	if (form.data.chapterId && !context.chapters.some((chapter) => chapter.id === form.data.chapterId)) {
		return formError({ chapterId: t('community.records.error.chapter') }, typed(formData), headers)
	}
	const saved = requestId
		? await updateRecordsRequest(caller, userId, context, requestId, form.data)
		: await createRecordsRequest(caller, userId, context, form.data)
	if (!saved.ok) {
		if (saved.reason === 'chapter') return formError({ chapterId: t('community.records.error.chapter') }, typed(formData), headers)
		if (saved.reason === 'not_found') throw new Response('Not found', { status: 404 })
		return data({ errors: { form: t('records.notAllowed') }, values: typed(formData) }, { status: 403, headers })
	}
	return redirect(`/projects/${context.slug}?records=saved#records-${saved.id}`, { headers })
}
