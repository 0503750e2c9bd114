import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { sql } from 'kysely'
import { Notice } from '#app/components/choice-field'
import { SubmitButton } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { anon, asCaller } from '#app/db/db.server'
import { isUuid } from '#app/events/events.server'
import { t } from '#app/i18n/i18n'
import { notFound } from '#app/utils/responses.server'

export const meta: MetaFunction = () => [{ title: t('unsubscribe.title') }, { name: 'robots', content: 'noindex' }]

// Opening the link only shows what it will do (mail scanners open links);
// the button, or a mail app's one-click POST (RFC 8058), stops the emails.

export async function loader({ params }: LoaderFunctionArgs) {
	const token = params.token ?? ''
	if (!isUuid(token)) return data({ subscription: null }, { status: 404 })
	const subscription = await asCaller(anon, async (trx) => {
		const { rows } = await sql<{ chapter_slug: string; chapter_name: string; frequency: string }>`
			select * from private.chapter_subscription_by_token(${token}::uuid)`.execute(trx)
		return rows[0] ?? null
	})
	return data({ subscription }, { status: subscription ? 200 : 404 })
}

/**
 * No Origin check: a mail provider's one-click unsubscribe is a POST from
 * its own servers. The token is the whole authority, and stopping email is
 * the only thing it can do.
 */
export async function action({ params }: ActionFunctionArgs) {
	const token = params.token ?? ''
	if (!isUuid(token)) notFound()
	const done = await asCaller(anon, async (trx) => {
		const { rows } = await sql<{
			chapter_slug: string
			chapter_name: string
		}>`select * from private.unsubscribe_by_token(${token}::uuid)`.execute(trx)
		return rows[0] ?? null
	})
	if (!done) notFound()
	return data({ unsubscribed: true, chapterName: done.chapter_name, chapterSlug: done.chapter_slug })
}

export default function Unsubscribe() {
	const { subscription } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	if (!subscription) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('unsubscribe.notFound.heading')}</PageHeading>
				<p>{t('unsubscribe.notFound')}</p>
			</div>
		)
	}
	const done = actionData?.unsubscribed || subscription.frequency === 'none'
	return (
		<div className="max-w-prose space-y-6">
			<PageHeading>{t('unsubscribe.heading', { chapter: subscription.chapter_name })}</PageHeading>
			{done ? (
				<>
					<Notice>{t('unsubscribe.done', { chapter: subscription.chapter_name })}</Notice>
					<p>
						{t('unsubscribe.changeMind')}{' '}
						<Link to={`/chapters/${subscription.chapter_slug}`}>
							{t('unsubscribe.chapterPage', { chapter: subscription.chapter_name })}
						</Link>
					</p>
				</>
			) : (
				<Form method="post" className="space-y-4">
					<p className="text-lg">{t('unsubscribe.body', { chapter: subscription.chapter_name })}</p>
					<SubmitButton>{t('unsubscribe.button')}</SubmitButton>
				</Form>
			)}
		</div>
	)
}
