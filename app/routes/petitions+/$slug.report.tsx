import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { ErrorSummary, SubmitButton, TextAreaField, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { clientIp, retryAfterHeaders, takeAttempt, tooManyAttempts } from '#app/http/rate-limits.server'
import { t } from '#app/i18n/i18n'
import { reportPetition } from '#app/moderation/moderation.server'
import { getPetition } from '#app/petitions/petitions.server'
import { reportReasons, reportSchema } from '#app/petitions/schemas'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, headers } = await optionalUser(request)
	const petition = await getPetition(caller, params.slug ?? '')
	if (!petition) notFound(headers)
	return data({ petition: { slug: petition.slug, title: petition.title } }, { headers })
}

/** A refused attempt's Retry-After reaches the browser. */
export const headers: HeadersFunction = retryAfterHeaders

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, headers } = await optionalUser(request)
	const petition = await getPetition(caller, params.slug ?? '')
	if (!petition) notFound(headers)
	const form = parseForm(await request.formData(), reportSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const ip = clientIp(request, context)
	const attempt = await takeAttempt([
		['report_ip', ip],
		['report_petition_ip', `${petition.id}:${ip}`],
	])
	if (!attempt.allowed) return tooManyAttempts(attempt, form.data, headers)
	if (!(await reportPetition(caller, { petitionId: petition.id, ...form.data }))) notFound(headers)
	return redirect(`/petitions/${petition.slug}/report?sent=1`, { headers })
}

export const meta: MetaFunction = () => [{ title: t('petitions.report.title') }, { name: 'robots', content: 'noindex' }]

const labels = { reason: t('petitions.report.reason'), details: t('petitions.report.details'), email: t('petitions.report.email') }

export default function ReportPetition() {
	const { petition } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const { register, errors, onSubmit } = useValidatedForm(reportSchema, actionData)
	if (params.get('sent')) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('petitions.report.sent.heading')}</PageHeading>
				<p className="text-lg" role="status">
					{t('petitions.report.sent.body')}
				</p>
				<p>
					<Link to={`/petitions/${petition.slug}`}>{t('petitions.next.back')}</Link>
				</p>
			</div>
		)
	}
	const reasonHintId = 'reason-hint'
	return (
		<div className="max-w-prose">
			<PageHeading lead={t('petitions.report.lead', { title: petition.title })}>{t('petitions.report.heading')}</PageHeading>
			<ErrorSummary errors={errors} labels={labels} />
			<Form method="post" noValidate onSubmit={onSubmit} className="space-y-5">
				<fieldset aria-describedby={errors.reason ? `${reasonHintId} reason-error` : reasonHintId} className="space-y-2">
					<legend className="font-semibold">{labels.reason}</legend>
					<p id={reasonHintId} className="text-sm text-ink-muted">
						{t('petitions.report.reason.hint')}
					</p>
					{errors.reason ? (
						<p id="reason-error" className="font-semibold text-alert">
							{errors.reason}
						</p>
					) : null}
					{reportReasons.map((reason, index) => (
						<div key={reason} className="flex items-center gap-3">
							<input
								type="radio"
								value={reason}
								id={index === 0 ? 'reason' : `reason-${reason}`}
								className="h-6 w-6 accent-action"
								{...register('reason')}
								defaultValue={undefined}
								defaultChecked={actionData?.values?.reason === reason}
							/>
							<label htmlFor={index === 0 ? 'reason' : `reason-${reason}`}>{t(`petitions.report.reason.${reason}`)}</label>
						</div>
					))}
				</fieldset>
				<TextAreaField
					name="details"
					label={labels.details}
					hint={t('petitions.report.details.hint')}
					error={errors.details}
					register={register}
					rows={4}
				/>
				<TextField
					name="email"
					type="email"
					label={labels.email}
					hint={t('petitions.report.email.hint')}
					error={errors.email}
					register={register}
					autoComplete="email"
				/>
				<SubmitButton>{t('petitions.report.submit')}</SubmitButton>
			</Form>
		</div>
	)
}
