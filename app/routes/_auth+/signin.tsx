import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { redirectIfSignedIn } from '#app/auth/guards.server'
import { signInSchema } from '#app/auth/schemas'
import { createSupabase } from '#app/auth/supabase.server'
import { ErrorSummary, FormCard, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { clientIp, forgiveSignIn, retryAfterHeaders, takeSignInAttempt, tooManyAttempts } from '#app/http/rate-limits.server'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { safeRedirect } from '#app/utils/redirect'

export const meta: MetaFunction = () => [{ title: t('auth.signIn.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'), '/home')
	await redirectIfSignedIn(request, redirectTo)
	return null
}

/** A refused attempt's Retry-After reaches the browser. */
export const headers: HeadersFunction = retryAfterHeaders

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const form = parseForm(await request.formData(), signInSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values)
	const { email, password, redirectTo } = form.data
	const values = { email, redirectTo: redirectTo ?? '' }

	const attempt = await takeSignInAttempt(clientIp(request, context), email)
	if (!attempt.allowed) {
		return tooManyAttempts(attempt, values)
	}
	const { supabase, headers } = createSupabase(request)
	const { error } = await supabase.auth.signInWithPassword({ email, password })
	if (error) {
		if (error.code === 'email_not_confirmed')
			return formError({ email: t('auth.signIn.unconfirmed') }, { ...values, unconfirmed: '1' }, headers)
		if (error.code === 'invalid_credentials' || error.status === 400) return formError({ form: t('auth.signIn.invalid') }, values, headers)
		throw error
	}
	await forgiveSignIn(email)
	return redirect(safeRedirect(redirectTo, '/home'), { headers })
}

const labels = { email: t('field.email'), password: t('field.password') }

export default function SignIn() {
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const redirectTo = params.get('redirectTo') ?? ''
	const { register, errors, onSubmit } = useValidatedForm(signInSchema, actionData, { redirectTo })
	const query = redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''
	return (
		<div>
			<PageHeading>{t('auth.signIn.heading')}</PageHeading>
			<ErrorSummary errors={errors} labels={labels} />
			<FormCard onSubmit={onSubmit}>
				<input type="hidden" {...register('redirectTo')} />
				<TextField
					name="email"
					type="email"
					label={labels.email}
					error={errors.email}
					register={register}
					autoComplete="email"
					inputMode="email"
				/>
				<TextField
					name="password"
					type="password"
					label={labels.password}
					error={errors.password}
					register={register}
					autoComplete="current-password"
				/>
				<SubmitButton>{t('auth.signIn.submit')}</SubmitButton>
			</FormCard>
			{actionData?.values?.unconfirmed ? (
				<Form method="post" action={`/signin/code${query}`} className="mt-4">
					<input type="hidden" name="email" value={actionData.values.email ?? ''} />
					<input type="hidden" name="intent" value="send" />
					<button type="submit" className="min-h-11 font-semibold text-action underline">
						{t('auth.signIn.resend')}
					</button>
				</Form>
			) : null}
			<ul className="mt-6 space-y-2">
				<li>
					<Link to={`/signin/code${query}`}>{t('auth.signIn.withCode')}</Link>
				</li>
				<li>
					<Link to="/forgot-password">{t('auth.signIn.forgot')}</Link>
				</li>
				<li>
					{t('auth.signIn.noAccount')} <Link to={`/signup${query}`}>{t('auth.signIn.createAccount')}</Link>
				</li>
			</ul>
		</div>
	)
}
