import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/session.server'
import { callerFor } from '#app/auth/supabase.server'
import { getPetition } from '#app/petitions/petitions.server'
import { exportSignaturesCsv } from '#app/petitions/signatures.server'

// Confirmed signatures for the petition's organizers, recorded in the audit log.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { user, headers } = await requireUser(request)
	const caller = callerFor(user)
	const petition = await getPetition(caller, params.slug ?? '')
	if (!petition || !petition.canManage) throw new Response('Not found', { status: 404, headers })
	const { csv } = await exportSignaturesCsv(caller, petition.id)
	headers.set('Content-Type', 'text/csv; charset=utf-8')
	headers.set('Content-Disposition', `attachment; filename="${petition.slug}-signatures-${new Date().toISOString().slice(0, 10)}.csv"`)
	headers.set('Cache-Control', 'no-store')
	return new Response(csv, { headers })
}
