import { Form, Link } from '@remix-run/react'
import { Notice } from '#app/components/choice-field'
import { ErrorSummary, SelectField, SubmitButton, TextField, useValidatedForm } from '#app/components/forms'
import { PageHeading } from '#app/components/layout'
import { formatDate, formatDateTime, t } from '#app/i18n/i18n'
import { CountsList } from './drive-page'
import type { DriveCounts } from './drives.server'
import { channelSettingsSchema, handOverSchema } from './schemas'

// What the drive's organizers see: the counts, the printed packet, the
// sign-on letter, reports waiting for review, each comment with its meter
// reading and where its delivery stands, and the body's channel settings.

export type ManageView = {
	drive: {
		slug: string
		title: string
		signOn: boolean
		status: string
		channel: string
		timeZone: string
		bodyName: string | null
		hasBody: boolean
		clerkEmail: string | null
		clerkName: string | null
		emailPackaging: string | null
		webFormUrl: string | null
	}
	counts: DriveCounts
	comments: Array<{
		id: string
		name: string
		place: string | null
		outside: boolean
		ownWords: number
		nearDuplicate: boolean
		status: string
		deliveryStatus: string | null
		receipt: string | null
		lastError: string | null
	}>
	reports: Array<{ id: string; reporterName: string; details: string; source: string; heldCount: number; createdAt: string }>
	letter: { status: string; receipt: string | null; itemCount: number; deliveredAt: string | null; lastError: string | null } | null
	packets: Array<{ id: string; printedAt: string; commentCount: number; handedOn: string | null; handedTo: string | null }>
}

type Failure = { errors?: Record<string, string>; values?: Record<string, string> } | undefined

