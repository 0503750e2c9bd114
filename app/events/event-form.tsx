import type { ReactNode } from 'react'
import { ChoiceField } from '#app/components/choice-field'
import {
	ErrorSummary,
	FormCard,
	SelectField,
	SubmitButton,
	TextAreaField,
	TextField,
	useValidatedForm,
	type ActionFailure,
} from '#app/components/forms'
import { t } from '#app/i18n/i18n'
import { eventKinds, eventSchema, eventTimeZones } from './schemas'

export const eventLabels = {
	kind: t('eventForm.kind'),
	title: t('eventForm.title'),
	description: t('eventForm.description'),
	startsAt: t('eventForm.startsAt'),
	endsAt: t('eventForm.endsAt'),
	timeZone: t('eventForm.timeZone'),
	locationName: t('eventForm.locationName'),
	address: t('eventForm.address'),
	onlineUrl: t('eventForm.onlineUrl'),
	capacity: t('eventForm.capacity'),
	about: t('about.project.label'),
}

/**
 * The event form, for creating and editing: the same fields, the same
 * schema on both sides, with what was typed kept on an error. `extra` goes
 * after the description (the project an event is about, when creating).
 */
export function EventForm({
	actionData,
	defaults,
	submitLabel,
	extra,
}: {
	actionData: ActionFailure
	defaults: Record<string, string>
	submitLabel: string
	extra?: (form: ReturnType<typeof useValidatedForm>) => ReactNode
}) {
	const form = useValidatedForm(eventSchema, actionData, defaults)
	const { register, errors, onSubmit } = form
	return (
		<>
			<ErrorSummary errors={errors} labels={eventLabels} />
			<FormCard onSubmit={onSubmit} className="max-w-xl space-y-6">
				{defaults.keepStartsAt ? <input type="hidden" name="keepStartsAt" value={defaults.keepStartsAt} /> : null}
				<ChoiceField
					name="kind"
					legend={eventLabels.kind}
					error={errors.kind}
					register={register}
					options={eventKinds.map((kind) => ({ value: kind, label: t(`events.kind.${kind}`), hint: t(`events.kind.${kind}.hint`) }))}
				/>
				<TextField
					name="title"
					label={eventLabels.title}
					hint={t('eventForm.title.hint')}
					error={errors.title}
					register={register}
					maxLength={150}
				/>
				<TextField
					name="startsAt"
					type="datetime-local"
					label={eventLabels.startsAt}
					hint={t('eventForm.startsAt.hint')}
					error={errors.startsAt}
					register={register}
				/>
				<TextField name="endsAt" type="datetime-local" label={eventLabels.endsAt} error={errors.endsAt} register={register} />
				<SelectField
					name="timeZone"
					label={eventLabels.timeZone}
					hint={t('eventForm.timeZone.hint')}
					error={errors.timeZone}
					register={register}
					options={eventTimeZones.map((zone) => ({ value: zone, label: t(`timeZone.${zone}`) }))}
				/>
				<TextField
					name="locationName"
					label={eventLabels.locationName}
					hint={t('eventForm.locationName.hint')}
					error={errors.locationName}
					register={register}
					maxLength={200}
				/>
				<TextField
					name="address"
					label={eventLabels.address}
					hint={t('eventForm.address.hint')}
					error={errors.address}
					register={register}
					maxLength={300}
					autoComplete="off"
				/>
				<TextField
					name="onlineUrl"
					type="url"
					label={eventLabels.onlineUrl}
					hint={t('eventForm.onlineUrl.hint')}
					error={errors.onlineUrl}
					register={register}
					maxLength={500}
					inputMode="url"
				/>
				<TextField
					name="capacity"
					label={eventLabels.capacity}
					hint={t('eventForm.capacity.hint')}
					error={errors.capacity}
					register={register}
					inputMode="numeric"
					maxLength={6}
				/>
				<TextAreaField
					name="description"
					label={eventLabels.description}
					hint={t('eventForm.description.hint')}
					error={errors.description}
					register={register}
					rows={8}
					maxLength={10000}
				/>
				{extra?.(form)}
				<SubmitButton>{submitLabel}</SubmitButton>
			</FormCard>
		</>
	)
}
