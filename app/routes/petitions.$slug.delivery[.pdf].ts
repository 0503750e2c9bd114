import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/session.server'
import { callerFor } from '#app/auth/supabase.server'
import { deliveryPdf } from '#app/petitions/pdf.server'
import { getPetition } from '#app/petitions/petitions.server'

// The printable delivery document, for the petition's organizers; recorded in the audit log.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, headers } = await requireUser(request)
	const caller = callerFor(user)
	const petition = await getPetition(caller, params.slug ?? '')
	if (!petition || !petition.canManage) throw new Response('Not found', { status: 404, headers })
	const pdf = await deliveryPdf(caller, user.id, petition)
	headers.set('Content-Type', 'application/pdf')
	headers.set('Content-Disposition', `attachment; filename="${petition.slug}-delivery.pdf"`)
	headers.set('Cache-Control', 'no-store')
	return new Response(new Uint8Array(pdf), { headers })
}
