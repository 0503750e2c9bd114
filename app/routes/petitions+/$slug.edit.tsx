import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { requirePetitionOrganizer } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { UploadForm } from '#app/components/upload-form'
import { t } from '#app/i18n/i18n'
import { resizeCover } from '#app/petitions/cover.server'
import { valuesOf } from '#app/petitions/forms.server'
import { PetitionForm } from '#app/petitions/petition-form'
import { deadlineToDate, deleteDraft, organizedChapters, setCoverPath, updatePetition } from '#app/petitions/petitions.server'
import { coverUpload, petitionSchema } from '#app/petitions/schemas'
import { chooseProject, currentChoice, linkToProject, projectOptions } from '#app/siting/project-links.server'
import { isMultipart, readUpload, removeFile, storeFile } from '#app/storage/uploads.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: t('petitions.edit.title', { title: data?.petition.title ?? '' }) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, caller, petition, headers } = await requirePetitionOrganizer(request, params)
	const chapters = await organizedChapters(caller, user.id)
	// A petition may belong to a chapter the editor organizes only through this petition's chapter.
	if (petition.chapter && !chapters.some((chapter) => chapter.id === petition.chapter?.id)) {
		chapters.unshift({ id: petition.chapter.id, name: petition.chapter.name, slug: petition.chapter.slug })
	}
	const projects = await projectOptions(
		caller,
		chapters.map((chapter) => chapter.id),
	)
	const about = await currentChoice(caller, 'petitions', petition.id)
	return data(
		{
			petition,
			chapters,
			about,
			projects: projects.map(({ value, label }) => ({ value, label })),
			deadlineDate: deadlineToDate(petition.deadline),
		},
		{ headers },
	)
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { user, caller, petition, headers, supabase } = await requirePetitionOrganizer(request, params)

	if (isMultipart(request)) {
		const upload = await readUpload(request, coverUpload)
		if (!upload.ok) return formError({ cover: upload.message }, { intent: 'cover' }, headers)
		const resized = await resizeCover(await upload.file.arrayBuffer())
		if (!resized) return formError({ cover: t('petitions.cover.unreadable') }, { intent: 'cover' }, headers)
		const path = `${petition.id}/cover-${Date.now()}.webp`
		// Uploaded as the organizer: storage policies let only this petition's organizers write here.
		const stored = await storeFile(supabase, 'petition-covers', coverUpload, { path, body: resized, contentType: 'image/webp' })
		if (!stored.ok) return formError({ cover: stored.message }, { intent: 'cover' }, headers)
		await setCoverPath(caller, petition.id, path)
		await removeFile(supabase, 'petition-covers', petition.coverPath)
		return redirect(`/petitions/${petition.slug}/edit?saved=cover`, { headers })
	}

	const formData = await request.formData()
	const intent = formData.get('intent')
	if (intent === 'remove-cover') {
		await removeFile(supabase, 'petition-covers', petition.coverPath)
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
	const about = chooseProject(
		await projectOptions(caller, [
			...new Set([...chapters.map((chapter) => chapter.id), ...(petition.chapter ? [petition.chapter.id] : [])]),
		]),
		formData.get('about'),
		form.data.chapterId || null,
	)
	if (!about.ok) return formError({ about: about.message }, valuesOf(formData), headers)
	// The link goes first, so moving the petition to another chapter never trips over the old one's project.
	await linkToProject(caller, 'petitions', petition.id, { projectId: null, proceedingId: null })
	const saved = await updatePetition(caller, petition.id, form.data)
	if (!saved) return formError({ chapterId: t('petitions.edit.lostAccess') }, valuesOf(formData), headers)
	if (about.projectId) await linkToProject(caller, 'petitions', petition.id, about)
	return redirect(`/petitions/${petition.slug}/manage?saved=details`, { headers })
}

export default function EditPetition() {
	const { petition, chapters, deadlineDate, projects, about } = useLoaderData<typeof loader>()
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
						about,
						customMilestones: petition.customMilestones.join(', '),
						coverAlt: petition.coverAlt,
					}}
					chapters={chapters}
					projects={projects}
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
				<UploadForm
					rule={coverUpload}
					label={t('petitions.cover.label')}
					hint={t('petitions.cover.hint')}
					error={coverError}
					submitLabel={t('petitions.cover.submit')}
					remove={petition.coverUrl ? { intent: 'remove-cover', label: t('petitions.cover.remove') } : undefined}
				/>
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
