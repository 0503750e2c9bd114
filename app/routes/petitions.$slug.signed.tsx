import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { PageHeading } from '#app/components/layout'
import { anon } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { getPetition } from '#app/petitions/petitions.server'
import { NextSteps } from '#app/petitions/share-next'
import { env } from '#app/utils/env.server'

const results = {
	pending: { heading: 'petitions.signed.pending.heading', body: 'petitions.signed.pending.body' },
	already_pending: { heading: 'petitions.signed.alreadyPending.heading', body: 'petitions.signed.alreadyPending.body' },
	already_confirmed: { heading: 'petitions.signed.alreadyConfirmed.heading', body: 'petitions.signed.alreadyConfirmed.body' },
	member: { heading: 'petitions.signed.member.heading', body: 'petitions.signed.member.body' },
} as const

type Result = keyof typeof results

function isResult(value: string | null): value is Result {
	return value !== null && value in results
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const petition = await getPetition(anon, params.slug ?? '')
	if (!petition) throw new Response('Not found', { status: 404 })
	const result = new URL(request.url).searchParams.get('result')
	return {
		result: isResult(result) ? result : 'pending',
		petition: { slug: petition.slug, title: petition.title },
		url: new URL(`/petitions/${petition.slug}`, env().SITE_URL).toString(),
	}
}

export const meta: MetaFunction = () => [{ title: t('petitions.signed.title') }, { name: 'robots', content: 'noindex' }]

export default function Signed() {
	const { result, petition, url } = useLoaderData<typeof loader>()
	const text = results[result]
	return (
		<div className="max-w-prose space-y-6">
			<PageHeading>{t(text.heading)}</PageHeading>
			<p className="text-lg" role="status">
				{t(text.body, { title: petition.title })}
			</p>
			{result === 'pending' || result === 'already_pending' ? <p>{t('petitions.signed.spam')}</p> : null}
			<NextSteps slug={petition.slug} title={petition.title} url={url} />
		</div>
	)
}
