import { expect, test } from 'vitest'
import { deadlineFromDate, deadlineToDate } from '#app/petitions/petitions.server'

// "Closes 5 December" means all of 5 December where the organizers are.

test('a deadline is the last second of the day in New York, in winter and in summer', () => {
	expect(deadlineFromDate('2026-12-05')?.toISOString()).toBe('2026-12-06T04:59:59.000Z') // EST, UTC−5
	expect(deadlineFromDate('2026-07-04')?.toISOString()).toBe('2026-07-05T03:59:59.000Z') // EDT, UTC−4
})

test('on the days the clocks change, the deadline uses the offset in force that evening', () => {
	// 8 March 2026: clocks go forward at 2 am, so the evening is EDT.
	expect(deadlineFromDate('2026-03-08')?.toISOString()).toBe('2026-03-09T03:59:59.000Z')
	// 1 November 2026: clocks go back at 2 am, so the evening is EST.
	expect(deadlineFromDate('2026-11-01')?.toISOString()).toBe('2026-11-02T04:59:59.000Z')
})

test('other zones, ahead of UTC, behind it and off the hour', () => {
	expect(deadlineFromDate('2026-12-05', 'America/Los_Angeles')?.toISOString()).toBe('2026-12-06T07:59:59.000Z')
	expect(deadlineFromDate('2026-12-05', 'Asia/Kolkata')?.toISOString()).toBe('2026-12-05T18:29:59.000Z')
	expect(deadlineFromDate('2026-12-05', 'Australia/Sydney')?.toISOString()).toBe('2026-12-05T12:59:59.000Z') // AEDT, UTC+11
	expect(deadlineFromDate('2026-12-05', 'UTC')?.toISOString()).toBe('2026-12-05T23:59:59.000Z')
})

test('no date is no deadline', () => {
	expect(deadlineFromDate('')).toBeNull()
	expect(deadlineToDate(null)).toBe('')
})

test('the edit form shows the date that was typed, in any zone and on any day of the year', () => {
	for (const zone of ['America/New_York', 'America/Anchorage', 'Pacific/Honolulu', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney']) {
		for (let day = 0; day < 366; day += 7) {
			const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10)
			expect(deadlineToDate(deadlineFromDate(date, zone), zone)).toBe(date)
		}
	}
})
