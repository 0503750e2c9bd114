import { Form } from '@remix-run/react'
import {
	ErrorSummary,
	SelectField,
	SubmitButton,
	TextAreaField,
	TextField,
	useValidatedForm,
	type ActionFailure,
} from '#app/components/forms'
import { t } from '#app/i18n/i18n'
import { petitionSchema } from './schemas'

export type AboutOption = { value: string; label: string }

export const petitionLabels = {
	title: t('petitions.form.title'),
	decisionMaker: t('petitions.form.decisionMaker'),
	summary: t('petitions.form.summary'),
	body: t('petitions.form.body'),
	signatureGoal: t('petitions.form.goal'),
	deadline: t('petitions.form.deadline'),
	chapterId: t('petitions.form.chapter'),
	customMilestones: t('petitions.form.milestones'),
	coverAlt: t('petitions.form.coverAlt'),
	about: t('about.project.label'),
}

/** Writing or editing a petition: the same fields, the same checks, for a new draft and a published petition. */
export function PetitionForm({
	actionData,
	defaults,
	chapters,
	submitLabel,
	allowNoChapter,
	projects = [],
}: {
	actionData: ActionFailure
	defaults: Record<string, string>
	chapters: Array<{ id: string; name: string }>
	submitLabel: string
	allowNoChapter: boolean
	/** "Which project is this about?": the projects the organizer's chapters work on. */
	projects?: AboutOption[]
}) {
	const { register, errors, onSubmit } = useValidatedForm(petitionSchema, actionData, defaults)
	const chapterOptions = [
		...(allowNoChapter ? [{ value: '', label: t('petitions.form.chapter.none') }] : []),
		...chapters.map((chapter) => ({ value: chapter.id, label: chapter.name })),
	]
	return (
		<div className="max-w-2xl">
			<ErrorSummary errors={errors} labels={petitionLabels} />
			<Form method="post" noValidate onSubmit={onSubmit} className="space-y-6">
				<input type="hidden" name="intent" value="details" />
				<TextField
					name="title"
					label={petitionLabels.title}
					hint={t('petitions.form.title.hint')}
					error={errors.title}
					register={register}
				/>
				<TextField
					name="decisionMaker"
					label={petitionLabels.decisionMaker}
					hint={t('petitions.form.decisionMaker.hint')}
					error={errors.decisionMaker}
					register={register}
				/>
				<TextAreaField
					name="summary"
					label={petitionLabels.summary}
					hint={t('petitions.form.summary.hint')}
					error={errors.summary}
					register={register}
					rows={3}
				/>
				<TextAreaField
					name="body"
					label={petitionLabels.body}
					hint={t('petitions.form.body.hint')}
					error={errors.body}
					register={register}
					rows={12}
				/>
				<TextField
					name="signatureGoal"
					label={petitionLabels.signatureGoal}
					hint={t('petitions.form.goal.hint')}
					error={errors.signatureGoal}
					register={register}
					inputMode="numeric"
				/>
				<TextField
					name="deadline"
					type="date"
					label={petitionLabels.deadline}
					hint={t('petitions.form.deadline.hint')}
					error={errors.deadline}
					register={register}
				/>
				{chapterOptions.length > 0 ? (
					<SelectField
						name="chapterId"
						label={petitionLabels.chapterId}
						hint={t('petitions.form.chapter.hint')}
						error={errors.chapterId}
						register={register}
						options={chapterOptions}
					/>
				) : null}
				{projects.length ? (
					<SelectField
						name="about"
						label={t('about.project.label')}
						hint={t('about.project.hint')}
						error={errors.about}
						register={register}
						options={[{ value: '', label: t('about.project.none') }, ...projects]}
					/>
				) : null}
				<TextField
					name="customMilestones"
					label={petitionLabels.customMilestones}
					hint={t('petitions.form.milestones.hint')}
					error={errors.customMilestones}
					register={register}
				/>
				<TextField
					name="coverAlt"
					label={petitionLabels.coverAlt}
					hint={t('petitions.form.coverAlt.hint')}
					error={errors.coverAlt}
					register={register}
				/>
				<SubmitButton>{submitLabel}</SubmitButton>
			</Form>
		</div>
	)
}
