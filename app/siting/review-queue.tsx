import { Form } from '@remix-run/react'
import { ErrorSummary } from '#app/components/forms'
import type { MessageKey } from '#app/i18n/en'
import { formatDate, t } from '#app/i18n/i18n'
import { fieldLabel } from './edit-schemas'
import type { Change, Proposal } from './revisions.server'

type QueueProps = {
	proposals: Array<Omit<Proposal, 'createdAt'> & { createdAt: string | Date }>
	reviewer: { chapters: Array<{ id: string; name: string }>; moderator: boolean }
	notice: string | null
	actionData?: { errors?: Record<string, string>; values?: Record<string, string> }
	showProject: boolean
}

const notices: Record<string, MessageKey> = {
	proposed: 'projectEdit.edit.proposed',
	submitted: 'projectEdit.new.sent',
	approved: 'revisions.approved',
	rejected: 'revisions.rejected',
	created: 'revisions.created',
}

function shown(value: Change['to'], label?: string) {
	if (label) return label
	if (value === null || value === '') return t('revisions.empty')
	if (value === true) return t('revisions.yes')
	if (value === false) return t('revisions.no')
	if (typeof value === 'number') return new Intl.NumberFormat('en').format(value)
	return value
}

/** Proposals waiting for review: each one's diff, with approve and reject for those the viewer may review. */
export function ReviewQueue({ proposals, reviewer, notice, actionData, showProject }: QueueProps) {
	const failedId = actionData?.values?.revisionId
	const noticeKey = notice ? notices[notice] : undefined
	return (
		<div className="space-y-6">
			{noticeKey ? (
				<p role="status" className="rounded-md bg-action-soft p-3 font-semibold">
					{t(noticeKey)}
				</p>
			) : null}
			{proposals.length === 0 ? <p>{t('revisions.none')}</p> : null}
			{proposals.map((proposal) => {
				const errors = failedId === proposal.id ? (actionData?.errors ?? {}) : {}
				const rows = Object.entries(proposal.changes).filter(([column]) => column !== 'state_id' || proposal.projectId === null)
				return (
					<section
						key={proposal.id}
						aria-labelledby={`proposal-${proposal.id}`}
						className="space-y-3 rounded-lg border border-line bg-paper-raised p-4"
					>
						<h2 id={`proposal-${proposal.id}`} className="text-xl font-bold">
							{proposal.projectId === null
								? t('revisions.newProject', { name: proposal.projectName })
								: showProject
									? proposal.projectName
									: t('revisions.byWhen', {
											who: proposal.authorName || t('revisions.someone'),
											when: formatDate(new Date(proposal.createdAt)),
										})}
						</h2>
						{proposal.projectId === null || showProject ? (
							<p className="text-ink-muted">
								{t('revisions.byWhen', {
									who: proposal.authorName || t('revisions.someone'),
									when: formatDate(new Date(proposal.createdAt)),
								})}
							</p>
						) : null}
						<div className="overflow-x-auto">
							<table className="w-full text-left text-sm">
								<thead>
									<tr>
										<th scope="col" className="p-2">
											{t('revisions.column.field')}
										</th>
										<th scope="col" className="p-2">
											{t('revisions.column.from')}
										</th>
										<th scope="col" className="p-2">
											{t('revisions.column.to')}
										</th>
										<th scope="col" className="p-2">
											{t('revisions.column.source')}
										</th>
									</tr>
								</thead>
								<tbody>
									{rows.map(([column, change]) =>
										change ? (
											<tr key={column} className="border-t border-line align-top">
												<th scope="row" className="p-2 font-semibold">
													{fieldLabel(column)}
												</th>
												<td className="p-2">{shown(change.from, change.fromLabel)}</td>
												<td className="p-2">
													{column === 'status' && typeof change.to === 'string'
														? t(`project.status.${change.to}` as MessageKey)
														: shown(change.to, change.toLabel)}
													{change.unverified ? ` (${t('project.unverified')})` : null}
												</td>
												<td className="p-2 break-all">
													{change.source ? (
														<a href={change.source} rel="noopener noreferrer nofollow">
															{change.source}
														</a>
													) : null}
												</td>
											</tr>
										) : null,
									)}
								</tbody>
							</table>
						</div>
						<p className="break-all">
							{t('revisions.source')}:{' '}
							<a href={proposal.sourceUrl} rel="noopener noreferrer nofollow">
								{proposal.sourceUrl}
							</a>
						</p>
						{proposal.note ? <p>{t('revisions.note', { note: proposal.note })}</p> : null}
						{proposal.canReview ? (
							<Form method="post" className="space-y-3">
								<ErrorSummary
									errors={errors}
									labels={{ linkChapterId: t('revisions.linkChapter'), reviewNote: t('revisions.reviewNote') }}
								/>
								<input type="hidden" name="revisionId" value={proposal.id} />
								{proposal.projectId === null && reviewer.chapters.length ? (
									<div className="space-y-1">
										<label htmlFor={`linkChapterId-${proposal.id}`} className="block font-semibold">
											{t('revisions.linkChapter')}
										</label>
										<p className="text-sm text-ink-muted">{t('revisions.linkChapter.hint')}</p>
										<select
											id={`linkChapterId-${proposal.id}`}
											name="linkChapterId"
											defaultValue={reviewer.moderator ? '' : (reviewer.chapters[0]?.id ?? '')}
											className="min-h-11 w-full rounded-md border border-ink-muted bg-paper-raised px-3"
										>
											{reviewer.moderator ? <option value="">{t('revisions.linkChapter.none')}</option> : null}
											{reviewer.chapters.map((chapter) => (
												<option key={chapter.id} value={chapter.id}>
													{chapter.name}
												</option>
											))}
										</select>
									</div>
								) : null}
								<div className="space-y-1">
									<label htmlFor={`reviewNote-${proposal.id}`} className="block font-semibold">
										{t('revisions.reviewNote')}
									</label>
									<textarea
										id={`reviewNote-${proposal.id}`}
										name="reviewNote"
										rows={2}
										defaultValue={failedId === proposal.id ? (actionData?.values?.reviewNote ?? '') : ''}
										className="w-full rounded-md border border-ink-muted bg-paper-raised px-3 py-2"
									/>
								</div>
								<div className="flex flex-wrap gap-3">
									<button
										type="submit"
										name="intent"
										value="approve"
										className="inline-flex min-h-11 items-center rounded-md bg-action px-5 py-2 font-semibold text-white hover:bg-action-hover"
									>
										{t('revisions.approve')}
									</button>
									<button
										type="submit"
										name="intent"
										value="reject"
										className="inline-flex min-h-11 items-center rounded-md border-2 border-ink px-5 py-2 font-semibold"
									>
										{t('revisions.reject')}
									</button>
								</div>
							</Form>
						) : null}
					</section>
				)
			})}
		</div>
	)
}
