import { redirect } from '@remix-run/node'
import { sql } from 'kysely'
import type { SignedInSession } from '#app/auth/guards.server'
import { asCaller } from '#app/db/db.server'
import { unlessRefused, type Refused } from '#app/db/refusals.server'
import { t } from '#app/i18n/i18n'
import { ensureJobQueue } from '#app/jobs/queue.server'
import { formError, parseForm } from '#app/utils/forms.server'
import { badRequest } from '#app/utils/responses.server'
import { isSlug } from '#app/utils/slug'
import type { CampaignPage } from './campaigns.server'
import { parseDistricts } from './districts'
import { isManageIntent, manageIntent, type ManageIntent } from './manage-intents'
import {
	ballotRuleSchema,
	campaignStatusSchema,
	districtsSchema,
	endorsementSchema,
	evidenceList,
	inviteSchema,
	linkSchema,
	milestoneDoneSchema,
	milestoneSchema,
	newStageSchema,
	postalCodeList,
	stageSchema,
	toPercent,
	toWhole,
	updateSchema,
} from './schemas'
import { stageFileChangeSchema, stageFileSchema, stageFileUpload } from './stage-files'
import { changeStageFile, uploadStageFile } from './stage-files.server'

// The manage page's action: one function per intent from manage-intents.ts.
// Each write runs as the manager, so the campaign policies decide; the
// refusals a manager can act on come back as a message beside the form,
// with everything they typed (the form's intent travels with it, so only
// that form shows the error).

type Submission = SignedInSession & { campaign: CampaignPage; formData: FormData }

export async function handleManage(submission: Submission) {
	const intent = submission.formData.get('intent')
	if (!isManageIntent(intent)) badRequest('Unknown action')
	switch (intent) {
		case manageIntent.status:
			return saveStatus(submission)
		case manageIntent.stage:
			return saveStage(submission)
		case manageIntent.removeStage:
			return removeStage(submission)
		case manageIntent.addStage:
			return addStage(submission)
		case manageIntent.addFile:
			return addStageFile(submission)
		case manageIntent.publishFile:
		case manageIntent.holdFile:
		case manageIntent.removeFile:
			return changeFile(submission, intent)
		case manageIntent.milestone:
			return addMilestone(submission)
		case manageIntent.milestoneDone:
			return completeMilestone(submission)
		case manageIntent.ballot:
			return saveBallotRule(submission)
		case manageIntent.districts:
			return saveDistricts(submission)
		case manageIntent.link:
			return linkAction(submission)
		case manageIntent.unlink:
			return unlinkAction(submission)
		case manageIntent.endorse:
			return recordEndorsement(submission)
		case manageIntent.invite:
			return inviteChapter(submission)
		case manageIntent.update:
			return postUpdate(submission)
	}
}

function valuesOf(formData: FormData) {
	const values: Record<string, string> = {}
	for (const [key, value] of formData) if (typeof value === 'string' && !(key in values)) values[key] = value.replaceAll('\0', '')
	return values
}

function saved(campaign: CampaignPage, what: ManageIntent, anchor: string = what) {
	return `/campaigns/${campaign.slug}/manage?saved=${what}#${anchor}`
}

/** A refusal the manager can do nothing about but reload: anything else is thrown on. */
function refusedMessage(outcome: Refused, explain: Partial<Record<Refused['refusal']['kind'], string>> = {}) {
	const message = explain[outcome.refusal.kind]
	if (message) return message
	if (outcome.refusal.kind === 'not_allowed') return t('campaigns.error.notAllowed')
	throw outcome.error
}

