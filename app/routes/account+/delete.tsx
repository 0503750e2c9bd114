import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { chaptersOnlyOrganizedBy, deleteAccount } from '#app/account/account.server'
import { deleteAccountSchema } from '#app/account/schemas'
import { requireUser } from '#app/auth/guards.server'
import { createAdminSupabase } from '#app/auth/supabase.server'
import { ErrorSummary, FormCard, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction = () => [{ title: t('account.delete.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { user, caller, headers } = await requireUser(request)
	const blocking = await chaptersOnlyOrganizedBy(caller, user.id)
	return data({ blocking }, { headers })
}

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { user, caller, supabase, headers } = await requireUser(request)
	const form = parseForm(await request.formData(), deleteAccountSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	// The most sensitive write there is: ask Auth who this is, then delete as the service role.
	const { data: current, error } = await supabase.auth.getUser()
	if (error || !current.user || current.user.id !== user.id) throw redirect('/signin?redirectTo=/account/delete', { headers })
	const deleted = await deleteAccount(caller, createAdminSupabase())
	if (!deleted.ok) return formError({ form: t('account.delete.soleOrganizer') }, {}, headers)
	await supabase.auth.signOut({ scope: 'local' })
	return redirect('/?deleted=1', { headers })
}

export default function DeleteAccount() {
	const { blocking } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { register, errors, onSubmit } = useValidatedForm(deleteAccountSchema, actionData)
	return (
		<div className="max-w-prose space-y-6">
			<PageHeading>{t('account.delete.heading')}</PageHeading>
			<p className="text-lg">{t('account.delete.body')}</p>
			{blocking.length > 0 ? (
				<div className="space-y-2 rounded-md border-2 border-alert bg-alert-soft p-4">
					<p className="font-semibold">{t('account.delete.soleOrganizer')}</p>
					<ul className="list-disc pl-6">
						{blocking.map((chapter) => (
							<li key={chapter.slug}>
								<Link to={`/chapters/${chapter.slug}`}>{chapter.name}</Link>
							</li>
						))}
					</ul>
				</div>
			) : (
				<>
					<ErrorSummary errors={errors} labels={{ confirm: t('account.delete.confirm') }} />
					<FormCard onSubmit={onSubmit}>
						<TextField name="confirm" label={t('account.delete.confirm')} error={errors.confirm} register={register} autoComplete="off" />
						<SubmitButton>{t('account.delete.submit')}</SubmitButton>
					</FormCard>
				</>
			)}
			<p>
				<Link to="/account">{t('account.delete.cancel')}</Link>
			</p>
		</div>
	)
}
