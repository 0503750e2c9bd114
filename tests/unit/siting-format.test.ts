import { expect, test } from 'vitest'
import { formatCivilDate, formatDaysUntil, formatDeadline } from '#app/siting/clock-format'

// Intl puts a narrow no-break space before "PM"; the spaces are compared as spaces.
const spaced = (text: string) => text.replace(/\s/g, ' ')
const eastern = 'America/New_York'
const signup = { date: '2026-12-08', time: '17:00', instant: '2026-12-08T22:00:00.000Z' }
const comments = { date: '2026-12-10', time: null, instant: '2026-12-11T04:59:59.000Z' }

test('a civil date reads the same in every zone', () => {
	expect(formatCivilDate('2026-12-08')).toBe('Tuesday, December 8, 2026')
})

test('a deadline in the body’s zone, and again in the reader’s when it reads differently', () => {
	expect(spaced(formatDeadline(signup, eastern))).toBe('Tuesday, December 8, 2026 at 5:00 PM EST')
	expect(spaced(formatDeadline(signup, eastern, { readerTimeZone: 'America/Phoenix' }))).toBe(
		'Tuesday, December 8, 2026 at 5:00 PM EST (Tuesday, December 8, 2026 at 3:00 PM MST where you are)',
	)
	expect(spaced(formatDeadline(signup, eastern, { readerTimeZone: 'America/Detroit' }))).toBe('Tuesday, December 8, 2026 at 5:00 PM EST')
	expect(formatDeadline(comments, eastern)).toBe('Thursday, December 10, 2026, until the end of the day (EST)')
})

test('how far off, in whole days on the body’s calendar', () => {
	const tuesdayMorning = new Date('2026-12-08T15:00:00Z') // 10 am in New York
	expect(formatDaysUntil(comments, tuesdayMorning, eastern)).toBe('in 2 days')
	expect(formatDaysUntil(comments, new Date('2026-12-10T03:00:00Z'), eastern)).toBe('tomorrow') // 10 pm Wednesday
	expect(formatDaysUntil(comments, new Date('2026-12-10T15:00:00Z'), eastern)).toBe('today')
	expect(formatDaysUntil(comments, new Date('2026-12-12T15:00:00Z'), eastern)).toBe('2 days ago')
	expect(formatDaysUntil(signup, tuesdayMorning, eastern)).toBe('in 7 hours')
	expect(formatDaysUntil(signup, new Date('2026-12-08T21:40:00Z'), eastern)).toBe('in 20 minutes')
	expect(formatDaysUntil(signup, new Date('2026-12-08T23:00:00Z'), eastern)).toBe('earlier today')
})
