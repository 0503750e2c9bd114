import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { anon } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { formatCount, ProgressBar, SignForm } from '#app/petitions/components'
import { getPetition } from '#app/petitions/petitions.server'
import { countryOptions } from '#app/petitions/schemas'
import { handleSignature } from '#app/petitions/sign-action.server'
import { issueFormToken } from '#app/petitions/signatures.server'
import { env } from '#app/utils/env.server'
import { requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'

// A compact version for other sites' iframes: the count and the signing
// form, nothing else. The form posts to this same page, which lives on our
// origin, so the browser's Origin header is ours and the same-origin check
// holds even inside someone else's page (docs/decisions/024).

export const handle = { bare: true }

export async function loader({ params }: LoaderFunctionArgs) {
	const petition = await getPetition(anon, params.slug ?? '')
	if (!petition) notFound()
	return data(
		{
			petition: {
				id: petition.id,
				slug: petition.slug,
				title: petition.title,
				decisionMaker: petition.decisionMaker,
				count: petition.count,
				goal: petition.signatureGoal,
				open: petition.open,
			},
			formToken: issueFormToken(),
			countries: countryOptions(),
			url: new URL(`/petitions/${petition.slug}`, env().SITE_URL).toString(),
		},
		{ headers: embedHeaders() },
	)
}

function embedHeaders() {
	return {
		'Content-Security-Policy': 'frame-ancestors *',
		'Cache-Control': 'public, max-age=10, stale-while-revalidate=60',
	}
}

export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
	const merged = new Headers(loaderHeaders)
	for (const [name, value] of actionHeaders) merged.set(name, value)
	merged.set('Content-Security-Policy', 'frame-ancestors *')
	return merged
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = params.slug ?? ''
	return handleSignature(request, context, await request.formData(), { thanksPath: `/petitions/${slug}/embed` })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.petition.title : t('petitions.notFound.title') }]

export default function Embed() {
	const { petition, formToken, countries, url } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const result = params.get('result')
	return (
		<div className="mx-auto max-w-md space-y-4">
			<h1 className="text-xl leading-snug font-bold">
				<a href={url} target="_blank" rel="noopener">
					{petition.title}
				</a>
			</h1>
			<p className="text-sm">{t('petitions.to', { decisionMaker: petition.decisionMaker })}</p>
			<p>
				<span className="text-2xl font-bold">{formatCount(petition.count)}</span>{' '}
				{t('petitions.progress.of', { count: petition.count, goal: formatCount(petition.goal) })}
			</p>
			<ProgressBar count={petition.count} goal={petition.goal} label={t('petitions.progress.label')} />
			{result ? (
				<p role="status" className="rounded-md border-2 border-action bg-action-soft p-4 font-semibold">
					{result === 'member_already'
						? t('petitions.signed.memberAlready.heading')
						: result === 'member_removed'
							? t('petitions.signed.memberRemoved.heading')
							: result === 'member'
								? t('petitions.signed.member.heading')
								: t('petitions.embed.checkEmail')}
				</p>
			) : petition.open ? (
				<SignForm petitionId={petition.id} formToken={formToken} countries={countries} actionData={actionData} compact />
			) : (
				<p>{t('petitions.sign.closed')}</p>
			)}
			<p className="text-sm">
				<a href={url} target="_blank" rel="noopener">
					{t('petitions.embed.more')}
				</a>
			</p>
		</div>
	)
}