export function ManagePage({ view, notice, actionData }: { view: ManageView; notice: string | null; actionData: Failure }) {
	const { drive } = view
	const formError = actionData?.errors?.form
	// The newest print not yet handed over is the one to record (an earlier print is a superseded copy).
	const newestOpen = view.packets.find((packet) => !packet.handedOn)?.id
	return (
		<div className="space-y-8">
			<PageHeading lead={t('comments.manage.lead')}>{t('comments.manage.heading', { title: drive.title })}</PageHeading>
			{notice ? <Notice>{notice}</Notice> : null}
			{formError ? <Notice tone="problem">{formError}</Notice> : null}
			<ul className="space-y-1">
				<li>
					<Link to={`/comments/${drive.slug}`}>{t('comments.manage.public')}</Link>
				</li>
				<li>
					<Link to={`/comments/${drive.slug}/edit`}>{t('comments.edit.link')}</Link>
				</li>
			</ul>
			<section className="space-y-3">
				<h2 className="text-xl font-bold">{t('comments.manage.counts')}</h2>
				<CountsList counts={view.counts} signOn={drive.signOn} />
				{view.counts.held > 0 ? <p className="font-semibold">{t('comments.manage.held', { count: view.counts.held })}</p> : null}
			</section>
			<section className="space-y-3">
				<h2 className="text-xl font-bold">{t('comments.manage.packet')}</h2>
				<p>{t('comments.manage.packetBody')}</p>
				<p>
					<a href={`/comments/${drive.slug}/packet.pdf`} download className="font-semibold">
						{t('comments.manage.packetLink', { count: view.counts.confirmed })}
					</a>
				</p>
				{view.packets.length > 0 ? (
					<ul className="space-y-4" id="packet">
						{view.packets.map((packet) => (
							<li key={packet.id} className="rounded-md border border-ink-muted p-4" data-testid="printed-packet">
								<p className="font-semibold">
									{t('comments.handOver.printed', {
										when: formatDateTime(packet.printedAt, drive.timeZone),
										count: packet.commentCount,
									})}
								</p>
								{packet.handedOn && packet.handedTo ? (
									<p>
										{t('comments.handOver.recorded', {
											to: packet.handedTo,
											on: formatDate(`${packet.handedOn}T12:00:00Z`, 'en', 'UTC'),
										})}
									</p>
								) : packet.id === newestOpen ? (
									<HandOverForm packetId={packet.id} actionData={actionData} />
								) : (
									<p className="text-sm text-ink-muted">{t('comments.handOver.notRecorded')}</p>
								)}
							</li>
						))}
					</ul>
				) : null}
			</section>
			{drive.signOn ? (
				<section className="space-y-3">
					<h2 className="text-xl font-bold">{t('comments.manage.letter')}</h2>
					{view.letter ? (
						<p data-testid="letter-status">
							{t(`comments.delivery.status.${view.letter.status}` as 'comments.delivery.status.pending')}
							{view.letter.receipt ? ` — ${t('comments.delivery.receipt', { receipt: view.letter.receipt })}` : ''}
							{' · '}
							{t('comments.manage.letterSigners', { count: view.letter.itemCount })}
							{view.letter.lastError ? ` · ${view.letter.lastError}` : ''}
						</p>
					) : (
						<Form method="post" className="space-y-2">
							<p>{t('comments.manage.letterBody', { count: view.counts.confirmed, body: drive.bodyName ?? '' })}</p>
							<SubmitButton name="intent" value="sendLetter">
								{t('comments.manage.letterSend')}
							</SubmitButton>
						</Form>
					)}
				</section>
			) : null}
			<section className="space-y-3" id="reports">
				<h2 className="text-xl font-bold">{t('comments.manage.reports')}</h2>
				{view.reports.length === 0 ? (
					<p>{t('comments.manage.noReports')}</p>
				) : (
					<ul className="space-y-4">
						{view.reports.map((report) => (
							<li key={report.id} className="rounded-md border border-ink-muted p-4">
								<p className="font-semibold">{t('comments.manage.report', { name: report.reporterName, count: report.heldCount })}</p>
								<p className="text-sm text-ink-muted">
									{t(`comments.manage.reportSource.${report.source}` as 'comments.manage.reportSource.copy_link')}
								</p>
								{report.details ? <p className="whitespace-pre-wrap">{report.details}</p> : null}
								<Form method="post" className="mt-3 space-y-2">
									<input type="hidden" name="reportId" value={report.id} />
									<label htmlFor={`note-${report.id}`} className="block font-semibold">
										{t('comments.manage.reviewNote')}
									</label>
									<input
										id={`note-${report.id}`}
										name="note"
										maxLength={2000}
										className="min-h-11 w-full rounded-md border border-ink-muted px-3"
									/>
									<div className="flex flex-wrap gap-3">
										<SubmitButton name="intent" value="uphold">
											{t('comments.manage.uphold')}
										</SubmitButton>
										<SubmitButton name="intent" value="dismiss">
											{t('comments.manage.dismiss')}
										</SubmitButton>
									</div>
								</Form>
							</li>
						))}
					</ul>
				)}
			</section>
			<section className="space-y-3">
				<h2 className="text-xl font-bold">{t('comments.manage.comments')}</h2>
				{view.comments.length === 0 ? (
					<p>{t('comments.manage.noComments')}</p>
				) : (
					<div className="overflow-x-auto">
						<table className="w-full text-left">
							<caption className="sr-only">{t('comments.manage.comments')}</caption>
							<thead>
								<tr>
									<th scope="col">{t('comments.manage.col.name')}</th>
									<th scope="col">{t('comments.manage.col.place')}</th>
									<th scope="col">{t('comments.manage.col.own')}</th>
									<th scope="col">{t('comments.manage.col.status')}</th>
									<th scope="col">{t('comments.manage.col.delivery')}</th>
								</tr>
							</thead>
							<tbody>
								{view.comments.map((comment) => (
									<tr key={comment.id} className="border-t border-ink-muted">
										<td>{comment.name}</td>
										<td>
											{comment.place ?? '—'}
											{comment.outside ? ` (${t('comments.manage.outside')})` : ''}
										</td>
										<td>
											{Math.round(comment.ownWords * 100)}%{comment.nearDuplicate ? ` · ${t('comments.manage.nearDuplicate')}` : ''}
										</td>
										<td>{t(`comments.status.${comment.status}` as 'comments.status.confirmed')}</td>
										<td>
											{comment.deliveryStatus
												? t(`comments.delivery.status.${comment.deliveryStatus}` as 'comments.delivery.status.pending')
												: '—'}
											{comment.receipt && comment.deliveryStatus === 'delivered' ? ` — ${comment.receipt}` : ''}
											{comment.lastError && comment.deliveryStatus !== 'delivered' ? ` (${comment.lastError})` : ''}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
			</section>
			{drive.hasBody ? <ChannelForm view={view} actionData={actionData} /> : null}
			{drive.status === 'open' ? (
				<Form method="post" className="space-y-2">
					<h2 className="text-xl font-bold">{t('comments.manage.close')}</h2>
					<p>{t('comments.manage.closeBody')}</p>
					<SubmitButton name="intent" value="close">
						{t('comments.manage.closeButton')}
					</SubmitButton>
				</Form>
			) : null}
		</div>
	)
}

function HandOverForm({ packetId, actionData }: { packetId: string; actionData: Failure }) {
	const failure = actionData?.values?.intent === 'handOver' && actionData.values.packetId === packetId ? actionData : undefined
	const { register, errors, onSubmit } = useValidatedForm(handOverSchema, failure, { packetId, handedOn: '', handedTo: '' })
	const labels = { handedOn: t('comments.handOver.on'), handedTo: t('comments.handOver.to') }
	return (
		<Form method="post" noValidate onSubmit={onSubmit} className="mt-3 max-w-md space-y-4">
			<h3 className="font-semibold">{t('comments.handOver.heading')}</h3>
			<p className="text-sm text-ink-muted">{t('comments.handOver.body')}</p>
			<ErrorSummary errors={errors} labels={labels} />
			<input type="hidden" name="intent" value="handOver" />
			<input type="hidden" name="packetId" value={packetId} />
			<TextField name="handedOn" type="date" label={labels.handedOn} error={errors.handedOn} register={register} />
			<TextField name="handedTo" label={labels.handedTo} hint={t('comments.handOver.toHint')} error={errors.handedTo} register={register} />
			<SubmitButton>{t('comments.handOver.submit')}</SubmitButton>
		</Form>
	)
}

function ChannelForm({ view, actionData }: { view: ManageView; actionData: Failure }) {
	const failure = actionData?.values?.intent === 'channel' ? actionData : undefined
	const { drive } = view
	const { register, errors, onSubmit } = useValidatedForm(channelSettingsSchema, failure, {
		clerkEmail: drive.clerkEmail ?? '',
		clerkName: drive.clerkName ?? '',
		emailPackaging: drive.emailPackaging ?? 'individual',
		webFormUrl: drive.webFormUrl ?? '',
		sourceUrl: '',
	})
	const labels = {
		clerkEmail: t('comments.channel.clerkEmail'),
		clerkName: t('comments.channel.clerkName'),
		emailPackaging: t('comments.channel.packaging'),
		webFormUrl: t('comments.channel.webForm'),
		sourceUrl: t('comments.channel.source'),
	}
	return (
		<section className="space-y-3" id="channel">
			<h2 className="text-xl font-bold">{t('comments.channel.heading', { body: drive.bodyName ?? '' })}</h2>
			<Form method="post" noValidate onSubmit={onSubmit} className="max-w-md space-y-4">
				<ErrorSummary errors={errors} labels={labels} />
				<input type="hidden" name="intent" value="channel" />
				<TextField name="clerkEmail" type="email" label={labels.clerkEmail} error={errors.clerkEmail} register={register} />
				<TextField name="clerkName" label={labels.clerkName} error={errors.clerkName} register={register} />
				<SelectField
					name="emailPackaging"
					label={labels.emailPackaging}
					error={errors.emailPackaging}
					register={register}
					options={[
						{ value: 'individual', label: t('comments.channel.individual') },
						{ value: 'daily', label: t('comments.channel.daily') },
					]}
				/>
				<TextField name="webFormUrl" type="url" label={labels.webFormUrl} error={errors.webFormUrl} register={register} />
				<TextField
					name="sourceUrl"
					type="url"
					label={labels.sourceUrl}
					hint={t('comments.channel.sourceHint')}
					error={errors.sourceUrl}
					register={register}
				/>
				<SubmitButton>{t('comments.channel.save')}</SubmitButton>
			</Form>
		</section>
	)
}

export function manageNoticeKey(done: string | null) {
	const keys = {
		closed: 'comments.manage.notice.closed',
		upheld: 'comments.manage.notice.upheld',
		dismissed: 'comments.manage.notice.dismissed',
		reviewedAlready: 'comments.manage.notice.reviewedAlready',
		letterSent: 'comments.manage.notice.letterSent',
		letterAlready: 'comments.manage.notice.letterAlready',
		channel: 'comments.manage.notice.channel',
		edited: 'comments.manage.notice.edited',
		handedOver: 'comments.manage.notice.handedOver',
		handedOverAlready: 'comments.manage.notice.handedOverAlready',
	} as const
	return done && done in keys ? keys[done as keyof typeof keys] : null
}
