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

export const meta: MetaFunction = () => [{ title: t('campaign.unsubscribe.title') }, { name: 'robots', content: 'noindex' }]

// Opening the link only shows what it will do (mail scanners open links);
// the button, or a mail app's one-click POST (RFC 8058), stops the emails.

type Followed = { campaign_slug: string; campaign_name: string }

export async function loader({ params }: LoaderFunctionArgs) {
	const token = params.token ?? ''
	if (!isUuid(token)) return data({ followed: null }, { status: 404 })
	const followed = await asCaller(anon, async (trx) => {
		const { rows } = await sql<Followed>`select * from private.campaign_follow_by_token(${token}::uuid)`.execute(trx)
		return rows[0] ?? null
	})
	return data({ followed }, { status: followed ? 200 : 404 })
}

/** No Origin check: a mail provider's one-click unsubscribe is a POST from its own servers; the token is the whole authority. */
export async function action({ params }: ActionFunctionArgs) {
	const token = params.token ?? ''
	if (!isUuid(token)) notFound()
	const done = await asCaller(anon, async (trx) => {
		const { rows } = await sql<Followed>`select * from private.campaign_unfollow_by_token(${token}::uuid)`.execute(trx)
		return rows[0] ?? null
	})
	if (!done) notFound()
	return data({ done })
}

export default function CampaignUnsubscribe() {
	const { followed } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const shown = actionData?.done ?? followed
	if (!shown) {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('campaign.unsubscribe.title')}</PageHeading>
				<p>{t('campaign.unsubscribe.notFound')}</p>
			</div>
		)
	}
	return (
		<div className="max-w-prose space-y-6">
			<PageHeading lead={t('campaign.unsubscribe.lead')}>{t('campaign.unsubscribe.heading', { name: shown.campaign_name })}</PageHeading>
			{actionData?.done ? (
				<Notice>{t('campaign.unsubscribe.done', { name: shown.campaign_name })}</Notice>
			) : (
				<Form method="post">
					<SubmitButton>{t('campaign.unsubscribe.submit')}</SubmitButton>
				</Form>
			)}
			<p>
				<Link to={`/campaigns/${shown.campaign_slug}`}>{t('campaign.unsubscribe.back')}</Link>
			</p>
		</div>
	)
}
