import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { ErrorSummary } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { Button, Check, FormProblem, Input, IntentForm, Select } from '#app/objections/fields'
import { siteUrl } from '#app/objections/filing.server'
import { EVIDENCE_TYPES } from '#app/objections/grounds'
import { signObjection } from '#app/objections/objections.server'
import { evidenceUpload, EXTENSION_OF, signSchema } from '#app/objections/schemas'
import { outsideJurisdiction, signingPage } from '#app/objections/signing.server'
import { ObjectionTextView } from '#app/objections/text-view'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, caller, headers } = await optionalUser(request)
	const page = await signingPage(caller, params.token ?? '')
	if (!page) notFound(headers)
	return data(
		{
			page,
			viewer: user ? { email: user.email ?? '' } : null,
			signinUrl: `/signin?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`,
		},
		{ headers },
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data?.page.text ? [{ title: t('objection.sign.title', { subject: data.page.text.subject }) }] : []

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { user, caller, headers, supabase } = await optionalUser(request)
	const token = params.token ?? ''
	const page = await signingPage(caller, token)
	if (!page) notFound(headers)
	const formData = await request.formData()
	const form = parseForm(formData, signSchema)
	const values = Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
	if (!form.success) return formError(form.failure.errors, values, headers)
	if (!page.open || form.data.version !== page.version) return formError({ form: t('objection.sign.notOpen') }, values, headers)
	let authorizationPath: string | null = null
	if (form.data.kind === 'organization') {
		if (!user) return formError({ form: t('objection.error.signIn') }, values, headers)
		const file = formData.get('letter')
		if (file instanceof File && file.size > 0) {
			const type = EVIDENCE_TYPES.find((allowed) => allowed === file.type)
			if (file.size > evidenceUpload.maxBytes) return formError({ letter: t('objection.error.file.tooBig') }, values, headers)
			if (!type) return formError({ letter: t('objection.error.file.wrongType') }, values, headers)
			authorizationPath = `${page.objectionId}/letters/${user.id}/${crypto.randomUUID()}.${EXTENSION_OF[type]}`
			const { error } = await supabase.storage.from('objection-files').upload(authorizationPath, file, { contentType: type, upsert: false })
			if (error) throw error
		} else if (page.letterRule) {
			return formError({ letter: t('objection.error.letterRequired') }, values, headers)
		}
	}
	const outside = await outsideJurisdiction(caller, page, form.data.address)
	const signed = await signObjection(
		caller,
		token,
		{ ...form.data, authorizationPath, outsideJurisdiction: outside },
		{ subject: page.text?.subject ?? '', chapter: page.chapterName, manageUrl: (manage) => siteUrl(`/objections/signature/${manage}`) },
	)
	if (signed.outcome === 'already_signed') {
		if (authorizationPath) await supabase.storage.from('objection-files').remove([authorizationPath])
		return formError({ email: t('objection.sign.already') }, values, headers)
	}
	if (signed.outcome === 'not_open') return formError({ form: t('objection.sign.notOpen') }, values, headers)
	return data(
		{
			signed: {
				name: form.data.name,
				version: form.data.version,
				outside,
				manageUrl: siteUrl(`/objections/signature/${signed.manageToken}`),
			},
		},
		{ headers },
	)
}

