import { Link } from '@remix-run/react'
import { formatDateTime, formatRelative, t } from '#app/i18n/i18n'
import type { DriveCounts } from './drives.server'

// On a project page: the open comment drives on its proceedings, each with
// its deadline and counts, and for the project's editors a way to open one.

export type ProjectDriveSummary = {
	slug: string
	title: string
	deadline: string
	timeZone: string
	signOn: boolean
	proceedingTitle: string
	counts: DriveCounts
}

export function CommentDrivesSection({
	drives,
	now,
	newDriveProceedings,
}: {
	drives: ProjectDriveSummary[]
	now: string
	/** Proceedings the viewer may open a drive on (they organize a chapter working on the project). */
	newDriveProceedings: Array<{ slug: string; title: string }>
}) {
	if (drives.length === 0 && newDriveProceedings.length === 0) return null
	return (
		<section aria-labelledby="comment-drives-heading" className="space-y-4" id="comment-drives">
			<h2 id="comment-drives-heading" className="text-2xl font-bold">
				{t('comments.project.heading')}
			</h2>
			{drives.length === 0 ? (
				<p>{t('comments.project.none')}</p>
			) : (
				<ul className="space-y-4">
					{drives.map((drive) => (
						<li key={drive.slug} className="rounded-md border border-ink-muted p-4">
							<p className="text-lg font-semibold">
								<Link to={`/comments/${drive.slug}`}>{drive.title}</Link>
							</p>
							<p className="text-ink-muted">{drive.proceedingTitle}</p>
							<p>
								{t('comments.project.closes', {
									deadline: formatDateTime(drive.deadline, drive.timeZone),
									relative: formatRelative(drive.deadline, now),
								})}
							</p>
							<p data-testid="drive-counts">
								{drive.signOn
									? t('comments.project.countsSignOn', { confirmed: drive.counts.confirmed })
									: t('comments.project.counts', {
											confirmed: drive.counts.confirmed,
											unique: drive.counts.unique,
											delivered: drive.counts.delivered,
										})}
							</p>
						</li>
					))}
				</ul>
			)}
			{newDriveProceedings.length > 0 ? (
				<ul className="flex flex-wrap gap-x-6 gap-y-2">
					{newDriveProceedings.map((proceeding) => (
						<li key={proceeding.slug}>
							<Link to={`/comments/new?proceeding=${proceeding.slug}`}>{t('comments.project.open', { title: proceeding.title })}</Link>
						</li>
					))}
				</ul>
			) : null}
		</section>
	)
}
