import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { z } from 'zod'
import { ChoiceField, Notice } from '#app/components/choice-field'
import { FileInput } from '#app/components/file-input'
import {
	CheckboxField,
	ErrorSummary,
	SelectField,
	SubmitButton,
	TextAreaField,
	TextField,
	useValidatedForm,
	type ActionFailure,
} from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { formatCivilDate } from '#app/siting/clock-format'
import { fileFacts } from '#app/siting/records-files-panel'
import { OBSERVED_VALIDITY_PERCENT } from './ballot'
import type { Ballot, CampaignPage, Stage } from './campaigns.server'
import { formatDistricts } from './districts'
import { manageIntent, type ManageIntent } from './manage-intents'
import {
	ballotRuleSchema,
	campaignStatusSchema,
	districtsSchema,
	endorsementSchema,
	inviteSchema,
	LINK_KINDS,
	linkSchema,
	milestoneDoneSchema,
	milestoneSchema,
	newStageSchema,
	stageSchema,
	updateSchema,
} from './schemas'
import { stageFileHref, stageFileSchema, stageFileUpload } from './stage-files'
import { CAMPAIGN_STATUSES, STAGE_STATUSES } from './templates'

// The coalition's page for running the campaign: one form per job, each a
// plain POST with its own intent, so an error shows beside the form that
// caused it and keeps what was typed there.

type Failure = { errors?: Record<string, string>; values?: Record<string, string> } | undefined

/** The failure meant for this form (its intent, and for a step its id), or nothing. */
function failureFor(actionData: Failure, intent: ManageIntent, stageId?: string): ActionFailure {
	if (actionData?.values?.intent !== intent) return undefined
	if (stageId && actionData.values.stageId !== stageId) return undefined
	return actionData
}

function Section({ id, title, lead, children }: { id: string; title: string; lead?: string; children: ReactNode }) {
	return (
		<section id={id} aria-labelledby={`${id}-heading`} className="space-y-4 border-t border-line pt-8">
			<h2 id={`${id}-heading`} className="text-2xl font-bold">
				{title}
			</h2>
			{lead ? <p className="max-w-prose">{lead}</p> : null}
			{children}
		</section>
	)
}

function IntentForm({
	intent,
	onSubmit,
	children,
	className = 'max-w-2xl space-y-5',
}: {
	intent: ManageIntent
	onSubmit: (event: React.FormEvent<HTMLFormElement>) => void
	children: ReactNode
	className?: string
}) {
	return (
		<Form method="post" noValidate onSubmit={onSubmit} className={className}>
			<input type="hidden" name="intent" value={intent} />
			{children}
		</Form>
	)
}

function useIntentForm<Schema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
	schema: Schema,
	actionData: Failure,
	intent: ManageIntent,
	defaults: Record<string, string> = {},
	stageId?: string,
) {
	return useValidatedForm(schema, failureFor(actionData, intent, stageId), defaults)
}

export function ManagePage({
	campaign,
	actionData,
	saved,
	replyTo,
}: {
	campaign: CampaignPage
	actionData: Failure
	saved: boolean
	/** The manager's own address: replies to an update they post go there. */
	replyTo: string
}) {
	return (
		<div className="space-y-10">
			<div className="space-y-2">
				<PageHeading>{t('campaign.manage.heading')}</PageHeading>
				<p className="text-lg font-semibold">{campaign.name}</p>
				<p className="flex flex-wrap gap-4">
					<Link to={`/campaigns/${campaign.slug}`}>{t('campaign.manage.back')}</Link>
					<Link to={`/campaigns/${campaign.slug}/paper`}>{t('campaign.paper')}</Link>
				</p>
				{saved ? <Notice>{t('campaign.manage.saved')}</Notice> : null}
			</div>
			<BallotRuleForm campaign={campaign} actionData={actionData} />
			{campaign.ballot ? <DistrictsForm ballot={campaign.ballot} actionData={actionData} /> : null}
			<LinkForm campaign={campaign} actionData={actionData} />
			<StagesSection campaign={campaign} actionData={actionData} />
			<MilestoneForms campaign={campaign} actionData={actionData} />
			<EndorsementForm actionData={actionData} />
			<UpdateForm campaign={campaign} actionData={actionData} replyTo={replyTo} />
			<InviteForm actionData={actionData} />
			<StatusForm campaign={campaign} actionData={actionData} />
		</div>
	)
}

