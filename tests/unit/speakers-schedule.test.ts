import { expect, test } from 'vitest'
import { scheduleHearings, speakingTime, type HearingToSchedule } from '#app/speakers/schedule'

// Estimated times (docs/decisions/057): slot n starts after everyone before it
// has had their time, representatives their longer time, a free slot the
// standard time; hearings of one body on one evening are heard in sequence.

const six = new Date('2026-12-10T23:00:00Z') // 6 pm in New York
const minute = 60_000

function hearing(overrides: Partial<HearingToSchedule> = {}): HearingToSchedule {
	return {
		clockId: 'a',
		bodyId: 'board',
		timeZone: 'America/New_York',
		startsAt: six,
		speakingMinutes: 3,
		representativeMinutes: 5,
		slots: [],
		...overrides,
	}
}

test('each slot starts after the ones before it; representatives take their longer time, free slots the standard one', () => {
	const schedule = scheduleHearings([
		hearing({
			slots: [
				{ slot: 1, representative: false },
				{ slot: 2, representative: true },
				{ slot: 4, representative: false },
			],
		}),
	]).get('a')
	expect(schedule?.slotStartsAt(1)?.getTime()).toBe(six.getTime())
	expect(schedule?.slotStartsAt(2)?.getTime()).toBe(six.getTime() + 3 * minute)
	expect(schedule?.slotStartsAt(3)?.getTime()).toBe(six.getTime() + 8 * minute)
	expect(schedule?.slotStartsAt(4)?.getTime()).toBe(six.getTime() + 11 * minute)
	expect(schedule?.endsAt?.getTime()).toBe(six.getTime() + 14 * minute)
})

test('with no speaking limit recorded there is no estimate at all', () => {
	const schedule = scheduleHearings([hearing({ speakingMinutes: null, slots: [{ slot: 1, representative: false }] })]).get('a')
	expect(schedule?.slotStartsAt(1)).toBeNull()
	expect(schedule?.endsAt).toBeNull()
	expect(schedule?.listStartsAt).toEqual(six)
})

test('a later hearing the same evening starts when the one before it ends, so one person’s two times never overlap', () => {
	const schedules = scheduleHearings([
		hearing({ clockId: 'b', startsAt: new Date(six.getTime() + 5 * minute), slots: [{ slot: 1, representative: false }] }),
		hearing({ clockId: 'a', slots: [1, 2, 3].map((slot) => ({ slot, representative: false })) }),
	])
	expect(schedules.get('a')?.afterClockId).toBeNull()
	expect(schedules.get('b')?.afterClockId).toBe('a')
	expect(schedules.get('b')?.listStartsAt.getTime()).toBe(six.getTime() + 9 * minute)
	expect(schedules.get('b')?.slotStartsAt(1)?.getTime()).toBe(six.getTime() + 9 * minute)
})

test('hearings of other bodies, or on other days, are not chained', () => {
	const schedules = scheduleHearings([
		hearing({ clockId: 'a', slots: [{ slot: 1, representative: false }] }),
		hearing({ clockId: 'b', bodyId: 'council' }),
		hearing({ clockId: 'c', startsAt: new Date(six.getTime() + 24 * 60 * minute) }),
	])
	expect(schedules.get('b')?.listStartsAt).toEqual(six)
	expect(schedules.get('c')?.afterClockId).toBeNull()
})

test('a representative’s time falls back to the standard time where the body gives no longer one', () => {
	expect(speakingTime({ speakingMinutes: 3, representativeMinutes: null }, true)).toBe(3)
	expect(speakingTime({ speakingMinutes: 3, representativeMinutes: 5 }, true)).toBe(5)
	expect(speakingTime({ speakingMinutes: null, representativeMinutes: 5 }, true)).toBeNull()
})
