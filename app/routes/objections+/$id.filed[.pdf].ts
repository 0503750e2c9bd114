import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/guards.server'
import { signedFileUrl } from '#app/objections/filing.server'
import { getObjection, objectionWorkspace, viewerRole } from '#app/objections/objections.server'
import { notFound } from '#app/utils/responses.server'

// The letter exactly as filed, from the private bucket, for the chapter.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, headers, supabase } = await requireUser(request)
	const objection = await getObjection(caller, params.id ?? '')
	if (!objection || !(await viewerRole(caller, objection.chapter.id))) notFound(headers)
	const { filing } = await objectionWorkspace(caller, objection)
	const url = filing ? await signedFileUrl(supabase, filing.pdf_path) : null
	if (!url) notFound(headers)
	return redirect(url, { headers })
}