async function saveStatus({ caller, campaign, formData, headers }: Submission) {
	const intent = manageIntent.status
	const form = parseForm(formData, campaignStatusSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	const outcome = await unlessRefused(() =>
		asCaller(caller, (trx) =>
			trx
				.updateTable('campaigns')
				.set({ status: form.data.status, outcome: form.data.outcome, outcome_source_url: form.data.outcomeSourceUrl || null })
				.where('id', '=', campaign.id)
				.executeTakeFirstOrThrow(),
		),
	)
	if (!outcome.ok) return formError({ form: refusedMessage(outcome) }, { ...valuesOf(formData), intent }, headers)
	if (outcome.value.numUpdatedRows === 0n)
		return formError({ form: t('campaigns.error.notAllowed') }, { ...valuesOf(formData), intent }, headers)
	return redirect(saved(campaign, intent), { headers })
}

async function saveStage({ caller, campaign, formData, headers }: Submission) {
	const intent = manageIntent.stage
	const form = parseForm(formData, stageSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	const input = form.data
	const outcome = await unlessRefused(() =>
		asCaller(caller, (trx) =>
			trx
				.updateTable('campaign_stages')
				.set({
					title: input.title,
					status: input.status,
					starts_on: input.startsOn || null,
					ends_on: input.endsOn || null,
					owner_name: input.ownerName,
					notes: input.notes,
					evidence_urls: evidenceList(input.evidence),
				})
				.where('id', '=', input.stageId)
				.where('campaign_id', '=', campaign.id)
				.executeTakeFirstOrThrow(),
		),
	)
	if (!outcome.ok) return formError({ form: refusedMessage(outcome) }, { ...valuesOf(formData), intent }, headers)
	if (outcome.value.numUpdatedRows === 0n) return formError({ form: t('campaigns.error.gone') }, { ...valuesOf(formData), intent }, headers)
	return redirect(saved(campaign, intent, `stage-${input.stageId}`), { headers })
}

async function removeStage({ caller, campaign, formData, headers }: Submission) {
	const stageId = String(formData.get('stageId') ?? '')
	if (!/^[0-9a-f-]{36}$/.test(stageId)) badRequest('Unknown step')
	await asCaller(caller, (trx) =>
		trx.deleteFrom('campaign_stages').where('id', '=', stageId).where('campaign_id', '=', campaign.id).execute(),
	)
	return redirect(saved(campaign, manageIntent.removeStage, 'stages'), { headers })
}

async function addStage({ caller, campaign, formData, headers }: Submission) {
	const intent = manageIntent.addStage
	const form = parseForm(formData, newStageSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	const outcome = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			const last = await trx
				.selectFrom('campaign_stages')
				.select(sql<number>`coalesce(max(position), -1)`.as('position'))
				.where('campaign_id', '=', campaign.id)
				.executeTakeFirst()
			return trx
				.insertInto('campaign_stages')
				.values({
					campaign_id: campaign.id,
					position: Math.min(1000, Number(last?.position ?? -1) + 1),
					title: form.data.title,
					starts_on: form.data.startsOn || null,
					ends_on: form.data.endsOn || null,
					owner_name: form.data.ownerName,
				})
				.execute()
		}),
	)
	if (!outcome.ok) return formError({ form: refusedMessage(outcome) }, { ...valuesOf(formData), intent }, headers)
	return redirect(saved(campaign, intent, 'stages'), { headers })
}

