import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { ErrorSummary, SelectField, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { NEW_BODY, PROCEEDING_KINDS, PROCEEDING_STAGES, proceedingSchema } from '#app/siting/edit-schemas'
import { NewBodyFields } from '#app/siting/new-body-fields'
import { addProceeding, listBodies, proceedingRefusal } from '#app/siting/proceedings.server'
import { projectFormDefaults } from '#app/siting/revisions.server'
import { formError, keepTyped, parseForm, requireSameOrigin } from '#app/utils/forms.server'

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

function projectSlug(params: { slug?: string }) {
	const slug = params.slug ?? ''
	if (!SLUG.test(slug) || slug.length > 80) throw new Response('Not found', { status: 404 })
	return slug
}

type Failure = {
	errors: Record<string, string>
	values: Record<string, string>
	bodyChoices: Array<{ id: number; label: string }>
	duplicateBody: { slug: string; name: string } | null
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
	if (!result.ok) {
		const typed = keepTyped(Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string')))
		// A body the place search could not pin down, or one already on the list: the form offers the choice, or links it.
		const failure: Failure = {
			errors: result.errors,
			values: typed,
			bodyChoices: 'bodyChoices' in result ? (result.bodyChoices ?? []) : [],
			duplicateBody: 'duplicateBody' in result ? (result.duplicateBody ?? null) : null,
		}
		return data(failure, { status: 400, headers })
	}
	return redirect(`/proceedings/${result.slug}/edit`, { headers })
}

export default function NewProceeding() {
	const { project, bodies } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { register, errors, onSubmit } = useValidatedForm(proceedingSchema, actionData, {
		kind: 'rezoning',
		stage: 'filed',
		bodyKind: 'county_board',
		bodyTimeZone: 'America/New_York',
	})
	const failure = actionData && 'bodyChoices' in actionData ? (actionData as Failure) : undefined
	const labels = {
		kind: t('proceedingEdit.field.kind'),
		title: t('proceedingEdit.field.title'),
		bodyId: t('proceedingEdit.field.bodyId'),
		caseNumber: t('proceedingEdit.field.caseNumber'),
		stage: t('proceedingEdit.field.stage'),
		sourceUrl: t('proceedingEdit.field.sourceUrl'),
		bodyName: t('bodyEdit.field.name'),
		bodyKind: t('bodyEdit.field.kind'),
		bodyPlace: t('bodyEdit.field.place'),
		bodyPlaceId: t('bodyEdit.field.placeId'),
		bodyTimeZone: t('bodyEdit.field.timeZone'),
		bodyWebsite: t('bodyEdit.field.website'),
		bodyEmail: t('bodyEdit.field.email'),
		bodyPhone: t('bodyEdit.field.phone'),
		differentBody: t('bodyEdit.field.differentBody'),
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
						{ value: NEW_BODY, label: t('proceedingEdit.field.bodyId.new') },
					]}
				/>
				<NewBodyFields
					register={register}
					errors={errors}
					labels={labels}
					choices={failure?.bodyChoices ?? []}
					duplicate={failure?.duplicateBody ?? null}
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
