import { Form } from '@remix-run/react'
import { CheckboxField, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField, useValidatedForm } from '#app/components/forms'
import { t } from '#app/i18n/i18n'
import { driveSchema } from './schemas'

// The organizer's form to open a drive, or to edit one: what it is for, the
// talking points and optional template, the body's rules, and the channel.
// Editing keeps the chapter, what the drive is on and whether it is a
// sign-on letter (they ride along as hidden fields so the same checks run).

type Failure = { errors?: Record<string, string>; values?: Record<string, string> } | undefined

/** An existing drive's values, as the form's fields hold them. */
export type DriveFormValues = Record<string, string>

export function DriveForm({
	actionData,
	chapters,
	proceeding,
	federalPosting,
	timeZone,
	editing,
}: {
	actionData: Failure
	chapters: Array<{ id: string; name: string }>
	proceeding: { slug: string; title: string; bodyName: string | null } | null
	federalPosting: boolean
	timeZone: string
	/** The drive being edited, with its current values. */
	editing?: DriveFormValues
}) {
	const { register, errors, onSubmit } = useValidatedForm(
		driveSchema,
		actionData,
		editing ?? {
			proceedingSlug: proceeding?.slug ?? '',
			chapterId: chapters[0]?.id ?? '',
			maxChars: '5000',
			minChars: '0',
			deadlineTime: '17:00',
			channel: proceeding ? 'email' : federalPosting ? 'regulations_gov' : 'hand_off',
		},
	)
	const labels = {
		chapterId: t('comments.new.chapter'),
		title: t('comments.new.titleLabel'),
		documentId: t('comments.new.documentId'),
		talkingPoints: t('comments.new.talkingPoints'),
		template: t('comments.new.template'),
		deadlineDate: t('comments.new.deadlineDate'),
		deadlineTime: t('comments.new.deadlineTime'),
		maxChars: t('comments.new.maxChars'),
		minChars: t('comments.new.minChars'),
		channel: t('comments.new.channel'),
		handOffUrl: t('comments.new.handOffUrl'),
	}
	const channels = [
		...(proceeding ? [{ value: 'email', label: t('comments.new.channel.email') }] : []),
		...(federalPosting ? [{ value: 'regulations_gov', label: t('comments.new.channel.regulations_gov') }] : []),
		{ value: 'hand_off', label: t('comments.new.channel.hand_off') },
		{ value: 'printed', label: t('comments.new.channel.printed') },
	]
	return (
		<Form method="post" noValidate onSubmit={onSubmit} className="max-w-2xl space-y-5">
			<ErrorSummary errors={errors} labels={labels} />
			<input type="hidden" {...register('proceedingSlug')} />
			{editing ? (
				<input type="hidden" {...register('chapterId')} />
			) : (
				<SelectField
					name="chapterId"
					label={labels.chapterId}
					error={errors.chapterId}
					register={register}
					options={chapters.map((chapter) => ({ value: chapter.id, label: chapter.name }))}
				/>
			)}
			<TextField name="title" label={labels.title} hint={t('comments.new.titleHint')} error={errors.title} register={register} />
			{editing && !proceeding ? (
				<>
					<input type="hidden" {...register('documentId')} />
					<p>{t('comments.edit.onDocument', { document: editing.documentId ?? '' })}</p>
				</>
			) : proceeding ? (
				<p>{t('comments.new.onProceeding', { title: proceeding.title, body: proceeding.bodyName ?? '' })}</p>
			) : (
				<TextField
					name="documentId"
					label={labels.documentId}
					hint={t('comments.new.documentIdHint')}
					error={errors.documentId}
					register={register}
				/>
			)}
			<TextAreaField
				name="talkingPoints"
				label={labels.talkingPoints}
				hint={t('comments.new.talkingPointsHint')}
				error={errors.talkingPoints}
				register={register}
				rows={6}
			/>
			<TextAreaField
				name="template"
				label={labels.template}
				hint={t('comments.new.templateHint')}
				error={errors.template}
				register={register}
				rows={8}
			/>
			<fieldset className="space-y-4">
				<legend className="text-xl font-bold">{t('comments.new.rules')}</legend>
				<p className="text-sm text-ink-muted">{t('comments.new.rulesHint', { zone: timeZone })}</p>
				<div className="flex flex-wrap gap-4">
					<TextField name="deadlineDate" type="date" label={labels.deadlineDate} error={errors.deadlineDate} register={register} />
					<TextField name="deadlineTime" type="time" label={labels.deadlineTime} error={errors.deadlineTime} register={register} />
				</div>
				<div className="flex flex-wrap gap-4">
					<TextField name="maxChars" inputMode="numeric" label={labels.maxChars} error={errors.maxChars} register={register} />
					<TextField name="minChars" inputMode="numeric" label={labels.minChars} error={errors.minChars} register={register} />
				</div>
				<CheckboxField name="requireAddress" label={t('comments.new.requireAddress')} register={register} />
				<CheckboxField name="requirePostalCode" label={t('comments.new.requirePostalCode')} register={register} />
				<CheckboxField name="requireOrganization" label={t('comments.new.requireOrganization')} register={register} />
				<CheckboxField name="anonymousAllowed" label={t('comments.new.anonymousAllowed')} register={register} />
			</fieldset>
			<fieldset className="space-y-4">
				<legend className="text-xl font-bold">{t('comments.new.delivery')}</legend>
				<SelectField
					name="channel"
					label={labels.channel}
					hint={t('comments.new.channelHint')}
					error={errors.channel}
					register={register}
					options={channels}
				/>
				<TextField
					name="handOffUrl"
					type="url"
					label={labels.handOffUrl}
					hint={t('comments.new.handOffUrlHint')}
					error={errors.handOffUrl}
					register={register}
				/>
				{editing ? (
					<>
						{editing.signOn ? <input type="hidden" {...register('signOn')} /> : null}
						<p>{editing.signOn ? t('comments.edit.signOn') : t('comments.edit.notSignOn')}</p>
					</>
				) : (
					<CheckboxField name="signOn" label={t('comments.new.signOn')} hint={t('comments.new.signOnHint')} register={register} />
				)}
			</fieldset>
			<SubmitButton>{editing ? t('comments.edit.submit') : t('comments.new.submit')}</SubmitButton>
		</Form>
	)
}
