import { Form, Link } from '@remix-run/react'
import { Notice } from '#app/components/choice-field'
import { ErrorSummary, SubmitButton, TextField, useValidatedForm, type ActionFailure } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { formatDateTime, t } from '#app/i18n/i18n'
import type { CampaignPage } from './campaigns.server'
import type { SheetDetail, SheetRepeat, SheetRow } from './paper-correction.server'
import { rowCorrectionSchema, sheetCorrectionSchema } from './schemas'
import { ScrollRegion } from './scroll-region'

// Correcting one paper sheet (managers only): the sheet's own fields, then
// each named row as its own small form, the repeats as they stand now, and
// the log of every change made to the sheet.

export const sheetIntent = { sheet: 'sheet', row: 'row' } as const

type Failure = { errors?: Record<string, string>; values?: Record<string, string> } | undefined

function failureFor(actionData: Failure, intent: string, signerId?: string): ActionFailure {
	if (actionData?.values?.intent !== intent) return undefined
	if (signerId && actionData.values.signerId !== signerId) return undefined
	return actionData
}

const sheetLabels = {
	circulator: t('campaign.paper.circulator'),
	collectedOn: t('campaign.paper.collectedOn'),
	town: t('campaign.paper.town'),
	sheetNumber: t('campaign.paper.sheetNumber'),
	count: t('campaign.sheet.count'),
}

const rowLabels = {
	name: t('campaign.sheet.row.name'),
	address: t('campaign.sheet.row.address'),
	postalCode: t('campaign.sheet.row.postalCode'),
}

/** The log names columns; the page names them as the forms do. */
const fieldLabels: Record<string, string> = {
	circulator: sheetLabels.circulator,
	collected_on: sheetLabels.collectedOn,
	town: sheetLabels.town,
	sheet_number: sheetLabels.sheetNumber,
	signature_count: sheetLabels.count,
	name: rowLabels.name,
	address: rowLabels.address,
	postal_code: rowLabels.postalCode,
}

function SheetForm({ sheet, actionData }: { sheet: SheetDetail; actionData: Failure }) {
	const { register, errors, onSubmit } = useValidatedForm(sheetCorrectionSchema, failureFor(actionData, sheetIntent.sheet), {
		circulator: sheet.circulator,
		collectedOn: sheet.collectedOn,
		town: sheet.town,
		sheetNumber: sheet.sheetNumber,
		count: String(sheet.count),
	})
	return (
		<section aria-labelledby="sheet-fields-heading" className="space-y-4">
			<h2 id="sheet-fields-heading" className="text-2xl font-bold">
				{t('campaign.sheet.fields.heading')}
			</h2>
			<ErrorSummary errors={errors} labels={sheetLabels} />
			<Form method="post" noValidate onSubmit={onSubmit} className="max-w-2xl space-y-5">
				<input type="hidden" name="intent" value={sheetIntent.sheet} />
				<TextField name="circulator" label={sheetLabels.circulator} error={errors.circulator} register={register} />
				<div className="grid gap-5 sm:grid-cols-2">
					<TextField name="collectedOn" type="date" label={sheetLabels.collectedOn} error={errors.collectedOn} register={register} />
					<TextField name="town" label={sheetLabels.town} error={errors.town} register={register} />
				</div>
				<div className="grid gap-5 sm:grid-cols-2">
					<TextField name="sheetNumber" label={sheetLabels.sheetNumber} error={errors.sheetNumber} register={register} />
					<TextField
						name="count"
						inputMode="numeric"
						label={sheetLabels.count}
						hint={sheet.rows.length ? t('campaign.sheet.count.hint', { count: sheet.rows.length }) : undefined}
						error={errors.count}
						register={register}
					/>
				</div>
				<SubmitButton>{t('campaign.sheet.fields.submit')}</SubmitButton>
			</Form>
		</section>
	)
}

