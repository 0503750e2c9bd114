import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { projectFormSchema } from '#app/siting/edit-schemas'
import { ProjectForm } from '#app/siting/project-form'
import { changeProject, constraintRefusal, projectFormDefaults } from '#app/siting/revisions.server'
import { formError, keepTyped, parseForm, requireSameOrigin } from '#app/utils/forms.server'

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

function projectSlug(params: { slug?: string }) {
	const slug = params.slug ?? ''
	if (!SLUG.test(slug) || slug.length > 80) throw new Response('Not found', { status: 404 })
	return slug
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('projectEdit.edit.title', { name: data.project.name }) }] : []

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = projectSlug(params)
	const { user, headers } = await requireUser(request)
	const found = await projectFormDefaults(callerFor(user), slug)
	if (!found) throw new Response('Not found', { status: 404 })
	return data(found, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = projectSlug(params)
	const { user, headers } = await requireUser(request)
	const caller = callerFor(user)
	if (!(await projectFormDefaults(caller, slug))) throw new Response('Not found', { status: 404 })
	const formData = await request.formData()
	const form = parseForm(formData, projectFormSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const typed = keepTyped(Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string')))
	const result = await changeProject(caller, slug, form.data).catch(constraintRefusal)
	if (!result.ok) return data({ errors: result.errors, values: typed, choices: result.choices ?? [] }, { status: 400, headers })
	return redirect(result.applied ? `/projects/${slug}?notice=changed` : `/projects/${slug}/changes?notice=proposed`, { headers })
}

export default function EditProject() {
	const { project, defaults, editor } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="space-y-6">
			<p>
				<Link to={`/projects/${project.slug}`}>← {t('projectEdit.back')}</Link>
			</p>
			<PageHeading lead={editor ? t('projectEdit.edit.leadEditor') : t('projectEdit.edit.leadMember')}>
				{t('projectEdit.edit.heading', { name: project.name })}
			</PageHeading>
			<ProjectForm
				actionData={actionData}
				defaults={{ ...defaults, sourceUrl: '', note: '' }}
				submitLabel={editor ? t('projectEdit.edit.submitEditor') : t('projectEdit.edit.submitMember')}
			/>
		</div>
	)
}
