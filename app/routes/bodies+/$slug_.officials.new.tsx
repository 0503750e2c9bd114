import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { ErrorSummary, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { canKeepBodies, getBody } from '#app/siting/bodies.server'
import { officialSchema } from '#app/siting/community-schemas'
import { addOfficial } from '#app/siting/officials.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

function bodySlug(params: { slug?: string }) {
	const slug = params.slug ?? ''
	if (!SLUG.test(slug) || slug.length > 80) throw new Response('Not found', { status: 404 })
	return slug
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = bodySlug(params)
	const { user, headers } = await requireUser(request)
	const caller = callerFor(user)
	const body = await getBody(caller, slug)
	if (!body) throw new Response('Not found', { status: 404 })
	return data({ body: { slug: body.slug, name: body.name }, allowed: await canKeepBodies(caller) }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: t('official.new.title', { body: data.body.name }) }] : [])

function typed(formData: FormData) {
	return Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = bodySlug(params)
	const { user, headers } = await requireUser(request)
	const caller = callerFor(user)
	const body = await getBody(caller, slug)
	if (!body) throw new Response('Not found', { status: 404 })
	const formData = await request.formData()
	const form = parseForm(formData, officialSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const added = await addOfficial(caller, body.id, form.data)
	if (!added.ok) return data({ errors: { form: t('official.new.notAllowed') }, values: typed(formData) }, { status: 403, headers })
	return redirect(`/officials/${added.slug}`, { headers })
}

const labels = {
	name: t('official.form.name'),
	title: t('official.form.title'),
	district: t('official.form.district'),
	termStartsOn: t('official.form.termStartsOn'),
	termEndsOn: t('official.form.termEndsOn'),
	sourceUrl: t('official.form.sourceUrl'),
}

export default function NewOfficial() {
	const { body, allowed } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { register, errors, onSubmit } = useValidatedForm(officialSchema, actionData)
	if (!allowed) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('official.new.heading', { body: body.name })}</PageHeading>
				<p className="text-lg">{t('official.new.notAllowed')}</p>
				<p>
					<Link to={`/bodies/${body.slug}`}>{body.name}</Link>
				</p>
			</div>
		)
	}
	return (
		<div className="max-w-2xl">
			<PageHeading lead={t('official.new.lead')}>{t('official.new.heading', { body: body.name })}</PageHeading>
			<ErrorSummary errors={errors} labels={labels} />
			<Form method="post" noValidate onSubmit={onSubmit} className="space-y-6">
				<TextField name="name" label={labels.name} hint={t('official.form.name.hint')} error={errors.name} register={register} />
				<TextField name="title" label={labels.title} hint={t('official.form.title.hint')} error={errors.title} register={register} />
				<TextField
					name="district"
					label={labels.district}
					hint={t('official.form.district.hint')}
					error={errors.district}
					register={register}
				/>
				<TextField name="termStartsOn" type="date" label={labels.termStartsOn} error={errors.termStartsOn} register={register} />
				<TextField name="termEndsOn" type="date" label={labels.termEndsOn} error={errors.termEndsOn} register={register} />
				<TextField
					name="sourceUrl"
					type="url"
					inputMode="url"
					label={labels.sourceUrl}
					hint={t('official.form.sourceUrl.hint')}
					error={errors.sourceUrl}
					register={register}
				/>
				<SubmitButton>{t('official.form.submit')}</SubmitButton>
			</Form>
		</div>
	)
}
