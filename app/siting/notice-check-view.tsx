import { t } from '#app/i18n/i18n'
import { civilDateAt } from './civil-date'
import { checkNotice, georgiaZoningNotice, virginiaZoningNotice, type NoticeRule } from './notice-check'

// The notice check beside a proceeding on the project page (docs/decisions/046): shown only
// when the body has a notice rule the app knows, notice dates and a hearing.

const RULES: Record<string, NoticeRule> = { 'va-15.2-2204': virginiaZoningNotice, 'ga-36-66-4': georgiaZoningNotice }

type ClockLike = { kind: string; dueAt: string | Date }

export function NoticeCheckView({ noticeRule, clocks, timeZone }: { noticeRule: string | null; clocks: ClockLike[]; timeZone: string }) {
	const rule = noticeRule ? RULES[noticeRule] : undefined
	const publications = clocks.filter((clock) => clock.kind === 'notice_published').map((clock) => civilDateAt(clock.dueAt, timeZone))
	const mailings = clocks.filter((clock) => clock.kind === 'notice_mailed').map((clock) => civilDateAt(clock.dueAt, timeZone))
	const hearing = clocks.find((clock) => clock.kind === 'hearing')
	if (!rule || !hearing || publications.length === 0) return null
	const result = checkNotice({ hearing: civilDateAt(hearing.dueAt, timeZone), publications, mailings }, rule)
	return (
		<div className="space-y-1 rounded-md border border-line p-3">
			<h4 className="font-semibold">{t('noticeCheck.heading')}</h4>
			{result.met ? (
				<p>{t('noticeCheck.met', { citation: result.citation })}</p>
			) : (
				<>
					<p className="font-semibold text-alert">{t('noticeCheck.defective', { citation: result.citation })}</p>
					<ul className="list-disc pl-6">
						{result.defects.map((defect) => (
							<li key={`${defect.code}-${defect.dates.join()}`}>{defect.message}</li>
						))}
					</ul>
				</>
			)}
			{result.notes.length ? (
				<ul className="list-disc pl-6 text-sm text-ink-muted">
					{result.notes.map((note) => (
						<li key={`${note.code}-${note.dates.join()}`}>{note.message}</li>
					))}
				</ul>
			) : null}
		</div>
	)
}
