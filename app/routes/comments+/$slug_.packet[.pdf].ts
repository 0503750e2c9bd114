import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/guards.server'
import { commentPacket } from '#app/comments/packet.server'
import { notFound } from '#app/utils/responses.server'
import { isSlug } from '#app/utils/slug'

// The printed packet of confirmed comments, for the drive's organizers and moderators.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	const { caller, headers } = await requireUser(request)
	if (!isSlug(slug)) notFound(headers)
	const packet = await commentPacket(caller, slug)
	if (!packet) notFound(headers)
	headers.set('Content-Type', 'application/pdf')
	headers.set('Content-Disposition', `attachment; filename="${packet.filename}"`)
	headers.set('Cache-Control', 'no-store')
	return new Response(new Uint8Array(packet.pdf), { headers })
}
