import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { valuesOf } from '#app/petitions/forms.server'
import { PetitionForm } from '#app/petitions/petition-form'
import { createPetition, organizedChapters } from '#app/petitions/petitions.server'
import { petitionSchema } from '#app/petitions/schemas'
import { chooseProject, linkToProject, projectOptions } from '#app/siting/project-links.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction = () => [{ title: t('petitions.new.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { user, caller, headers } = await requireUser(request)
	const chapters = await organizedChapters(caller, user.id)
	const projects = await projectOptions(
		caller,
		chapters.map((chapter) => chapter.id),
	)
	return data({ chapters, projects: projects.map(({ value, label }) => ({ value, label })) }, { headers })
}

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { user, caller, headers } = await requireUser(request)
	const formData = await request.formData()
	const form = parseForm(formData, petitionSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const chapters = await organizedChapters(caller, user.id)
	if (chapters.length === 0) return formError({ form: t('petitions.new.notOrganizer') }, valuesOf(formData), headers)
	if (form.data.chapterId && !chapters.some((chapter) => chapter.id === form.data.chapterId)) {
		return formError({ chapterId: t('petitions.form.chapter.invalid') }, valuesOf(formData), headers)
	}
	const about = chooseProject(
		await projectOptions(
			caller,
			chapters.map((chapter) => chapter.id),
		),
		formData.get('about'),
		form.data.chapterId || null,
	)
	if (!about.ok) return formError({ about: about.message }, valuesOf(formData), headers)
	const created = await createPetition(caller, user.id, form.data)
	if (about.projectId) await linkToProject(caller, 'petitions', created.id, about)
	return redirect(`/petitions/${created.slug}/manage?created=1`, { headers })
}

export default function NewPetition() {
	const { chapters, projects } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	if (chapters.length === 0) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('petitions.new.heading')}</PageHeading>
				<p className="text-lg">{t('petitions.new.notOrganizer')}</p>
				<p>
					<Link to="/chapters">{t('petitions.new.findChapter')}</Link>
				</p>
			</div>
		)
	}
	return (
		<div>
			<PageHeading lead={t('petitions.new.lead')}>{t('petitions.new.heading')}</PageHeading>
			<PetitionForm
				actionData={actionData}
				defaults={{ chapterId: chapters[0]?.id ?? '', signatureGoal: '500' }}
				chapters={chapters}
				projects={projects}
				submitLabel={t('petitions.new.submit')}
				allowNoChapter
			/>
		</div>
	)
}
