import { Form, Link, useSearchParams, type useLoaderData } from '@remix-run/react'
import {
	CheckboxField,
	ErrorSummary,
	SubmitButton,
	TextAreaField,
	TextField,
	useValidatedForm,
	type ActionFailure,
} from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import type { MessageKey } from '#app/i18n/en'
import { formatDate, t } from '#app/i18n/i18n'
import type { loader } from '#app/routes/petitions+/$slug.manage'
import { formatCount, SignatureStatusCounts, StatusBadge } from './components'
import { isStatusIntent, manageIntent } from './manage-intents'
import { PlacesTable } from './places-table'
import { appealSchema, deliverySchemaFor, updateSchema } from './schemas'

// The views of the petition dashboard; the route (app/routes/petitions+/$slug.manage.tsx)
// only guards, loads and dispatches the forms' intents (manage-action.server.ts).

export type ManagePageData = ReturnType<typeof useLoaderData<typeof loader>>

const auditActions: Record<string, MessageKey> = {
	export_csv: 'petitions.manage.audit.export_csv',
	export_pdf: 'petitions.manage.audit.export_pdf',
	invalidate_signatures: 'petitions.manage.audit.invalidate_signatures',
	clear_signatures: 'petitions.manage.audit.clear_signatures',
	hide_petition: 'petitions.manage.audit.hide_petition',
	unhide_petition: 'petitions.manage.audit.unhide_petition',
}

const notices: Record<string, MessageKey> = {
	created: 'petitions.manage.notice.created',
	details: 'petitions.manage.notice.details',
	[manageIntent.publish]: 'petitions.manage.notice.published',
	[manageIntent.close]: 'petitions.manage.notice.closed',
	[manageIntent.reopen]: 'petitions.manage.notice.reopened',
	[manageIntent.deliver]: 'petitions.manage.notice.delivered',
	[manageIntent.update]: 'petitions.manage.notice.update',
	[manageIntent.appeal]: 'petitions.manage.notice.appeal',
}

