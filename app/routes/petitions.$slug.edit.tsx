import {
	data,
	MaxPartSizeExceededError,
	redirect,
	unstable_createMemoryUploadHandler,
	unstable_parseMultipartFormData,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { requirePetitionOrganizer } from '#app/auth/guards.server'
import { SubmitButton } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { resizeCover } from '#app/petitions/cover.server'
import { valuesOf } from '#app/petitions/forms.server'
import { PetitionForm } from '#app/petitions/petition-form'
import { deadlineToDate, deleteDraft, organizedChapters, setCoverPath, updatePetition } from '#app/petitions/petitions.server'
import { COVER_MAX_BYTES, COVER_TYPES, petitionSchema } from '#app/petitions/schemas'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: t('petitions.edit.title', { title: data?.petition.title ?? '' }) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, caller, petition, headers } = await requirePetitionOrganizer(request, params)
	const chapters = await organizedChapters(caller, user.id)
	// A petition may belong to a chapter the editor organizes only through this petition's chapter.
	if (petition.chapter && !chapters.some((chapter) => chapter.id === petition.chapter?.id)) {
		chapters.unshift({ id: petition.chapter.id, name: petition.chapter.name, slug: petition.chapter.slug })
	}
	return data({ petition, chapters, deadlineDate: deadlineToDate(petition.deadline) }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { user, caller, petition, headers, supabase } = await requirePetitionOrganizer(request, params)

	if (request.headers.get('Content-Type')?.startsWith('multipart/form-data')) {
		let formData: FormData
		try {
			formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: COVER_MAX_BYTES }))
		} catch (error) {
			if (error instanceof MaxPartSizeExceededError) return formError({ cover: t('petitions.cover.tooBig') }, { intent: 'cover' }, headers)
			throw error
		}
		const file = formData.get('cover')
		if (!(file instanceof File) || file.size === 0) return formError({ cover: t('petitions.cover.missing') }, { intent: 'cover' }, headers)
		if (!COVER_TYPES.some((type) => type === file.type))
			return formError({ cover: t('petitions.cover.wrongType') }, { intent: 'cover' }, headers)
		const resized = await resizeCover(await file.arrayBuffer())
		if (!resized) return formError({ cover: t('petitions.cover.unreadable') }, { intent: 'cover' }, headers)
		const path = `${petition.id}/cover-${Date.now()}.webp`
		// Uploaded as the organizer: storage policies let only this petition's organizers write here.
		const { error } = await supabase.storage.from('petition-covers').upload(path, resized, { contentType: 'image/webp', upsert: false })
		if (error) throw error
		await setCoverPath(caller, petition.id, path)
		if (petition.coverPath) await supabase.storage.from('petition-covers').remove([petition.coverPath])
		return redirect(`/petitions/${petition.slug}/edit?saved=cover`, { headers })
	}

	const formData = await request.formData()
	const intent = formData.get('intent')
	if (intent === 'remove-cover') {
		if (petition.coverPath) await supabase.storage.from('petition-covers').remove([petition.coverPath])
		await setCoverPath(caller, petition.id, null)
		return redirect(`/petitions/${petition.slug}/edit?saved=cover`, { headers })
	}
	if (intent === 'delete') {
		if (!(await deleteDraft(caller, petition.id)))
			return formError({ form: t('petitions.edit.deleteOnlyDrafts') }, { intent: 'delete' }, headers)
		return redirect('/petitions/mine?deleted=1', { headers })
	}
	const form = parseForm(formData, petitionSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const chapters = await organizedChapters(caller, user.id)
	if (
		form.data.chapterId &&
		form.data.chapterId !== petition.chapter?.id &&
		!chapters.some((chapter) => chapter.id === form.data.chapterId)
	) {
		return formError({ chapterId: t('petitions.form.chapter.invalid') }, valuesOf(formData), headers)
	}
	const saved = await updatePetition(caller, petition.id, form.data)
	if (!saved) return formError({ chapterId: t('petitions.edit.lostAccess') }, valuesOf(formData), headers)
	return redirect(`/petitions/${petition.slug}/manage?saved=details`, { headers })
}

