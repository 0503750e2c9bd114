import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { projectFormSchema } from '#app/siting/edit-schemas'
import { ProjectForm } from '#app/siting/project-form'
import { constraintRefusal, proposeProject } from '#app/siting/revisions.server'
import { formError, keepTyped, parseForm, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction = () => [{ title: t('projectEdit.new.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { headers } = await requireUser(request)
	return data({}, { headers })
}

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { user, headers } = await requireUser(request)
	const formData = await request.formData()
	const form = parseForm(formData, projectFormSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const typed = keepTyped(Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string')))
	const result = await proposeProject(callerFor(user), form.data).catch(constraintRefusal)
	if (!result.ok)
		return data(
			{ errors: result.errors, values: typed, choices: result.choices ?? [], duplicate: result.duplicate },
			{ status: 400, headers },
		)
	return redirect('/projects/changes?notice=submitted', { headers })
}

export default function NewProject() {
	const actionData = useActionData<typeof action>()
	return (
		<div className="space-y-6">
			<p>
				<Link to="/projects">← {t('nav.projects')}</Link>
			</p>
			<PageHeading lead={t('projectEdit.new.lead')}>{t('projectEdit.new.heading')}</PageHeading>
			<ProjectForm actionData={actionData} defaults={{ status: 'proposed' }} submitLabel={t('projectEdit.new.submit')} />
		</div>
	)
}
