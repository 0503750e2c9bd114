import { Link } from '@remix-run/react'
import { t } from '#app/i18n/i18n'
import type { DueItem } from './chapter-due.server'
import { ClockWhen } from './components'

type Serialized = Omit<DueItem, 'dueAt'> & { dueAt: Date | string }

/** "Due this week" on a chapter page, across the projects the chapter works on. */
export function DueThisWeek({ items, now }: { items: Serialized[]; now: Date | string }) {
	return (
		<section aria-labelledby="due-heading" className="space-y-3 rounded-lg border-2 border-alert bg-alert-soft p-4">
			<h2 id="due-heading" className="text-2xl font-bold">
				{t('chapter.due.heading')}
			</h2>
			<p className="text-sm">{t('chapter.due.lead')}</p>
			{items.length ? (
				<ul className="space-y-2">
					{items.map((item) => (
						<li key={item.id}>
							<Link to={`/projects/${item.project.slug}#proceeding-${item.proceeding.slug}`} className="font-semibold">
								{t('chapter.due.item', { what: item.label ?? t(`clock.${item.kind}`), project: item.project.name })}
							</Link>
							<span className="block">
								<ClockWhen at={item.dueAt} now={now} timeZone={item.timeZone} allDay={item.allDay} />
							</span>
						</li>
					))}
				</ul>
			) : (
				<p>{t('chapter.due.none')}</p>
			)}
		</section>
	)
}
