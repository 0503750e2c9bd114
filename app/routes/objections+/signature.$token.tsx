import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { Button, IntentForm } from '#app/objections/fields'
import { changeSignature, signerByManageToken } from '#app/objections/objections.server'
import { signingPage } from '#app/objections/signing.server'
import { requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'

// A signer's own link: withdraw until it is filed, or sign the new text after a material change.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, headers } = await optionalUser(request)
	const signer = await signerByManageToken(caller, params.token ?? '')
	if (!signer) notFound(headers)
	const page = await signingPage(caller, signer.signing_token)
	if (!page) notFound(headers)
	return data(
		{
			name: signer.name,
			signedVersion: signer.signed_version,
			withdrawn: signer.withdrawn,
			subject: page.text?.subject ?? '',
			currentVersion: page.version,
			open: page.open,
			signUrl: `/objections/sign/${signer.signing_token}`,
		},
		{ headers },
	)
}

export const meta: MetaFunction = () => [{ title: t('objection.signature.title') }]

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, headers } = await optionalUser(request)
	const form = await request.formData()
	const intent = form.get('intent')
	if (intent !== 'withdraw' && intent !== 'consent') return data({ outcome: 'not_found' as const }, { status: 400, headers })
	const outcome = await changeSignature(caller, params.token ?? '', intent)
	return data({ outcome }, { status: outcome === 'withdrawn' || outcome === 'consented' ? 200 : 400, headers })
}

export default function Signature() {
	const signature = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const outcome = result?.outcome
	const stale = !signature.withdrawn && signature.signedVersion < signature.currentVersion
	return (
		<div className="max-w-prose space-y-4">
			<PageHeading>{t('objection.signature.heading', { subject: signature.subject })}</PageHeading>
			{outcome === 'filed' ? <p role="alert">{t('objection.signature.filed')}</p> : null}
			{outcome === 'not_open' ? <p role="alert">{t('objection.sign.notOpen')}</p> : null}
			<p role="status" className="text-lg">
				{signature.withdrawn
					? t('objection.signature.withdrawn')
					: stale
						? t('objection.signature.stale', { version: signature.signedVersion, current: signature.currentVersion })
						: t('objection.signature.current', { version: signature.signedVersion })}
			</p>
			{stale || signature.withdrawn ? (
				<p>
					<Link to={signature.signUrl}>{t('objection.public.read')}</Link>
				</p>
			) : null}
			{(stale || signature.withdrawn) && signature.open ? (
				<IntentForm intent="consent">
					<Button>{t('objection.signature.consent', { version: signature.currentVersion })}</Button>
				</IntentForm>
			) : null}
			{!signature.withdrawn ? (
				<IntentForm intent="withdraw">
					<Button secondary>{t('objection.signature.withdraw')}</Button>
				</IntentForm>
			) : null}
		</div>
	)
}