export default function SignObjection() {
	const { page, viewer, signinUrl } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const failure = result && 'errors' in result ? result : undefined
	const errors: Record<string, string> = failure?.errors ?? {}
	const values: Record<string, string> = failure?.values ?? {}
	const lead = t('objection.sign.lead', { chapter: page.chapterName, body: page.bodyName ?? page.proceedingTitle })
	if (result && 'signed' in result) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading lead={lead}>{t('objection.sign.heading')}</PageHeading>
				<p role="status" className="rounded-md bg-action-soft p-3 text-lg font-semibold">
					{t('objection.sign.done', { name: result.signed.name, version: result.signed.version })}
				</p>
				{result.signed.outside ? (
					<p className="rounded-md border border-alert bg-alert-soft p-3">
						{t('objection.sign.outside', { place: page.jurisdiction?.name ?? '' })}
					</p>
				) : null}
				<p>{t('objection.sign.manage')}</p>
				<p className="break-all">
					<a href={result.signed.manageUrl}>{result.signed.manageUrl}</a>
				</p>
			</div>
		)
	}
	const labels: Record<string, string> = {
		name: t('objection.sign.name'),
		email: t('objection.sign.email'),
		address: t('objection.sign.address'),
		organization: t('objection.sign.organization'),
		letter: t('objection.sign.letter'),
		consent: t('objection.sign.consent', { version: page.version }),
		kind: t('objection.sign.kind'),
	}
	return (
		<div className="max-w-2xl space-y-6">
			<PageHeading lead={lead}>{t('objection.sign.heading')}</PageHeading>
			{!page.open || !page.text ? (
				<p className="text-lg">{t('objection.sign.notOpen')}</p>
			) : (
				<>
					<ObjectionTextView text={page.text} />
					<ErrorSummary errors={Object.fromEntries(Object.entries(errors).filter(([key]) => key !== 'intent'))} labels={labels} />
					<IntentForm intent="sign" multipart label={t('objection.sign.heading')}>
						<input type="hidden" name="version" value={page.version} />
						<FormProblem message={errors.form} />
						<Select
							name="kind"
							label={labels.kind ?? ''}
							value={values.kind ?? 'person'}
							error={errors.kind}
							options={[
								{ value: 'person', label: t('objection.sign.kind.person') },
								{ value: 'organization', label: t('objection.sign.kind.organization') },
							]}
						/>
						<Input name="name" label={labels.name ?? ''} error={errors.name} value={values.name} autoComplete="name" />
						<Input
							name="email"
							type="email"
							label={labels.email ?? ''}
							hint={t('objection.sign.email.hint')}
							error={errors.email}
							value={values.email ?? viewer?.email}
							autoComplete="email"
						/>
						<Input
							name="address"
							label={labels.address ?? ''}
							hint={t('objection.sign.address.hint')}
							error={errors.address}
							value={values.address}
							autoComplete="street-address"
						/>
						<Check name="showAddress" label={t('objection.sign.showAddress')} checked={values.showAddress === 'on'} />
						<Check name="showName" label={t('objection.sign.showName')} checked={values.showName === 'on'} />
						<fieldset className="space-y-3 rounded-md border border-line p-3">
							<legend className="font-semibold">{t('objection.sign.kind.organization')}</legend>
							{!viewer ? (
								<p className="text-sm">
									{t('objection.sign.signIn')} <Link to={signinUrl}>{t('nav.signIn')}</Link>
								</p>
							) : null}
							<Input
								name="organization"
								label={labels.organization ?? ''}
								error={errors.organization}
								value={values.organization}
								autoComplete="organization"
							/>
							<Input
								name="representativeTitle"
								label={t('objection.sign.representativeTitle')}
								error={errors.representativeTitle}
								value={values.representativeTitle}
							/>
							<div className="space-y-1">
								<label htmlFor="letter" className="block font-semibold">
									{labels.letter}
								</label>
								<p id="letter-hint" className="text-sm text-ink-muted">
									{t('objection.sign.letter.hint')}{' '}
									{page.letterRule ? t('objection.sign.letter.required', { rule: page.letterRule }) : null}
								</p>
								<input id="letter" name="letter" type="file" accept="application/pdf,image/png,image/jpeg" aria-describedby="letter-hint" />
								{errors.letter ? (
									<p role="alert" className="font-semibold text-alert">
										{errors.letter}
									</p>
								) : null}
							</div>
						</fieldset>
						<div className="space-y-1">
							<Check name="consent" label={labels.consent ?? ''} checked={values.consent === 'on'} />
							{errors.consent ? (
								<p role="alert" className="font-semibold text-alert">
									{errors.consent}
								</p>
							) : null}
						</div>
						<Button>{t('objection.sign.submit')}</Button>
					</IntentForm>
				</>
			)}
		</div>
	)
}