function StatusForm({ campaign, actionData }: { campaign: CampaignPage; actionData: Failure }) {
	const { register, errors, onSubmit } = useIntentForm(campaignStatusSchema, actionData, manageIntent.status, {
		status: campaign.status,
		outcome: campaign.outcome,
		outcomeSourceUrl: campaign.outcomeSourceUrl ?? '',
	})
	const labels = {
		status: t('campaign.manage.status.heading'),
		outcome: t('campaign.manage.status.outcome'),
		outcomeSourceUrl: t('campaign.manage.status.outcomeSource'),
	}
	return (
		<Section id="status" title={labels.status}>
			<ErrorSummary errors={errors} labels={labels} />
			<IntentForm intent={manageIntent.status} onSubmit={onSubmit}>
				<SelectField
					name="status"
					label={labels.status}
					error={errors.status}
					register={register}
					options={CAMPAIGN_STATUSES.map((status) => ({ value: status, label: t(`campaigns.status.${status}`) }))}
				/>
				<TextField name="outcome" label={labels.outcome} error={errors.outcome} register={register} />
				<TextField name="outcomeSourceUrl" type="url" label={labels.outcomeSourceUrl} error={errors.outcomeSourceUrl} register={register} />
				<SubmitButton>{t('campaign.manage.status.submit')}</SubmitButton>
			</IntentForm>
		</Section>
	)
}

function DistrictsForm({ ballot, actionData }: { ballot: Ballot; actionData: Failure }) {
	const colorado = ballot.rule.samplingRule === 'colorado'
	const { register, errors, onSubmit } = useIntentForm(districtsSchema, actionData, manageIntent.districts, {
		distributionPercent: ballot.rule.distributionPercent ? String(ballot.rule.distributionPercent) : colorado ? '2' : '',
		districtCount: ballot.rule.distributionDistrictCount ? String(ballot.rule.distributionDistrictCount) : colorado ? '35' : '',
		districts: formatDistricts(ballot.districts),
	})
	const labels = {
		distributionPercent: t('campaign.manage.districts.percent'),
		districtCount: t('campaign.manage.districts.count'),
		districts: t('campaign.manage.districts.lines'),
	}
	return (
		<Section id="districts" title={t('campaign.manage.districts.heading')} lead={t('campaign.manage.districts.lead')}>
			<ErrorSummary errors={errors} labels={labels} />
			<IntentForm intent={manageIntent.districts} onSubmit={onSubmit}>
				<div className="grid gap-5 sm:grid-cols-2">
					<TextField
						name="distributionPercent"
						inputMode="decimal"
						label={labels.distributionPercent}
						hint={t('campaign.manage.districts.percent.hint')}
						error={errors.distributionPercent}
						register={register}
					/>
					<TextField
						name="districtCount"
						inputMode="numeric"
						label={labels.districtCount}
						hint={t('campaign.manage.districts.count.hint')}
						error={errors.districtCount}
						register={register}
					/>
				</div>
				<TextAreaField
					name="districts"
					label={labels.districts}
					hint={t('campaign.manage.districts.lines.hint')}
					error={errors.districts}
					register={register}
					rows={8}
				/>
				<SubmitButton>{t('campaign.manage.districts.submit')}</SubmitButton>
			</IntentForm>
		</Section>
	)
}

