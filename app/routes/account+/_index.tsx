import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { getAccount, saveProfile } from '#app/account/account.server'
import { avatarUrl, removeAvatar, replaceAvatar } from '#app/account/avatar.server'
import { avatarUpload, emailChangeSchema, profileSchema } from '#app/account/schemas'
import { requireUser } from '#app/auth/guards.server'
import { ErrorSummary, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { UploadForm } from '#app/components/upload-form'
import type { MessageKey } from '#app/i18n/en'
import { t } from '#app/i18n/i18n'
import { isMultipart } from '#app/storage/uploads.server'
import { env } from '#app/utils/env.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { badRequest } from '#app/utils/responses.server'

export const meta: MetaFunction = () => [{ title: t('account.title') }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { user, caller, headers } = await requireUser(request)
	const account = await getAccount(caller, user.id)
	return data({ email: user.email, account, avatarUrl: avatarUrl(account.avatarPath) }, { headers })
}

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const session = await requireUser(request)
	const { user, caller, supabase, headers } = session

	if (isMultipart(request)) {
		const outcome = await replaceAvatar(request, session)
		if (!outcome.ok) return formError({ avatar: outcome.message }, { intent: 'avatar' }, headers)
		return redirect('/account?saved=avatar', { headers })
	}
	const formData = await request.formData()
	const intent = formData.get('intent')

	if (intent === 'profile') {
		const form = parseForm(formData, profileSchema)
		if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent: 'profile' }, headers)
		const saved = await saveProfile(caller, user.id, form.data)
		if (!saved.ok) return formError({ postalCode: t('account.profile.unknownZip') }, { ...form.data, intent: 'profile' }, headers)
		return redirect('/account?saved=profile', { headers })
	}

	if (intent === 'email') {
		const form = parseForm(formData, emailChangeSchema)
		if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent: 'email' }, headers)
		const { email } = form.data
		const values = { email, intent: 'email' }
		if (email === user.email.toLowerCase()) return formError({ email: t('account.email.same') }, values, headers)
		// A sensitive write: confirm the session with Auth, not just the token.
		const { data: current, error: userError } = await supabase.auth.getUser()
		if (userError || !current.user) throw redirect('/signin?redirectTo=/account', { headers })
		const { error } = await supabase.auth.updateUser(
			{ email },
			{ emailRedirectTo: new URL('/account?email=changed', env().SITE_URL).toString() },
		)
		if (error?.code === 'email_exists') return formError({ email: t('account.email.taken') }, values, headers)
		if (error?.code === 'over_email_send_rate_limit') return formError({ email: t('auth.signUp.rateLimited') }, values, headers)
		if (error) throw error
		return redirect(`/check-email?kind=email_change&email=${encodeURIComponent(email)}`, { headers })
	}

	if (intent === 'remove-avatar') {
		await removeAvatar(session)
		return redirect('/account?saved=avatar', { headers })
	}

	badRequest('Unknown action')
}

const notices: Record<string, MessageKey> = {
	welcome: 'account.welcome',
	password: 'account.passwordChanged',
	email: 'account.emailChanged',
	profile: 'account.saved',
	avatar: 'account.avatar.saved',
}

const labels = {
	displayName: t('field.displayName'),
	postalCode: t('field.postalCode'),
	email: t('account.email.label'),
	avatar: t('account.avatar.label'),
}

