import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { CheckboxField, ErrorSummary, SelectField, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { bodyRulesSchema, CLOCK_KINDS, clockSchema, decisionSchema, SIGNUP_METHODS, signupField } from '#app/siting/edit-schemas'
import { proceedingForEdit, proceedingRefusal, saveBodyRules, saveClock, saveDecision } from '#app/siting/proceedings.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

function proceedingSlug(params: { slug?: string }) {
	const slug = params.slug ?? ''
	if (!SLUG.test(slug) || slug.length > 100) throw new Response('Not found', { status: 404 })
	return slug
}

function typedValues(formData: FormData) {
	return Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('proceedingEdit.edit.title', { title: data.proceeding.title }) }] : []

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = proceedingSlug(params)
	const { user, headers } = await requireUser(request)
	const found = await proceedingForEdit(callerFor(user), slug)
	if (!found) throw new Response('Not found', { status: 404 })
	if (!found.editor) throw new Response(t('proceedingEdit.error.notAllowed'), { status: 403, headers })
	return data(found, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = proceedingSlug(params)
	const { user, headers } = await requireUser(request)
	const formData = await request.formData()
	if (formData.get('intent') === 'decision') {
		const decision = parseForm(formData, decisionSchema)
		if (!decision.success) return formError(decision.failure.errors, decision.failure.values, headers)
		const saved = await saveDecision(callerFor(user), slug, decision.data).catch(proceedingRefusal)
		if (!saved.ok) return formError(saved.errors, typedValues(formData), headers)
		return redirect(`/proceedings/${slug}/edit?notice=${saved.outcome}#decision`, { headers })
	}
	if (formData.get('intent') === 'rules') {
		const rules = parseForm(formData, bodyRulesSchema)
		if (!rules.success) return formError(rules.failure.errors, rules.failure.values, headers)
		const saved = await saveBodyRules(callerFor(user), slug, rules.data).catch(proceedingRefusal)
		if (!saved.ok) return formError(saved.errors, typedValues(formData), headers)
		return redirect(`/proceedings/${slug}/edit?notice=rules`, { headers })
	}
	const form = parseForm(formData, clockSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const typed = typedValues(formData)
	const result = await saveClock(callerFor(user), slug, form.data).catch(proceedingRefusal)
	if (!result.ok) return formError(result.errors, typed, headers)
	return redirect(`/proceedings/${slug}/edit?notice=${result.outcome}`, { headers })
}

function ClockForm({ defaults, clockId }: { defaults: Record<string, string>; clockId: string }) {
	const actionData = useActionData<typeof action>()
	const mine =
		actionData?.values?.intent !== 'rules' && actionData?.values?.intent !== 'decision' && (actionData?.values?.clockId ?? '') === clockId
			? actionData
			: undefined
	const { register, errors, onSubmit } = useValidatedForm(clockSchema, mine, { ...defaults, clockId, intent: 'save' })
	const id = (name: string) => `${name}-${clockId || 'new'}`
	return (
		<Form method="post" noValidate onSubmit={onSubmit} className="space-y-3">
			<ErrorSummary errors={errors} labels={{ date: t('proceedingEdit.clock.date'), time: t('proceedingEdit.clock.time') }} />
			<input type="hidden" name="clockId" value={clockId} />
			<input type="hidden" name="intent" value="save" />
			<SelectField
				name="kind"
				id={id('kind')}
				label={t('proceedingEdit.clock.kind')}
				error={errors.kind}
				register={register}
				options={CLOCK_KINDS.map((kind) => ({ value: kind, label: t(`clock.${kind}`) }))}
			/>
			<TextField name="label" id={id('label')} label={t('proceedingEdit.clock.label')} error={errors.label} register={register} />
			<TextField
				name="date"
				id={id('date')}
				label={t('proceedingEdit.clock.date')}
				hint={t('proceedingEdit.clock.date.hint')}
				error={errors.date}
				register={register}
			/>
			<TextField
				name="time"
				id={id('time')}
				label={t('proceedingEdit.clock.time')}
				hint={t('proceedingEdit.clock.time.hint')}
				error={errors.time}
				register={register}
			/>
			<TextField
				name="sourceUrl"
				id={id('sourceUrl')}
				label={t('proceedingEdit.clock.source')}
				type="url"
				error={errors.sourceUrl}
				register={register}
			/>
			<CheckboxField name="confirmPast" id={id('confirmPast')} label={t('proceedingEdit.clock.confirmPast')} register={register} />
			<SubmitButton>{clockId ? t('proceedingEdit.clock.save') : t('proceedingEdit.clock.add')}</SubmitButton>
		</Form>
	)
}

function RulesForm({ bodyName, defaults }: { bodyName: string; defaults: Record<string, string> }) {
	const actionData = useActionData<typeof action>()
	const mine = actionData?.values?.intent === 'rules' ? actionData : undefined
	const { register, errors, onSubmit } = useValidatedForm(bodyRulesSchema, mine, { ...defaults, intent: 'rules' })
	const field = (name: string, key: Parameters<typeof t>[0]) => (
		<TextField name={name} label={t(key)} error={errors[name]} register={register} />
	)
	return (
		<section className="max-w-xl space-y-3">
			<h2 className="text-xl font-bold">{t('proceedingEdit.rules.heading', { body: bodyName })}</h2>
			<p>{t('proceedingEdit.rules.lead')}</p>
			<Form method="post" noValidate onSubmit={onSubmit} className="space-y-3">
				<ErrorSummary
					errors={errors}
					labels={{ rulesSourceUrl: t('proceedingEdit.rules.source'), appealDayCount: t('proceedingEdit.rules.appealDayCount') }}
				/>
				<input type="hidden" name="intent" value="rules" />
				{field('speakingMinutes', 'proceedingEdit.rules.speakingMinutes')}
				{field('representativeMinutes', 'proceedingEdit.rules.representativeMinutes')}
				<TextField
					name="representativeAuthorization"
					label={t('proceedingEdit.rules.representativeAuthorization')}
					hint={t('proceedingEdit.rules.representativeAuthorization.hint')}
					error={errors.representativeAuthorization}
					register={register}
				/>
				<fieldset className="space-y-2">
					<legend className="font-semibold">{t('proceedingEdit.rules.signupMethods')}</legend>
					{SIGNUP_METHODS.map((method) => (
						<CheckboxField key={method} name={signupField(method)} label={t(`proceedingEdit.rules.method.${method}`)} register={register} />
					))}
				</fieldset>
				<SelectField
					name="remoteTestimony"
					label={t('proceedingEdit.rules.remoteTestimony')}
					error={errors.remoteTestimony}
					register={register}
					options={[
						{ value: '', label: t('proceedingEdit.rules.count.none') },
						{ value: 'yes', label: t('proceedingEdit.rules.remote.yes') },
						{ value: 'no', label: t('proceedingEdit.rules.remote.no') },
					]}
				/>
				{field('signupClosesHoursBefore', 'proceedingEdit.rules.signupClosesHoursBefore')}
				{field('signupHow', 'proceedingEdit.rules.signupHow')}
				{field('commentChannels', 'proceedingEdit.rules.commentChannels')}
				<TextField
					name="commentsCloseHoursBefore"
					label={t('proceedingEdit.rules.commentsCloseHoursBefore')}
					hint={t('proceedingEdit.rules.commentsCloseHoursBefore.hint')}
					error={errors.commentsCloseHoursBefore}
					register={register}
				/>
				{field('recordOpenDaysAfter', 'proceedingEdit.rules.recordOpenDaysAfter')}
				<TextField
					name="minimumMinutesPerSide"
					label={t('proceedingEdit.rules.minimumMinutesPerSide')}
					hint={t('proceedingEdit.rules.minimumMinutesPerSide.hint')}
					error={errors.minimumMinutesPerSide}
					register={register}
				/>
				{field('appealDays', 'proceedingEdit.rules.appealDays')}
				<SelectField
					name="appealDayCount"
					label={t('proceedingEdit.rules.appealDayCount')}
					error={errors.appealDayCount}
					register={register}
					options={[
						{ value: '', label: t('proceedingEdit.rules.count.none') },
						{ value: 'calendar', label: t('proceedingEdit.rules.count.calendar') },
						{ value: 'business', label: t('proceedingEdit.rules.count.business') },
					]}
				/>
				<SelectField
					name="noticeRule"
					label={t('proceedingEdit.rules.noticeRule')}
					error={errors.noticeRule}
					register={register}
					options={[
						{ value: '', label: t('proceedingEdit.rules.notice.none') },
						{ value: 'va-15.2-2204', label: t('proceedingEdit.rules.notice.va') },
						{ value: 'ga-36-66-4', label: t('proceedingEdit.rules.notice.ga') },
					]}
				/>
				<TextField
					name="rulesSourceUrl"
					label={t('proceedingEdit.rules.source')}
					type="url"
					error={errors.rulesSourceUrl}
					register={register}
				/>
				<SubmitButton>{t('proceedingEdit.rules.save')}</SubmitButton>
			</Form>
		</section>
	)
}

function DecisionForm({ defaults }: { defaults: Record<string, string> }) {
	const actionData = useActionData<typeof action>()
	const mine = actionData?.values?.intent === 'decision' ? actionData : undefined
	const { register, errors, onSubmit } = useValidatedForm(decisionSchema, mine, { ...defaults, intent: 'decision' })
	const labels = {
		outcome: t('proceedingEdit.decision.outcome'),
		decidedOn: t('proceedingEdit.decision.decidedOn'),
		decisionSourceUrl: t('proceedingEdit.decision.source'),
	}
	return (
		<section id="decision" aria-labelledby="decision-heading" className="max-w-xl space-y-3">
			<h2 id="decision-heading" className="text-xl font-bold">
				{t('proceedingEdit.decision.heading')}
			</h2>
			<p>{t('proceedingEdit.decision.lead')}</p>
			<Form method="post" noValidate onSubmit={onSubmit} className="space-y-3">
				<ErrorSummary errors={errors} labels={labels} />
				<input type="hidden" name="intent" value="decision" />
				<TextField
					name="outcome"
					label={labels.outcome}
					hint={t('proceedingEdit.decision.outcome.hint')}
					error={errors.outcome}
					register={register}
				/>
				<TextField
					name="decidedOn"
					label={labels.decidedOn}
					hint={t('proceedingEdit.clock.date.hint')}
					error={errors.decidedOn}
					register={register}
				/>
				<TextField
					name="decisionSourceUrl"
					label={labels.decisionSourceUrl}
					type="url"
					error={errors.decisionSourceUrl}
					register={register}
				/>
				<SubmitButton>{t('proceedingEdit.decision.save')}</SubmitButton>
			</Form>
		</section>
	)
}

const NOTICES = {
	saved: 'proceedingEdit.edit.saved',
	removed: 'proceedingEdit.edit.removed',
	rules: 'proceedingEdit.rules.saved',
	decision: 'proceedingEdit.decision.saved',
	cleared: 'proceedingEdit.decision.cleared',
} as const

function isNotice(value: string | null): value is keyof typeof NOTICES {
	return value !== null && value in NOTICES
}

export default function EditProceeding() {
	const { proceeding, clocks, body, decision } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const notice = params.get('notice')
	return (
		<div className="space-y-8">
			<p>
				<Link to={`/projects/${proceeding.projectSlug}`}>← {t('projectEdit.back')}</Link>
			</p>
			<PageHeading lead={t('proceedingEdit.edit.lead', { zone: proceeding.timeZone })}>
				{t('proceedingEdit.edit.heading', { title: proceeding.title })}
			</PageHeading>
			{isNotice(notice) ? (
				<p role="status" className="rounded-md bg-action-soft p-3 font-semibold">
					{t(NOTICES[notice])}
				</p>
			) : null}
			{clocks.length === 0 ? <p>{t('proceedingEdit.clock.none')}</p> : null}
			<ul className="space-y-6">
				{clocks.map((clock) => (
					<li key={clock.id} className="space-y-2 rounded-md border border-line p-3">
						<p className="font-semibold">
							{clock.label || t(`clock.${clock.kind}`)}: {clock.date} {clock.time}
						</p>
						{clock.computed ? (
							<p className="text-sm text-ink-muted">{t('proceedingEdit.clock.computed', { explanation: clock.explanation ?? '' })}</p>
						) : (
							<>
								<ClockForm
									clockId={clock.id}
									defaults={{ kind: clock.kind, label: clock.label, date: clock.date, time: clock.time, sourceUrl: clock.sourceUrl }}
								/>
								<Form method="post">
									<input type="hidden" name="intent" value="remove" />
									<input type="hidden" name="clockId" value={clock.id} />
									<input type="hidden" name="kind" value={clock.kind} />
									<button type="submit" className="min-h-11 underline">
										{t('proceedingEdit.clock.remove')}
									</button>
								</Form>
							</>
						)}
					</li>
				))}
			</ul>
			<section className="max-w-xl space-y-3">
				<h2 className="text-xl font-bold">{t('proceedingEdit.clock.addHeading')}</h2>
				<ClockForm clockId="" defaults={{ kind: 'hearing' }} />
			</section>
			<DecisionForm defaults={decision} />
			{body ? <RulesForm bodyName={body.name} defaults={body.rules} /> : null}
		</div>
	)
}