function BallotRuleForm({ campaign, actionData }: { campaign: CampaignPage; actionData: Failure }) {
	const rule = campaign.ballot?.rule
	const { register, errors, onSubmit } = useIntentForm(ballotRuleSchema, actionData, manageIntent.ballot, {
		ruleKind: rule?.ruleKind ?? 'fixed',
		requiredCount: rule?.requiredCount ? String(rule.requiredCount) : '',
		percent: rule?.percent ? String(rule.percent) : '',
		baseCount: rule?.baseCount ? String(rule.baseCount) : '',
		baseLabel: rule?.baseLabel ?? '',
		ruleCitation: rule?.ruleCitation ?? '',
		ruleSourceUrl: rule?.ruleSourceUrl ?? '',
		distributionRule: rule?.distributionRule ?? '',
		circulationStartsOn: rule?.circulationStartsOn ?? '',
		circulationEndsOn: rule?.circulationEndsOn ?? '',
		validityPercent: String(rule?.validityPercent ?? OBSERVED_VALIDITY_PERCENT),
		safetyMarginPercent: String(rule?.safetyMarginPercent ?? 10),
		samplingRule: rule?.samplingRule ?? 'none',
		reviewDays: rule?.reviewDays ? String(rule.reviewDays) : '',
		reviewDayCount: rule?.reviewDayCount ?? '',
		filedOn: rule?.filedOn ?? '',
		filedCount: rule?.filedCount ? String(rule.filedCount) : '',
		postalCodes: rule?.postalCodes.join(' ') ?? '',
	})
	const labels = {
		ruleKind: t('campaign.manage.ballot.ruleKind'),
		requiredCount: t('campaign.manage.ballot.requiredCount'),
		percent: t('campaign.manage.ballot.percent'),
		baseCount: t('campaign.manage.ballot.baseCount'),
		baseLabel: t('campaign.manage.ballot.baseLabel'),
		ruleCitation: t('campaign.manage.ballot.ruleCitation'),
		ruleSourceUrl: t('campaign.manage.ballot.ruleSourceUrl'),
		distributionRule: t('campaign.manage.ballot.distributionRule'),
		circulationStartsOn: t('campaign.manage.ballot.circulationStartsOn'),
		circulationEndsOn: t('campaign.manage.ballot.circulationEndsOn'),
		validityPercent: t('campaign.manage.ballot.validityPercent'),
		safetyMarginPercent: t('campaign.manage.ballot.safetyMarginPercent'),
		samplingRule: t('campaign.manage.ballot.samplingRule'),
		reviewDays: t('campaign.manage.ballot.reviewDays'),
		reviewDayCount: t('campaign.manage.ballot.reviewDayCount'),
		filedOn: t('campaign.manage.ballot.filedOn'),
		filedCount: t('campaign.manage.ballot.filedCount'),
		postalCodes: t('campaign.manage.ballot.postalCodes'),
	}
	return (
		<Section id="ballot" title={t('campaign.manage.ballot.heading')} lead={t('campaign.manage.ballot.lead')}>
			<ErrorSummary errors={errors} labels={labels} />
			<IntentForm intent={manageIntent.ballot} onSubmit={onSubmit}>
				<ChoiceField
					name="ruleKind"
					legend={labels.ruleKind}
					error={errors.ruleKind}
					register={register}
					options={[
						{ value: 'fixed', label: t('campaign.manage.ballot.ruleKind.fixed') },
						{ value: 'percent', label: t('campaign.manage.ballot.ruleKind.percent') },
					]}
				/>
				<TextField name="requiredCount" inputMode="numeric" label={labels.requiredCount} error={errors.requiredCount} register={register} />
				<div className="grid gap-5 sm:grid-cols-2">
					<TextField
						name="percent"
						inputMode="decimal"
						label={labels.percent}
						hint={t('campaign.manage.ballot.percent.hint')}
						error={errors.percent}
						register={register}
					/>
					<TextField
						name="baseCount"
						inputMode="numeric"
						label={labels.baseCount}
						hint={t('campaign.manage.ballot.baseCount.hint')}
						error={errors.baseCount}
						register={register}
					/>
				</div>
				<TextField
					name="baseLabel"
					label={labels.baseLabel}
					hint={t('campaign.manage.ballot.baseLabel.hint')}
					error={errors.baseLabel}
					register={register}
				/>
				<TextField
					name="ruleCitation"
					label={labels.ruleCitation}
					hint={t('campaign.manage.ballot.ruleCitation.hint')}
					error={errors.ruleCitation}
					register={register}
				/>
				<TextField name="ruleSourceUrl" type="url" label={labels.ruleSourceUrl} error={errors.ruleSourceUrl} register={register} />
				<TextField
					name="distributionRule"
					label={labels.distributionRule}
					hint={t('campaign.manage.ballot.distributionRule.hint')}
					error={errors.distributionRule}
					register={register}
				/>
				<div className="grid gap-5 sm:grid-cols-2">
					<TextField
						name="circulationStartsOn"
						type="date"
						label={labels.circulationStartsOn}
						error={errors.circulationStartsOn}
						register={register}
					/>
					<TextField
						name="circulationEndsOn"
						type="date"
						label={labels.circulationEndsOn}
						error={errors.circulationEndsOn}
						register={register}
					/>
				</div>
				<div className="grid gap-5 sm:grid-cols-2">
					<TextField
						name="validityPercent"
						inputMode="decimal"
						label={labels.validityPercent}
						hint={t('campaign.manage.ballot.validityPercent.hint')}
						error={errors.validityPercent}
						register={register}
					/>
					<TextField
						name="safetyMarginPercent"
						inputMode="decimal"
						label={labels.safetyMarginPercent}
						hint={t('campaign.manage.ballot.safetyMarginPercent.hint')}
						error={errors.safetyMarginPercent}
						register={register}
					/>
				</div>
				<SelectField
					name="samplingRule"
					label={labels.samplingRule}
					error={errors.samplingRule}
					register={register}
					options={(['none', 'colorado', 'california_local'] as const).map((rule) => ({
						value: rule,
						label: t(`campaign.manage.ballot.samplingRule.${rule}`),
					}))}
				/>
				<div className="grid gap-5 sm:grid-cols-2">
					<TextField name="reviewDays" inputMode="numeric" label={labels.reviewDays} error={errors.reviewDays} register={register} />
					<SelectField
						name="reviewDayCount"
						label={labels.reviewDayCount}
						error={errors.reviewDayCount}
						register={register}
						options={[
							{ value: '', label: t('campaign.manage.ballot.reviewDayCount.none') },
							{ value: 'business', label: t('campaign.ballot.dayCount.business') },
							{ value: 'calendar', label: t('campaign.ballot.dayCount.calendar') },
						]}
					/>
				</div>
				<div className="grid gap-5 sm:grid-cols-2">
					<TextField name="filedOn" type="date" label={labels.filedOn} error={errors.filedOn} register={register} />
					<TextField name="filedCount" inputMode="numeric" label={labels.filedCount} error={errors.filedCount} register={register} />
				</div>
				<TextField
					name="postalCodes"
					label={labels.postalCodes}
					hint={t('campaign.manage.ballot.postalCodes.hint')}
					error={errors.postalCodes}
					register={register}
				/>
				<SubmitButton>{t('campaign.manage.ballot.submit')}</SubmitButton>
			</IntentForm>
		</Section>
	)
}

