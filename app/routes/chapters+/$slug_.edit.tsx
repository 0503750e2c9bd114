import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireChapterOrganizer } from '#app/auth/guards.server'
import { ChapterForm } from '#app/chapters/chapter-form'
import { resolvePlace } from '#app/chapters/chapter-form.server'
import { updateChapter } from '#app/chapters/chapters.server'
import { chapterContact } from '#app/chapters/contact.server'
import { chapterSchema } from '#app/chapters/schemas'
import { PageHeading } from '#app/components/layout'
import { asCaller } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: t('chapterEdit.title', { chapter: data?.chapter.name ?? '' }) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, chapter, headers } = await requireChapterOrganizer(request, params)
	const contactEmail = await asCaller(caller, (trx) => chapterContact(trx, chapter.id))
	return data({ chapter, contactEmail }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, chapter, headers } = await requireChapterOrganizer(request, params)
	const form = parseForm(await request.formData(), chapterSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const place = await resolvePlace(caller, form.data.place, form.data.jurisdictionId)
	const values = {
		name: form.data.name,
		place: form.data.place,
		description: form.data.description,
		visibility: form.data.visibility,
		contactEmail: form.data.contactEmail ?? '',
	}
	if (!place.ok) return data({ errors: place.errors, values, choices: place.choices }, { status: 400, headers })
	await updateChapter(caller, chapter.id, { ...form.data, jurisdictionId: place.jurisdictionId })
	return redirect(`/chapters/${chapter.slug}?notice=edited`, { headers })
}

export default function EditChapter() {
	const { chapter, contactEmail } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="space-y-6">
			<p>
				<Link to={`/chapters/${chapter.slug}`}>← {chapter.name}</Link>
			</p>
			<PageHeading lead={t('chapterEdit.lead')}>{t('chapterEdit.heading')}</PageHeading>
			<ChapterForm
				actionData={actionData}
				defaults={{
					name: chapter.name,
					place: chapter.place,
					description: chapter.description,
					visibility: chapter.visibility,
					jurisdictionId: String(chapter.jurisdictionId),
					contactEmail: contactEmail ?? '',
				}}
				withContact
				choices={actionData && 'choices' in actionData ? actionData.choices : undefined}
				submitLabel={t('chapterEdit.submit')}
			/>
		</div>
	)
}
