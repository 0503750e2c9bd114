import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { optionalUser } from '#app/auth/guards.server'
import { isUuid } from '#app/events/events.server'
import { signedFileUrl } from '#app/siting/records-files.server'
import { notFound } from '#app/utils/responses.server'

// One file a records request brought back: a one-minute signed link to it in
// the private bucket, made as whoever asks, so Storage's policies decide
// (docs/decisions/062). A held file, or one that is gone, is a 404 for
// anyone who may not see it.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 80 || !isUuid(params.requestId) || !isUuid(params.fileId)) notFound()
	const { caller, supabase, headers } = await optionalUser(request)
	const url = await signedFileUrl(supabase, caller, params.requestId, params.fileId)
	if (!url) notFound(headers)
	headers.set('Cache-Control', 'private, no-store')
	headers.set('X-Robots-Tag', 'noindex')
	return redirect(url, { headers })
}
