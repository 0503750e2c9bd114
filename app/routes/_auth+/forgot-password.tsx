import { redirect, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { forgotPasswordSchema } from '#app/auth/schemas'
import { createSupabase } from '#app/auth/supabase.server'
import { ErrorSummary, FormCard, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { clientIp, emailKey, retryAfterHeaders, takeAttempt, tooManyAttempts } from '#app/http/rate-limits.server'
import { t } from '#app/i18n/i18n'
import { env } from '#app/utils/env.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction = () => [{ title: t('auth.forgot.title') }]

/** A refused attempt's Retry-After reaches the browser. */
export const headers: HeadersFunction = retryAfterHeaders

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const form = parseForm(await request.formData(), forgotPasswordSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values)
	const { email } = form.data
	const attempt = await takeAttempt([
		['reset_ip', clientIp(request, context)],
		['reset_email', emailKey(email)],
	])
	if (!attempt.allowed) return tooManyAttempts(attempt, { email })
	const { supabase, headers } = createSupabase(request)
	const { error } = await supabase.auth.resetPasswordForEmail(email, {
		redirectTo: new URL('/account/password', env().SITE_URL).toString(),
	})
	if (error?.code === 'over_email_send_rate_limit') return formError({ email: t('auth.signUp.rateLimited') }, { email }, headers)
	if (error) throw error
	return redirect(`/check-email?kind=recovery&email=${encodeURIComponent(email)}`, { headers })
}

const labels = { email: t('field.email') }

export default function ForgotPassword() {
	const actionData = useActionData<typeof action>()
	const { register, errors, onSubmit } = useValidatedForm(forgotPasswordSchema, actionData)
	return (
		<div>
			<PageHeading lead={t('auth.forgot.lead')}>{t('auth.forgot.heading')}</PageHeading>
			<ErrorSummary errors={errors} labels={labels} />
			<FormCard onSubmit={onSubmit}>
				<TextField
					name="email"
					type="email"
					label={labels.email}
					error={errors.email}
					register={register}
					autoComplete="email"
					inputMode="email"
				/>
				<SubmitButton>{t('auth.forgot.submit')}</SubmitButton>
			</FormCard>
		</div>
	)
}
