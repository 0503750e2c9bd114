import { Form, Link } from '@remix-run/react'
import { CheckboxField, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField, useValidatedForm } from '#app/components/forms'
import { t } from '#app/i18n/i18n'
import { fieldLabel, PROJECT_FIELDS, projectFormSchema, STATUSES, type ProjectField } from './edit-schemas'

export type ProjectFormData =
	| {
			errors?: Record<string, string>
			values?: Record<string, string>
			choices?: Array<{ id: number; label: string }>
			duplicate?: { slug: string; name: string }
	  }
	| undefined

type Column = (typeof PROJECT_FIELDS)[number]['column']

const SECTIONS: Array<{ heading: Parameters<typeof t>[0]; lead?: Parameters<typeof t>[0]; columns: Column[] }> = [
	{
		heading: 'projectEdit.section.who',
		columns: ['name', 'developer', 'end_user', 'end_user_undisclosed', 'nda_parties', 'nda_signed_on', 'nda_term_months'],
	},
	{ heading: 'projectEdit.section.where', columns: ['locality', 'address', 'parcel'] },
	{
		heading: 'projectEdit.section.figures',
		lead: 'projectEdit.section.figures.lead',
		columns: [
			'megawatts',
			'acres',
			'building_sq_ft',
			'water_gallons_per_day',
			'water_source',
			'generator_count',
			'generator_fuel',
			'generator_tier',
			'abatement_usd',
			'abatement_years',
			'investment_usd',
			'jobs_promised',
		],
	},
	{ heading: 'projectEdit.section.power', columns: ['power_utility', 'power_infrastructure', 'status_unverified'] },
]

const byColumn = new Map<string, ProjectField>(PROJECT_FIELDS.map((field) => [field.column, field]))

/** The project's record as a form: propose a new project, or change one. */
export function ProjectForm({
	actionData,
	defaults,
	submitLabel,
}: {
	actionData: ProjectFormData
	defaults: Record<string, string>
	submitLabel: string
}) {
	const { register, errors, onSubmit } = useValidatedForm(projectFormSchema, actionData, defaults)
	const labels: Record<string, string> = Object.fromEntries(
		[...PROJECT_FIELDS.map((field) => field.column), 'status', 'place', 'placeId', 'sourceUrl', 'note', 'differentProject'].map(
			(column) => [column, fieldLabel(column)],
		),
	)
	for (const field of PROJECT_FIELDS)
		if ('figure' in field) labels[`${field.column}_source`] = `${fieldLabel(field.column)}: ${t('projectEdit.field.figureSource')}`
	const choices = actionData?.choices ?? []
	const duplicate = actionData?.duplicate
	function renderField(column: Column) {
		const field = byColumn.get(column)
		if (!field) return null
		if (field.kind === 'boolean') return <CheckboxField key={column} name={column} label={fieldLabel(column)} register={register} />
		const input =
			column === 'power_infrastructure' ? (
				<TextAreaField name={column} label={fieldLabel(column)} rows={3} error={errors[column]} register={register} />
			) : (
				<TextField
					name={column}
					label={fieldLabel(column)}
					hint={
						column === 'name'
							? t('projectEdit.field.name.hint')
							: column === 'end_user'
								? t('projectEdit.field.end_user.hint')
								: column === 'nda_signed_on'
									? t('projectEdit.field.nda_signed_on.hint')
									: undefined
					}
					inputMode={field.kind === 'number' ? (field.decimals ? 'decimal' : 'numeric') : undefined}
					error={errors[column]}
					register={register}
				/>
			)
		if (!('figure' in field)) return <div key={column}>{input}</div>
		return (
			<fieldset key={column} className="space-y-3 rounded-md border border-line p-3">
				<legend className="px-1 font-semibold">{fieldLabel(column)}</legend>
				{input}
				<TextField
					name={`${column}_source`}
					label={t('projectEdit.field.figureSource')}
					hint={t('projectEdit.field.figureSource.hint')}
					type="url"
					inputMode="url"
					error={errors[`${column}_source`]}
					register={register}
				/>
				<CheckboxField name={`${column}_unverified`} label={t('projectEdit.field.figureUnverified')} register={register} />
			</fieldset>
		)
	}
	return (
		<Form method="post" noValidate onSubmit={onSubmit} className="max-w-2xl space-y-8">
			<ErrorSummary errors={errors} labels={labels} />
			{duplicate ? (
				<div role="status" className="space-y-2 rounded-md border-2 border-alert bg-alert-soft p-4">
					<p className="font-semibold">{errors.differentProject}</p>
					<p>
						<Link to={`/projects/${duplicate.slug}`}>{duplicate.name}</Link>
					</p>
					<p>{t('projectEdit.error.duplicateHint')}</p>
					<CheckboxField name="differentProject" label={t('projectEdit.field.differentProject')} register={register} />
				</div>
			) : null}
			{SECTIONS.map((section) => (
				<section key={section.heading} className="space-y-4">
					<h2 className="text-xl font-bold">{t(section.heading)}</h2>
					{section.lead ? <p className="text-ink-muted">{t(section.lead)}</p> : null}
					{section.heading === 'projectEdit.section.where' ? (
						<>
							<TextField
								name="place"
								label={fieldLabel('place')}
								hint={t('projectEdit.field.place.hint')}
								error={errors.place}
								register={register}
							/>
							{choices.length ? (
								<SelectField
									name="placeId"
									label={fieldLabel('placeId')}
									error={errors.placeId}
									register={register}
									options={choices.map((choice) => ({ value: String(choice.id), label: choice.label }))}
								/>
							) : (
								<input type="hidden" {...register('placeId')} />
							)}
						</>
					) : null}
					{section.heading === 'projectEdit.section.power' ? (
						<SelectField
							name="status"
							label={fieldLabel('status')}
							error={errors.status}
							register={register}
							options={STATUSES.map((status) => ({ value: status, label: t(`project.status.${status}`) }))}
						/>
					) : null}
					{section.columns.map(renderField)}
				</section>
			))}
			<section className="space-y-4">
				<h2 className="text-xl font-bold">{t('projectEdit.section.source')}</h2>
				<TextField
					name="sourceUrl"
					label={t('projectEdit.field.sourceUrl')}
					hint={t('projectEdit.field.sourceUrl.hint')}
					type="url"
					inputMode="url"
					error={errors.sourceUrl}
					register={register}
				/>
				<TextAreaField name="note" label={t('projectEdit.field.note')} rows={3} error={errors.note} register={register} />
			</section>
			<SubmitButton>{submitLabel}</SubmitButton>
		</Form>
	)
}
