import { Form, Link } from '@remix-run/react'
import { useState } from 'react'
import { Notice } from '#app/components/choice-field'
import { ErrorSummary, SubmitButton, TextAreaField, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { formatDateTime, t } from '#app/i18n/i18n'
import { handOffSchema, reportByTokenSchema } from './schemas'

// What a comment's own link shows its writer: the comment, where each
// delivery stands (pending, sent, with its receipt), the hand-off for bodies
// that only take their own form, and "this was not me".

export type OwnCommentView = {
	token: string
	name: string
	body: string
	status: 'unconfirmed' | 'confirmed' | 'held' | 'withdrawn' | 'removed'
	confirmedAt: string | null
	deliveries: Array<{ kind: string | null; status: string | null; receipt: string | null; deliveredAt: string | null }>
	drive: { slug: string; title: string; bodyName: string; timeZone: string; handOffUrl: string | null; offersHandOff: boolean }
}

type Failure = { errors?: Record<string, string>; values?: Record<string, string>; form?: string } | undefined

export function OwnComment({ view, notice, actionData }: { view: OwnCommentView; notice: string | null; actionData: Failure }) {
	const [copied, setCopied] = useState(false)
	const handOff = view.deliveries.find((delivery) => delivery.kind === 'hand_off')
	const posted = view.deliveries.find((delivery) => delivery.kind !== 'hand_off' && delivery.status === 'delivered')
	const showHandOff =
		view.status === 'confirmed' && view.drive.offersHandOff && view.drive.handOffUrl && !posted && handOff?.status !== 'delivered'
	return (
		<div className="max-w-prose space-y-8">
			<PageHeading lead={t('comments.mine.lead', { title: view.drive.title })}>{t('comments.mine.heading')}</PageHeading>
			{notice ? <Notice>{notice}</Notice> : null}
			<section className="space-y-2">
				<h2 className="text-xl font-bold">{t('comments.mine.status')}</h2>
				<p data-testid="comment-status">{t(`comments.mine.status.${view.status}`, { body: view.drive.bodyName })}</p>
				{view.confirmedAt ? (
					<p className="text-sm text-ink-muted">
						{t('comments.mine.confirmedAt', { when: formatDateTime(view.confirmedAt, view.drive.timeZone) })}
					</p>
				) : null}
				{view.deliveries.length > 0 ? (
					<ul className="list-disc pl-5" data-testid="deliveries">
						{view.deliveries.map((delivery, index) => (
							<li key={index}>
								{t(`comments.delivery.kind.${delivery.kind ?? 'email'}` as 'comments.delivery.kind.email')}:{' '}
								{t(`comments.delivery.status.${delivery.status ?? 'pending'}` as 'comments.delivery.status.pending')}
								{delivery.receipt && delivery.kind !== 'email' && delivery.kind !== 'email_packet'
									? ` — ${t('comments.delivery.receipt', { receipt: delivery.receipt })}`
									: ''}
								{delivery.deliveredAt ? ` (${formatDateTime(delivery.deliveredAt, view.drive.timeZone)})` : ''}
							</li>
						))}
					</ul>
				) : null}
			</section>
			<section className="space-y-2">
				<h2 className="text-xl font-bold">{t('comments.mine.text')}</h2>
				<p className="rounded-md border border-ink-muted bg-paper-raised p-4 whitespace-pre-wrap" id="comment-text">
					{view.body}
				</p>
			</section>
			{showHandOff && view.drive.handOffUrl ? (
				<section className="space-y-3" id="hand-off">
					<h2 className="text-xl font-bold">{t('comments.handOff.heading')}</h2>
					<ol className="list-decimal space-y-1 pl-5">
						<li>{t('comments.handOff.step.copy')}</li>
						<li>
							{t('comments.handOff.step.open')}{' '}
							<a href={view.drive.handOffUrl} target="_blank" rel="noreferrer noopener">
								{t('comments.handOff.open', { body: view.drive.bodyName })}
							</a>
						</li>
						<li>{t('comments.handOff.step.done')}</li>
					</ol>
					<label htmlFor="copy-text" className="block font-semibold">
						{t('comments.handOff.copyLabel')}
					</label>
					<textarea
						id="copy-text"
						readOnly
						rows={8}
						className="w-full rounded-md border border-ink-muted bg-paper-raised px-3 py-2"
						value={view.body}
					/>
					<button
						type="button"
						className="inline-flex min-h-11 items-center rounded-md border-2 border-action px-4 font-semibold text-action"
						onClick={() => {
							void navigator.clipboard?.writeText(view.body).then(() => setCopied(true))
						}}
					>
						{copied ? t('comments.handOff.copied') : t('comments.handOff.copy')}
					</button>
					<HandOffForm actionData={actionData} />
				</section>
			) : null}
			<ReportByToken actionData={actionData} status={view.status} />
			<p>
				<Link to={`/comments/${view.drive.slug}`}>{t('comments.mine.back', { title: view.drive.title })}</Link>
			</p>
		</div>
	)
}

function HandOffForm({ actionData }: { actionData: Failure }) {
	const failure = actionData?.values?.intent === 'handOff' ? actionData : undefined
	const { register, errors, onSubmit } = useValidatedForm(handOffSchema, failure)
	return (
		<Form method="post" noValidate onSubmit={onSubmit} className="space-y-3">
			<input type="hidden" name="intent" value="handOff" />
			<TextField
				name="receipt"
				label={t('comments.handOff.receipt')}
				hint={t('comments.handOff.receiptHint')}
				error={errors.receipt}
				register={register}
			/>
			<SubmitButton>{t('comments.handOff.submitted')}</SubmitButton>
		</Form>
	)
}

function ReportByToken({ actionData, status }: { actionData: Failure; status: OwnCommentView['status'] }) {
	const failure = actionData?.values?.intent === 'report' ? actionData : undefined
	const { register, errors, onSubmit } = useValidatedForm(reportByTokenSchema, failure)
	if (status === 'removed') return null
	return (
		<section className="space-y-3" id="report">
			<h2 className="text-xl font-bold">{t('comments.report.heading')}</h2>
			<p>{t('comments.report.tokenBody')}</p>
			<Form method="post" noValidate onSubmit={onSubmit} className="space-y-3">
				<ErrorSummary errors={errors} labels={{ name: t('comments.report.name'), details: t('comments.report.details') }} />
				<input type="hidden" name="intent" value="report" />
				<TextField name="name" label={t('comments.report.name')} error={errors.name} register={register} autoComplete="name" />
				<TextAreaField
					name="details"
					label={t('comments.report.details')}
					hint={t('comments.report.detailsHint')}
					error={errors.details}
					register={register}
					rows={4}
				/>
				<SubmitButton>{t('comments.report.submit')}</SubmitButton>
			</Form>
		</section>
	)
}
