import { expect, test } from 'vitest'
import { deadlineFromDate } from '#app/petitions/petitions.server'
import { addBusinessDays, holidayCalendar, holidayName, rollBackward, rollForward } from '#app/siting/calendar-days'
import { addDays, civilDateAt, daysBetween, endOfDay, isCivilDate, zonedInstant } from '#app/siting/civil-date'

// Holiday dates below follow from the statutes' rules (5 U.S.C. § 6103, Va. Code § 2.2-3300);
// the decision dates the windows are counted from are constructed.

const dates = (year: number, state?: string) =>
	holidayCalendar(state)
		.holidaysIn(year)
		.map((holiday) => `${holiday.date} ${holiday.id}`)

test('federal holidays in 2026, with Independence Day on a Saturday observed on Friday 3 July', () => {
	expect(dates(2026)).toEqual([
		'2026-01-01 new-years-day',
		'2026-01-19 mlk-day',
		'2026-02-16 washingtons-birthday',
		'2026-05-25 memorial-day',
		'2026-06-19 juneteenth',
		'2026-07-03 independence-day',
		'2026-09-07 labor-day',
		'2026-10-12 columbus-day',
		'2026-11-11 veterans-day',
		'2026-11-26 thanksgiving',
		'2026-12-25 christmas',
	])
	const observed = holidayCalendar().holidayOn('2026-07-03')
	expect(observed?.actualDate).toBe('2026-07-04')
	expect(observed && holidayName(observed)).toBe('Independence Day (observed)')
})

test('a Saturday New Year’s Day is observed on 31 December of the year before', () => {
	expect(dates(2021)).toContain('2021-12-31 new-years-day') // 1 January 2022 was a Saturday
	expect(dates(2022).some((line) => line.endsWith('new-years-day'))).toBe(false)
	expect(dates(2027)).toContain('2027-12-31 new-years-day') // 1 January 2028 is a Saturday
})

test('a Sunday holiday is observed on the Monday after; Juneteenth counts only from 2021', () => {
	expect(dates(2022)).toContain('2022-06-20 juneteenth') // 19 June 2022 was a Sunday
	expect(dates(2027)).toContain('2027-07-05 independence-day') // 4 July 2027 is a Sunday
	expect(dates(2020).some((line) => line.endsWith('juneteenth'))).toBe(false)
	expect(dates(2021)).toContain('2021-06-18 juneteenth') // a Saturday, observed the Friday
})

test('Virginia adds Election Day and the day after Thanksgiving (Va. Code § 2.2-3300)', () => {
	const virginia = holidayCalendar('VA')
	expect(virginia.id).toBe('US-VA')
	expect(virginia.basis).toBe('statute')
	expect(dates(2026, 'VA')).toEqual(expect.arrayContaining(['2026-11-03 election-day', '2026-11-27 day-after-thanksgiving']))
	expect(dates(2026, 'VA')).toHaveLength(13)
	expect(virginia.isBusinessDay('2026-11-03')).toBe(false)
	expect(holidayCalendar().isBusinessDay('2026-11-03')).toBe(true)
	// Before the 2020 amendments took effect the Virginia list is not modelled: federal stands in.
	expect(dates(2019, 'VA')).toEqual(dates(2019))
})

test('Arizona, Michigan and Georgia count with federal holidays, and each says why', () => {
	for (const state of ['AZ', 'MI', 'GA']) {
		const calendar = holidayCalendar(state)
		expect(calendar.basis).toBe('federal-fallback')
		expect(calendar.noteKey).toBe(`deadlines.calendar.note.${state}`)
		expect(dates(2026, state)).toEqual(dates(2026))
	}
	expect(holidayCalendar('AZ').citation).toBe('A.R.S. § 1-301')
	expect(holidayCalendar('GA').citation).toBe('O.C.G.A. § 1-4-1')
	expect(holidayCalendar('OH').noteKey).toBe('deadlines.calendar.note.other')
	expect(holidayCalendar().noteKey).toBeNull()
})

test('a body’s own closures (a Governor’s Christmas Eve) are not business days', () => {
	const calendar = holidayCalendar('VA', [{ date: '2026-12-24', name: 'Christmas Eve (Governor’s order)' }])
	expect(calendar.isBusinessDay('2026-12-24')).toBe(false)
	expect(rollForward('2026-12-24', calendar).date).toBe('2026-12-28')
	expect(holidayName(calendar.holidayOn('2026-12-24')!)).toBe('Christmas Eve (Governor’s order)')
	expect(holidayCalendar('VA').isBusinessDay('2026-12-24')).toBe(true)
})

