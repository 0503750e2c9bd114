// Holidays and day counting for deadlines: which days a body's offices are shut, adding N
// calendar or business days, and moving a deadline off a weekend or holiday. Pure and
// framework-free; what is cited and what is left at federal holidays is in docs/decisions/046.
import type { MessageKey } from '#app/i18n/en'
import { t, type Locale } from '#app/i18n/i18n'
import { addDays, civilDate, isCivilDate, nthWeekday, weekday, yearOf } from './civil-date'

export type HolidayId =
	| 'new-years-day'
	| 'mlk-day'
	| 'washingtons-birthday'
	| 'memorial-day'
	| 'juneteenth'
	| 'independence-day'
	| 'labor-day'
	| 'columbus-day'
	| 'election-day'
	| 'veterans-day'
	| 'thanksgiving'
	| 'day-after-thanksgiving'
	| 'christmas'
	| 'closure'

export type Holiday = {
	/** The day offices close: the observed date when the holiday itself is on a weekend. */
	date: string
	id: HolidayId
	/** The holiday's own date when `date` is the observed one (4 July on a Saturday → 3 July). */
	actualDate: string | null
	/** A body's own closure (a Governor's Christmas Eve, a county furlough day) carries its name. */
	name: string | null
}

/** A day the body says its offices are shut, beyond the statute: Christmas Eve by proclamation, say. */
export type Closure = { date: string; name: string }

export type NonBusinessReason = { kind: 'saturday' } | { kind: 'sunday' } | { kind: 'holiday'; holiday: Holiday }

export type HolidayCalendar = {
	/** "US" or "US-VA". */
	id: string
	/** 'statute': the state's own list is modelled; 'federal-fallback': federal holidays stand in. */
	basis: 'statute' | 'federal-fallback'
	citation: string
	/** Why a state is at federal holidays, or what the list leaves out, for the page to say. */
	noteKey: MessageKey | null
	holidaysIn(year: number): Holiday[]
	holidayOn(date: string): Holiday | null
	isBusinessDay(date: string): boolean
}

type HolidayRule = { id: HolidayId; on: (year: number) => string; since?: number; shifts: boolean }

const fixed = (month: number, day: number) => (year: number) => civilDate(year, month, day)
const nth = (month: number, day: number, n: number) => (year: number) => nthWeekday(year, month, day, n)

// 5 U.S.C. § 6103(a). A holiday on a Saturday is observed the Friday before and one on a Sunday
// the Monday after, as federal offices close (5 U.S.C. § 6103(b); Executive Order 11582).
// Juneteenth from 2021 (Pub. L. 117-17); the rules otherwise as they stand since 1986 (MLK Day).
const federalRules: HolidayRule[] = [
	{ id: 'new-years-day', on: fixed(1, 1), shifts: true },
	{ id: 'mlk-day', on: nth(1, 1, 3), since: 1986, shifts: false },
	{ id: 'washingtons-birthday', on: nth(2, 1, 3), shifts: false },
	{ id: 'memorial-day', on: nth(5, 1, -1), shifts: false },
	{ id: 'juneteenth', on: fixed(6, 19), since: 2021, shifts: true },
	{ id: 'independence-day', on: fixed(7, 4), shifts: true },
	{ id: 'labor-day', on: nth(9, 1, 1), shifts: false },
	{ id: 'columbus-day', on: nth(10, 1, 2), shifts: false },
	{ id: 'veterans-day', on: fixed(11, 11), shifts: true },
	{ id: 'thanksgiving', on: nth(11, 4, 4), shifts: false },
	{ id: 'christmas', on: fixed(12, 25), shifts: true },
]

// Va. Code § 2.2-3300, as amended in 2020 (Election Day in place of Lee-Jackson Day; Juneteenth,
// 2020 Sp. Sess. I c. 5): modelled from 2021. Its last paragraph moves a Saturday holiday to the
// Friday before and a Sunday one to the Monday after, and adds any day the Governor or the
// President appoints — those come in as a body's closures.
const virginiaSince = 2021
const virginiaRules: HolidayRule[] = [
	...federalRules,
	{ id: 'election-day', on: (year) => addDays(nthWeekday(year, 11, 1, 1), 1), shifts: false },
	{ id: 'day-after-thanksgiving', on: (year) => addDays(nthWeekday(year, 11, 4, 4), 1), shifts: false },
]

function observed(rules: HolidayRule[], year: number): Holiday[] {
	const days: Holiday[] = []
	// New Year's Day on a Saturday is observed on 31 December of the year before.
	for (const ruleYear of [year, year + 1]) {
		for (const rule of rules) {
			if (rule.since && ruleYear < rule.since) continue
			const actual = rule.on(ruleYear)
			const day = weekday(actual)
			const date = rule.shifts && day === 6 ? addDays(actual, -1) : rule.shifts && day === 0 ? addDays(actual, 1) : actual
			if (yearOf(date) === year) days.push({ date, id: rule.id, actualDate: date === actual ? null : actual, name: null })
		}
	}
	return days.sort((a, b) => a.date.localeCompare(b.date))
}

type StateModel = { citation: string; noteKey: MessageKey | null; rules: HolidayRule[] | null; since?: number }

