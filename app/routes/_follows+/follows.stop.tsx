import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { PageHeading } from '#app/components/layout'
import { anon } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { unfollowByToken } from '#app/siting/follows.server'

// The unsubscribe link in every follow email. Opening it asks first (link
// scanners open links); the button, or a mail app's one-click unsubscribe
// (RFC 8058, a POST), stops the reminders.
export async function loader({ request }: LoaderFunctionArgs) {
	const token = new URL(request.url).searchParams.get('token') ?? ''
	return data({ token: token.slice(0, 100) }, { headers: { 'Cache-Control': 'no-store' } })
}

export async function action({ request }: ActionFunctionArgs) {
	const url = new URL(request.url)
	const form = await request.formData().catch(() => null)
	const fromForm = form?.get('token')
	const token = typeof fromForm === 'string' && fromForm ? fromForm : (url.searchParams.get('token') ?? '')
	const stopped = await unfollowByToken(anon, token)
	return data({ stopped })
}

export const meta: MetaFunction = () => [{ title: t('follow.unsubscribe.title') }, { name: 'robots', content: 'noindex' }]

export default function StopFollowing() {
	const { token } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	if (result) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading lead={result.stopped ? t('follow.unsubscribe.body') : undefined}>
					{result.stopped ? t('follow.unsubscribe.heading') : t('follow.unsubscribe.invalid')}
				</PageHeading>
			</div>
		)
	}
	return (
		<div className="max-w-prose space-y-4">
			<PageHeading>{t('follow.unsubscribe.confirm')}</PageHeading>
			<Form method="post">
				<input type="hidden" name="token" value={token} />
				<button type="submit" className="min-h-11 rounded-md bg-action px-5 py-2 text-lg font-semibold text-white hover:bg-action-hover">
					{t('follow.unsubscribe.submit')}
				</button>
			</Form>
		</div>
	)
}
