import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { ErrorSummary, SelectField, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { PROCEEDING_KINDS, PROCEEDING_STAGES, proceedingSchema } from '#app/siting/edit-schemas'
import { addProceeding, listBodies, proceedingRefusal } from '#app/siting/proceedings.server'
import { projectFormDefaults } from '#app/siting/revisions.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

function projectSlug(params: { slug?: string }) {
	const slug = params.slug ?? ''
	if (!SLUG.test(slug) || slug.length > 80) throw new Response('Not found', { status: 404 })
	return slug
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('proceedingEdit.new.title', { name: data.project.name }) }] : []

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = projectSlug(params)
	const { user, headers } = await requireUser(request)
	const found = await projectFormDefaults(callerFor(user), slug)
	if (!found) throw new Response('Not found', { status: 404 })
	if (!found.editor) throw new Response(t('proceedingEdit.error.notAllowed'), { status: 403, headers })
	return data({ project: found.project, bodies: await listBodies(callerFor(user)) }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = projectSlug(params)
	const { user, headers } = await requireUser(request)
	const formData = await request.formData()
	const form = parseForm(formData, proceedingSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const found = await projectFormDefaults(callerFor(user), slug)
	if (!found) throw new Response('Not found', { status: 404 })
	const result = await addProceeding(callerFor(user), slug, form.data).catch(proceedingRefusal)
	if (!result.ok) return formError(result.errors, Object.fromEntries(Object.entries(form.data).map(([k, v]) => [k, String(v)])), headers)
	return redirect(`/proceedings/${result.slug}/edit`, { headers })
}

export default function NewProceeding() {
	const { project, bodies } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { register, errors, onSubmit } = useValidatedForm(proceedingSchema, actionData, { kind: 'rezoning', stage: 'filed' })
	const labels = {
		kind: t('proceedingEdit.field.kind'),
		title: t('proceedingEdit.field.title'),
		bodyId: t('proceedingEdit.field.bodyId'),
		caseNumber: t('proceedingEdit.field.caseNumber'),
		stage: t('proceedingEdit.field.stage'),
		sourceUrl: t('proceedingEdit.field.sourceUrl'),
	}
	return (
		<div className="space-y-6">
			<p>
				<Link to={`/projects/${project.slug}`}>← {t('projectEdit.back')}</Link>
			</p>
			<PageHeading lead={t('proceedingEdit.new.lead')}>{t('proceedingEdit.new.heading', { name: project.name })}</PageHeading>
			<Form method="post" noValidate onSubmit={onSubmit} className="max-w-xl space-y-5">
				<ErrorSummary errors={errors} labels={labels} />
				<SelectField
					name="kind"
					label={labels.kind}
					error={errors.kind}
					register={register}
					options={PROCEEDING_KINDS.map((kind) => ({ value: kind, label: t(`proceeding.kind.${kind}`) }))}
				/>
				<TextField name="title" label={labels.title} error={errors.title} register={register} />
				<SelectField
					name="bodyId"
					label={labels.bodyId}
					error={errors.bodyId}
					register={register}
					options={[
						{ value: '', label: t('proceedingEdit.field.bodyId.none') },
						...bodies.map((body) => ({ value: body.id, label: body.name })),
					]}
				/>
				<TextField name="caseNumber" label={labels.caseNumber} error={errors.caseNumber} register={register} />
				<SelectField
					name="stage"
					label={labels.stage}
					error={errors.stage}
					register={register}
					options={PROCEEDING_STAGES.map((stage) => ({ value: stage, label: t(`proceeding.stage.${stage}`) }))}
				/>
				<TextField name="sourceUrl" label={labels.sourceUrl} type="url" error={errors.sourceUrl} register={register} />
				<SubmitButton>{t('proceedingEdit.new.submit')}</SubmitButton>
			</Form>
		</div>
	)
}