// Only what is sure is modelled; the rest stays at federal holidays and says so (decision 046).
const states: Record<string, StateModel> = {
	VA: { citation: 'Va. Code § 2.2-3300', noteKey: 'deadlines.calendar.note.VA', rules: virginiaRules, since: virginiaSince },
	// A.R.S. § 1-301 lists Sundays and days such as Constitution Commemoration Day whose effect on
	// office closures is unclear, and a Native American Day bill whose fate is unverified here.
	AZ: { citation: 'A.R.S. § 1-301', noteKey: 'deadlines.calendar.note.AZ', rules: null },
	// MCL 435.101 adds Lincoln's Birthday and Saturday afternoons for courts and bills of
	// exchange; how that bears on a township's deadlines is not settled by the statute.
	MI: { citation: 'MCL 435.101', noteKey: 'deadlines.calendar.note.MI', rules: null },
	// O.C.G.A. § 1-4-1(a)(1) adopts the federal holidays (as of 1 January 2022); the Governor
	// names the rest of the state's closing days each year, which come in as closures.
	GA: { citation: 'O.C.G.A. § 1-4-1', noteKey: 'deadlines.calendar.note.GA', rules: null },
}

/**
 * The calendar a body's deadlines are counted on: its state's legal holidays where modelled
 * (else the federal ones), plus the closures the body itself announces.
 */
export function holidayCalendar(state?: string | null, closures: Closure[] = []): HolidayCalendar {
	const code = state?.toUpperCase() ?? null
	const model = code ? states[code] : undefined
	for (const closure of closures) if (!isCivilDate(closure.date)) throw new RangeError(`Not a date (YYYY-MM-DD): ${closure.date}`)
	const cache = new Map<number, Holiday[]>()
	const byDate = new Map<string, Holiday>()
	const rulesFor = (year: number) => (model?.rules && year >= (model.since ?? 0) ? model.rules : federalRules)
	function holidaysIn(year: number) {
		let days = cache.get(year)
		if (!days) {
			const own = closures
				.filter((closure) => yearOf(closure.date) === year)
				.map((closure): Holiday => ({ date: closure.date, id: 'closure', actualDate: null, name: closure.name }))
			days = [...observed(rulesFor(year), year), ...own].sort((a, b) => a.date.localeCompare(b.date))
			cache.set(year, days)
			for (const day of days) if (!byDate.has(day.date)) byDate.set(day.date, day)
		}
		return days
	}
	function holidayOn(date: string) {
		holidaysIn(yearOf(date))
		return byDate.get(date) ?? null
	}
	return {
		id: code && model ? `US-${code}` : 'US',
		basis: model?.rules ? 'statute' : 'federal-fallback',
		citation: model?.citation ?? '5 U.S.C. § 6103',
		noteKey: model ? model.noteKey : code ? 'deadlines.calendar.note.other' : null,
		holidaysIn,
		holidayOn,
		isBusinessDay: (date) => nonBusinessReason(date, { holidayOn }) === null,
	}
}

export function nonBusinessReason(date: string, calendar: Pick<HolidayCalendar, 'holidayOn'>): NonBusinessReason | null {
	const day = weekday(date)
	if (day === 6) return { kind: 'saturday' }
	if (day === 0) return { kind: 'sunday' }
	const holiday = calendar.holidayOn(date)
	return holiday ? { kind: 'holiday', holiday } : null
}

export type BusinessDayCount = {
	date: string
	/** Weekday holidays the count stepped over, for the explanation. */
	skipped: Holiday[]
}

/**
 * N business days after (or, negative, before) a date. The date itself is not counted; each
 * weekday that is not a holiday is. Zero is the date itself.
 */
export function addBusinessDays(date: string, days: number, calendar: HolidayCalendar): BusinessDayCount {
	const step = days < 0 ? -1 : 1
	const skipped: Holiday[] = []
	let current = date
	let left = Math.abs(days)
	while (left > 0) {
		current = addDays(current, step)
		const reason = nonBusinessReason(current, calendar)
		if (reason === null) left--
		else if (reason.kind === 'holiday') skipped.push(reason.holiday)
	}
	return { date: current, skipped }
}

export type Rolled = {
	date: string
	/** Why the original day was not a business day; null when it was and nothing moved. */
	reason: NonBusinessReason | null
}

/** A deadline on a weekend or holiday moves to the next business day (where a rule says so). */
export function rollForward(date: string, calendar: HolidayCalendar): Rolled {
	return roll(date, calendar, 1)
}

/** A cut-off before an event moves back to the business day before it (where a rule says so). */
export function rollBackward(date: string, calendar: HolidayCalendar): Rolled {
	return roll(date, calendar, -1)
}

function roll(date: string, calendar: HolidayCalendar, step: 1 | -1): Rolled {
	const reason = nonBusinessReason(date, calendar)
	let current = date
	while (nonBusinessReason(current, calendar) !== null) current = addDays(current, step)
	return { date: current, reason }
}

const holidayNames: Record<Exclude<HolidayId, 'closure'>, MessageKey> = {
	'new-years-day': 'deadlines.holiday.new-years-day',
	'mlk-day': 'deadlines.holiday.mlk-day',
	'washingtons-birthday': 'deadlines.holiday.washingtons-birthday',
	'memorial-day': 'deadlines.holiday.memorial-day',
	juneteenth: 'deadlines.holiday.juneteenth',
	'independence-day': 'deadlines.holiday.independence-day',
	'labor-day': 'deadlines.holiday.labor-day',
	'columbus-day': 'deadlines.holiday.columbus-day',
	'election-day': 'deadlines.holiday.election-day',
	'veterans-day': 'deadlines.holiday.veterans-day',
	thanksgiving: 'deadlines.holiday.thanksgiving',
	'day-after-thanksgiving': 'deadlines.holiday.day-after-thanksgiving',
	christmas: 'deadlines.holiday.christmas',
}

/** "Independence Day", "Independence Day (observed)", or a closure's own name. */
export function holidayName(holiday: Holiday, locale: Locale = 'en') {
	if (holiday.id === 'closure') return holiday.name ?? t('deadlines.holiday.closure', {}, locale)
	const name = t(holidayNames[holiday.id], {}, locale)
	return holiday.actualDate ? t('deadlines.holiday.observed', { name }, locale) : name
}
