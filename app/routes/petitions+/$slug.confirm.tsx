import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageHeading } from '#app/components/layout'
import { anon } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { getPetition } from '#app/petitions/petitions.server'
import { NextSteps } from '#app/petitions/share-next'
import { confirmSignature } from '#app/petitions/signatures.server'
import { env } from '#app/utils/env.server'

// The link in the confirmation email. Opening it confirms the signature
// (as the UK petitions site does); opening it again changes nothing. It is
// the proof of a person: a signature held only because the form looked
// automated counts too; one held by the rate limits is recorded as confirmed
// and waits for a moderator, and the page says so (docs/decisions/032).
export async function loader({ request, params }: LoaderFunctionArgs) {
	const token = new URL(request.url).searchParams.get('token') ?? ''
	const { result, petitionSlug } = await confirmSignature(token)
	const petition = petitionSlug && petitionSlug === params.slug ? await getPetition(anon, petitionSlug) : null
	return data(
		{
			result: petition ? result : 'unknown',
			petition: petition ? { slug: petition.slug, title: petition.title } : null,
			url: petition ? new URL(`/petitions/${petition.slug}`, env().SITE_URL).toString() : '',
		},
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

export const meta: MetaFunction = () => [{ title: t('petitions.confirm.title') }, { name: 'robots', content: 'noindex' }]

export default function Confirm() {
	const { result, petition, url } = useLoaderData<typeof loader>()
	if (!petition || result === 'unknown') {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('petitions.confirm.unknown.heading')}</PageHeading>
				<p className="text-lg">{t('petitions.confirm.unknown.body')}</p>
				<p>
					<Link to="/petitions">{t('petitions.confirm.browse')}</Link>
				</p>
			</div>
		)
	}
	if (result === 'not_confirmable') {
		return (
			<div className="max-w-prose space-y-4">
				<PageHeading>{t('petitions.confirm.notConfirmable.heading')}</PageHeading>
				<p className="text-lg">{t('petitions.confirm.notConfirmable.body')}</p>
				<p>
					<Link to={`/petitions/${petition.slug}`}>{t('petitions.next.back')}</Link>
				</p>
			</div>
		)
	}
	if (result === 'held') {
		return (
			<div className="max-w-prose space-y-6">
				<PageHeading>{t('petitions.confirm.held.heading')}</PageHeading>
				<p className="text-lg" role="status">
					{t('petitions.confirm.held.body', { title: petition.title })}
				</p>
				<NextSteps slug={petition.slug} title={petition.title} url={url} />
			</div>
		)
	}
	return (
		<div className="max-w-prose space-y-6">
			<PageHeading>{t(result === 'confirmed' ? 'petitions.confirm.done.heading' : 'petitions.confirm.already.heading')}</PageHeading>
			<p className="text-lg" role="status">
				{t('petitions.confirm.done.body', { title: petition.title })}
			</p>
			<p>{t('petitions.confirm.done.count')}</p>
			<NextSteps slug={petition.slug} title={petition.title} url={url} />
		</div>
	)
}