function LinkForm({ campaign, actionData }: { campaign: CampaignPage; actionData: Failure }) {
	const { register, errors, onSubmit } = useIntentForm(linkSchema, actionData, manageIntent.link, { linkKind: 'petition' })
	const labels = { linkKind: t('campaign.manage.link.linkKind'), address: t('campaign.manage.link.address') }
	return (
		<Section id="link" title={t('campaign.manage.link.heading')} lead={t('campaign.manage.link.lead')}>
			{campaign.links.length ? (
				<ul className="space-y-2">
					{campaign.links.map((link) => (
						<li key={`${link.kind}-${link.id}`} className="flex flex-wrap items-center gap-3">
							<span>
								{t(`campaign.links.${link.kind}`)}: {link.kind === 'body' ? link.name : link.title}
							</span>
							<Form method="post">
								<input type="hidden" name="intent" value={manageIntent.unlink} />
								<input type="hidden" name="linkId" value={link.id} />
								<button type="submit" className="min-h-11 rounded px-2 underline">
									{t('campaign.manage.link.unlink')}
								</button>
							</Form>
						</li>
					))}
				</ul>
			) : null}
			<ErrorSummary errors={errors} labels={labels} />
			<IntentForm intent={manageIntent.link} onSubmit={onSubmit}>
				<SelectField
					name="linkKind"
					label={labels.linkKind}
					error={errors.linkKind}
					register={register}
					options={LINK_KINDS.map((kind) => ({ value: kind, label: t(`campaign.links.${kind}`) }))}
				/>
				<TextField
					name="address"
					label={labels.address}
					hint={t('campaign.manage.link.address.hint')}
					error={errors.address}
					register={register}
				/>
				<SubmitButton>{t('campaign.manage.link.submit')}</SubmitButton>
			</IntentForm>
		</Section>
	)
}

