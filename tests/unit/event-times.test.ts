import { expect, test } from 'vitest'
import { weekStart } from '#app/chapters/jobs.server'
import { isUuid, reminderTime } from '#app/events/events.server'

test('the reminder goes 24 hours before, or 2 hours before for short notice, or not at all', () => {
	const now = new Date('2026-12-01T12:00:00Z')
	expect(reminderTime(new Date('2026-12-05T12:00:00Z'), now)?.toISOString()).toBe('2026-12-04T12:00:00.000Z')
	expect(reminderTime(new Date('2026-12-02T12:00:01Z'), now)?.toISOString()).toBe('2026-12-01T12:00:01.000Z')
	expect(reminderTime(new Date('2026-12-02T12:00:00Z'), now)?.toISOString()).toBe('2026-12-02T10:00:00.000Z')
	expect(reminderTime(new Date('2026-12-01T14:00:00Z'), now)).toBeNull()
})

test('the weekly digest’s week starts on the Monday, in UTC', () => {
	expect(weekStart(new Date('2026-11-30T00:00:00Z'))).toBe('2026-11-30') // a Monday
	expect(weekStart(new Date('2026-12-06T23:59:59Z'))).toBe('2026-11-30') // the Sunday after
	expect(weekStart(new Date('2026-12-03T12:00:00Z'))).toBe('2026-11-30')
	expect(weekStart(new Date('2027-01-01T12:00:00Z'))).toBe('2026-12-28') // across the new year
})

test('only a well-formed UUID is taken as an event or answer id', () => {
	expect(isUuid('5eed0e00-0000-4000-8000-000000000002')).toBe(true)
	expect(isUuid('5EED0E00-0000-4000-8000-000000000002')).toBe(true)
	for (const value of [
		undefined,
		'',
		'new',
		'5eed0e00-0000-4000-8000-00000000000',
		'5eed0e00-0000-4000-8000-000000000002x',
		"1' or '1'='1",
	]) {
		expect(isUuid(value), String(value)).toBe(false)
	}
})
