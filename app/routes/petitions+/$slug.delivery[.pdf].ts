import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePetitionOrganizer } from '#app/auth/guards.server'
import { deliveryPdf } from '#app/petitions/pdf.server'

// The printable delivery document, for the petition's organizers; recorded in the audit log.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, caller, petition, headers } = await requirePetitionOrganizer(request, params)
	const pdf = await deliveryPdf(caller, user.id, petition)
	headers.set('Content-Type', 'application/pdf')
	headers.set('Content-Disposition', `attachment; filename="${petition.slug}-delivery.pdf"`)
	headers.set('Cache-Control', 'no-store')
	return new Response(new Uint8Array(pdf), { headers })
}
