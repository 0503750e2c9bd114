import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { Button, failureFor, FormProblem, Input, IntentForm, Select, TextArea } from '#app/objections/fields'
import { ReliefFields } from '#app/objections/objection-page'
import { organizedChapters, proceedingBySlug, startObjection } from '#app/objections/objections.server'
import { objectionSchema, reliefFrom } from '#app/objections/schemas'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, headers } = await requireUser(request)
	const found = await proceedingBySlug(caller, params.slug ?? '')
	if (!found) notFound(headers)
	const chapters = await organizedChapters(caller)
	return data(
		{
			proceeding: { title: found.proceeding.title, body: found.proceeding.body?.name ?? null, caseNumber: found.proceeding.caseNumber },
			chapters,
		},
		{ headers },
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('objection.new.title', { title: data.proceeding.title }) }] : []

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, headers } = await requireUser(request)
	const found = await proceedingBySlug(caller, params.slug ?? '')
	if (!found) notFound(headers)
	const formData = await request.formData()
	const values: Record<string, string> = {
		...Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
		intent: 'start',
	}
	const form = parseForm(formData, objectionSchema)
	const chapters = await organizedChapters(caller)
	const chapter = chapters.find((candidate) => candidate.id === values.chapterId)
	const errors: Record<string, string> = form.success ? {} : { ...form.failure.errors }
	if (!chapter) errors.chapterId = t('objection.error.chapter')
	if (!form.success || !chapter) return formError({ ...errors, intent: 'start' }, values, headers)
	const started = await startObjection(caller, found.proceeding.id, chapter.id, { ...form.data, relief: reliefFrom(form.data) })
	if (!started.ok) return formError({ form: t('objection.error.notAllowed'), intent: 'start' }, values, headers)
	return redirect(`/objections/${started.id}`, { headers })
}

export default function NewObjection() {
	const { proceeding, chapters } = useLoaderData<typeof loader>()
	const failure = useActionData<typeof action>()
	const { errors, values } = failureFor(failure, 'start')
	const heading = (
		<PageHeading lead={t('objection.new.lead', { title: proceeding.title, body: proceeding.body ?? '—' })}>
			{t('objection.new.heading')}
		</PageHeading>
	)
	if (chapters.length === 0) {
		return (
			<div className="max-w-prose space-y-4">
				{heading}
				<p className="text-lg">{t('objection.new.noChapter')}</p>
			</div>
		)
	}
	return (
		<div className="max-w-2xl">
			{heading}
			<IntentForm intent="start" label={t('objection.new.heading')}>
				<FormProblem message={errors.form} />
				<Select
					name="chapterId"
					label={t('objection.form.chapter')}
					value={values.chapterId ?? chapters[0]?.id}
					error={errors.chapterId}
					options={chapters.map((chapter) => ({ value: chapter.id, label: chapter.name }))}
				/>
				<Input
					name="subject"
					label={t('objection.form.subject')}
					hint={t('objection.form.subject.hint')}
					error={errors.subject}
					value={values.subject ?? (proceeding.caseNumber ? `Objection — ${proceeding.caseNumber}` : '')}
				/>
				<TextArea
					name="standingResidents"
					label={t('objection.form.standingResidents')}
					hint={t('objection.form.standingResidents.hint')}
					error={errors.standingResidents}
					value={values.standingResidents}
				/>
				<TextArea
					name="standingOrganizations"
					label={t('objection.form.standingOrganizations')}
					hint={t('objection.form.standingOrganizations.hint')}
					error={errors.standingOrganizations}
					value={values.standingOrganizations}
				/>
				<ReliefFields relief={[]} conditions={[]} note="" errors={errors} values={values} />
				<Button>{t('objection.new.submit')}</Button>
			</IntentForm>
		</div>
	)
}