test('a 10-business-day appeal window across Thanksgiving: one day later in Virginia, which also closes the Friday', () => {
	// Decision on Friday 20 November 2026 (constructed). Thanksgiving is Thursday 26 November.
	const federal = addBusinessDays('2026-11-20', 10, holidayCalendar())
	expect(federal.date).toBe('2026-12-07')
	expect(federal.skipped.map((holiday) => holiday.id)).toEqual(['thanksgiving'])
	const virginia = addBusinessDays('2026-11-20', 10, holidayCalendar('VA'))
	expect(virginia.date).toBe('2026-12-08')
	expect(virginia.skipped.map((holiday) => holiday.id)).toEqual(['thanksgiving', 'day-after-thanksgiving'])
})

test('a 10-business-day window across 4 July observed on Friday 3 July 2026', () => {
	// From Thursday 25 June 2026 (constructed): without the holiday it would end Thursday 9 July.
	const counted = addBusinessDays('2026-06-25', 10, holidayCalendar())
	expect(counted.date).toBe('2026-07-10')
	expect(counted.skipped.map((holiday) => holiday.date)).toEqual(['2026-07-03'])
	expect(addBusinessDays('2026-06-25', 10, holidayCalendar('AZ')).date).toBe('2026-07-10')
})

test('business days count back too, and zero is the day itself', () => {
	expect(addBusinessDays('2026-11-30', -2, holidayCalendar('VA')).date).toBe('2026-11-24') // over the long weekend
	expect(addBusinessDays('2026-11-30', 0, holidayCalendar()).date).toBe('2026-11-30')
	expect(addBusinessDays('2026-12-04', 1, holidayCalendar()).date).toBe('2026-12-07') // Friday → Monday
})

test('a deadline on a weekend or holiday rolls to the next business day, or back to the one before', () => {
	const virginia = holidayCalendar('VA')
	expect(rollForward('2026-12-05', virginia)).toEqual({ date: '2026-12-07', reason: { kind: 'saturday' } })
	expect(rollForward('2026-12-06', virginia)).toEqual({ date: '2026-12-07', reason: { kind: 'sunday' } })
	// Thanksgiving in Virginia: Thursday, Friday and the weekend are all closed.
	const thanksgiving = rollForward('2026-11-26', virginia)
	expect(thanksgiving.date).toBe('2026-11-30')
	expect(thanksgiving.reason).toMatchObject({ kind: 'holiday', holiday: { id: 'thanksgiving' } })
	expect(rollForward('2026-12-07', virginia)).toEqual({ date: '2026-12-07', reason: null })
	expect(rollBackward('2026-11-28', virginia).date).toBe('2026-11-25')
})

test('civil dates are checked and counted as days on a wall calendar', () => {
	expect(isCivilDate('2026-02-28')).toBe(true)
	expect(isCivilDate('2026-02-30')).toBe(false)
	expect(isCivilDate('2026-2-3')).toBe(false)
	expect(isCivilDate(20260203)).toBe(false)
	expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
	expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
	expect(daysBetween('2023-12-02', '2023-12-09')).toBe(7)
	expect(daysBetween('2026-03-01', '2026-03-08')).toBe(7) // across the spring change, still whole days
})

test('a wall-clock time in a zone, across both daylight-saving changes', () => {
	expect(zonedInstant('2026-12-09', '17:00', 'America/New_York').toISOString()).toBe('2026-12-09T22:00:00.000Z')
	expect(zonedInstant('2026-07-09', '17:00', 'America/New_York').toISOString()).toBe('2026-07-09T21:00:00.000Z')
	// 8 March 2026: 02:30 never happens in New York; it is read as 03:30 EDT.
	expect(zonedInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z')
	expect(zonedInstant('2026-03-08', '12:00', 'America/New_York').toISOString()).toBe('2026-03-08T16:00:00.000Z')
	// 1 November 2026: 01:30 happens twice; the first (EDT) is taken.
	expect(zonedInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z')
	expect(zonedInstant('2026-11-01', '12:00', 'America/New_York').toISOString()).toBe('2026-11-01T17:00:00.000Z')
	// Arizona keeps standard time all year; Detroit does not.
	expect(zonedInstant('2026-07-09', '12:00', 'America/Phoenix').toISOString()).toBe('2026-07-09T19:00:00.000Z')
	expect(zonedInstant('2026-07-09', '12:00', 'America/Detroit').toISOString()).toBe('2026-07-09T16:00:00.000Z')
	expect(() => zonedInstant('2026-07-09', '25:00', 'America/Detroit')).toThrow(RangeError)
})

test('the end of a civil day agrees with the petition deadline’s, every day of 2026, in the demo zones', () => {
	for (const zone of ['America/New_York', 'America/Detroit', 'America/Phoenix', 'America/Los_Angeles']) {
		for (let day = 0; day < 365; day++) {
			const date = addDays('2026-01-01', day)
			expect(endOfDay(date, zone).toISOString(), `${date} ${zone}`).toBe(deadlineFromDate(date, zone)?.toISOString())
			expect(civilDateAt(endOfDay(date, zone), zone)).toBe(date)
		}
	}
})
