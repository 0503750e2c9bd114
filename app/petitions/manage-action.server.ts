import { redirect } from '@remix-run/node'
import type { SignedInSession } from '#app/auth/guards.server'
import { t } from '#app/i18n/i18n'
import { appealTakedown } from '#app/moderation/moderation.server'
import { formError, parseForm } from '#app/utils/forms.server'
import { badRequest } from '#app/utils/responses.server'
import { valuesOf } from './forms.server'
import { isManageIntent, manageIntent, type StatusIntent } from './manage-intents'
import { postUpdate, recordDelivery, setStatus, type Petition } from './petitions.server'
import { appealSchema, deliverySchemaFor, updateSchema } from './schemas'

/** One dashboard submission: who sent it, for which petition, and what they typed. */
type Submission = SignedInSession & { petition: Petition; formData: FormData }

/**
 * The petition dashboard's action: one function per intent, chosen from the
 * typed list in manage-intents.ts; an intent not on it is a 400.
 */
export async function handleManage(submission: Submission) {
	const intent = submission.formData.get('intent')
	if (!isManageIntent(intent)) badRequest('Unknown action')
	switch (intent) {
		case manageIntent.publish:
		case manageIntent.close:
		case manageIntent.reopen:
			return moveAlong(submission, intent)
		case manageIntent.deliver:
			return recordTheDelivery(submission)
		case manageIntent.update:
			return emailAnUpdate(submission)
		case manageIntent.appeal:
			return askForAReview(submission)
	}
}

function dashboard(petition: Petition, saved: string) {
	return `/petitions/${petition.slug}/manage?saved=${saved}`
}

/** Publish a draft, close a published petition, or reopen a closed one. */
async function moveAlong({ caller, petition, headers }: Submission, intent: StatusIntent) {
	const moved = await setStatus(caller, petition.id, intent === manageIntent.close ? 'closed' : 'published')
	if (!moved) return formError({ form: t('petitions.manage.cannotMove') }, { intent }, headers)
	return redirect(dashboard(petition, intent), { headers })
}

/** Record that the petition was handed over, and what the decision maker said. */
async function recordTheDelivery({ caller, petition, formData, headers }: Submission) {
	const intent = manageIntent.deliver
	// While people can still sign, the form asks the organizer to confirm that saving closes signing.
	const form = parseForm(formData, deliverySchemaFor({ closesSigning: petition.status === 'published', publishedAt: petition.publishedAt }))
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	const saved = await recordDelivery(caller, petition.id, form.data)
	if (!saved) return formError({ form: t('petitions.manage.cannotMove') }, { ...valuesOf(formData), intent }, headers)
	return redirect(dashboard(petition, intent), { headers })
}

/** Post an update; the worker emails it, in batches, to signers who asked for updates. */
async function emailAnUpdate({ user, caller, petition, formData, headers }: Submission) {
	const intent = manageIntent.update
	const form = parseForm(formData, updateSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	await postUpdate(caller, petition.id, user.id, form.data)
	return redirect(dashboard(petition, intent), { headers })
}

/** The organizers of a taken-down petition ask the moderators to look again. */
async function askForAReview({ caller, petition, formData, headers }: Submission) {
	const intent = manageIntent.appeal
	const form = parseForm(formData, appealSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	const sent = petition.hidden && (await appealTakedown(caller, petition.id, form.data.details))
	if (!sent) return formError({ form: t('petitions.appeal.notTakenDown') }, { ...valuesOf(formData), intent }, headers)
	return redirect(dashboard(petition, intent), { headers })
}