/** The petition's dashboard: counts, exports, updates, delivery and the next step, for its organizers. */
export function ManagePageView({ page, actionData }: { page: ManagePageData; actionData: ActionFailure }) {
	const { petition, dashboard, milestones } = page
	const [params] = useSearchParams()
	const noticeKey = params.get('created') ? 'created' : params.get('saved')
	const notice = noticeKey ? notices[noticeKey] : undefined
	const intent = actionData?.values?.intent
	const { statusCounts } = dashboard
	return (
		<div className="space-y-12">
			<div className="space-y-4">
				<p>
					<Link to="/petitions/mine">← {t('petitions.mine.heading')}</Link>
				</p>
				<div className="flex flex-wrap items-center gap-3">
					<StatusBadge status={petition.status} open={petition.open} />
					{petition.takedown ? (
						<span className="inline-block rounded bg-alert-soft px-2 py-0.5 text-sm font-semibold text-alert">
							{t('petitions.takedown.badge')}
						</span>
					) : null}
				</div>
				<PageHeading>{petition.title}</PageHeading>
				<ul className="flex flex-wrap gap-4">
					<li>
						<Link to={`/petitions/${petition.slug}`}>
							{petition.status === 'draft' ? t('petitions.manage.preview') : t('petitions.manage.view')}
						</Link>
					</li>
					<li>
						<Link to={`/petitions/${petition.slug}/edit`}>{t('petitions.manage.edit')}</Link>
					</li>
				</ul>
				{notice ? (
					<p role="status" className="rounded-md border-2 border-action bg-action-soft p-4 font-semibold">
						{t(notice)}
					</p>
				) : null}
				{actionData?.errors?.form && isStatusIntent(intent) ? (
					<p role="alert" className="rounded-md border-2 border-alert bg-alert-soft p-4 font-semibold">
						{actionData.errors.form}
					</p>
				) : null}
			</div>

			{petition.takedown ? (
				<TakedownSection takedown={petition.takedown} actionData={intent === manageIntent.appeal ? actionData : undefined} />
			) : null}

			<NextStep petition={petition} />

			<section aria-labelledby="counts-heading" className="space-y-4">
				<h2 id="counts-heading" className="text-2xl font-bold">
					{t('petitions.manage.counts.heading')}
				</h2>
				<SignatureStatusCounts counts={statusCounts} />
				<p className="text-sm text-ink-muted">{t('petitions.manage.counts.explain')}</p>
				<img
					src={`/petitions/${petition.slug}/manage/chart.svg?v=${statusCounts.confirmed}-${statusCounts.pending}`}
					alt={t('petitions.manage.chart.alt')}
					width={480}
					height={280}
					className="h-auto w-full max-w-2xl rounded border border-line"
				/>
				{dashboard.byDay.length > 0 ? (
					<details>
						<summary className="cursor-pointer font-semibold">{t('petitions.manage.byDay.summary')}</summary>
						<table className="mt-2 w-full max-w-md border-collapse text-left">
							<caption className="sr-only">{t('petitions.manage.byDay.summary')}</caption>
							<thead>
								<tr className="border-b-2 border-ink">
									<th scope="col" className="py-2">
										{t('petitions.manage.byDay.day')}
									</th>
									<th scope="col" className="py-2 text-right">
										{t('petitions.manage.counts.confirmed')}
									</th>
									<th scope="col" className="py-2 text-right">
										{t('petitions.manage.counts.pending')}
									</th>
								</tr>
							</thead>
							<tbody>
								{dashboard.byDay.map((day) => (
									<tr key={day.day} className="border-b border-line">
										<th scope="row" className="py-2 font-normal">
											{formatDate(`${day.day}T12:00:00Z`)}
										</th>
										<td className="py-2 text-right tabular-nums">{formatCount(day.confirmed)}</td>
										<td className="py-2 text-right tabular-nums">{formatCount(day.pending)}</td>
									</tr>
								))}
							</tbody>
						</table>
					</details>
				) : null}
			</section>

			<section aria-labelledby="places-heading" className="space-y-4">
				<h2 id="places-heading" className="text-2xl font-bold">
					{t('petitions.places.heading')}
				</h2>
				<PlacesTable places={dashboard.places} />
			</section>

			<section aria-labelledby="exports-heading" className="space-y-3">
				<h2 id="exports-heading" className="text-2xl font-bold">
					{t('petitions.manage.exports.heading')}
				</h2>
				<p>{t('petitions.manage.exports.lead')}</p>
				<ul className="space-y-2">
					<li>
						<a href={`/petitions/${petition.slug}/signatures.csv`} download>
							{t('petitions.manage.exports.csv')}
						</a>
					</li>
					<li>
						<a href={`/petitions/${petition.slug}/delivery.pdf`} download>
							{t('petitions.manage.exports.pdf')}
						</a>
					</li>
				</ul>
			</section>

			<UpdatesSection
				petition={petition}
				updates={dashboard.updates}
				actionData={intent === manageIntent.update ? actionData : undefined}
			/>

			<section aria-labelledby="milestones-heading" className="space-y-3">
				<h2 id="milestones-heading" className="text-2xl font-bold">
					{t('petitions.manage.milestones.heading')}
				</h2>
				<p>{t('petitions.manage.milestones.lead', { list: milestones.map((n) => formatCount(n)).join(', ') })}</p>
			</section>

			{petition.status !== 'draft' ? (
				<DeliverySection petition={petition} actionData={intent === manageIntent.deliver ? actionData : undefined} />
			) : null}

			<section aria-labelledby="audit-heading" className="space-y-3">
				<h2 id="audit-heading" className="text-2xl font-bold">
					{t('petitions.manage.audit.heading')}
				</h2>
				{dashboard.audit.length === 0 ? (
					<p>{t('petitions.manage.audit.none')}</p>
				) : (
					<ul className="space-y-1">
						{dashboard.audit.map((entry, index) => (
							<li key={index}>
								{formatDate(entry.at)} — {entry.actor || t('petitions.manage.audit.someone')}:{' '}
								{t(auditActions[entry.action] ?? 'petitions.manage.audit.other')}
							</li>
						))}
					</ul>
				)}
			</section>
		</div>
	)
}

type ManagedPetition = ManagePageData['petition']

