import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { SubmitButton } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { createFeed, getOwnFeed, revokeFeed } from '#app/siting/feeds.server'
import { requireSameOrigin } from '#app/utils/forms.server'

export const meta: MetaFunction = () => [{ title: t('feed.title') }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { user, headers } = await requireUser(request)
	const feed = await getOwnFeed(callerFor(user), user.id)
	headers.set('Cache-Control', 'private, no-store')
	return data({ feed }, { headers })
}

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { user, headers } = await requireUser(request)
	const caller = callerFor(user)
	const intent = (await request.formData()).get('intent')
	if (intent === 'revoke') {
		await revokeFeed(caller, user.id)
		return redirect('/account/calendar?feed=revoked', { headers })
	}
	if (intent !== 'create') throw new Response('Bad request', { status: 400 })
	await createFeed(caller, user.id)
	return redirect('/account/calendar?feed=created', { headers })
}

export default function CalendarFeed() {
	const { feed } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const notice = params.get('feed')
	return (
		<div className="max-w-prose space-y-6">
			<PageHeading lead={t('feed.lead')}>{t('feed.heading')}</PageHeading>
			{notice === 'revoked' || notice === 'created' ? (
				<p role="status" className="rounded-md bg-action-soft p-3 font-semibold">
					{t(notice === 'revoked' ? 'feed.revoked' : 'feed.created')}
				</p>
			) : null}
			<p>
				{t('feed.follows', { count: feed.follows })} <Link to="/projects">{t('nav.projects')}</Link>
			</p>
			{feed.url ? (
				<>
					<div className="space-y-1">
						<label htmlFor="feed-url" className="block font-semibold">
							{t('feed.url')}
						</label>
						<p id="feed-url-hint" className="text-sm text-ink-muted">
							{t('feed.url.hint')}
						</p>
						<input
							id="feed-url"
							readOnly
							value={feed.url}
							aria-describedby="feed-url-hint"
							className="min-h-11 w-full rounded-md border border-ink-muted bg-paper-raised px-3"
						/>
					</div>
					<p>
						<a href={feed.url} className="inline-flex min-h-11 items-center">
							{t('feed.open')}
						</a>
					</p>
					<Form method="post" className="space-y-2">
						<input type="hidden" name="intent" value="revoke" />
						<p className="text-sm">{t('feed.revoke.hint')}</p>
						<SubmitButton>{t('feed.revoke')}</SubmitButton>
					</Form>
				</>
			) : (
				<Form method="post" className="space-y-2">
					<input type="hidden" name="intent" value="create" />
					<p>{t('feed.none')}</p>
					<SubmitButton>{t('feed.create')}</SubmitButton>
				</Form>
			)}
		</div>
	)
}