function StagesSection({ campaign, actionData }: { campaign: CampaignPage; actionData: Failure }) {
	return (
		<Section id="stages" title={t('campaign.manage.stages.heading')}>
			<ol className="space-y-8">
				{campaign.stages.map((stage, index) => (
					<li key={stage.id} id={`stage-${stage.id}`}>
						<StageForm stage={stage} n={index + 1} actionData={actionData} />
						<StageFiles campaignSlug={campaign.slug} stage={stage} n={index + 1} actionData={actionData} />
					</li>
				))}
			</ol>
			<NewStageForm actionData={actionData} />
		</Section>
	)
}

function StageForm({ stage, n, actionData }: { stage: Stage; n: number; actionData: Failure }) {
	const { register, errors, onSubmit } = useIntentForm(
		stageSchema,
		actionData,
		manageIntent.stage,
		{
			stageId: stage.id,
			title: stage.title,
			status: stage.status,
			startsOn: stage.startsOn ?? '',
			endsOn: stage.endsOn ?? '',
			ownerName: stage.ownerName,
			notes: stage.notes,
			evidence: stage.evidence.join('\n'),
		},
		stage.id,
	)
	const prefix = `stage-${n}-`
	const labels = {
		title: t('campaign.manage.stage.title'),
		status: t('campaign.manage.stage.status'),
		startsOn: t('campaign.manage.stage.startsOn'),
		endsOn: t('campaign.manage.stage.endsOn'),
		ownerName: t('campaign.manage.stage.ownerName'),
		notes: t('campaign.manage.stage.notes'),
		evidence: t('campaign.manage.stage.evidence'),
	}
	const prefixed = (record: Record<string, string>) =>
		Object.fromEntries(Object.entries(record).map(([key, value]) => [key === 'form' ? key : `${prefix}${key}`, value]))
	return (
		<div className="space-y-3 rounded-lg border border-line p-4">
			<ErrorSummary errors={prefixed(errors)} labels={prefixed(labels)} />
			<IntentForm intent={manageIntent.stage} onSubmit={onSubmit} className="space-y-4">
				<fieldset className="space-y-4">
					<legend className="text-lg font-bold">{t('campaign.manage.stage.legend', { n, title: stage.title })}</legend>
					<input type="hidden" name="stageId" value={stage.id} />
					<TextField name="title" id={`${prefix}title`} label={labels.title} error={errors.title} register={register} />
					<SelectField
						name="status"
						id={`${prefix}status`}
						label={labels.status}
						error={errors.status}
						register={register}
						options={STAGE_STATUSES.map((status) => ({ value: status, label: t(`campaign.stageStatus.${status}`) }))}
					/>
					<div className="grid gap-4 sm:grid-cols-2">
						<TextField
							name="startsOn"
							id={`${prefix}startsOn`}
							type="date"
							label={labels.startsOn}
							error={errors.startsOn}
							register={register}
						/>
						<TextField name="endsOn" id={`${prefix}endsOn`} type="date" label={labels.endsOn} error={errors.endsOn} register={register} />
					</div>
					<TextField
						name="ownerName"
						id={`${prefix}ownerName`}
						label={labels.ownerName}
						hint={t('campaign.manage.stage.ownerName.hint')}
						error={errors.ownerName}
						register={register}
					/>
					<TextAreaField name="notes" id={`${prefix}notes`} label={labels.notes} error={errors.notes} register={register} rows={2} />
					<TextAreaField
						name="evidence"
						id={`${prefix}evidence`}
						label={labels.evidence}
						hint={t('campaign.manage.stage.evidence.hint')}
						error={errors.evidence}
						register={register}
						rows={2}
					/>
				</fieldset>
				<SubmitButton>{t('campaign.manage.stage.submit')}</SubmitButton>
			</IntentForm>
			<Form method="post">
				<input type="hidden" name="intent" value={manageIntent.removeStage} />
				<input type="hidden" name="stageId" value={stage.id} />
				<button type="submit" className="min-h-11 rounded px-2 underline">
					{t('campaign.manage.stage.remove')}
				</button>
			</Form>
		</div>
	)
}

