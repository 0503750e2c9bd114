import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePetitionOrganizer } from '#app/auth/guards.server'
import { signaturesCsv } from '#app/petitions/signatures.server'

// Confirmed signatures for the petition's organizers, recorded in the audit log,
// streamed as they are read (a million rows never sit in memory at once).
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, petition, headers } = await requirePetitionOrganizer(request, params)
	const csv = await signaturesCsv(caller, petition.id)
	headers.set('Content-Type', 'text/csv; charset=utf-8')
	headers.set('Content-Disposition', `attachment; filename="${petition.slug}-signatures-${new Date().toISOString().slice(0, 10)}.csv"`)
	headers.set('Cache-Control', 'no-store')
	return new Response(csv, { headers })
}
