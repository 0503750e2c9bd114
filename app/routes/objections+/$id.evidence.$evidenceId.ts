import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/guards.server'
import { signedFileUrl } from '#app/objections/filing.server'
import { getObjection, viewerRole } from '#app/objections/objections.server'
import { notFound } from '#app/utils/responses.server'

// An evidence file, for the chapter only: a five-minute signed link (Storage policies decide).
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { caller, headers, supabase } = await requireUser(request)
	const objection = await getObjection(caller, params.id ?? '')
	if (!objection || !(await viewerRole(caller, objection.chapter.id))) notFound(headers)
	const item = objection.grounds.flatMap((ground) => ground.evidence).find((evidence) => evidence.id === params.evidenceId)
	const url = item?.storagePath ? await signedFileUrl(supabase, item.storagePath) : null
	if (!url) notFound(headers)
	return redirect(url, { headers })
}