/** A stage's evidence files: each held or public, and a plain multipart form to add one (works without JavaScript). */
function StageFiles({ campaignSlug, stage, n, actionData }: { campaignSlug: string; stage: Stage; n: number; actionData: Failure }) {
	const failure = failureFor(actionData, manageIntent.addFile, stage.id)
	const { register, errors } = useValidatedForm(stageFileSchema, failure, { stageId: stage.id })
	const changeFailure = [manageIntent.publishFile, manageIntent.holdFile, manageIntent.removeFile]
		.map((intent) => failureFor(actionData, intent))
		.find(Boolean)
	const prefix = `stage-${n}-file-`
	const labels = { title: t('campaign.manage.files.title'), file: t('campaign.manage.files.file') }
	const prefixed = (record: Record<string, string>) =>
		Object.fromEntries(Object.entries(record).map(([key, value]) => [key === 'form' ? key : `${prefix}${key}`, value]))
	return (
		<div id={`stage-files-${stage.id}`} className="mt-3 space-y-3 rounded-lg border border-line p-4">
			<h3 className="text-lg font-bold">{t('campaign.manage.files.heading')}</h3>
			{changeFailure?.errors?.form && stage.files.length ? <p role="alert">{changeFailure.errors.form}</p> : null}
			{stage.files.length ? (
				<ul className="space-y-3">
					{stage.files.map((file) => (
						<li key={file.id} className="space-y-1">
							<p className="font-semibold break-words">
								<a href={stageFileHref(campaignSlug, file.id)}>{file.title}</a>
							</p>
							<p className="text-sm text-ink-muted">
								{fileFacts({ contentType: file.contentType, sizeBytes: file.sizeBytes, receivedOn: null })} ·{' '}
								{file.isPublic ? t('campaign.manage.files.public') : t('campaign.manage.files.held')}
							</p>
							<div className="flex flex-wrap gap-4">
								<Form method="post">
									<input type="hidden" name="intent" value={file.isPublic ? manageIntent.holdFile : manageIntent.publishFile} />
									<input type="hidden" name="fileId" value={file.id} />
									<button type="submit" className="min-h-11 font-semibold text-action underline">
										{file.isPublic ? t('campaign.manage.files.hold') : t('campaign.manage.files.publish')}
									</button>
								</Form>
								<Form method="post">
									<input type="hidden" name="intent" value={manageIntent.removeFile} />
									<input type="hidden" name="fileId" value={file.id} />
									<button type="submit" className="min-h-11 underline">
										{t('campaign.manage.files.remove')}
									</button>
								</Form>
							</div>
						</li>
					))}
				</ul>
			) : (
				<p>{t('campaign.manage.files.none')}</p>
			)}
			<ErrorSummary errors={prefixed(errors)} labels={prefixed(labels)} />
			<Form method="post" encType="multipart/form-data" className="space-y-4">
				<fieldset className="space-y-4">
					<legend className="font-semibold">{t('campaign.manage.files.legend', { n })}</legend>
					<input type="hidden" name="intent" value={manageIntent.addFile} />
					<input type="hidden" name="stageId" value={stage.id} />
					<TextField
						name="title"
						id={`${prefix}title`}
						label={labels.title}
						hint={t('campaign.manage.files.title.hint')}
						error={errors.title}
						register={register}
					/>
					<CheckboxField name="public" id={`${prefix}public`} label={t('campaign.manage.files.makePublic')} register={register} />
					<FileInput
						id={`${prefix}file`}
						name={stageFileUpload.field}
						label={labels.file}
						hint={t('campaign.manage.files.file.hint')}
						error={errors.file}
						accept={stageFileUpload.types}
					/>
				</fieldset>
				<SubmitButton>{t('campaign.manage.files.upload')}</SubmitButton>
			</Form>
		</div>
	)
}

