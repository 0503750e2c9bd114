import { expect, test } from 'vitest'
import { holidayCalendar } from '#app/siting/calendar-days'
import { changedClocks, computeClocks, type ClockInput, type ClockRule } from '#app/siting/clocks'

// Which facts are real: the Prince William hearing date (Board of County Supervisors, Tuesday
// 12 December 2023) and its remote sign-up rule (online by 5 pm the day before), Loudoun's
// Planning Commission sign-up (by noon on the hearing day) and the Arizona Corporation
// Commission's vote on Project Blue's power-supply agreement (3 December 2025) come from
// ../shared/reference/public-comments-and-osdi.md. Every other date and rule is constructed.

const eastern = 'America/New_York'
const byKey = <T extends { key: string }>(clocks: T[]) => new Map(clocks.map((clock) => [clock.key, clock]))

test('an appeal window of 30 calendar days that lands on an observed holiday moves to the next business day, and says so', () => {
	const { clocks, problems } = computeClocks(
		{ decision: { kind: 'decision', date: '2026-06-03' } },
		[
			{
				key: 'appeal',
				kind: 'appeal-deadline',
				from: 'decision',
				days: 30,
				count: 'calendar',
				rollForward: true,
				source: 'constructed rule',
			},
		],
		eastern,
	)
	expect(problems).toEqual([])
	const appeal = byKey(clocks).get('appeal')
	expect(appeal).toMatchObject({ date: '2026-07-06', time: null, instant: '2026-07-07T03:59:59.000Z', computed: true, from: 'decision' })
	expect(appeal?.dependsOn).toEqual(['decision'])
	expect(appeal?.explanation).toBe(
		'30 calendar days after the decision on Wednesday, June 3, 2026 is Friday, July 3, 2026. That day is Independence Day (observed), a holiday when offices are closed, so the deadline moves to the next business day, Monday, July 6, 2026. It runs to the end of that day. Rule: constructed rule.',
	)
})

test('the same window without rollForward stays on the holiday', () => {
	const { clocks } = computeClocks(
		{ decision: { kind: 'decision', date: '2026-06-03' } },
		[{ key: 'appeal', kind: 'appeal-deadline', from: 'decision', days: 30 }],
		eastern,
	)
	expect(byKey(clocks).get('appeal')?.date).toBe('2026-07-03')
})

test('a 10-business-day appeal window across Thanksgiving names the holidays it skipped (Virginia closes the Friday too)', () => {
	const { clocks } = computeClocks(
		{ vote: { kind: 'vote', date: '2026-11-20', label: 'Board of Supervisors vote' } },
		[{ key: 'appeal', kind: 'appeal-deadline', from: 'vote', days: 10, count: 'business' }],
		eastern,
		{ calendar: holidayCalendar('VA') },
	)
	const appeal = byKey(clocks).get('appeal')
	expect(appeal?.date).toBe('2026-12-08')
	expect(appeal?.explanation).toBe(
		'10 business days after the Board of Supervisors vote on Friday, November 20, 2026 is Tuesday, December 8, 2026, not counting weekends or Thanksgiving Day (Thursday, November 26, 2026) and the day after Thanksgiving (Friday, November 27, 2026). It runs to the end of that day.',
	)
})

test('Prince William’s remote sign-up, online by 5 pm the day before the 12 December 2023 hearing (real rule and date)', () => {
	const { clocks, problems } = computeClocks(
		{ hearing: { kind: 'hearing', date: '2023-12-12', time: '14:00', label: 'Board of County Supervisors hearing' } },
		[{ key: 'signup', kind: 'speaker-signup', from: 'hearing', days: -1, at: '17:00', label: 'remote speaker sign-up' }],
		eastern,
	)
	expect(problems).toEqual([])
	const signup = byKey(clocks).get('signup')
	expect(signup).toMatchObject({ date: '2023-12-11', time: '17:00', instant: '2023-12-11T22:00:00.000Z' })
	expect(signup?.explanation.replace(/\s/g, ' ')).toBe(
		'1 calendar day before the Board of County Supervisors hearing on Tuesday, December 12, 2023 is Monday, December 11, 2023. It runs until 5:00 PM EST that day.',
	)
})

