import type { MessageKey } from '#app/i18n/en'
import { formatDate, t } from '#app/i18n/i18n'
import { formatCivilDate } from './clock-format'
import type { BodyRules } from './projects.server'
import { skippedHolidays, type ResponseDeadline } from './records-deadline'

// Views shared by the body, official and records pages.

/** A body's participation rules as a list, with the source and the day they were checked. */
export function RulesList({ rules }: { rules: BodyRules }) {
	return (
		<>
			<ul className="list-disc space-y-1 pl-6">
				{rules.speakingMinutes ? <li>{t('project.rules.speaking', { minutes: rules.speakingMinutes })}</li> : null}
				{rules.representativeMinutes ? <li>{t('project.rules.representative', { minutes: rules.representativeMinutes })}</li> : null}
				{rules.representativeAuthorization ? (
					<li>{t('project.rules.authorization', { what: rules.representativeAuthorization })}</li>
				) : null}
				{rules.signupHow ? <li>{t('project.rules.signup', { how: rules.signupHow })}</li> : null}
				{rules.signupMethods.length ? (
					<li>
						{t('project.rules.signupMethods', {
							methods: rules.signupMethods.map((method) => t(`project.rules.method.${method}` as MessageKey)).join(', '),
						})}
					</li>
				) : null}
				{rules.signupClosesHoursBefore !== null ? (
					<li>{t('project.rules.signupCloses', { hours: rules.signupClosesHoursBefore })}</li>
				) : null}
				{rules.commentChannels ? <li>{t('project.rules.comments', { how: rules.commentChannels })}</li> : null}
				{rules.commentsCloseHoursBefore !== null ? (
					<li>
						{rules.commentsCloseHoursBefore < 0
							? t('project.rules.commentsAfter', { hours: -rules.commentsCloseHoursBefore })
							: t('project.rules.commentsClose', { hours: rules.commentsCloseHoursBefore })}
					</li>
				) : null}
				{rules.recordOpenDaysAfter !== null ? <li>{t('project.rules.recordOpen', { days: rules.recordOpenDaysAfter })}</li> : null}
				{rules.minimumMinutesPerSide ? <li>{t('project.rules.perSide', { minutes: rules.minimumMinutesPerSide })}</li> : null}
				{rules.appealDays && rules.appealDayCount ? (
					<li>{t('project.rules.appeal', { days: rules.appealDays, count: rules.appealDayCount })}</li>
				) : null}
			</ul>
			<p className="text-sm text-ink-muted">
				<a href={rules.sourceUrl} rel="noopener noreferrer nofollow">
					{t('project.rules.source', { date: formatDate(rules.checkedOn) })}
				</a>
			</p>
		</>
	)
}

/** A civil date ("2026-12-03") as words. */
export function civilText(value: string) {
	return formatCivilDate(value.slice(0, 10))
}

/** What the state's law says about when the answer is due. */
export function DeadlineText({ deadline, today }: { deadline: ResponseDeadline; today: string }) {
	switch (deadline.kind) {
		case 'date': {
			const skipped = skippedHolidays(deadline)
			return (
				<>
					{t(deadline.dayCount === 'business' ? 'records.deadline.date.business' : 'records.deadline.date.calendar', {
						date: formatCivilDate(deadline.date),
						days: deadline.days,
						statute: deadline.statute,
					})}
					{skipped.length ? ` ${t('records.deadline.skipped', { holidays: skipped.join(', ') })}` : null}
					{deadline.date < today ? ` ${t('records.deadline.past')}` : null}{' '}
					<a href={deadline.sourceUrl} rel="noopener noreferrer nofollow">
						{deadline.statute}
					</a>
				</>
			)
		}
		case 'promptly':
			return (
				<>
					{t('records.deadline.promptly', { statute: deadline.statute })}{' '}
					<a href={deadline.sourceUrl} rel="noopener noreferrer nofollow">
						{deadline.statute}
					</a>
				</>
			)
		case 'not-sent':
			return (
				<>
					{deadline.rule.responseDays && deadline.rule.dayCount
						? t(deadline.rule.dayCount === 'business' ? 'records.deadline.notSent.business' : 'records.deadline.notSent.calendar', {
								days: deadline.rule.responseDays,
								statute: deadline.rule.statute,
							})
						: t('records.deadline.promptly', { statute: deadline.rule.statute })}
				</>
			)
		case 'no-rule':
			return <>{t('records.deadline.noRule')}</>
	}
}
