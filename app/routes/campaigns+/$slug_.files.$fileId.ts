import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { optionalUser } from '#app/auth/guards.server'
import { signedStageFileUrl } from '#app/campaigns/stage-files.server'
import { isUuid } from '#app/events/events.server'
import { notFound } from '#app/utils/responses.server'
import { isSlug } from '#app/utils/slug'

// One evidence file of a campaign's stage: a one-minute signed link to it in
// the private bucket, made as whoever asks, so Storage's policies decide
// (docs/decisions/075). A held file, or one that is gone, is a 404 for anyone
// who may not see it.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	if (!isSlug(slug) || !isUuid(params.fileId)) notFound()
	const { caller, supabase, headers } = await optionalUser(request)
	const url = await signedStageFileUrl(supabase, caller, slug, params.fileId)
	if (!url) notFound(headers)
	headers.set('Cache-Control', 'private, no-store')
	headers.set('X-Robots-Tag', 'noindex')
	return redirect(url, { headers })
}