function NextStep({ petition }: { petition: ManagedPetition }) {
	return (
		<section aria-labelledby="next-heading" className="space-y-3 rounded-lg border-2 border-action bg-paper-raised p-5">
			<h2 id="next-heading" className="text-2xl font-bold">
				{t('petitions.manage.next.heading')}
			</h2>
			{petition.status === 'draft' ? (
				<>
					<p>{t('petitions.manage.next.draft')}</p>
					<Form method="post">
						<input type="hidden" name="intent" value={manageIntent.publish} />
						<SubmitButton>{t('petitions.manage.publish')}</SubmitButton>
					</Form>
				</>
			) : petition.status === 'published' ? (
				<>
					<p>{petition.open ? t('petitions.manage.next.published') : t('petitions.manage.next.deadlinePassed')}</p>
					<p>
						<Link to={`/petitions/${petition.slug}`} className="font-semibold">
							{t('petitions.manage.view')}
						</Link>
					</p>
					<Form method="post">
						<input type="hidden" name="intent" value={manageIntent.close} />
						<button type="submit" className="min-h-11 rounded-md border-2 border-action px-4 font-semibold text-action">
							{t('petitions.manage.close')}
						</button>
					</Form>
				</>
			) : petition.status === 'closed' ? (
				<>
					<p>{t('petitions.manage.next.closed')}</p>
					<Form method="post">
						<input type="hidden" name="intent" value={manageIntent.reopen} />
						<button type="submit" className="min-h-11 font-semibold text-action underline">
							{t('petitions.manage.reopen')}
						</button>
					</Form>
				</>
			) : (
				<p>{t('petitions.manage.next.delivered')}</p>
			)}
		</section>
	)
}

const updateLabels = { title: t('petitions.update.title'), body: t('petitions.update.body') }

function UpdatesSection({
	petition,
	updates,
	actionData,
}: {
	petition: ManagedPetition
	updates: Array<{ id: string; title: string; createdAt: string | Date; emailedAt: string | Date | null; recipients: number }>
	actionData: ActionFailure
}) {
	const { register, errors, onSubmit } = useValidatedForm(updateSchema, actionData)
	return (
		<section aria-labelledby="updates-heading" className="space-y-4">
			<h2 id="updates-heading" className="text-2xl font-bold">
				{t('petitions.manage.updates.heading')}
			</h2>
			<p>{petition.status === 'draft' ? t('petitions.manage.updates.draft') : t('petitions.manage.updates.lead')}</p>
			{petition.status !== 'draft' ? (
				<div className="max-w-2xl">
					<ErrorSummary errors={errors} labels={updateLabels} />
					<Form method="post" noValidate onSubmit={onSubmit} className="space-y-5">
						<input type="hidden" name="intent" value={manageIntent.update} />
						<TextField name="title" label={updateLabels.title} error={errors.title} register={register} />
						<TextAreaField
							name="body"
							label={updateLabels.body}
							hint={t('petitions.update.body.hint')}
							error={errors.body}
							register={register}
							rows={6}
						/>
						<SubmitButton>{t('petitions.update.submit')}</SubmitButton>
					</Form>
				</div>
			) : null}
			{updates.length === 0 ? (
				<p>{t('petitions.manage.updates.none')}</p>
			) : (
				<ul className="space-y-2">
					{updates.map((update) => (
						<li key={update.id}>
							<span className="font-semibold">{update.title}</span> — {formatDate(update.createdAt)} ·{' '}
							{update.emailedAt
								? t('petitions.manage.updates.emailed', { count: update.recipients })
								: t('petitions.manage.updates.sending')}
						</li>
					))}
				</ul>
			)}
		</section>
	)
}

const deliveryLabels = {
	deliveredOn: t('petitions.delivery.deliveredOn'),
	deliveryMethod: t('petitions.delivery.method'),
	response: t('petitions.delivery.responseField'),
	respondedOn: t('petitions.delivery.respondedOn'),
	closesSigning: t('petitions.delivery.closesSigning'),
}

