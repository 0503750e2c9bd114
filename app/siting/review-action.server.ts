import { data, redirect } from '@remix-run/node'
import { callerFor, requireUser } from '#app/auth/guards.server'
import { formError, parseForm, requireSameOrigin } from '#app/utils/forms.server'
import { reviewSchema } from './edit-schemas'
import { listProposals, reviewerContext, reviewProposal } from './revisions.server'

// The review queue's loader and action, shared by a project's queue and the
// site-wide one (docs/decisions/049).

export async function loadQueue(request: Request, projectSlug?: string) {
	const { user, headers } = await requireUser(request)
	const caller = callerFor(user)
	const [proposals, reviewer] = await Promise.all([listProposals(caller, projectSlug), reviewerContext(caller)])
	const notice = new URL(request.url).searchParams.get('notice')
	return { proposals, reviewer, notice, headers }
}

export async function reviewAction(request: Request, backTo: string) {
	requireSameOrigin(request)
	const { user, headers } = await requireUser(request)
	const formData = await request.formData()
	const form = parseForm(formData, reviewSchema)
	const revisionId = String(formData.get('revisionId') ?? '')
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, revisionId }, headers)
	const outcome = await reviewProposal(callerFor(user), form.data)
	if (!outcome.ok) {
		const field = outcome.reason === 'chapter' ? 'linkChapterId' : 'form'
		return data({ errors: { [field]: outcome.message }, values: { ...form.data, revisionId } }, { status: 400, headers })
	}
	if (outcome.kind === 'created' && outcome.projectSlug) return redirect(`/projects/${outcome.projectSlug}?notice=created`, { headers })
	return redirect(`${backTo}?notice=${outcome.kind}`, { headers })
}
