import type { ProjectStatus } from '#app/db/types'
import { formatDate, formatDateTime, formatRelative, t } from '#app/i18n/i18n'

const STATUS_TONE: Record<ProjectStatus, string> = {
	rumored: 'border-amber-700 text-amber-900',
	proposed: 'border-amber-700 text-amber-900',
	under_review: 'border-amber-700 text-amber-900',
	approved: 'border-ink-muted text-ink',
	denied: 'border-action text-action',
	withdrawn: 'border-action text-action',
	under_construction: 'border-ink-muted text-ink',
	operating: 'border-ink-muted text-ink',
}

/** A project's status as a small outlined label (words, never colour alone). */
export function StatusBadge({ status, unverified = false }: { status: ProjectStatus; unverified?: boolean }) {
	return (
		<span className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${STATUS_TONE[status]}`}>
			{t(`project.status.${status}`)}
			{unverified ? ` (${t('project.unverified')})` : null}
		</span>
	)
}

/** "Tuesday, December 8, 2026 at 5:00 PM MST (in 7 days)": in the body's zone, with a relative phrase. */
export function ClockWhen({ at, now, timeZone, allDay }: { at: Date | string; now: Date | string; timeZone: string; allDay: boolean }) {
	const date = allDay ? formatDate(at, 'en', timeZone) : formatDateTime(at, timeZone)
	const past = new Date(at).getTime() < new Date(now).getTime()
	return (
		<time dateTime={new Date(at).toISOString()}>
			{t('clock.when', { date, relative: past ? t('clock.past') : formatRelative(at, now) })}
		</time>
	)
}
