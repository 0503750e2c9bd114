import { expect, test } from 'vitest'
import { responseDeadline, skippedHolidays, type RecordsRule } from '#app/siting/records-deadline'

// The rules as seeds/siting.ts records them, each with its statute.
const virginia: RecordsRule = {
	responseDays: 5,
	dayCount: 'business',
	statute: 'Va. Code § 2.2-3704(B)',
	notes: null,
	sourceUrl: 'https://law.lis.virginia.gov/vacode/title2.2/chapter37/section2.2-3704/',
}
const arizona: RecordsRule = {
	responseDays: null,
	dayCount: null,
	statute: 'A.R.S. § 39-121.01(D)(1)',
	notes: null,
	sourceUrl: 'https://www.azleg.gov/ars/39/00121-01.htm',
}

test('a Virginia request sent the Tuesday before Thanksgiving is due five working days later, past both Virginia holidays', () => {
	// Wed 25 (1), Thanksgiving and the day after (Va. Code § 2.2-3300), Mon 30 (2), Tue 1 (3), Wed 2 (4), Thu 3 (5).
	const deadline = responseDeadline(virginia, '2026-11-24', 'VA')
	expect(deadline).toMatchObject({ kind: 'date', date: '2026-12-03', days: 5, dayCount: 'business', statute: 'Va. Code § 2.2-3704(B)' })
	expect(skippedHolidays(deadline)).toEqual(['Thanksgiving Day', 'the day after Thanksgiving'])
})

test('the same request outside Virginia steps over Thanksgiving only, the federal holiday', () => {
	const deadline = responseDeadline({ ...virginia, statute: 'Federal stand-in' }, '2026-11-24', 'GA')
	expect(deadline).toMatchObject({ kind: 'date', date: '2026-12-02' })
	expect(skippedHolidays(deadline)).toEqual(['Thanksgiving Day'])
})

test('a request sent on a Friday starts counting on Monday; the day it is sent is not counted', () => {
	expect(responseDeadline(virginia, '2026-12-04', 'VA')).toMatchObject({ date: '2026-12-11' })
})

test('calendar days count every day and are not moved off a weekend', () => {
	const deadline = responseDeadline({ ...virginia, responseDays: 10, dayCount: 'calendar' }, '2026-11-24', 'VA')
	expect(deadline).toMatchObject({ kind: 'date', date: '2026-12-04', dayCount: 'calendar', skipped: [] })
	expect(responseDeadline({ ...virginia, responseDays: 4, dayCount: 'calendar' }, '2026-12-01', 'VA')).toMatchObject({
		date: '2026-12-05',
	})
})

test('where the law sets no fixed days the answer is "promptly", with the statute, sent or not', () => {
	expect(responseDeadline(arizona, '2026-11-24', 'AZ')).toEqual({
		kind: 'promptly',
		statute: 'A.R.S. § 39-121.01(D)(1)',
		sourceUrl: arizona.sourceUrl,
	})
	expect(responseDeadline(arizona, null, 'AZ').kind).toBe('promptly')
})

test('no clock runs before the request is sent, and a state with no recorded rule says so', () => {
	expect(responseDeadline(virginia, null, 'VA')).toEqual({ kind: 'not-sent', rule: virginia })
	expect(responseDeadline(null, '2026-11-24', 'TX')).toEqual({ kind: 'no-rule' })
})

test('a date that is not a date is refused', () => {
	expect(() => responseDeadline(virginia, '2026-13-40', 'VA')).toThrow(RangeError)
})
