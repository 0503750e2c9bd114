import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { verifyCodeSchema } from '#app/auth/schemas'
import { createSupabase } from '#app/auth/supabase.server'
import { ErrorSummary, FormCard, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { clientIp, retryAfterHeaders, takeSignInAttempt, tooManyAttempts } from '#app/http/rate-limits.server'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

// After sign-up, a password reset or an email change: open the emailed link,
// or type the code from the same email here. The code goes through the same
// Auth verification as the link, so it lands where the link would.

export const meta: MetaFunction = () => [{ title: t('auth.checkEmail.title') }]

const kinds = {
	signup: { message: 'auth.checkEmail.signup', otpType: 'signup', next: '/account?welcome=1' },
	recovery: { message: 'auth.checkEmail.recovery', otpType: 'recovery', next: '/account/password' },
	email_change: { message: 'auth.checkEmail.emailChange', otpType: 'email_change', next: '/account?email=changed' },
} as const
type Kind = keyof typeof kinds

function kindOf(value: unknown): Kind {
	return typeof value === 'string' && Object.hasOwn(kinds, value) ? (value as Kind) : 'signup'
}

export function loader({ request }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	return { kind: kindOf(params.get('kind')), email: (params.get('email') ?? '').slice(0, 254) }
}

/** A refused attempt's Retry-After reaches the browser. */
export const headers: HeadersFunction = retryAfterHeaders

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const kind = kindOf(new URL(request.url).searchParams.get('kind'))
	const form = parseForm(await request.formData(), verifyCodeSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values)
	const { email, code } = form.data
	const values = { email, code }
	// Guessing a code is guessing a way in: it counts as a sign-in attempt.
	const attempt = await takeSignInAttempt(clientIp(request, context), email)
	if (!attempt.allowed) return tooManyAttempts(attempt, values)
	const { supabase, headers } = createSupabase(request)
	const { error } = await supabase.auth.verifyOtp({ email, token: code, type: kinds[kind].otpType })
	if (error) return formError({ code: t('auth.checkEmail.codeInvalid') }, values, headers)
	return redirect(kinds[kind].next, { headers })
}

const labels = { email: t('field.email'), code: t('field.code') }

export default function CheckEmail() {
	const { kind, email } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { register, errors, onSubmit } = useValidatedForm(verifyCodeSchema, actionData, { email })
	const again = kind === 'recovery' ? '/forgot-password' : kind === 'email_change' ? '/account' : '/signup'
	const shownEmail = actionData?.values?.email ?? email
	return (
		<div className="max-w-prose space-y-4">
			<PageHeading>{t('auth.checkEmail.heading')}</PageHeading>
			<p className="text-lg">{t(kinds[kind].message, { email: shownEmail })}</p>
			<p>{t('auth.checkEmail.spam')}</p>
			<h2 className="text-xl font-semibold">{t('auth.checkEmail.codeHeading')}</h2>
			<ErrorSummary errors={errors} labels={labels} />
			<FormCard onSubmit={onSubmit}>
				{email ? (
					<input type="hidden" {...register('email')} />
				) : (
					<TextField
						name="email"
						type="email"
						label={labels.email}
						error={errors.email}
						register={register}
						autoComplete="email"
						inputMode="email"
					/>
				)}
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
				<SubmitButton>{t(`auth.checkEmail.codeSubmit.${kind}`)}</SubmitButton>
			</FormCard>
			<p>
				<Link to={again}>{t('auth.checkEmail.wrongAddress')}</Link>
			</p>
		</div>
	)
}
