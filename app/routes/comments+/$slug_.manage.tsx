import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireUser } from '#app/auth/guards.server'
import { manageDrive } from '#app/comments/drives.server'
import { manageAction } from '#app/comments/manage-action.server'
import { manageNoticeKey, ManagePage } from '#app/comments/manage-page'
import { t } from '#app/i18n/i18n'
import { dateText } from '#app/siting/records.server'
import { requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'
import { isSlug } from '#app/utils/slug'

// The drive's organizers (and moderators) only: anyone else gets a 404.

export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	const { caller, headers } = await requireUser(request)
	if (!isSlug(slug)) notFound(headers)
	const managed = await manageDrive(caller, slug)
	if (!managed) notFound(headers)
	const { drive } = managed
	return data(
		{
			view: {
				drive: {
					slug: drive.slug,
					title: drive.title,
					signOn: drive.sign_on,
					status: drive.status,
					channel: drive.channel,
					timeZone: drive.timeZone,
					bodyName: drive.body_name,
					hasBody: drive.body_id !== null,
					clerkEmail: drive.clerk_email,
					clerkName: drive.clerk_name,
					emailPackaging: drive.email_packaging,
					webFormUrl: drive.web_form_url,
				},
				counts: managed.counts,
				comments: managed.comments.map((comment) => ({
					id: comment.id,
					name: comment.name,
					place: comment.place_label,
					outside: comment.outside_jurisdiction,
					ownWords: comment.own_words,
					nearDuplicate: comment.near_duplicate,
					status: comment.status,
					deliveryStatus: comment.delivery_status,
					receipt: comment.receipt,
					lastError: comment.last_error,
				})),
				reports: managed.reports.map((report) => ({
					id: report.id,
					reporterName: report.reporter_name,
					details: report.details,
					source: report.source,
					heldCount: report.held_count,
					createdAt: new Date(report.created_at).toISOString(),
				})),
				letter: managed.letter
					? {
							status: managed.letter.status,
							receipt: managed.letter.receipt,
							itemCount: managed.letter.item_count,
							deliveredAt: managed.letter.delivered_at ? new Date(managed.letter.delivered_at).toISOString() : null,
							lastError: managed.letter.last_error,
						}
					: null,
				packets: managed.packets.map((packet) => ({
					id: packet.id,
					printedAt: new Date(packet.printed_at).toISOString(),
					commentCount: packet.comment_count,
					handedOn: packet.handed_on ? dateText(packet.handed_on) : null,
					handedTo: packet.handed_to,
				})),
			},
		},
		{ headers: { ...Object.fromEntries(headers), 'Cache-Control': 'no-store' } },
	)
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
	data ? [{ title: t('comments.manage.title', { title: data.view.drive.title }) }, { name: 'robots', content: 'noindex' }] : []

export async function action({ request, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = params.slug ?? ''
	const { caller, headers } = await requireUser(request)
	if (!isSlug(slug)) notFound(headers)
	const managed = await manageDrive(caller, slug)
	if (!managed) notFound(headers)
	return manageAction(caller, managed, await request.formData(), headers)
}

export default function ManageDrive() {
	const { view } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [search] = useSearchParams()
	const key = manageNoticeKey(search.get('done'))
	return <ManagePage view={view} notice={key ? t(key) : null} actionData={actionData} />
}
