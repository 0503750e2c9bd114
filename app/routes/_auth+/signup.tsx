import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useSearchParams } from '@remix-run/react'
import { redirectIfSignedIn } from '#app/auth/guards.server'
import { signUpSchema } from '#app/auth/schemas'
import { createSupabase } from '#app/auth/supabase.server'
import { ErrorSummary, FormCard, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { clientIp, emailKey, retryAfterHeaders, takeAttempt, tooManyAttempts } from '#app/http/rate-limits.server'
import { t } from '#app/i18n/i18n'
import { env } from '#app/utils/env.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { safeRedirect } from '#app/utils/redirect'

export const meta: MetaFunction = () => [{ title: t('auth.signUp.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	await redirectIfSignedIn(request)
	return null
}

/** A refused attempt's Retry-After reaches the browser. */
export const headers: HeadersFunction = retryAfterHeaders

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const form = parseForm(await request.formData(), signUpSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values)
	const { displayName, email, password, redirectTo } = form.data
	const values = { displayName, email, redirectTo: redirectTo ?? '' }
	const attempt = await takeAttempt([
		['signup_ip', clientIp(request, context)],
		['signup_email', emailKey(email)],
	])
	if (!attempt.allowed) return tooManyAttempts(attempt, values)
	const { supabase, headers } = createSupabase(request)
	const next = safeRedirect(redirectTo, '/account')
	const { error } = await supabase.auth.signUp({
		email,
		password,
		options: {
			data: { display_name: displayName },
			emailRedirectTo: new URL(next, env().SITE_URL).toString(),
		},
	})
	if (error) {
		if (error.code === 'weak_password') return formError({ password: t('auth.signUp.weakPassword') }, values, headers)
		if (error.code === 'over_email_send_rate_limit') return formError({ email: t('auth.signUp.rateLimited') }, values, headers)
		if (error.code === 'validation_failed' || error.code === 'email_address_invalid') {
			return formError({ email: t('validation.email') }, values, headers)
		}
		throw error
	}
	// Same answer whether or not the address already had an account: no one learns who is registered.
	return redirect(`/check-email?kind=signup&email=${encodeURIComponent(email)}`, { headers })
}

const labels = { displayName: t('field.displayName'), email: t('field.email'), password: t('field.password') }

export default function SignUp() {
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	// An invitation's link names the address it was sent to, so the invited person need not type it.
	const { register, errors, onSubmit } = useValidatedForm(signUpSchema, actionData, {
		redirectTo: params.get('redirectTo') ?? '',
		email: (params.get('email') ?? '').slice(0, 254),
	})
	return (
		<div>
			<PageHeading lead={t('auth.signUp.lead')}>{t('auth.signUp.heading')}</PageHeading>
			<ErrorSummary errors={errors} labels={labels} />
			<FormCard onSubmit={onSubmit}>
				<input type="hidden" {...register('redirectTo')} />
				<TextField
					name="displayName"
					label={labels.displayName}
					hint={t('field.displayName.hint')}
					error={errors.displayName}
					register={register}
					autoComplete="name"
				/>
				<TextField
					name="email"
					type="email"
					label={labels.email}
					hint={t('field.email.hint')}
					error={errors.email}
					register={register}
					autoComplete="email"
					inputMode="email"
				/>
				<TextField
					name="password"
					type="password"
					label={labels.password}
					hint={t('field.password.hint')}
					error={errors.password}
					register={register}
					autoComplete="new-password"
				/>
				<SubmitButton>{t('auth.signUp.submit')}</SubmitButton>
			</FormCard>
			<p className="mt-6">
				{t('auth.signUp.haveAccount')} <Link to="/signin">{t('nav.signIn')}</Link>
			</p>
		</div>
	)
}