function DeliverySection({ petition, actionData }: { petition: ManagedPetition; actionData: ActionFailure }) {
	// While people can still sign, saving the delivery closes signing: the form says so and asks.
	const closesSigning = petition.status === 'published'
	const schema = deliverySchemaFor({ closesSigning, publishedAt: petition.publishedAt })
	const { register, errors, onSubmit } = useValidatedForm(schema, actionData, {
		deliveredOn: petition.deliveredOn ?? '',
		deliveryMethod: petition.deliveryMethod,
		response: petition.response,
		respondedOn: petition.respondedOn ?? '',
	})
	return (
		<section aria-labelledby="delivery-heading" className="space-y-4">
			<h2 id="delivery-heading" className="text-2xl font-bold">
				{t('petitions.delivery.recordHeading')}
			</h2>
			<p>{t('petitions.delivery.recordLead')}</p>
			{closesSigning ? (
				<p className="rounded-md border-2 border-alert bg-alert-soft p-4 font-semibold">{t('petitions.delivery.closesWarning')}</p>
			) : null}
			<div className="max-w-2xl">
				<ErrorSummary errors={errors} labels={deliveryLabels} />
				<Form method="post" noValidate onSubmit={onSubmit} className="space-y-5">
					<input type="hidden" name="intent" value={manageIntent.deliver} />
					<TextField
						name="deliveredOn"
						type="date"
						label={deliveryLabels.deliveredOn}
						hint={petition.publishedAt ? t('petitions.delivery.deliveredOn.hint', { date: formatDate(petition.publishedAt) }) : undefined}
						error={errors.deliveredOn}
						register={register}
					/>
					<TextAreaField
						name="deliveryMethod"
						label={deliveryLabels.deliveryMethod}
						hint={t('petitions.delivery.method.hint')}
						error={errors.deliveryMethod}
						register={register}
						rows={2}
					/>
					<TextAreaField
						name="response"
						label={deliveryLabels.response}
						hint={t('petitions.delivery.responseField.hint')}
						error={errors.response}
						register={register}
						rows={5}
					/>
					<TextField
						name="respondedOn"
						type="date"
						label={deliveryLabels.respondedOn}
						hint={t('petitions.delivery.respondedOn.hint')}
						error={errors.respondedOn}
						register={register}
					/>
					{closesSigning ? (
						<CheckboxField
							name="closesSigning"
							label={deliveryLabels.closesSigning}
							hint={t('petitions.delivery.closesSigning.hint')}
							error={errors.closesSigning}
							register={register}
						/>
					) : null}
					<SubmitButton>{closesSigning ? t('petitions.delivery.submitAndClose') : t('petitions.delivery.submit')}</SubmitButton>
				</Form>
			</div>
		</section>
	)
}

const appealLabels = { details: t('petitions.appeal.details') }

/** A moderator took the petition down: when, why, what it means, and the form to ask for a review. */
function TakedownSection({ takedown, actionData }: { takedown: NonNullable<ManagedPetition['takedown']>; actionData: ActionFailure }) {
	const { register, errors, onSubmit } = useValidatedForm(appealSchema, actionData)
	return (
		<section aria-labelledby="takedown-heading" className="space-y-3 rounded-lg border-2 border-alert bg-alert-soft p-5">
			<h2 id="takedown-heading" className="text-2xl font-bold">
				{t('petitions.takedown.heading')}
			</h2>
			<p>{takedown.at ? t('petitions.takedown.when', { date: formatDate(takedown.at) }) : null}</p>
			<p>
				<span className="font-semibold">{t('petitions.takedown.reason')}</span> {takedown.reason || t('petitions.takedown.noReason')}
			</p>
			<p>{t('petitions.takedown.means')}</p>
			{takedown.appeal ? (
				<p role="status" className="font-semibold">
					{t('petitions.appeal.sent', { date: formatDate(takedown.appeal.sentAt) })}
				</p>
			) : (
				<div className="max-w-2xl space-y-3">
					<h3 className="text-lg font-bold">{t('petitions.appeal.heading')}</h3>
					<p>{t('petitions.appeal.lead')}</p>
					<ErrorSummary errors={errors} labels={appealLabels} />
					<Form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
						<input type="hidden" name="intent" value={manageIntent.appeal} />
						<TextAreaField
							name="details"
							label={appealLabels.details}
							hint={t('petitions.appeal.details.hint')}
							error={errors.details}
							register={register}
							rows={4}
						/>
						<SubmitButton>{t('petitions.appeal.submit')}</SubmitButton>
					</Form>
				</div>
			)}
		</section>
	)
}