function NewStageForm({ actionData }: { actionData: Failure }) {
	const { register, errors, onSubmit } = useIntentForm(newStageSchema, actionData, manageIntent.addStage)
	const labels = {
		title: t('campaign.manage.stage.title'),
		startsOn: t('campaign.manage.stage.startsOn'),
		endsOn: t('campaign.manage.stage.endsOn'),
		ownerName: t('campaign.manage.stage.ownerName'),
	}
	const prefixed = (record: Record<string, string>) =>
		Object.fromEntries(Object.entries(record).map(([key, value]) => [key === 'form' ? key : `new-stage-${key}`, value]))
	return (
		<div className="space-y-3">
			<h3 className="text-xl font-bold">{t('campaign.manage.newStage.heading')}</h3>
			<ErrorSummary errors={prefixed(errors)} labels={prefixed(labels)} />
			<IntentForm intent={manageIntent.addStage} onSubmit={onSubmit}>
				<TextField name="title" id="new-stage-title" label={labels.title} error={errors.title} register={register} />
				<div className="grid gap-4 sm:grid-cols-2">
					<TextField
						name="startsOn"
						id="new-stage-startsOn"
						type="date"
						label={labels.startsOn}
						error={errors.startsOn}
						register={register}
					/>
					<TextField name="endsOn" id="new-stage-endsOn" type="date" label={labels.endsOn} error={errors.endsOn} register={register} />
				</div>
				<TextField name="ownerName" id="new-stage-ownerName" label={labels.ownerName} error={errors.ownerName} register={register} />
				<SubmitButton>{t('campaign.manage.newStage.submit')}</SubmitButton>
			</IntentForm>
		</div>
	)
}

function MilestoneForms({ campaign, actionData }: { campaign: CampaignPage; actionData: Failure }) {
	const { register, errors, onSubmit } = useIntentForm(milestoneSchema, actionData, manageIntent.milestone)
	const labels = {
		title: t('campaign.manage.milestone.title'),
		dueOn: t('campaign.manage.milestone.dueOn'),
		ownerName: t('campaign.manage.milestone.ownerName'),
		stageId: t('campaign.manage.milestone.stageId'),
	}
	const open = campaign.milestones.filter((milestone) => !milestone.doneOn)
	return (
		<Section id="milestone" title={t('campaign.milestones.heading')}>
			{open.length ? (
				<ul className="space-y-3">
					{open.map((milestone) => (
						<li key={milestone.id}>
							<MilestoneDoneForm milestone={milestone} today={campaign.today} actionData={actionData} />
						</li>
					))}
				</ul>
			) : null}
			<h3 className="text-xl font-bold">{t('campaign.manage.milestone.heading')}</h3>
			<ErrorSummary errors={errors} labels={labels} />
			<IntentForm intent={manageIntent.milestone} onSubmit={onSubmit}>
				<TextField name="title" label={labels.title} error={errors.title} register={register} />
				<TextField name="dueOn" type="date" label={labels.dueOn} error={errors.dueOn} register={register} />
				<TextField name="ownerName" label={labels.ownerName} error={errors.ownerName} register={register} />
				<SelectField
					name="stageId"
					label={labels.stageId}
					error={errors.stageId}
					register={register}
					options={[
						{ value: '', label: t('campaign.manage.milestone.noStage') },
						...campaign.stages.map((stage) => ({ value: stage.id, label: stage.title })),
					]}
				/>
				<SubmitButton>{t('campaign.manage.milestone.submit')}</SubmitButton>
			</IntentForm>
		</Section>
	)
}

function MilestoneDoneForm({
	milestone,
	today,
	actionData,
}: {
	milestone: CampaignPage['milestones'][number]
	today: string
	actionData: Failure
}) {
	const mine = actionData?.values?.milestoneId === milestone.id ? actionData : undefined
	const { register, errors, onSubmit } = useIntentForm(milestoneDoneSchema, mine, manageIntent.milestoneDone, {
		milestoneId: milestone.id,
		doneOn: today,
	})
	const id = `done-${milestone.id}`
	return (
		<IntentForm intent={manageIntent.milestoneDone} onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
			<input type="hidden" name="milestoneId" value={milestone.id} />
			<p className="basis-full font-semibold">
				{milestone.title} · {formatCivilDate(milestone.dueOn)}
			</p>
			<TextField
				name="doneOn"
				id={id}
				type="date"
				label={t('campaign.manage.milestone.doneOn')}
				error={errors.doneOn}
				register={register}
			/>
			<SubmitButton>{t('campaign.manage.milestone.done')}</SubmitButton>
		</IntentForm>
	)
}