export default function EditPetition() {
	const { petition, chapters, deadlineDate } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const intent = actionData?.values?.intent
	const coverError = intent === 'cover' ? actionData?.errors?.cover : undefined
	return (
		<div className="space-y-12">
			<div>
				<p className="mb-4">
					<Link to={`/petitions/${petition.slug}/manage`}>← {t('petitions.manage.back')}</Link>
				</p>
				<PageHeading lead={petition.status === 'draft' ? t('petitions.edit.leadDraft') : t('petitions.edit.leadPublished')}>
					{t('petitions.edit.heading')}
				</PageHeading>
				{params.get('saved') === 'cover' ? (
					<p role="status" className="mb-6 rounded-md border-2 border-action bg-action-soft p-4 font-semibold">
						{t('petitions.cover.saved')}
					</p>
				) : null}
				<PetitionForm
					actionData={intent === 'cover' || intent === 'remove-cover' || intent === 'delete' ? undefined : actionData}
					defaults={{
						title: petition.title,
						decisionMaker: petition.decisionMaker,
						summary: petition.summary,
						body: petition.body,
						signatureGoal: String(petition.signatureGoal),
						deadline: deadlineDate,
						chapterId: petition.chapter?.id ?? '',
						customMilestones: petition.customMilestones.join(', '),
						coverAlt: petition.coverAlt,
					}}
					chapters={chapters}
					submitLabel={t('petitions.edit.submit')}
					allowNoChapter
				/>
			</div>

			<section aria-labelledby="cover-heading" className="max-w-2xl space-y-4">
				<h2 id="cover-heading" className="text-2xl font-bold">
					{t('petitions.cover.heading')}
				</h2>
				{petition.coverUrl ? (
					<img
						src={petition.coverUrl}
						alt={petition.coverAlt}
						width={1200}
						height={630}
						className="h-auto w-full rounded border border-line"
					/>
				) : (
					<p>{t('petitions.cover.none')}</p>
				)}
				<Form method="post" encType="multipart/form-data" className="space-y-3">
					<label htmlFor="cover" className="block font-semibold">
						{t('petitions.cover.label')}
					</label>
					<p id="cover-hint" className="text-sm text-ink-muted">
						{t('petitions.cover.hint')}
					</p>
					{coverError ? (
						<p id="cover-error" className="font-semibold text-alert" role="alert">
							{coverError}
						</p>
					) : null}
					<input
						id="cover"
						name="cover"
						type="file"
						accept={COVER_TYPES.join(',')}
						aria-describedby={coverError ? 'cover-hint cover-error' : 'cover-hint'}
						aria-invalid={coverError ? true : undefined}
						className="block min-h-11 w-full"
					/>
					<SubmitButton>{t('petitions.cover.submit')}</SubmitButton>
				</Form>
				{petition.coverUrl ? (
					<Form method="post">
						<input type="hidden" name="intent" value="remove-cover" />
						<button type="submit" className="min-h-11 font-semibold text-action underline">
							{t('petitions.cover.remove')}
						</button>
					</Form>
				) : null}
			</section>

			{petition.status === 'draft' ? (
				<section aria-labelledby="delete-heading" className="max-w-2xl space-y-3">
					<h2 id="delete-heading" className="text-2xl font-bold">
						{t('petitions.edit.deleteHeading')}
					</h2>
					<p>{t('petitions.edit.deleteBody')}</p>
					<Form method="post">
						<input type="hidden" name="intent" value="delete" />
						<button type="submit" className="min-h-11 rounded-md border-2 border-alert px-4 font-semibold text-alert">
							{t('petitions.edit.deleteSubmit')}
						</button>
					</Form>
				</section>
			) : null}
		</div>
	)
}
