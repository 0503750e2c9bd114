import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/guards.server'
import { isUuid } from '#app/events/events.server'
import { letterPathFor } from '#app/speakers/speakers.server'
import { notFound } from '#app/utils/responses.server'

// A representative's authorization letter, for the organizers who see the
// list (and the speaker). Row-level security finds the sign-up only for them,
// and Storage's policies on the private bucket check again as the same person.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const speakerId = params.speakerId ?? ''
	if (!isUuid(speakerId)) notFound()
	const { caller, headers, supabase } = await requireUser(request)
	const path = await letterPathFor(caller, speakerId)
	if (!path) notFound(headers)
	const { data: file, error } = await supabase.storage.from('speaker-letters').download(path)
	if (error || !file) notFound(headers)
	headers.set('Content-Type', file.type || 'application/octet-stream')
	headers.set('Content-Disposition', `attachment; filename="authorization-${speakerId.slice(0, 8)}.${path.split('.').pop() ?? 'pdf'}"`)
	headers.set('Cache-Control', 'private, no-store')
	return new Response(file, { headers })
}
