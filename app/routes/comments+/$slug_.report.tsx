import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { reportByName } from '#app/comments/comments.server'
import { getDrive } from '#app/comments/drives.server'
import { reportByNameSchema } from '#app/comments/schemas'
import { Notice } from '#app/components/choice-field'
import { ErrorSummary, SubmitButton, TextAreaField, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { clientIp, emailKey, takeAttempt, tooManyAttempts } from '#app/http/rate-limits.server'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'
import { isSlug } from '#app/utils/slug'

// "A comment was filed in my name" from the drive page: the comments under
// that name, in the reporter's ZIP code and not from their own address, are
// held from delivery until the organizers or a moderator review them
// (docs/decisions/072). The answer is the same whether any matched.

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	const { caller, headers } = await optionalUser(request)
	if (!isSlug(slug)) notFound(headers)
	const found = await getDrive(caller, slug)
	if (!found) notFound(headers)
	return data({ drive: { slug: found.drive.slug, title: found.drive.title } }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('comments.report.title', { title: data.drive.title }) }] : []

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = params.slug ?? ''
	const { caller, headers } = await optionalUser(request)
	if (!isSlug(slug)) notFound(headers)
	const found = await getDrive(caller, slug)
	if (!found) notFound(headers)
	const formData = await request.formData()
	const form = parseForm(formData, reportByNameSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const attempt = await takeAttempt([
		['report_ip', clientIp(request, context as { clientIp?: string })],
		['comment_email', `report:${found.drive.id}:${emailKey(form.data.email)}`],
	])
	if (!attempt.allowed)
		return tooManyAttempts(
			attempt,
			{ name: form.data.name, email: form.data.email, postalCode: form.data.postalCode, details: form.data.details },
			headers,
		)
	await reportByName(caller, found.drive.id, form.data)
	return redirect(`/comments/${slug}/report?sent=1`, { headers })
}

export default function ReportComment() {
	const { drive } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [search] = useSearchParams()
	const { register, errors, onSubmit } = useValidatedForm(reportByNameSchema, actionData)
	const labels = {
		name: t('comments.report.name'),
		email: t('comments.report.email'),
		postalCode: t('comments.report.postalCode'),
		details: t('comments.report.details'),
	}
	return (
		<div className="max-w-prose space-y-6">
			<PageHeading lead={t('comments.report.lead', { title: drive.title })}>{t('comments.report.heading')}</PageHeading>
			{search.get('sent') === '1' ? (
				<Notice>{t('comments.report.sent')}</Notice>
			) : (
				<Form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
					<ErrorSummary errors={errors} labels={labels} />
					<TextField
						name="name"
						label={labels.name}
						hint={t('comments.report.nameHint')}
						error={errors.name}
						register={register}
						autoComplete="name"
					/>
					<TextField
						name="email"
						type="email"
						label={labels.email}
						hint={t('comments.report.emailHint')}
						error={errors.email}
						register={register}
						autoComplete="email"
					/>
					<TextField
						name="postalCode"
						label={labels.postalCode}
						hint={t('comments.report.postalCodeHint')}
						error={errors.postalCode}
						register={register}
						autoComplete="postal-code"
					/>
					<TextAreaField
						name="details"
						label={labels.details}
						hint={t('comments.report.detailsHint')}
						error={errors.details}
						register={register}
						rows={4}
					/>
					<SubmitButton>{t('comments.report.submit')}</SubmitButton>
				</Form>
			)}
			<p>
				<Link to={`/comments/${drive.slug}`}>{t('comments.mine.back', { title: drive.title })}</Link>
			</p>
		</div>
	)
}
