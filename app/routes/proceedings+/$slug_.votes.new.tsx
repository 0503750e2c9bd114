import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { ErrorSummary, SelectField, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { formatCivilDate } from '#app/siting/clock-format'
import { positionsFrom, VOTE_POSITIONS, voteSchema } from '#app/siting/community-schemas'
import { getProceedingForVote, recordVote } from '#app/siting/officials.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

function proceedingSlug(params: { slug?: string }) {
	const slug = params.slug ?? ''
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 100) throw new Response('Not found', { status: 404 })
	return slug
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = proceedingSlug(params)
	const { user, headers } = await requireUser(request)
	const proceeding = await getProceedingForVote(callerFor(user), slug)
	if (!proceeding) throw new Response('Not found', { status: 404 })
	return data({ proceeding }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('vote.new.title', { title: data.proceeding.title }) }] : []

function typed(formData: FormData) {
	return Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = proceedingSlug(params)
	const { user, headers } = await requireUser(request)
	const caller = callerFor(user)
	const proceeding = await getProceedingForVote(caller, slug)
	if (!proceeding) throw new Response('Not found', { status: 404 })
	const formData = await request.formData()
	if (!proceeding.canEdit) return data({ errors: { form: t('vote.new.notAllowed') }, values: typed(formData) }, { status: 403, headers })
	const form = parseForm(formData, voteSchema)
	const { positions, invalid } = positionsFrom(
		formData,
		proceeding.officials.map((official) => official.id),
	)
	const errors: Record<string, string> = form.success ? {} : { ...form.failure.errors }
	for (const id of invalid) errors[`position-${id}`] = t('community.vote.error.position')
	if (form.success && proceeding.firstHearingOn && form.data.heldOn < proceeding.firstHearingOn) {
		errors.heldOn = t('community.vote.error.beforeHearing', { date: formatCivilDate(proceeding.firstHearingOn) })
	}
	if (!form.success || Object.keys(errors).length) return formError(errors, typed(formData), headers)
	const recorded = await recordVote(caller, proceeding.id, form.data, positions)
	if (!recorded.ok) return data({ errors: { form: t('vote.new.notAllowed') }, values: typed(formData) }, { status: 403, headers })
	return redirect(`/projects/${proceeding.project.slug}?vote=recorded#proceeding-${proceeding.slug}`, { headers })
}

export default function NewVote() {
	const { proceeding } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { register, errors, onSubmit } = useValidatedForm(voteSchema, actionData)
	const heading = (
		<PageHeading lead={t('vote.new.lead', { title: proceeding.title, project: proceeding.project.name })}>
			{t('vote.new.heading')}
		</PageHeading>
	)
	if (!proceeding.canEdit) {
		return (
			<div className="max-w-prose space-y-4">
				{heading}
				<p className="text-lg">{t('vote.new.notAllowed')}</p>
				<p>
					<Link to={`/projects/${proceeding.project.slug}#proceeding-${proceeding.slug}`}>{proceeding.project.name}</Link>
				</p>
			</div>
		)
	}
	const labels: Record<string, string> = {
		heldOn: t('vote.form.heldOn'),
		motion: t('vote.form.motion'),
		result: t('vote.form.result'),
		sourceUrl: t('vote.form.sourceUrl'),
		...Object.fromEntries(proceeding.officials.map((official) => [`position-${official.id}`, official.name])),
	}
	const options = [
		{ value: '', label: t('vote.form.position.none') },
		...VOTE_POSITIONS.map((position) => ({ value: position, label: t(`vote.position.${position}`) })),
	]
	return (
		<div className="max-w-2xl">
			{heading}
			<ErrorSummary errors={errors} labels={labels} />
			<Form method="post" noValidate onSubmit={onSubmit} className="space-y-6">
				<TextField
					name="heldOn"
					type="date"
					label={labels.heldOn ?? ''}
					hint={t('vote.form.heldOn.hint')}
					error={errors.heldOn}
					register={register}
				/>
				<TextField name="motion" label={labels.motion ?? ''} hint={t('vote.form.motion.hint')} error={errors.motion} register={register} />
				<TextField name="result" label={labels.result ?? ''} hint={t('vote.form.result.hint')} error={errors.result} register={register} />
				<TextField
					name="sourceUrl"
					type="url"
					inputMode="url"
					label={labels.sourceUrl ?? ''}
					hint={t('vote.form.sourceUrl.hint')}
					error={errors.sourceUrl}
					register={register}
				/>
				<fieldset className="space-y-4">
					<legend className="text-lg font-semibold">{t('vote.form.positions')}</legend>
					{!proceeding.body ? (
						<p>{t('vote.new.noBody')}</p>
					) : proceeding.officials.length === 0 ? (
						<p>
							{t('vote.new.noOfficials', { body: proceeding.body.name })}{' '}
							<Link to={`/bodies/${proceeding.body.slug}/officials/new`}>{t('vote.new.addOfficials')}</Link>
						</p>
					) : (
						<>
							<p className="text-sm text-ink-muted">{t('vote.form.positions.hint')}</p>
							{proceeding.officials.map((official) => (
								<SelectField
									key={official.id}
									name={`position-${official.id}`}
									label={[official.name, official.title, official.district].filter(Boolean).join(', ')}
									error={errors[`position-${official.id}`]}
									register={register}
									options={options}
								/>
							))}
						</>
					)}
				</fieldset>
				<SubmitButton>{t('vote.form.submit')}</SubmitButton>
			</Form>
		</div>
	)
}
