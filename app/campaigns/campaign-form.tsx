import { Form, useActionData } from '@remix-run/react'
import { ChoiceField } from '#app/components/choice-field'
import { CheckboxField, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField, useValidatedForm } from '#app/components/forms'
import { t } from '#app/i18n/i18n'
import type { OrganizerChapter } from './campaigns.server'
import { campaignSchema } from './schemas'
import { CAMPAIGN_KINDS, CAMPAIGN_TARGETS } from './templates'

const labels = {
	name: t('campaigns.form.name'),
	kind: t('campaigns.form.kind'),
	goal: t('campaigns.form.goal'),
	chapterId: t('campaigns.form.chapterId'),
	jurisdictionId: t('campaigns.form.jurisdictionId'),
	target: t('campaigns.form.target'),
	targetName: t('campaigns.form.targetName'),
	description: t('campaigns.form.description'),
	status: t('campaigns.form.status'),
}

type Failure = { errors?: Record<string, string>; values?: Record<string, string> } | undefined

/** Starting a campaign: the same schema checks it here and in the action. */
export function NewCampaignForm({ chapters }: { chapters: OrganizerChapter[] }) {
	const actionData = useActionData<Failure>()
	const first = chapters[0]
	const { register, errors, onSubmit } = useValidatedForm(campaignSchema, actionData, {
		chapterId: first?.id ?? '',
		jurisdictionId: String(first?.places[0]?.id ?? ''),
		kind: 'ballot_initiative',
		target: 'voters',
		useTemplate: 'on',
		status: 'active',
	})
	// Every place any of the person's chapters may campaign about; the action checks the pair.
	const places = new Map<number, string>()
	for (const chapter of chapters) for (const place of chapter.places) places.set(place.id, place.label)
	return (
		<div className="max-w-2xl space-y-6">
			<ErrorSummary errors={errors} labels={labels} />
			<Form method="post" noValidate onSubmit={onSubmit} className="space-y-6">
				<TextField name="name" label={labels.name} hint={t('campaigns.form.name.hint')} error={errors.name} register={register} />
				<ChoiceField
					name="kind"
					legend={labels.kind}
					error={errors.kind}
					register={register}
					options={CAMPAIGN_KINDS.map((kind) => ({
						value: kind,
						label: t(`campaigns.kind.${kind}`),
						hint: t(`campaigns.kind.${kind}.hint`),
					}))}
				/>
				<TextField name="goal" label={labels.goal} hint={t('campaigns.form.goal.hint')} error={errors.goal} register={register} />
				<SelectField
					name="chapterId"
					label={labels.chapterId}
					error={errors.chapterId}
					register={register}
					options={chapters.map((chapter) => ({ value: chapter.id, label: chapter.name }))}
				/>
				<SelectField
					name="jurisdictionId"
					label={labels.jurisdictionId}
					hint={t('campaigns.form.jurisdictionId.hint')}
					error={errors.jurisdictionId}
					register={register}
					options={[...places].map(([id, label]) => ({ value: String(id), label }))}
				/>
				<SelectField
					name="target"
					label={labels.target}
					error={errors.target}
					register={register}
					options={CAMPAIGN_TARGETS.map((target) => ({ value: target, label: t(`campaigns.target.${target}`) }))}
				/>
				<TextField name="targetName" label={labels.targetName} error={errors.targetName} register={register} />
				<TextAreaField
					name="description"
					label={labels.description}
					hint={t('campaigns.form.description.hint')}
					error={errors.description}
					register={register}
					rows={5}
				/>
				<CheckboxField
					name="useTemplate"
					label={t('campaigns.form.useTemplate')}
					hint={t('campaigns.form.useTemplate.hint')}
					register={register}
				/>
				<ChoiceField
					name="status"
					legend={labels.status}
					error={errors.status}
					register={register}
					options={[
						{ value: 'active', label: t('campaigns.form.status.active') },
						{ value: 'draft', label: t('campaigns.form.status.draft') },
					]}
				/>
				<SubmitButton>{t('campaigns.form.submit')}</SubmitButton>
			</Form>
		</div>
	)
}