async function addMilestone({ caller, campaign, formData, headers }: Submission) {
	const intent = manageIntent.milestone
	const form = parseForm(formData, milestoneSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	const stageId = form.data.stageId && campaign.stages.some((stage) => stage.id === form.data.stageId) ? form.data.stageId : null
	const outcome = await unlessRefused(() =>
		asCaller(caller, (trx) =>
			trx
				.insertInto('campaign_milestones')
				.values({
					campaign_id: campaign.id,
					title: form.data.title,
					due_on: form.data.dueOn,
					owner_name: form.data.ownerName,
					stage_id: stageId,
				})
				.execute(),
		),
	)
	if (!outcome.ok) return formError({ form: refusedMessage(outcome) }, { ...valuesOf(formData), intent }, headers)
	return redirect(saved(campaign, intent), { headers })
}

async function completeMilestone({ caller, campaign, formData, headers }: Submission) {
	const intent = manageIntent.milestoneDone
	const form = parseForm(formData, milestoneDoneSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	await asCaller(caller, (trx) =>
		trx
			.updateTable('campaign_milestones')
			.set({ done_on: form.data.doneOn })
			.where('id', '=', form.data.milestoneId)
			.where('campaign_id', '=', campaign.id)
			.execute(),
	)
	return redirect(saved(campaign, intent, manageIntent.milestone), { headers })
}

async function saveBallotRule({ caller, campaign, formData, headers }: Submission) {
	const intent = manageIntent.ballot
	const form = parseForm(formData, ballotRuleSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	const input = form.data
	const fixed = input.ruleKind === 'fixed'
	const values = {
		rule_kind: input.ruleKind,
		required_count: fixed ? toWhole(input.requiredCount) : null,
		percent: fixed ? null : toPercent(input.percent),
		base_count: fixed ? null : toWhole(input.baseCount),
		base_label: fixed ? '' : input.baseLabel,
		rule_citation: input.ruleCitation,
		rule_source_url: input.ruleSourceUrl || null,
		distribution_rule: input.distributionRule,
		circulation_starts_on: input.circulationStartsOn || null,
		circulation_ends_on: input.circulationEndsOn || null,
		validity_percent: toPercent(input.validityPercent) ?? 78.8,
		safety_margin_percent: toPercent(input.safetyMarginPercent) ?? 10,
		sampling_rule: input.samplingRule,
		review_days: toWhole(input.reviewDays),
		review_day_count: input.reviewDayCount || null,
		filed_on: input.filedOn || null,
		filed_count: toWhole(input.filedCount),
		postal_codes: postalCodeList(input.postalCodes) ?? [],
	}
	const outcome = await unlessRefused(() =>
		asCaller(caller, (trx) =>
			trx
				.insertInto('campaign_ballot_rules')
				.values({ campaign_id: campaign.id, ...values })
				.onConflict((conflict) => conflict.column('campaign_id').doUpdateSet(values))
				.execute(),
		),
	)
	if (!outcome.ok) return formError({ form: refusedMessage(outcome) }, { ...valuesOf(formData), intent }, headers)
	return redirect(saved(campaign, intent), { headers })
}

/** A stage's evidence file: checked, stored in the private bucket, held unless the manager ticked it public. */
async function addStageFile({ supabase, caller, campaign, formData, headers }: Submission) {
	const intent = manageIntent.addFile
	const form = parseForm(formData, stageFileSchema)
	const stageId = String(formData.get('stageId') ?? '')
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent, stageId }, headers)
	if (!campaign.stages.some((stage) => stage.id === form.data.stageId)) {
		return formError({ form: t('campaigns.error.gone') }, { ...valuesOf(formData), intent }, headers)
	}
	const outcome = await uploadStageFile(supabase, caller, campaign.id, formData.get(stageFileUpload.field), form.data)
	if (!outcome.ok) return formError(outcome.errors, { ...valuesOf(formData), intent, stageId }, headers)
	return redirect(saved(campaign, intent, `stage-files-${form.data.stageId}`), { headers })
}

async function changeFile(
	{ supabase, caller, campaign, formData, headers }: Submission,
	intent: typeof manageIntent.publishFile | typeof manageIntent.holdFile | typeof manageIntent.removeFile,
) {
	const form = parseForm(formData, stageFileChangeSchema)
	if (!form.success) return formError({ form: t('campaigns.files.error.gone') }, { intent }, headers)
	const change = intent === manageIntent.publishFile ? 'publish' : intent === manageIntent.holdFile ? 'hold' : 'remove'
	const changed = await changeStageFile(supabase, caller, campaign.id, form.data.fileId, change)
	if (!changed) return formError({ form: t('campaigns.files.error.gone') }, { intent }, headers)
	const stage = campaign.stages.find((candidate) => candidate.files.some((file) => file.id === form.data.fileId))
	return redirect(saved(campaign, intent, stage ? `stage-files-${stage.id}` : 'stages'), { headers })
}

/** The distribution rule's districts: the lines typed replace the ones saved, in one transaction. */
async function saveDistricts({ caller, campaign, formData, headers }: Submission) {
	const intent = manageIntent.districts
	const form = parseForm(formData, districtsSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	const { districts } = parseDistricts(form.data.districts)
	const percent = toPercent(form.data.distributionPercent)
	const outcome = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			const rule = await trx
				.updateTable('campaign_ballot_rules')
				.set({ distribution_percent: percent, distribution_district_count: toWhole(form.data.districtCount) })
				.where('campaign_id', '=', campaign.id)
				.executeTakeFirst()
			if (rule.numUpdatedRows === 0n) return false
			await trx.deleteFrom('campaign_ballot_districts').where('campaign_id', '=', campaign.id).execute()
			if (districts.length > 0) {
				await trx
					.insertInto('campaign_ballot_districts')
					.values(
						districts.map((line, position) => ({
							campaign_id: campaign.id,
							position,
							district: line.district,
							registered_electors: line.registeredElectors,
							signatures: line.signatures,
						})),
					)
					.execute()
			}
			return true
		}),
	)
	if (!outcome.ok) return formError({ form: refusedMessage(outcome) }, { ...valuesOf(formData), intent }, headers)
	if (!outcome.value) return formError({ form: t('campaigns.districts.error.noRule') }, { ...valuesOf(formData), intent }, headers)
	return redirect(saved(campaign, intent), { headers })
}

