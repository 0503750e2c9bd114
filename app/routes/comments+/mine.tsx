import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { optionalUser } from '#app/auth/guards.server'
import { commentByToken, recordHandOff, reportByToken } from '#app/comments/comments.server'
import { drivePageData, getDrive } from '#app/comments/drives.server'
import { OwnComment } from '#app/comments/own-comment'
import { handOffSchema, reportByTokenSchema } from '#app/comments/schemas'
import type { Caller } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'

// A comment's own page, reached only by the link emailed to its writer.

async function load(caller: Caller, token: string | null) {
	const comment = await commentByToken(caller, token)
	if (!comment || !token) return null
	const found = await getDrive(caller, comment.driveSlug)
	if (!found) return null
	const drive = drivePageData(found.drive)
	return {
		token,
		name: comment.name,
		body: comment.body,
		status: comment.status,
		confirmedAt: comment.confirmedAt ? new Date(comment.confirmedAt).toISOString() : null,
		deliveries: comment.deliveries.map((delivery) => ({
			kind: delivery.kind,
			status: delivery.status,
			receipt: delivery.receipt,
			deliveredAt: delivery.deliveredAt ? new Date(delivery.deliveredAt).toISOString() : null,
		})),
		drive: {
			slug: drive.slug,
			title: drive.title,
			bodyName: drive.bodyName,
			timeZone: drive.timeZone,
			handOffUrl: drive.handOffUrl,
			// Every federal drive offers the hand-off too: posting keys have been withdrawn before (docs/decisions/056).
			offersHandOff: drive.channel === 'hand_off' || drive.documentId !== null,
		},
	}
}

export async function loader({ request }: LoaderFunctionArgs) {
	const { caller, headers } = await optionalUser(request)
	const view = await load(caller, new URL(request.url).searchParams.get('token'))
	if (!view) notFound(headers)
	return data({ view }, { headers: { ...Object.fromEntries(headers), 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' } })
}

export const meta: MetaFunction = () => [{ title: t('comments.mine.title') }, { name: 'robots', content: 'noindex' }]

export async function action({ request }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const { caller, headers } = await optionalUser(request)
	const token = new URL(request.url).searchParams.get('token')
	const view = await load(caller, token)
	if (!view || !token) notFound(headers)
	const formData = await request.formData()
	const intent = formData.get('intent')
	const back = `/comments/mine?token=${encodeURIComponent(token)}`
	if (intent === 'handOff') {
		const form = parseForm(formData, handOffSchema)
		if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent: 'handOff' }, headers)
		const done = await recordHandOff(caller, token, form.data.receipt)
		return redirect(`${back}&done=${done ? 'handOff' : 'handOffAlready'}`, { headers })
	}
	if (intent === 'report') {
		const form = parseForm(formData, reportByTokenSchema)
		if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent: 'report' }, headers)
		await reportByToken(caller, token, form.data.name, form.data.details)
		return redirect(`${back}&done=reported#report`, { headers })
	}
	return formError({ form: t('comments.error.intent') }, {}, headers)
}

const NOTICES = {
	confirmed: 'comments.mine.notice.confirmed',
	closed: 'comments.mine.notice.closed',
	held: 'comments.mine.notice.held',
	removed: 'comments.mine.notice.removed',
	withdrawn: 'comments.mine.notice.withdrawn',
	handOff: 'comments.mine.notice.handOff',
	handOffAlready: 'comments.mine.notice.handOffAlready',
	reported: 'comments.mine.notice.reported',
} as const

export default function OwnCommentPage() {
	const { view } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [search] = useSearchParams()
	const key = search.get('done') ?? search.get('confirmed')
	const notice = key && key in NOTICES ? t(NOTICES[key as keyof typeof NOTICES], { body: view.drive.bodyName }) : null
	return <OwnComment view={view} notice={notice} actionData={actionData} />
}