test('a rule from a kind makes one clock per hearing: Loudoun’s noon-on-the-day sign-up, in summer time', () => {
	// The rule is Loudoun Planning Commission's; the two hearing dates are constructed.
	const { clocks } = computeClocks(
		{
			commission: { kind: 'hearing', date: '2026-07-14', time: '18:00', label: 'Planning Commission hearing' },
			board: { kind: 'hearing', date: '2026-12-08', time: '18:00', label: 'Board of Supervisors hearing' },
		},
		[{ key: 'signup', kind: 'speaker-signup', from: 'hearing', days: 0, at: '12:00' }],
		eastern,
	)
	const found = byKey(clocks)
	expect(found.get('signup:commission')).toMatchObject({
		date: '2026-07-14',
		instant: '2026-07-14T16:00:00.000Z',
		dependsOn: ['commission'],
	})
	expect(found.get('signup:board')).toMatchObject({ date: '2026-12-08', instant: '2026-12-08T17:00:00.000Z', dependsOn: ['board'] })
	expect(found.get('signup:board')?.explanation.replace(/\s/g, ' ')).toBe(
		'On the day of the Board of Supervisors hearing, Tuesday, December 8, 2026. It runs until 12:00 PM EST that day.',
	)
})

test('“48 hours before the meeting” is two days before at the meeting’s own time (constructed)', () => {
	const { clocks } = computeClocks(
		{ meeting: { kind: 'hearing', date: '2026-03-10', time: '19:00' } },
		[{ key: 'comments', kind: 'comment-deadline', from: 'meeting', days: -2, at: 'from' }],
		eastern,
	)
	// Across the spring change on 8 March: 7 pm EDT on the 8th, wall-clock time kept.
	expect(byKey(clocks).get('comments')).toMatchObject({ date: '2026-03-08', time: '19:00', instant: '2026-03-08T23:00:00.000Z' })
})

test('Project Blue’s 20-day rehearing window after the Corporation Commission’s vote, in Arizona time (window shape constructed)', () => {
	const { clocks } = computeClocks(
		{ vote: { kind: 'vote', date: '2025-12-03', label: 'Corporation Commission vote' } },
		[{ key: 'rehearing', kind: 'rehearing-deadline', from: 'vote', days: 20 }],
		'America/Phoenix',
		{ calendar: holidayCalendar('AZ') },
	)
	expect(byKey(clocks).get('rehearing')).toMatchObject({ date: '2025-12-23', instant: '2025-12-24T06:59:59.000Z' })
})

test('clocks count from computed clocks, and every one lists the given dates it hangs on', () => {
	const { clocks, problems } = computeClocks(
		{ hearing: { kind: 'hearing', date: '2026-03-03', time: '19:00' } },
		[
			{ key: 'record', kind: 'record-closes', from: 'hearing', days: 7, rollForward: true },
			{ key: 'reply', kind: 'other', from: 'record', days: 5, count: 'business', label: 'reply comments' },
		],
		eastern,
	)
	expect(problems).toEqual([])
	const found = byKey(clocks)
	expect(found.get('record')).toMatchObject({ date: '2026-03-10', from: 'hearing', dependsOn: ['hearing'] })
	expect(found.get('reply')).toMatchObject({ date: '2026-03-17', from: 'record', dependsOn: ['hearing'] })
	expect(clocks.map((clock) => clock.key)).toEqual(['hearing', 'record', 'reply']) // in date order
})

test('moving the hearing recomputes what counts from it, and changedClocks says which moved', () => {
	const rules: ClockRule[] = [
		{ key: 'signup', kind: 'speaker-signup', from: 'hearing', days: -1, at: '12:00' },
		{ key: 'appeal', kind: 'appeal-deadline', from: 'vote', days: 30, rollForward: true },
	]
	const inputs: Record<string, ClockInput> = {
		hearing: { kind: 'hearing', date: '2026-03-03', time: '19:00' },
		vote: { kind: 'vote', date: '2026-03-17' },
	}
	const before = computeClocks(inputs, rules, eastern).clocks
	const after = computeClocks({ ...inputs, hearing: { ...inputs.hearing, date: '2026-03-10' } as ClockInput }, rules, eastern).clocks
	expect(changedClocks(before, after).map((change) => [change.key, change.before?.date, change.after?.date])).toEqual([
		['signup', '2026-03-02', '2026-03-09'],
		['hearing', '2026-03-03', '2026-03-10'],
	])
	const withoutVote = computeClocks({ hearing: inputs.hearing as ClockInput }, rules, eastern).clocks
	expect(changedClocks(before, withoutVote).map((change) => [change.key, change.after])).toEqual([
		['vote', null],
		['appeal', null],
	])
})