/** The slug (or id) in an address a manager pasted: "/petitions/x", "https://site/petitions/x/manage", or "x". */
export function addressTarget(address: string, prefix: 'petitions' | 'bodies' | 'officials' | 'chapters' | 'proceedings') {
	const trimmed = address.trim()
	let path = trimmed
	let hash = ''
	try {
		const url = new URL(trimmed, 'http://groundwork.invalid')
		path = url.pathname
		hash = url.hash
	} catch {
		return null
	}
	if (prefix === 'proceedings') {
		const fromHash = /^#proceeding-([a-z0-9-]+)$/.exec(hash)?.[1]
		if (fromHash && isSlug(fromHash)) return fromHash
	}
	const match = new RegExp(`/${prefix}/([a-z0-9-]+)`).exec(path)?.[1]
	if (match && isSlug(match)) return match
	return isSlug(trimmed) ? trimmed : null
}

function eventIdIn(address: string) {
	return /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(address)?.[1]?.toLowerCase() ?? null
}

async function linkAction({ caller, user, campaign, formData, headers }: Submission) {
	const intent = manageIntent.link
	const form = parseForm(formData, linkSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	const { linkKind, address } = form.data
	const outcome = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			let target: { petition_id?: string; event_id?: string; proceeding_id?: string; body_id?: string } | null = null
			if (linkKind === 'petition') {
				const slug = addressTarget(address, 'petitions')
				const row = slug ? await trx.selectFrom('petitions').select('id').where('slug', '=', slug).executeTakeFirst() : undefined
				target = row ? { petition_id: row.id } : null
			} else if (linkKind === 'event') {
				const id = eventIdIn(address)
				const row = id ? await trx.selectFrom('events').select('id').where('id', '=', id).executeTakeFirst() : undefined
				target = row ? { event_id: row.id } : null
			} else if (linkKind === 'proceeding') {
				const slug = addressTarget(address, 'proceedings')
				const row = slug ? await trx.selectFrom('proceedings').select('id').where('slug', '=', slug).executeTakeFirst() : undefined
				target = row ? { proceeding_id: row.id } : null
			} else {
				const slug = addressTarget(address, 'bodies')
				const row = slug ? await trx.selectFrom('bodies').select('id').where('slug', '=', slug).executeTakeFirst() : undefined
				target = row ? { body_id: row.id } : null
			}
			if (!target) return false
			await trx
				.insertInto('campaign_links')
				.values({ campaign_id: campaign.id, added_by: user.id, ...target })
				.execute()
			return true
		}),
	)
	if (!outcome.ok) {
		const message = refusedMessage(outcome, {
			duplicate: t('campaigns.link.error.duplicate'),
			not_allowed: t('campaigns.link.error.notFound'),
		})
		return formError({ address: message }, { ...valuesOf(formData), intent }, headers)
	}
	if (!outcome.value) return formError({ address: t('campaigns.link.error.notFound') }, { ...valuesOf(formData), intent }, headers)
	return redirect(saved(campaign, intent), { headers })
}

