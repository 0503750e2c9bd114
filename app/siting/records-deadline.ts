// When a body must answer a public-records request, from its state's law
// (`records_request_rules`): N business days (the state's holidays, through
// calendar-days.ts) or N calendar days after the request, or "promptly" where
// the law sets no number. Pure; docs/decisions/050 says why the day the
// request is sent is not counted and why a calendar-day deadline is not moved
// off a weekend.
import { addBusinessDays, holidayCalendar, holidayName, type Holiday } from './calendar-days'
import { addDays, isCivilDate } from './civil-date'

export type RecordsRule = {
	responseDays: number | null
	dayCount: 'calendar' | 'business' | null
	statute: string
	notes: string | null
	sourceUrl: string
}

export type ResponseDeadline =
	| {
			kind: 'date'
			/** YYYY-MM-DD, the last day for the answer. */
			date: string
			days: number
			dayCount: 'calendar' | 'business'
			/** Weekday holidays stepped over while counting business days. */
			skipped: Holiday[]
			statute: string
			sourceUrl: string
	  }
	| { kind: 'promptly'; statute: string; sourceUrl: string }
	/** The request has not been sent, so no clock runs yet. */
	| { kind: 'not-sent'; rule: RecordsRule }
	/** Nobody has recorded the state's rule. */
	| { kind: 'no-rule' }

/** The response deadline for a request sent on `sentOn` under `rule`, in the state `state` ("VA"). */
export function responseDeadline(rule: RecordsRule | null, sentOn: string | null, state: string | null): ResponseDeadline {
	if (!rule) return { kind: 'no-rule' }
	if (rule.responseDays === null || rule.dayCount === null) return { kind: 'promptly', statute: rule.statute, sourceUrl: rule.sourceUrl }
	if (!sentOn) return { kind: 'not-sent', rule }
	if (!isCivilDate(sentOn)) throw new RangeError(`Not a date (YYYY-MM-DD): ${sentOn}`)
	if (rule.dayCount === 'business') {
		const counted = addBusinessDays(sentOn, rule.responseDays, holidayCalendar(state))
		return {
			kind: 'date',
			date: counted.date,
			days: rule.responseDays,
			dayCount: 'business',
			skipped: counted.skipped,
			statute: rule.statute,
			sourceUrl: rule.sourceUrl,
		}
	}
	return {
		kind: 'date',
		date: addDays(sentOn, rule.responseDays),
		days: rule.responseDays,
		dayCount: 'calendar',
		skipped: [],
		statute: rule.statute,
		sourceUrl: rule.sourceUrl,
	}
}

/** The holidays a business-day count stepped over, named for the page ("Thanksgiving Day, Day after Thanksgiving"). */
export function skippedHolidays(deadline: ResponseDeadline) {
	return deadline.kind === 'date' ? deadline.skipped.map((holiday) => holidayName(holiday)) : []
}
