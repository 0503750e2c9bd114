import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/guards.server'
import { exhibitsOf, loadExhibitFiles, objectionLetter } from '#app/objections/letter.server'
import { getObjection, objectionWorkspace, viewerRole } from '#app/objections/objections.server'
import { notFound } from '#app/utils/responses.server'

// The letter as it stands, for the chapter: what would be filed now.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, headers, supabase } = await requireUser(request)
	const objection = await getObjection(caller, params.id ?? '')
	if (!objection || !(await viewerRole(caller, objection.chapter.id))) notFound(headers)
	const workspace = await objectionWorkspace(caller, objection)
	const files = await loadExhibitFiles(supabase, exhibitsOf(objection))
	const approved = objection.status !== 'draft' && objection.approvedVersion === objection.currentVersion
	const pdf = await objectionLetter(objection, workspace.signers, files, { draft: !approved })
	headers.set('Content-Type', 'application/pdf')
	headers.set('Content-Disposition', `inline; filename="objection-${objection.id.slice(0, 8)}.pdf"`)
	headers.set('Cache-Control', 'private, no-store')
	return new Response(new Uint8Array(pdf), { headers })
}
