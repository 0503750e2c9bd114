import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/guards.server'
import { speakersListPdf } from '#app/speakers/list-pdf.server'
import { notFound } from '#app/utils/responses.server'
import { isSlug } from '#app/utils/slug'

// The speakers' list as a PDF, for the organizers of the chapters working on the project (anyone else: 404).
export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	const { caller, headers } = await requireUser(request)
	if (!isSlug(slug)) notFound(headers)
	const list = await speakersListPdf(caller, slug)
	if (!list) notFound(headers)
	headers.set('Content-Type', 'application/pdf')
	headers.set('Content-Disposition', `attachment; filename="${list.filename}"`)
	headers.set('Cache-Control', 'private, no-store')
	return new Response(new Uint8Array(list.pdf), { headers })
}
