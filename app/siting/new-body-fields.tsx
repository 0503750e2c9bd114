import { Link } from '@remix-run/react'
import { CheckboxField, SelectField, TextField, type RegisteredField } from '#app/components/forms'
import { t } from '#app/i18n/i18n'
import { BODY_KINDS, BODY_TIME_ZONES } from './edit-schemas'

type Labels = Record<
	'bodyName' | 'bodyKind' | 'bodyPlace' | 'bodyPlaceId' | 'bodyTimeZone' | 'bodyWebsite' | 'bodyEmail' | 'bodyPhone' | 'differentBody',
	string
>

/**
 * The proceeding form's description of a body not on the list. Always in the
 * page (the form works without JavaScript); read only when "A body not on
 * this list" is chosen.
 */
export function NewBodyFields({
	register,
	errors,
	labels,
	choices,
	duplicate,
}: {
	register: (name: string) => RegisteredField
	errors: Record<string, string>
	labels: Labels
	choices: Array<{ id: number; label: string }>
	duplicate: { slug: string; name: string } | null
}) {
	return (
		<fieldset className="space-y-4 rounded-md border border-line p-4">
			<legend className="px-1 text-lg font-bold">{t('bodyEdit.heading')}</legend>
			<p className="text-ink-muted">{t('bodyEdit.lead')}</p>
			<TextField name="bodyName" label={labels.bodyName} hint={t('bodyEdit.field.name.hint')} error={errors.bodyName} register={register} />
			{duplicate ? (
				<p>
					<Link to={`/bodies/${duplicate.slug}`} className="font-semibold">
						{t('bodyEdit.duplicate.link', { name: duplicate.name })}
					</Link>
				</p>
			) : null}
			{duplicate || errors.differentBody ? <CheckboxField name="differentBody" label={labels.differentBody} register={register} /> : null}
			<SelectField
				name="bodyKind"
				label={labels.bodyKind}
				error={errors.bodyKind}
				register={register}
				options={BODY_KINDS.map((kind) => ({ value: kind, label: t(`body.kind.${kind}`) }))}
			/>
			<TextField
				name="bodyPlace"
				label={labels.bodyPlace}
				hint={t('bodyEdit.field.place.hint')}
				error={errors.bodyPlace}
				register={register}
			/>
			{choices.length ? (
				<SelectField
					name="bodyPlaceId"
					label={labels.bodyPlaceId}
					error={errors.bodyPlaceId}
					register={register}
					options={choices.map((choice) => ({ value: String(choice.id), label: choice.label }))}
				/>
			) : null}
			<SelectField
				name="bodyTimeZone"
				label={labels.bodyTimeZone}
				error={errors.bodyTimeZone}
				register={register}
				options={BODY_TIME_ZONES.map((zone) => ({ value: zone, label: t(`timeZone.${zone}`) }))}
			/>
			<TextField name="bodyWebsite" label={labels.bodyWebsite} type="url" error={errors.bodyWebsite} register={register} />
			<TextField name="bodyEmail" label={labels.bodyEmail} type="email" error={errors.bodyEmail} register={register} />
			<TextField name="bodyPhone" label={labels.bodyPhone} type="tel" error={errors.bodyPhone} register={register} />
		</fieldset>
	)
}
