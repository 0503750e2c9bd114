import { Form, Link } from '@remix-run/react'
import { ChoiceField, Notice } from '#app/components/choice-field'
import { CheckboxField, ErrorSummary, SubmitButton, TextAreaField, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { t } from '#app/i18n/i18n'
import { formatCivilDate } from '#app/siting/clock-format'
import type { CampaignPage } from './campaigns.server'
import { parseSheet } from './paper'
import type { PaperSummary, PaperTotal } from './paper.server'
import { paperBatchSchema } from './schemas'
import { ScrollRegion } from './scroll-region'

type Failure = { errors?: Record<string, string>; values?: Record<string, string> } | undefined

const labels = {
	circulator: t('campaign.paper.circulator'),
	collectedOn: t('campaign.paper.collectedOn'),
	town: t('campaign.paper.town'),
	sheetNumber: t('campaign.paper.sheetNumber'),
	mode: t('campaign.paper.mode'),
	count: t('campaign.paper.count'),
	names: t('campaign.paper.names'),
	unreadableCount: t('campaign.paper.unreadableCount'),
}

function TotalsTable({ caption, heading, rows }: { caption: string; heading: string; rows: PaperTotal[] }) {
	return (
		<table className="w-full border-collapse text-left">
			<caption className="mb-2 text-left text-lg font-bold">{caption}</caption>
			<thead>
				<tr>
					<th scope="col" className="border-b border-line py-2 pr-4">
						{heading}
					</th>
					<th scope="col" className="border-b border-line py-2 pr-4 text-right">
						{t('campaign.paper.totals.sheets')}
					</th>
					<th scope="col" className="border-b border-line py-2 text-right">
						{t('campaign.paper.totals.signatures')}
					</th>
				</tr>
			</thead>
			<tbody>
				{rows.map((row) => (
					<tr key={row.label}>
						<th scope="row" className="border-b border-line py-2 pr-4 font-normal">
							{row.label}
						</th>
						<td className="border-b border-line py-2 pr-4 text-right">{row.sheets}</td>
						<td className="border-b border-line py-2 text-right font-semibold">{row.signatures}</td>
					</tr>
				))}
			</tbody>
		</table>
	)
}

/** The managers' list of sheets, each with a link to correct it. */
function SheetsTable({ campaign, summary }: { campaign: CampaignPage; summary: PaperSummary }) {
	const cell = 'border-b border-line py-2 pr-4'
	return (
		<section aria-labelledby="sheets-heading" className="space-y-4">
			<h2 id="sheets-heading" className="text-2xl font-bold">
				{t('campaign.paper.sheets.heading')}
			</h2>
			<ScrollRegion label={t('campaign.paper.sheets.caption')}>
				<table className="w-full border-collapse text-left">
					<caption className="sr-only">{t('campaign.paper.sheets.caption')}</caption>
					<thead>
						<tr>
							<th scope="col" className={cell}>
								{t('campaign.paper.sheets.sheet')}
							</th>
							<th scope="col" className={`${cell} text-right`}>
								{t('campaign.paper.sheets.count')}
							</th>
							<th scope="col" className="border-b border-line py-2">
								<span className="sr-only">{t('campaign.paper.sheets.correct')}</span>
							</th>
						</tr>
					</thead>
					<tbody>
						{summary.recent.map((sheet) => (
							<tr key={sheet.id} className="align-top">
								<th scope="row" className={`${cell} font-normal`}>
									{sheet.circulator}, {sheet.town}
									<span className="block text-sm text-ink-muted">
										{formatCivilDate(sheet.collectedOn)}
										{sheet.sheetNumber ? ` · ${sheet.sheetNumber}` : ''}
									</span>
								</th>
								<td className={`${cell} text-right`}>{sheet.count}</td>
								<td className="border-b border-line py-2">
									<Link
										to={`/campaigns/${campaign.slug}/paper/${sheet.id}`}
										aria-label={t('campaign.paper.sheets.correctLabel', {
											circulator: sheet.circulator,
											town: sheet.town,
											date: formatCivilDate(sheet.collectedOn),
										})}
									>
										{t('campaign.paper.sheets.correct')}
									</Link>
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</ScrollRegion>
			{summary.sheets > summary.recent.length ? <p className="text-sm">{t('campaign.paper.sheets.more')}</p> : null}
		</section>
	)
}

export function PaperPage({
	campaign,
	summary,
	actionData,
	saved,
	today,
}: {
	campaign: CampaignPage
	summary: PaperSummary
	actionData: Failure
	saved: { count: number; unreadable: number } | null
	today: string
}) {
	const { register, errors, onSubmit } = useValidatedForm(paperBatchSchema, actionData, { mode: 'names', collectedOn: today })
	const typed = actionData?.values?.names ?? ''
	const unreadable = actionData?.errors?.names && typed ? parseSheet(typed).unreadable : []
	return (
		<div className="space-y-10">
			<div className="space-y-3">
				<PageHeading lead={t('campaign.paper.lead')}>{t('campaign.paper.heading')}</PageHeading>
				<p>
					<Link to={`/campaigns/${campaign.slug}`}>{campaign.name}</Link>
				</p>
				{saved ? (
					<Notice>
						{saved.unreadable
							? t('campaign.paper.savedUnreadable', { count: saved.count, unreadable: saved.unreadable })
							: t('campaign.paper.saved', { count: saved.count })}
					</Notice>
				) : null}
			</div>

			<section aria-labelledby="sheet-heading" className="space-y-4">
				<h2 id="sheet-heading" className="text-2xl font-bold">
					{t('campaign.paper.form.heading')}
				</h2>
				<ErrorSummary errors={errors} labels={labels} />
				{unreadable.length ? (
					<div className="space-y-2 rounded-md border-2 border-alert p-4">
						<h3 className="font-bold">{t('campaign.paper.unreadable.heading', { count: unreadable.length })}</h3>
						<p>{t('campaign.paper.unreadable.lead')}</p>
						<ul className="list-disc pl-5">
							{unreadable.map((row) => (
								<li key={row.line}>{t('campaign.paper.unreadable.line', { line: row.line, text: row.text })}</li>
							))}
						</ul>
					</div>
				) : null}
				<Form method="post" noValidate onSubmit={onSubmit} className="max-w-2xl space-y-5">
					<TextField
						name="circulator"
						label={labels.circulator}
						hint={t('campaign.paper.circulator.hint')}
						error={errors.circulator}
						register={register}
					/>
					<div className="grid gap-5 sm:grid-cols-2">
						<TextField name="collectedOn" type="date" label={labels.collectedOn} error={errors.collectedOn} register={register} />
						<TextField name="town" label={labels.town} error={errors.town} register={register} />
					</div>
					<TextField name="sheetNumber" label={labels.sheetNumber} error={errors.sheetNumber} register={register} />
					<ChoiceField
						name="mode"
						legend={labels.mode}
						error={errors.mode}
						register={register}
						options={[
							{ value: 'names', label: t('campaign.paper.mode.names') },
							{ value: 'count', label: t('campaign.paper.mode.count') },
						]}
					/>
					<TextField name="count" inputMode="numeric" label={labels.count} error={errors.count} register={register} />
					<TextAreaField
						name="names"
						label={labels.names}
						hint={t('campaign.paper.names.hint')}
						error={errors.names}
						register={register}
						rows={8}
					/>
					<TextField
						name="unreadableCount"
						inputMode="numeric"
						label={labels.unreadableCount}
						error={errors.unreadableCount}
						register={register}
					/>
					{unreadable.length ? <CheckboxField name="saveReadable" label={t('campaign.paper.saveReadable')} register={register} /> : null}
					<SubmitButton>{t('campaign.paper.submit')}</SubmitButton>
				</Form>
			</section>

			<section aria-labelledby="totals-heading" className="space-y-4">
				<h2 id="totals-heading" className="text-2xl font-bold">
					{t('campaign.paper.totals.heading')}
				</h2>
				{!campaign.viewer.canManage ? <p>{t('campaign.paper.totals.own')}</p> : null}
				{summary.sheets ? (
					<div className="grid gap-6 md:grid-cols-2">
						<TotalsTable
							caption={t('campaign.paper.totals.byCirculator')}
							heading={t('campaign.paper.totals.circulator')}
							rows={summary.byCirculator}
						/>
						<TotalsTable caption={t('campaign.paper.totals.byTown')} heading={t('campaign.paper.totals.town')} rows={summary.byTown} />
					</div>
				) : (
					<p>{t('campaign.paper.totals.none')}</p>
				)}
			</section>

			{campaign.viewer.canManage && summary.recent.length ? <SheetsTable campaign={campaign} summary={summary} /> : null}

			{campaign.viewer.canManage ? (
				<section aria-labelledby="repeats-heading" className="space-y-4">
					<h2 id="repeats-heading" className="text-2xl font-bold">
						{t('campaign.paper.duplicates.heading')}
					</h2>
					<p className="max-w-prose">{t('campaign.paper.duplicates.lead')}</p>
					{summary.matches.length ? (
						<ScrollRegion label={t('campaign.paper.duplicates.caption')}>
							<table className="w-full border-collapse text-left">
								<caption className="sr-only">{t('campaign.paper.duplicates.caption')}</caption>
								<thead>
									<tr>
										<th scope="col" className="border-b border-line py-2 pr-4">
											{t('campaign.paper.duplicates.row')}
										</th>
										<th scope="col" className="border-b border-line py-2">
											{t('campaign.paper.duplicates.matches')}
										</th>
									</tr>
								</thead>
								<tbody>
									{summary.matches.map((match) => (
										<tr key={match.signerId} className="align-top">
											<th scope="row" className="border-b border-line py-2 pr-4 font-normal">
												<strong>{match.name}</strong>, {match.address}
												<span className="block text-sm text-ink-muted">
													{t('campaign.paper.duplicates.where', { circulator: match.circulator, line: match.line })}
												</span>
												<Link className="text-sm" to={`/campaigns/${campaign.slug}/paper/${match.batchId}#row-${match.signerId}`}>
													{t('campaign.paper.duplicates.correct')}
												</Link>
											</th>
											<td className="border-b border-line py-2">
												{match.matched === 'online'
													? t('campaign.paper.duplicates.online', { name: match.matchedName })
													: t('campaign.paper.duplicates.paper', { name: match.matchedName })}
											</td>
										</tr>
									))}
								</tbody>
							</table>
						</ScrollRegion>
					) : (
						<p>{t('campaign.paper.duplicates.none')}</p>
					)}
				</section>
			) : null}
		</div>
	)
}
