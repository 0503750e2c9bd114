import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { DrivePage } from '#app/comments/drive-page'
import { drivePageData, getDrive } from '#app/comments/drives.server'
import { commentAction } from '#app/comments/write-action.server'
import { t } from '#app/i18n/i18n'
import { requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'
import { isSlug } from '#app/utils/slug'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	const { caller, headers } = await optionalUser(request)
	if (!isSlug(slug)) notFound(headers)
	const found = await getDrive(caller, slug)
	if (!found) notFound(headers)
	const now = new Date()
	return data({ drive: drivePageData(found.drive, now), counts: found.counts, now: now.toISOString() }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data
		? [
				{ title: t('comments.page.title', { title: data.drive.title }) },
				{ name: 'description', content: data.drive.talkingPoints.slice(0, 200) },
			]
		: []

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = params.slug ?? ''
	const { caller, headers } = await optionalUser(request)
	if (!isSlug(slug)) notFound(headers)
	const found = await getDrive(caller, slug)
	if (!found) notFound(headers)
	return commentAction(request, context as { clientIp?: string }, caller, found.drive, headers)
}

// The live meter's requests change nothing the page shows: no reload of the drive for each keystroke.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
	formAction?.endsWith('/meter') ? false : defaultShouldRevalidate

export default function CommentDrive() {
	const { drive, counts, now } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [search] = useSearchParams()
	const start =
		search.get('start') === 'template' ? 'template' : search.get('start') === 'blank' ? 'blank' : drive.template ? 'template' : 'blank'
	const sent = search.get('sent') === '1' ? { outside: search.get('outside') === '1' } : null
	return <DrivePage drive={drive} counts={counts} now={now} start={start} sent={sent} actionData={actionData} />
}