async function unlinkAction({ caller, campaign, formData, headers }: Submission) {
	const linkId = String(formData.get('linkId') ?? '')
	if (!/^[0-9a-f-]{36}$/.test(linkId)) badRequest('Unknown link')
	await asCaller(caller, (trx) =>
		trx
			.deleteFrom('campaign_links')
			.where('campaign_id', '=', campaign.id)
			.where((eb) => eb.or([eb('id', '=', linkId), eb('event_id', '=', linkId)]))
			.execute(),
	)
	return redirect(saved(campaign, manageIntent.unlink, manageIntent.link), { headers })
}

async function recordEndorsement({ caller, campaign, formData, headers }: Submission) {
	const intent = manageIntent.endorse
	const form = parseForm(formData, endorsementSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	const input = form.data
	const outcome = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			let officialId: string | null = null
			if (input.endorser === 'official') {
				const slug = addressTarget(input.official, 'officials')
				const row = slug ? await trx.selectFrom('officials').select('id').where('slug', '=', slug).executeTakeFirst() : undefined
				if (!row) return false
				officialId = row.id
			}
			await trx
				.insertInto('campaign_endorsements')
				.values({
					campaign_id: campaign.id,
					official_id: officialId,
					organization: officialId ? null : input.organization,
					endorsed_on: input.endorsedOn,
					source_url: input.sourceUrl,
				})
				.execute()
			return true
		}),
	)
	if (!outcome.ok) {
		const message = refusedMessage(outcome, { duplicate: t('campaigns.endorse.error.duplicate') })
		return formError({ [input.endorser]: message }, { ...valuesOf(formData), intent }, headers)
	}
	if (!outcome.value)
		return formError({ official: t('campaigns.endorse.error.officialNotFound') }, { ...valuesOf(formData), intent }, headers)
	return redirect(saved(campaign, intent), { headers })
}

async function inviteChapter({ caller, user, campaign, formData, headers }: Submission) {
	const intent = manageIntent.invite
	const form = parseForm(formData, inviteSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	const slug = addressTarget(form.data.chapter, 'chapters')
	const outcome = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			const chapter = slug ? await trx.selectFrom('chapters').select('id').where('slug', '=', slug).executeTakeFirst() : undefined
			if (!chapter) return false
			await trx
				.insertInto('campaign_chapters')
				.values({ campaign_id: campaign.id, chapter_id: chapter.id, status: 'invited', added_by: user.id })
				.execute()
			return true
		}),
	)
	if (!outcome.ok) {
		return formError(
			{ chapter: refusedMessage(outcome, { duplicate: t('campaigns.invite.error.duplicate') }) },
			{ ...valuesOf(formData), intent },
			headers,
		)
	}
	if (!outcome.value) return formError({ chapter: t('campaigns.invite.error.notFound') }, { ...valuesOf(formData), intent }, headers)
	return redirect(saved(campaign, intent), { headers })
}

/** The update and the job that emails it commit together (the insert trigger queues it). */
async function postUpdate({ caller, user, campaign, formData, headers }: Submission) {
	const intent = manageIntent.update
	const form = parseForm(formData, updateSchema)
	if (!form.success) return formError(form.failure.errors, { ...form.failure.values, intent }, headers)
	await ensureJobQueue()
	const outcome = await unlessRefused(() =>
		asCaller(caller, (trx) =>
			trx
				.insertInto('campaign_updates')
				.values({ campaign_id: campaign.id, author_id: user.id, title: form.data.title, body: form.data.body })
				.execute(),
		),
	)
	if (!outcome.ok) return formError({ form: refusedMessage(outcome) }, { ...valuesOf(formData), intent }, headers)
	return redirect(saved(campaign, intent), { headers })
}
