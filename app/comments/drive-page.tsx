import { Link } from '@remix-run/react'
import { Notice } from '#app/components/choice-field'
import { PageHeading } from '#app/components/layout'
import { formatDateTime, formatRelative, t } from '#app/i18n/i18n'
import { CommentForm, type CommentFormData } from './comment-form'
import type { DriveCounts } from './drives.server'

// The public page of a comment drive: what it is about and by when, the
// talking points, the counts, the form, and where to report a comment filed
// in your name.

export type DrivePageDrive = {
	slug: string
	title: string
	talkingPoints: string
	template: string
	deadline: string
	timeZone: string
	open: boolean
	maxChars: number
	minChars: number
	requiredFields: string[]
	anonymousAllowed: boolean
	signOn: boolean
	federal: boolean
	channel: string
	bodyName: string
	documentId: string | null
	proceeding: { slug: string; title: string; caseNumber: string | null } | null
	project: { slug: string; name: string } | null
	chapterName: string
	canManage: boolean
}

export function CountsList({ counts, signOn }: { counts: DriveCounts; signOn: boolean }) {
	const items: Array<[string, number]> = signOn
		? [
				[t('comments.counts.signed'), counts.confirmed],
				[t('comments.counts.delivered'), counts.delivered],
			]
		: [
				[t('comments.counts.started'), counts.started],
				[t('comments.counts.confirmed'), counts.confirmed],
				[t('comments.counts.delivered'), counts.delivered],
				[t('comments.counts.unique'), counts.unique],
				[t('comments.counts.nearDuplicates'), counts.nearDuplicates],
			]
	return (
		<dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
			{items.map(([label, value]) => (
				<div key={label} className="rounded-md bg-paper-raised p-3">
					<dt className="text-sm text-ink-muted">{label}</dt>
					<dd className="text-2xl font-bold">{value.toLocaleString('en')}</dd>
				</div>
			))}
		</dl>
	)
}

export function DrivePage({
	drive,
	counts,
	now,
	start,
	sent,
	actionData,
}: {
	drive: DrivePageDrive
	counts: DriveCounts
	now: string
	start: 'template' | 'blank'
	sent: { outside: boolean } | null
	actionData: CommentFormData
}) {
	const deadline = formatDateTime(drive.deadline, drive.timeZone)
	return (
		<div className="space-y-8">
			<PageHeading
				lead={
					drive.open
						? t('comments.page.lead', { body: drive.bodyName, deadline, relative: formatRelative(drive.deadline, now) })
						: t('comments.page.closedLead', { body: drive.bodyName, deadline })
				}
			>
				{drive.title}
			</PageHeading>
			<p className="text-ink-muted">
				{drive.proceeding && drive.project ? (
					<>
						{t('comments.page.about')} <Link to={`/projects/${drive.project.slug}`}>{drive.project.name}</Link>
						{' — '}
						{drive.proceeding.title}
						{drive.proceeding.caseNumber ? ` (${drive.proceeding.caseNumber})` : ''}
					</>
				) : drive.documentId ? (
					<>
						{t('comments.page.document')} <a href={`https://www.regulations.gov/document/${drive.documentId}`}>{drive.documentId}</a>
					</>
				) : null}
				{' · '}
				{t('comments.page.organizedBy', { chapter: drive.chapterName })}
			</p>
			{drive.canManage ? (
				<p>
					<Link to={`/comments/${drive.slug}/manage`}>{t('comments.page.manage')}</Link>
				</p>
			) : null}
			{sent ? (
				<div className="space-y-2" id="sent">
					<Notice>{t('comments.page.sent')}</Notice>
					<p>{t('comments.page.sentNext')}</p>
					{sent.outside ? <p className="font-semibold">{t('comments.page.sentOutside', { body: drive.bodyName })}</p> : null}
				</div>
			) : null}
			<CountsList counts={counts} signOn={drive.signOn} />
			{drive.talkingPoints ? (
				<section className="max-w-prose space-y-2">
					<h2 className="text-xl font-bold">{t('comments.page.talkingPoints')}</h2>
					<div className="whitespace-pre-wrap">{drive.talkingPoints}</div>
				</section>
			) : null}
			<section className="max-w-prose space-y-2">
				<h2 className="text-xl font-bold">{t('comments.page.rules')}</h2>
				<ul className="list-disc pl-5">
					<li>{t('comments.page.rule.deadline', { deadline })}</li>
					<li>
						{drive.minChars > 0
							? t('comments.page.rule.lengthRange', { min: drive.minChars, max: drive.maxChars })
							: t('comments.page.rule.length', { max: drive.maxChars })}
					</li>
					<li>{drive.anonymousAllowed ? t('comments.page.rule.anonymous') : t('comments.page.rule.named')}</li>
					<li>{t(`comments.channel.${drive.signOn ? 'sign_on' : drive.channel}` as 'comments.channel.email', { body: drive.bodyName })}</li>
				</ul>
				<p className="text-sm text-ink-muted">{t('comments.page.effective')}</p>
			</section>
			{drive.open ? (
				<section aria-labelledby="write-heading" className="space-y-4">
					<h2 id="write-heading" className="text-2xl font-bold">
						{drive.signOn ? t('comments.page.signHeading') : t('comments.page.writeHeading')}
					</h2>
					<CommentForm drive={drive} actionData={actionData} start={start} />
				</section>
			) : (
				<Notice tone="problem">{t('comments.page.closed')}</Notice>
			)}
			<section className="max-w-prose space-y-2" id="report">
				<h2 className="text-xl font-bold">{t('comments.page.reportHeading')}</h2>
				<p>{t('comments.page.reportBody')}</p>
				<p>
					<Link to={`/comments/${drive.slug}/report`}>{t('comments.page.reportLink')}</Link>
				</p>
			</section>
		</div>
	)
}
