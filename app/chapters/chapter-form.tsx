import { Form } from '@remix-run/react'
import { ChoiceField } from '#app/components/choice-field'
import { ErrorSummary, SubmitButton, TextAreaField, TextField, useValidatedForm, type ActionFailure } from '#app/components/forms'
import { t } from '#app/i18n/i18n'
import { chapterSchema } from './schemas'

export const chapterLabels = {
	name: t('chapterForm.name'),
	place: t('chapterForm.place'),
	jurisdictionId: t('chapterForm.choosePlace'),
	description: t('chapterForm.description'),
	visibility: t('chapterForm.visibility'),
	contactEmail: t('chapterForm.contactEmail'),
}

export type PlaceChoice = { id: number; label: string }

/** Starting a chapter and editing one: name, place, description, public or private. */
export function ChapterForm({
	actionData,
	defaults,
	choices,
	submitLabel,
	withContact = false,
}: {
	actionData: ActionFailure
	defaults: Record<string, string>
	/** Places matching what was typed, when there was more than one. */
	choices?: PlaceChoice[]
	submitLabel: string
	/** The chapter's reply address: editing only. */
	withContact?: boolean
}) {
	const { register, errors, onSubmit } = useValidatedForm(chapterSchema, actionData, defaults)
	return (
		<>
			<ErrorSummary errors={errors} labels={chapterLabels} />
			<Form method="post" noValidate onSubmit={onSubmit} className="max-w-xl space-y-6">
				<TextField
					name="name"
					label={chapterLabels.name}
					hint={t('chapterForm.name.hint')}
					error={errors.name}
					register={register}
					maxLength={120}
				/>
				<TextField
					name="place"
					label={chapterLabels.place}
					hint={t('chapterForm.place.hint')}
					error={errors.place}
					register={register}
					maxLength={100}
					autoComplete="off"
				/>
				{!choices?.length && defaults.jurisdictionId ? <input type="hidden" name="jurisdictionId" value={defaults.jurisdictionId} /> : null}
				{choices?.length ? (
					<ChoiceField
						name="jurisdictionId"
						legend={chapterLabels.jurisdictionId}
						hint={t('chapterForm.choosePlace.hint')}
						error={errors.jurisdictionId}
						register={register}
						options={choices.map((choice) => ({ value: String(choice.id), label: choice.label }))}
					/>
				) : null}
				<TextAreaField
					name="description"
					label={chapterLabels.description}
					hint={t('chapterForm.description.hint')}
					error={errors.description}
					register={register}
					rows={6}
					maxLength={5000}
				/>
				{withContact ? (
					<TextField
						name="contactEmail"
						type="email"
						label={chapterLabels.contactEmail}
						hint={t('chapterForm.contactEmail.hint')}
						error={errors.contactEmail}
						register={register}
						maxLength={254}
						autoComplete="email"
					/>
				) : null}
				<ChoiceField
					name="visibility"
					legend={chapterLabels.visibility}
					error={errors.visibility}
					register={register}
					options={[
						{ value: 'public', label: t('chapterForm.visibility.public'), hint: t('chapterForm.visibility.public.hint') },
						{ value: 'private', label: t('chapterForm.visibility.private'), hint: t('chapterForm.visibility.private.hint') },
					]}
				/>
				<SubmitButton>{submitLabel}</SubmitButton>
			</Form>
		</>
	)
}