test('dates out of order come back as problems for the form, not as errors', () => {
	const { clocks, problems } = computeClocks(
		{
			notice: { kind: 'notice-published', date: '2026-03-05' },
			hearing: { kind: 'hearing', date: '2026-03-03', time: '19:00' },
			vote: { kind: 'vote', date: '2026-03-02' },
			comments: { kind: 'comment-deadline', date: '2026-03-04' },
			appeal: { kind: 'appeal-deadline', date: '2026-03-01' },
		},
		[{ key: 'signup', kind: 'speaker-signup', from: 'hearing', days: 1, at: '12:00' }],
		eastern,
	)
	expect(clocks).toHaveLength(6)
	expect(problems.map((problem) => [problem.code, ...problem.keys])).toEqual([
		['vote-before-hearing', 'vote', 'hearing'],
		['notice-after-hearing', 'notice', 'hearing'],
		['signup-after-hearing', 'signup', 'hearing'],
		['comment-deadline-after-vote', 'comments', 'vote'],
		['window-before-decision', 'appeal', 'vote'],
	])
	expect(problems[0]?.message.replace(/\s/g, ' ')).toBe(
		'The vote (Monday, March 2, 2026) is before the first hearing (Tuesday, March 3, 2026 at 7:00 PM EST). A body decides after it hears the public: check both dates.',
	)
})

test('a vote on the evening of the hearing, with no time given, is not out of order', () => {
	const { problems } = computeClocks(
		{ hearing: { kind: 'hearing', date: '2026-03-03', time: '19:00' }, vote: { kind: 'vote', date: '2026-03-03' } },
		[],
		eastern,
	)
	expect(problems).toEqual([])
})

test('bad dates, bad rules, missing dates and circular rules are each named, and the rest still computes', () => {
	const { clocks, problems } = computeClocks(
		{
			hearing: { kind: 'hearing', date: '2026-02-30' },
			vote: { kind: 'vote', date: '2026-03-17', time: '7pm' },
			notice: { kind: 'notice-published', date: '2026-02-20' },
		},
		[
			{ key: 'signup', kind: 'speaker-signup', from: 'hearing', days: -1 },
			{ key: 'both', kind: 'other', from: 'notice', days: 3, rollForward: true, rollBackward: true },
			{ key: 'appeal', kind: 'appeal-deadline', from: 'decision', days: 30 },
			{ key: 'a', kind: 'other', from: 'b', days: 1 },
			{ key: 'b', kind: 'other', from: 'a', days: 1 },
			{ key: 'fine', kind: 'comment-deadline', from: 'notice', days: 10 },
			{ key: 'fine', kind: 'other', from: 'notice', days: 20 },
			{ key: 'notice', kind: 'other', from: 'fine', days: 1 },
		],
		eastern,
	)
	expect(clocks.map((clock) => clock.key)).toEqual(['notice', 'fine'])
	expect(problems.map((problem) => [problem.code, problem.keys[0]])).toEqual([
		['invalid-date', 'hearing'],
		['invalid-time', 'vote'],
		['invalid-rule', 'both'],
		['invalid-rule', 'fine'],
		['invalid-rule', 'notice'],
		['waiting-for-date', 'signup'],
		['waiting-for-date', 'appeal'],
		['rule-cycle', 'a'],
		['rule-cycle', 'b'],
	])
	expect(problems.find((problem) => problem.keys[0] === 'appeal')?.message).toBe(
		'The deadline to appeal will be worked out once the date of the decision is set.',
	)
})

test('with now given, each clock says whether it has passed', () => {
	const { clocks } = computeClocks(
		{ comments: { kind: 'comment-deadline', date: '2026-12-01' }, hearing: { kind: 'hearing', date: '2026-12-01', time: '10:00' } },
		[],
		eastern,
		{ now: new Date('2026-12-01T16:00:00Z') }, // 11 am in New York
	)
	expect(clocks.map((clock) => [clock.key, clock.passed])).toEqual([
		['hearing', true],
		['comments', false],
	])
})

test('an unknown time zone is a programming error and throws at once', () => {
	expect(() => computeClocks({}, [], 'America/Nowhere')).toThrow(RangeError)
})
