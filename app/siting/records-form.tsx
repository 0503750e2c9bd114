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
import { RECORDS_STATUSES, recordsRequestSchema } from './community-schemas'
import { DeadlineText } from './community-views'
import type { RecordsContext } from './records.server'

const labels = {
	bodyName: t('records.form.bodyName'),
	askedFor: t('records.form.askedFor'),
	sentOn: t('records.form.sentOn'),
	chapterId: t('records.form.chapterId'),
	status: t('records.form.status'),
	outcome: t('records.form.outcome'),
	documents: t('records.form.documents'),
}

/** Tracking a records request: the same fields for a new one and an update. */
export function RecordsRequestForm({
	context,
	actionData,
	defaults,
	today,
}: {
	context: Pick<RecordsContext, 'rule' | 'chapters' | 'stateName'>
	actionData: ActionFailure
	defaults: Record<string, string>
	today: string
}) {
	const { register, errors, onSubmit } = useValidatedForm(recordsRequestSchema, actionData, defaults)
	return (
		<div className="max-w-2xl space-y-6">
			<p className="rounded-md bg-paper-sunk p-3">
				{t('records.rule', { state: context.stateName, rule: '' })}
				<DeadlineText deadline={context.rule ? { kind: 'not-sent', rule: context.rule } : { kind: 'no-rule' }} today={today} />
				{context.rule?.notes ? <span className="block text-sm text-ink-muted">{context.rule.notes}</span> : null}
			</p>
			<ErrorSummary errors={errors} labels={labels} />
			<Form method="post" noValidate onSubmit={onSubmit} className="space-y-6">
				<TextField
					name="bodyName"
					label={labels.bodyName}
					hint={t('records.form.bodyName.hint')}
					error={errors.bodyName}
					register={register}
				/>
				<TextAreaField
					name="askedFor"
					label={labels.askedFor}
					hint={t('records.form.askedFor.hint')}
					error={errors.askedFor}
					register={register}
					rows={5}
				/>
				<TextField
					name="sentOn"
					type="date"
					label={labels.sentOn}
					hint={t('records.form.sentOn.hint')}
					error={errors.sentOn}
					register={register}
				/>
				<SelectField
					name="status"
					label={labels.status}
					error={errors.status}
					register={register}
					options={RECORDS_STATUSES.map((status) => ({ value: status, label: t(`records.status.${status}`) }))}
				/>
				{context.chapters.length ? (
					<SelectField
						name="chapterId"
						label={labels.chapterId}
						error={errors.chapterId}
						register={register}
						options={[
							{ value: '', label: t('records.form.chapter.none') },
							...context.chapters.map((chapter) => ({ value: chapter.id, label: chapter.name })),
						]}
					/>
				) : null}
				<TextAreaField
					name="outcome"
					label={labels.outcome}
					hint={t('records.form.outcome.hint')}
					error={errors.outcome}
					register={register}
					rows={3}
				/>
				<TextAreaField
					name="documents"
					label={labels.documents}
					hint={t('records.form.documents.hint')}
					error={errors.documents}
					register={register}
					rows={4}
				/>
				<SubmitButton>{t('records.form.submit')}</SubmitButton>
			</Form>
		</div>
	)
}
