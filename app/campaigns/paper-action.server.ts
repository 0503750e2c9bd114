import { redirect } from '@remix-run/node'
import type { SignedInSession } from '#app/auth/guards.server'
import { t } from '#app/i18n/i18n'
import { formError, parseForm } from '#app/utils/forms.server'
import type { CampaignPage } from './campaigns.server'
import { parseSheet } from './paper'
import { recordSheet } from './paper.server'
import { paperBatchSchema, toWhole } from './schemas'

// Recording one sheet. A sheet typed in by name with lines that cannot be
// read asks first: the person fixes them or says to save the readable rows
// and count the rest as unreadable. Nothing typed is lost either way.

type Submission = SignedInSession & { campaign: CampaignPage; formData: FormData }

export async function recordPaperSheet({ caller, campaign, formData, headers }: Submission) {
	const form = parseForm(formData, paperBatchSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const input = form.data
	const values = { ...input }
	let rows: ReturnType<typeof parseSheet>['rows'] = []
	let count: number
	let unreadable = 0
	if (input.mode === 'count') {
		count = toWhole(input.count) ?? 0
	} else {
		const sheet = parseSheet(input.names)
		if (sheet.unreadable.length && input.saveReadable !== 'on') {
			return formError({ names: t('campaigns.paper.error.unreadable') }, values, headers)
		}
		rows = sheet.rows
		unreadable = sheet.unreadable.length + (toWhole(input.unreadableCount) ?? 0)
		count = rows.length + unreadable
		if (count === 0) return formError({ names: t('campaigns.paper.error.names') }, values, headers)
		if (count > 100_000) return formError({ names: t('campaigns.paper.error.count') }, values, headers)
	}
	const outcome = await recordSheet(caller, campaign.id, {
		circulator: input.circulator,
		collectedOn: input.collectedOn,
		town: input.town,
		sheetNumber: input.sheetNumber,
		count,
		rows,
	})
	if (!outcome.ok) {
		return outcome.reason === 'duplicate_sheet'
			? formError({ sheetNumber: t('campaigns.paper.error.duplicateSheet') }, values, headers)
			: formError({ form: t('campaign.paper.notAllowed') }, values, headers)
	}
	return redirect(`/campaigns/${campaign.slug}/paper?saved=${count}&unreadable=${unreadable}`, { headers })
}