function EndorsementForm({ actionData }: { actionData: Failure }) {
	const { register, errors, onSubmit } = useIntentForm(endorsementSchema, actionData, manageIntent.endorse, { endorser: 'organization' })
	const labels = {
		endorser: t('campaign.manage.endorse.endorser'),
		organization: t('campaign.manage.endorse.organization'),
		official: t('campaign.manage.endorse.official'),
		endorsedOn: t('campaign.manage.endorse.endorsedOn'),
		sourceUrl: t('campaign.manage.endorse.sourceUrl'),
	}
	return (
		<Section id="endorse" title={t('campaign.manage.endorse.heading')}>
			<ErrorSummary errors={errors} labels={labels} />
			<IntentForm intent={manageIntent.endorse} onSubmit={onSubmit}>
				<ChoiceField
					name="endorser"
					legend={labels.endorser}
					error={errors.endorser}
					register={register}
					options={[
						{ value: 'organization', label: t('campaign.manage.endorse.endorser.organization') },
						{ value: 'official', label: t('campaign.manage.endorse.endorser.official') },
					]}
				/>
				<TextField name="organization" label={labels.organization} error={errors.organization} register={register} />
				<TextField
					name="official"
					label={labels.official}
					hint={t('campaign.manage.endorse.official.hint')}
					error={errors.official}
					register={register}
				/>
				<TextField name="endorsedOn" type="date" label={labels.endorsedOn} error={errors.endorsedOn} register={register} />
				<TextField
					name="sourceUrl"
					type="url"
					label={labels.sourceUrl}
					hint={t('campaign.manage.endorse.sourceUrl.hint')}
					error={errors.sourceUrl}
					register={register}
				/>
				<SubmitButton>{t('campaign.manage.endorse.submit')}</SubmitButton>
			</IntentForm>
		</Section>
	)
}

function UpdateForm({ campaign, actionData, replyTo }: { campaign: CampaignPage; actionData: Failure; replyTo: string }) {
	const { register, errors, onSubmit } = useIntentForm(updateSchema, actionData, manageIntent.update)
	const labels = { title: t('campaign.manage.update.title'), body: t('campaign.manage.update.body') }
	const prefixed = (record: Record<string, string>) =>
		Object.fromEntries(Object.entries(record).map(([key, value]) => [key === 'form' ? key : `update-${key}`, value]))
	return (
		<Section id="update" title={t('campaign.manage.update.heading')} lead={t('campaign.manage.update.lead', { count: campaign.followers })}>
			<ErrorSummary errors={prefixed(errors)} labels={prefixed(labels)} />
			<IntentForm intent={manageIntent.update} onSubmit={onSubmit}>
				<TextField name="title" id="update-title" label={labels.title} error={errors.title} register={register} />
				<TextAreaField name="body" id="update-body" label={labels.body} error={errors.body} register={register} rows={6} />
				<p className="text-sm" id="update-reply-to">
					{t('campaign.manage.update.replyTo', { address: replyTo })}
				</p>
				<SubmitButton>{t('campaign.manage.update.submit')}</SubmitButton>
			</IntentForm>
		</Section>
	)
}

function InviteForm({ actionData }: { actionData: Failure }) {
	const { register, errors, onSubmit } = useIntentForm(inviteSchema, actionData, manageIntent.invite)
	const labels = { chapter: t('campaign.manage.invite.chapter') }
	return (
		<Section id="invite" title={t('campaign.manage.invite.heading')} lead={t('campaign.manage.invite.lead')}>
			<ErrorSummary errors={errors} labels={labels} />
			<IntentForm intent={manageIntent.invite} onSubmit={onSubmit}>
				<TextField
					name="chapter"
					label={labels.chapter}
					hint={t('campaign.manage.invite.chapter.hint')}
					error={errors.chapter}
					register={register}
				/>
				<SubmitButton>{t('campaign.manage.invite.submit')}</SubmitButton>
			</IntentForm>
		</Section>
	)
}