function RowForm({ row, repeat, actionData }: { row: SheetRow; repeat: SheetRepeat | undefined; actionData: Failure }) {
	const { register, errors, onSubmit } = useValidatedForm(rowCorrectionSchema, failureFor(actionData, sheetIntent.row, row.id), {
		signerId: row.id,
		name: row.name,
		address: row.address,
		postalCode: row.postalCode,
	})
	const prefix = `row-${row.id}`
	const labels = rowLabels
	const prefixed = (record: Record<string, string>) =>
		Object.fromEntries(Object.entries(record).map(([key, value]) => [key === 'form' ? key : `${prefix}-${key}`, value]))
	return (
		<li id={prefix} className="space-y-3 border-t border-line pt-4">
			<h3 className="font-bold">{t('campaign.sheet.row.heading', { line: row.line })}</h3>
			{repeat ? (
				<p className="font-semibold">
					{repeat.matched === 'online'
						? t('campaign.paper.duplicates.online', { name: repeat.matchedName })
						: t('campaign.paper.duplicates.paper', { name: repeat.matchedName })}
				</p>
			) : null}
			<ErrorSummary errors={prefixed(errors)} labels={prefixed(labels)} />
			<Form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
				<input type="hidden" name="intent" value={sheetIntent.row} />
				<input type="hidden" name="signerId" value={row.id} />
				<div className="grid gap-4 sm:grid-cols-[2fr_3fr_1fr]">
					<TextField name="name" id={`${prefix}-name`} label={labels.name} error={errors.name} register={register} />
					<TextField name="address" id={`${prefix}-address`} label={labels.address} error={errors.address} register={register} />
					<TextField
						name="postalCode"
						id={`${prefix}-postalCode`}
						inputMode="numeric"
						label={labels.postalCode}
						error={errors.postalCode}
						register={register}
					/>
				</div>
				<SubmitButton>{t('campaign.sheet.row.submit', { line: row.line })}</SubmitButton>
			</Form>
		</li>
	)
}

export function SheetCorrectionPage({
	campaign,
	sheet,
	actionData,
	saved,
}: {
	campaign: CampaignPage
	sheet: SheetDetail
	actionData: Failure
	saved: 'sheet' | 'row' | null
}) {
	const repeatOf = new Map(sheet.repeats.map((repeat) => [repeat.signerId, repeat]))
	return (
		<div className="space-y-10">
			<div className="space-y-3">
				<PageHeading lead={t('campaign.sheet.lead')}>
					{t('campaign.sheet.heading', { circulator: sheet.circulator, town: sheet.town })}
				</PageHeading>
				<p>
					<Link to={`/campaigns/${campaign.slug}/paper`}>{t('campaign.sheet.back', { name: campaign.name })}</Link>
				</p>
				{saved ? (
					<Notice>
						{saved === 'sheet' ? t('campaign.sheet.saved') : t('campaign.sheet.rowSaved')}{' '}
						{sheet.repeats.length ? t('campaign.sheet.repeats', { count: sheet.repeats.length }) : t('campaign.sheet.noRepeats')}
					</Notice>
				) : null}
			</div>
			<SheetForm sheet={sheet} actionData={actionData} />
			<section aria-labelledby="rows-heading" className="space-y-4">
				<h2 id="rows-heading" className="text-2xl font-bold">
					{t('campaign.sheet.rows.heading')}
				</h2>
				{sheet.rows.length ? (
					<>
						<p className="max-w-prose">{t('campaign.sheet.rows.lead')}</p>
						<ol className="max-w-3xl space-y-6">
							{sheet.rows.map((row) => (
								<RowForm key={row.id} row={row} repeat={repeatOf.get(row.id)} actionData={actionData} />
							))}
						</ol>
					</>
				) : (
					<p>{t('campaign.sheet.rows.none')}</p>
				)}
			</section>
			<section aria-labelledby="changes-heading" className="space-y-4">
				<h2 id="changes-heading" className="text-2xl font-bold">
					{t('campaign.sheet.changes.heading')}
				</h2>
				{sheet.changes.length ? (
					<ScrollRegion label={t('campaign.sheet.changes.caption')}>
						<table className="w-full border-collapse text-left text-sm">
							<caption className="sr-only">{t('campaign.sheet.changes.caption')}</caption>
							<thead>
								<tr>
									<th scope="col" className="border-b border-line py-2 pr-4">
										{t('campaign.sheet.changes.when')}
									</th>
									<th scope="col" className="border-b border-line py-2 pr-4">
										{t('campaign.sheet.changes.who')}
									</th>
									<th scope="col" className="border-b border-line py-2">
										{t('campaign.sheet.changes.what')}
									</th>
								</tr>
							</thead>
							<tbody>
								{sheet.changes.map((change) => (
									<tr key={change.id} className="align-top">
										<td className="border-b border-line py-2 pr-4">{formatDateTime(change.at, 'America/New_York')}</td>
										<td className="border-b border-line py-2 pr-4">{change.actor || t('campaign.sheet.changes.someone')}</td>
										<td className="border-b border-line py-2">
											<p>
												{change.action === 'row.corrected' && change.line !== null
													? t('campaign.sheet.changes.row', { line: change.line })
													: t('campaign.sheet.changes.sheet')}
											</p>
											<ul className="list-disc pl-5">
												{change.fields.map((field) => (
													<li key={field.field}>
														{t('campaign.sheet.changes.field', {
															field: fieldLabels[field.field] ?? field.field,
															before: field.before || '—',
															after: field.after || '—',
														})}
													</li>
												))}
											</ul>
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</ScrollRegion>
				) : (
					<p>{t('campaign.sheet.changes.none')}</p>
				)}
			</section>
		</div>
	)
}
