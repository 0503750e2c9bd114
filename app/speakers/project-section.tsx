import { Link } from '@remix-run/react'
import { formatDateTime, formatRelative, t } from '#app/i18n/i18n'

// On the project page: for each proceeding with a hearing still open to
// speakers, when sign-up closes and the link to sign up.

export type SpeakingDeadlineView = {
	proceedingSlug: string
	proceedingTitle: string
	closesAt: string
	timeZone: string
	full: boolean
}

export function SpeakingDeadlines({ deadlines, now }: { deadlines: SpeakingDeadlineView[]; now: string }) {
	if (deadlines.length === 0) return null
	return (
		<section aria-labelledby="speak-heading" className="space-y-3">
			<h2 id="speak-heading" className="text-2xl font-bold">
				{t('speakers.project.heading')}
			</h2>
			<ul className="space-y-3">
				{deadlines.map((deadline) => (
					<li key={deadline.proceedingSlug} className="space-y-1">
						<p>
							{t('speakers.project.deadline', {
								title: deadline.proceedingTitle,
								closes: `${formatDateTime(deadline.closesAt, deadline.timeZone)} (${formatRelative(deadline.closesAt, now)})`,
							})}
						</p>
						{deadline.full ? <p className="text-ink-muted">{t('speakers.project.full')}</p> : null}
						<p>
							<Link to={`/proceedings/${deadline.proceedingSlug}/speakers`} className="inline-flex min-h-11 items-center font-semibold">
								{t('speakers.project.link')}
							</Link>
						</p>
					</li>
				))}
			</ul>
		</section>
	)
}
