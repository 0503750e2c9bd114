import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { anon } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { publicCacheHeaders } from '#app/petitions/cache.server'
import { PetitionPageView } from '#app/petitions/petition-page'
import { getPetitionPage, isHidden, memberSigningDetails } from '#app/petitions/petitions.server'
import { countryOptions } from '#app/petitions/schemas'
import { handleSignature } from '#app/petitions/sign-action.server'
import { issueFormToken } from '#app/petitions/signatures.server'
import { env } from '#app/utils/env.server'
import { requireSameOrigin } from '#app/utils/forms.server'
import { gone, notFound } from '#app/utils/responses.server'
import { isSlug } from '#app/utils/slug'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	if (!isSlug(slug)) notFound()
	const { user, caller, headers } = await optionalUser(request)
	const page = await getPetitionPage(caller, slug)
	if (!page) {
		if (await isHidden(anon, slug)) gone(headers)
		notFound(headers)
	}
	const member = user && page.petition.open && !page.mySignature ? await memberSigningDetails(caller, user.id) : null
	for (const [name, value] of publicCacheHeaders(request, { signedIn: Boolean(user), version: page.version })) headers.set(name, value)
	return data(
		{
			...page,
			member,
			signedIn: Boolean(user),
			formToken: issueFormToken(),
			countries: countryOptions(),
			now: new Date().toISOString(),
			url: new URL(`/petitions/${slug}`, env().SITE_URL).toString(),
			siteUrl: env().SITE_URL,
		},
		{ headers },
	)
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = params.slug ?? ''
	if (!isSlug(slug)) notFound()
	return handleSignature(request, context, await request.formData(), { thanksPath: `/petitions/${slug}/signed` })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
	if (!data) return [{ title: t('petitions.notFound.title') }]
	const { petition, url } = data
	const description = petition.summary
	const tags = [
		{ title: t('petitions.page.title', { title: petition.title }) },
		{ name: 'description', content: description },
		{ property: 'og:type', content: 'article' },
		{ property: 'og:site_name', content: t('site.name') },
		{ property: 'og:title', content: petition.title },
		{ property: 'og:description', content: description },
		{ property: 'og:url', content: url },
		{ name: 'twitter:card', content: petition.coverUrl ? 'summary_large_image' : 'summary' },
		{ name: 'twitter:title', content: petition.title },
		{ name: 'twitter:description', content: description },
		{ tagName: 'link', rel: 'canonical', href: url },
	]
	if (petition.coverUrl) {
		tags.push(
			{ property: 'og:image', content: petition.coverUrl },
			{ property: 'og:image:alt', content: petition.coverAlt || petition.title },
		)
	}
	return tags
}

export default function PetitionPage() {
	const page = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return <PetitionPageView page={page} actionData={actionData} />
}
