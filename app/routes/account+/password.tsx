import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { requireUser } from '#app/auth/guards.server'
import { newPasswordSchema } from '#app/auth/schemas'
import { ErrorSummary, FormCard, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction = () => [{ title: t('auth.reset.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireUser(request)
	return null
}

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { supabase, headers } = await requireUser(request)
	const form = parseForm(await request.formData(), newPasswordSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	// A sensitive write: ask Auth who this is rather than trusting the token alone.
	const { data: userData, error: userError } = await supabase.auth.getUser()
	if (userError || !userData.user) throw redirect('/signin?redirectTo=/account/password', { headers })
	const { error } = await supabase.auth.updateUser({ password: form.data.password })
	if (error?.code === 'same_password') return formError({ password: t('auth.reset.same') }, {}, headers)
	if (error?.code === 'weak_password') return formError({ password: t('auth.signUp.weakPassword') }, {}, headers)
	if (error) throw error
	return redirect('/account?password=changed', { headers })
}

const labels = { password: t('field.newPassword'), confirmPassword: t('field.confirmPassword') }

export default function NewPassword() {
	const actionData = useActionData<typeof action>()
	const { register, errors, onSubmit } = useValidatedForm(newPasswordSchema, actionData)
	return (
		<div>
			<PageHeading>{t('auth.reset.heading')}</PageHeading>
			<ErrorSummary errors={errors} labels={labels} />
			<FormCard onSubmit={onSubmit}>
				<TextField
					name="password"
					type="password"
					label={labels.password}
					hint={t('field.password.hint')}
					error={errors.password}
					register={register}
					autoComplete="new-password"
				/>
				<TextField
					name="confirmPassword"
					type="password"
					label={labels.confirmPassword}
					error={errors.confirmPassword}
					register={register}
					autoComplete="new-password"
				/>
				<SubmitButton>{t('auth.reset.submit')}</SubmitButton>
			</FormCard>
		</div>
	)
}
