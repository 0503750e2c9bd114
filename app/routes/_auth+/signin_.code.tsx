import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { redirectIfSignedIn } from '#app/auth/guards.server'
import { requestCodeSchema, verifyCodeSchema } from '#app/auth/schemas'
import { createSupabase } from '#app/auth/supabase.server'
import { ErrorSummary, FormCard, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { clientIp, retryAfterHeaders, takeSignInAttempt, tooManyAttempts } from '#app/http/rate-limits.server'
import { t } from '#app/i18n/i18n'
import { env } from '#app/utils/env.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { safeRedirect } from '#app/utils/redirect'

// Passwordless sign-in in two steps on one page: ask for a code, then type it
// (or open the link in the same email).

export const meta: MetaFunction = () => [{ title: t('auth.code.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	const redirectTo = safeRedirect(params.get('redirectTo'), '/home')
	await redirectIfSignedIn(request, redirectTo)
	const email = (params.get('email') ?? '').slice(0, 254)
	return { email, sent: params.get('sent') === '1' && email !== '', redirectTo: params.get('redirectTo') ?? '' }
}

/** A refused attempt's Retry-After reaches the browser. */
export const headers: HeadersFunction = retryAfterHeaders

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const formData = await request.formData()
	const intent = formData.get('intent')
	const { supabase, headers } = createSupabase(request)

	if (intent === 'verify') {
		const form = parseForm(formData, verifyCodeSchema)
		if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent: 'verify' })
		const { email, code, redirectTo } = form.data
		const values = { email, code, redirectTo: redirectTo ?? '', intent: 'verify' }
		const attempt = await takeSignInAttempt(clientIp(request, context), email)
		if (!attempt.allowed) {
			return tooManyAttempts(attempt, values)
		}
		const { error } = await supabase.auth.verifyOtp({ email, token: code, type: 'email' })
		if (error) return formError({ code: t('auth.code.invalid') }, values, headers)
		return redirect(safeRedirect(redirectTo, '/home'), { headers })
	}

	const form = parseForm(formData, requestCodeSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values)
	const { email, redirectTo } = form.data
	const next = safeRedirect(redirectTo, '/home')
	const { error } = await supabase.auth.signInWithOtp({
		email,
		options: { shouldCreateUser: false, emailRedirectTo: new URL(next, env().SITE_URL).toString() },
	})
	if (error && error.code === 'over_email_send_rate_limit') {
		return formError({ email: t('auth.signUp.rateLimited') }, { email, redirectTo: redirectTo ?? '' }, headers)
	}
	// Unknown addresses get the same next step, so the page never tells who has an account.
	if (error && error.code !== 'otp_disabled' && error.status !== 422) throw error
	const query = new URLSearchParams({ email, sent: '1' })
	if (redirectTo) query.set('redirectTo', redirectTo)
	return redirect(`/signin/code?${query}`, { headers })
}

const labels = { email: t('field.email'), code: t('field.code') }

export default function SignInWithCode() {
	const { email, sent, redirectTo } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const verifying = sent || actionData?.values?.intent === 'verify'
	return (
		<div>
			<PageHeading lead={verifying ? t('auth.code.sent', { email: actionData?.values?.email ?? email }) : t('auth.code.lead')}>
				{t('auth.code.heading')}
			</PageHeading>
			{verifying ? (
				<VerifyForm email={email} redirectTo={redirectTo} actionData={actionData} />
			) : (
				<RequestForm redirectTo={redirectTo} actionData={actionData} />
			)}
		</div>
	)
}

type FormProps = { redirectTo: string; actionData: ReturnType<typeof useActionData<typeof action>> }

function RequestForm({ redirectTo, actionData }: FormProps) {
	const { register, errors, onSubmit } = useValidatedForm(requestCodeSchema, actionData, { redirectTo })
	return (
		<>
			<ErrorSummary errors={errors} labels={labels} />
			<FormCard onSubmit={onSubmit}>
				<input type="hidden" {...register('redirectTo')} />
				<input type="hidden" name="intent" value="send" />
				<TextField
					name="email"
					type="email"
					label={labels.email}
					error={errors.email}
					register={register}
					autoComplete="email"
					inputMode="email"
				/>
				<SubmitButton>{t('auth.code.send')}</SubmitButton>
			</FormCard>
			<p className="mt-6">
				<Link to="/signin">{t('auth.signIn.heading')}</Link>
			</p>
		</>
	)
}

function VerifyForm({ email, redirectTo, actionData }: FormProps & { email: string }) {
	const { register, errors, onSubmit } = useValidatedForm(verifyCodeSchema, actionData, { email, redirectTo })
	return (
		<>
			<ErrorSummary errors={errors} labels={labels} />
			<FormCard onSubmit={onSubmit}>
				<input type="hidden" {...register('redirectTo')} />
				<input type="hidden" {...register('email')} />
				<input type="hidden" name="intent" value="verify" />
				<TextField
					name="code"
					label={labels.code}
					hint={t('field.code.hint')}
					error={errors.code}
					register={register}
					autoComplete="one-time-code"
					inputMode="numeric"
					maxLength={7}
				/>
				<SubmitButton>{t('auth.code.verify')}</SubmitButton>
			</FormCard>
			<Form method="post" className="mt-6">
				<input type="hidden" name="email" value={actionData?.values?.email ?? email} />
				<input type="hidden" name="redirectTo" value={redirectTo} />
				<input type="hidden" name="intent" value="send" />
				<button type="submit" className="min-h-11 font-semibold text-action underline">
					{t('auth.code.sendAgain')}
				</button>
			</Form>
		</>
	)
}