export default function AccountPage() {
	const { email, account, avatarUrl } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const noticeKey = params.get('welcome')
		? 'welcome'
		: params.get('password')
			? 'password'
			: params.get('email')
				? 'email'
				: params.get('saved')
	const notice = noticeKey ? notices[noticeKey] : undefined
	const intent = actionData?.values?.intent
	const profileForm = useValidatedForm(profileSchema, intent === 'profile' ? actionData : undefined, {
		displayName: account.displayName,
		postalCode: account.postalCode,
	})
	const emailForm = useValidatedForm(emailChangeSchema, intent === 'email' ? actionData : undefined)
	const avatarError = intent === 'avatar' ? actionData?.errors?.avatar : undefined

	return (
		<div className="space-y-12">
			<PageHeading>{t('account.heading')}</PageHeading>
			{notice ? (
				<p role="status" className="rounded-md border-2 border-action bg-action-soft p-4 font-semibold">
					{t(notice)}
				</p>
			) : null}

			<section aria-labelledby="profile-heading" className="space-y-4">
				<h2 id="profile-heading" className="text-2xl font-bold">
					{t('account.profile.heading')}
				</h2>
				<ErrorSummary errors={profileForm.errors} labels={labels} />
				<Form method="post" noValidate onSubmit={profileForm.onSubmit} className="max-w-md space-y-5">
					<input type="hidden" name="intent" value="profile" />
					<TextField
						name="displayName"
						label={labels.displayName}
						hint={t('field.displayName.hint')}
						error={profileForm.errors.displayName}
						register={profileForm.register}
						autoComplete="name"
					/>
					<TextField
						name="postalCode"
						label={labels.postalCode}
						hint={t('field.postalCode.hint')}
						error={profileForm.errors.postalCode}
						register={profileForm.register}
						autoComplete="postal-code"
						inputMode="numeric"
					/>
					{account.place ? <p className="text-sm">{t('account.profile.place', { place: account.place })}</p> : null}
					<SubmitButton>{t('account.profile.submit')}</SubmitButton>
				</Form>
			</section>

			<section aria-labelledby="avatar-heading" className="space-y-4">
				<h2 id="avatar-heading" className="text-2xl font-bold">
					{t('account.avatar.heading')}
				</h2>
				{avatarUrl ? (
					<img
						src={avatarUrl}
						alt={t('account.avatar.alt')}
						width={96}
						height={96}
						className="h-24 w-24 rounded-full border border-line object-cover"
					/>
				) : (
					<p>{t('account.avatar.none')}</p>
				)}
				<UploadForm
					rule={avatarUpload}
					label={labels.avatar}
					hint={t('account.avatar.hint')}
					error={avatarError}
					submitLabel={t('account.avatar.submit')}
					remove={avatarUrl ? { intent: 'remove-avatar', label: t('account.avatar.remove') } : undefined}
					className="max-w-md"
				/>
			</section>

			<section aria-labelledby="email-heading" className="space-y-4">
				<h2 id="email-heading" className="text-2xl font-bold">
					{t('account.email.heading')}
				</h2>
				<p>{t('account.email.current', { email })}</p>
				<ErrorSummary errors={emailForm.errors} labels={labels} />
				<Form method="post" noValidate onSubmit={emailForm.onSubmit} className="max-w-md space-y-5">
					<input type="hidden" name="intent" value="email" />
					<TextField
						name="email"
						type="email"
						label={labels.email}
						hint={t('account.email.hint')}
						error={emailForm.errors.email}
						register={emailForm.register}
						autoComplete="email"
						inputMode="email"
					/>
					<SubmitButton>{t('account.email.submit')}</SubmitButton>
				</Form>
			</section>

			<section aria-labelledby="security-heading" className="space-y-3">
				<h2 id="security-heading" className="text-2xl font-bold">
					{t('account.security.heading')}
				</h2>
				<ul className="space-y-2">
					<li>
						<Link to="/account/password">{t('account.security.password')}</Link>
					</li>
					<li>
						<Link to="/account/calendar">{t('account.feed.link')}</Link>
					</li>
					<li>
						<Link to="/signout">{t('account.security.signOut')}</Link>
					</li>
				</ul>
			</section>

			<section aria-labelledby="chapters-heading" className="space-y-3">
				<h2 id="chapters-heading" className="text-2xl font-bold">
					{t('account.chapters.heading')}
				</h2>
				{account.memberships.length === 0 ? (
					<p>
						{t('account.chapters.none')} <Link to="/chapters">{t('account.chapters.find')}</Link>
					</p>
				) : (
					<ul className="space-y-2">
						{account.memberships.map((m) => (
							<li key={m.chapterSlug}>
								<Link to={`/chapters/${m.chapterSlug}`}>{m.chapterName}</Link> — {t(`account.chapters.role.${m.role}`)}
								{m.status !== 'active' ? ` (${t(`account.chapters.status.${m.status}`)})` : ''}
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="data-heading" className="space-y-3">
				<h2 id="data-heading" className="text-2xl font-bold">
					{t('account.data.heading')}
				</h2>
				<p>{t('account.data.body')}</p>
				<ul className="space-y-2">
					<li>
						<a href="/account/export" download>
							{t('account.data.download')}
						</a>
					</li>
					<li>
						<Link to="/account/delete" className="text-alert">
							{t('account.delete.link')}
						</Link>
					</li>
				</ul>
			</section>
		</div>
	)
}
