import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { SubmitButton } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { setUpdatesByToken } from '#app/petitions/signatures.server'
import { requireSameOrigin } from '#app/utils/forms.server'

// The link at the foot of every update email, and the List-Unsubscribe
// address mail apps POST to (RFC 8058). Opening the link shows one button;
// a link scanner that only fetches pages cannot unsubscribe anyone.

export function loader({ params }: LoaderFunctionArgs) {
	return data({ token: params.token ?? '' }, { headers: { 'Cache-Control': 'no-store' } })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await request.formData()
	// Mail apps send the one-click POST from their own servers: the token in the address is the authority.
	if (formData.get('List-Unsubscribe') !== 'One-Click') requireSameOrigin(request)
	const resubscribe = formData.get('intent') === 'resubscribe'
	const petition = await setUpdatesByToken(params.token ?? '', resubscribe)
	if (!petition) return data({ done: false as const, resubscribed: false, petition: null }, { status: 404 })
	return data({ done: true as const, resubscribed: resubscribe, petition })
}

export const meta: MetaFunction = () => [{ title: t('petitions.unsubscribe.title') }, { name: 'robots', content: 'noindex' }]

export default function Unsubscribe() {
	const { token } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	if (result && !result.done) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('petitions.unsubscribe.unknown.heading')}</PageHeading>
				<p>{t('petitions.unsubscribe.unknown.body')}</p>
			</div>
		)
	}
	if (result?.done && result.petition) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>
					{t(result.resubscribed ? 'petitions.unsubscribe.resubscribed.heading' : 'petitions.unsubscribe.done.heading')}
				</PageHeading>
				<p className="text-lg" role="status">
					{t(result.resubscribed ? 'petitions.unsubscribe.resubscribed.body' : 'petitions.unsubscribe.done.body', {
						title: result.petition.title,
					})}
				</p>
				{result.resubscribed ? null : (
					<Form method="post">
						<input type="hidden" name="intent" value="resubscribe" />
						<button type="submit" className="min-h-11 font-semibold text-action underline">
							{t('petitions.unsubscribe.undo')}
						</button>
					</Form>
				)}
				<p>
					<Link to={`/petitions/${result.petition.slug}`}>{t('petitions.next.back')}</Link>
				</p>
			</div>
		)
	}
	return (
		<div className="max-w-prose space-y-4">
			<PageHeading>{t('petitions.unsubscribe.heading')}</PageHeading>
			<p className="text-lg">{t('petitions.unsubscribe.body')}</p>
			<Form method="post" action={`/petitions/unsubscribe/${token}`}>
				<SubmitButton>{t('petitions.unsubscribe.submit')}</SubmitButton>
			</Form>
		</div>
	)
}
