import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { PageHeading } from '#app/components/layout'
import { anon } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { getPetition } from '#app/petitions/petitions.server'
import { NextSteps } from '#app/petitions/share-next'
import { env } from '#app/utils/env.server'
import { notFound } from '#app/utils/responses.server'

// Every form signer sees `sent`, whatever the address had done before: the
// page and its address never tell whether someone signed (docs/decisions/032).
// The other results are for signed-in members, who are told their own state.
const results = {
	sent: { heading: 'petitions.signed.sent.heading', body: 'petitions.signed.sent.body' },
	member: { heading: 'petitions.signed.member.heading', body: 'petitions.signed.member.body' },
	member_already: { heading: 'petitions.signed.memberAlready.heading', body: 'petitions.signed.memberAlready.body' },
	member_removed: { heading: 'petitions.signed.memberRemoved.heading', body: 'petitions.signed.memberRemoved.body' },
} as const

type Result = keyof typeof results

function isResult(value: string | null): value is Result {
	return value !== null && Object.hasOwn(results, value)
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const petition = await getPetition(anon, params.slug ?? '')
	if (!petition) notFound()
	const result = new URL(request.url).searchParams.get('result')
	return {
		result: isResult(result) ? result : 'sent',
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
			{result === 'sent' ? (
				<>
					<p>{t('petitions.signed.spam')}</p>
					<p>{t('petitions.signed.sent.held')}</p>
				</>
			) : null}
			<NextSteps slug={petition.slug} title={petition.title} url={url} />
		</div>
	)
}
