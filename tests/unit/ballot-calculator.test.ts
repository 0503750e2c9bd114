import { expect, test } from 'vitest'
import {
	calculateBallot,
	OBSERVED_VALIDITY_PERCENT,
	requiredSignatures,
	sampleSize,
	SAMPLING,
	samplingOutcome,
	type BallotInputs,
} from '#app/campaigns/ballot'

// The real cases are from the reference notes (shared/reference/domain.md,
// "Ballot qualification: rules and observed rates"): Maine's Pine Tree Power
// (21-A M.R.S. § 905), Colorado's sample (C.R.S. § 1-40-116(4)), California's
// local measures (Elections Code § 9115) and San Diego's 2024 filing.

const pineTree: BallotInputs = {
	rule: { kind: 'fixed', count: 63067 },
	validityPercent: OBSERVED_VALIDITY_PERCENT,
	safetyMarginPercent: 0,
	online: 0,
	paper: 80154,
	duplicates: 0,
	circulationStartsOn: '2021-10-01',
	circulationEndsOn: '2022-10-31',
	today: '2022-10-31',
	filed: { on: '2022-10-31', count: 80154 },
	sampling: 'none',
	review: { days: 30, dayCount: 'business' },
	state: 'ME',
}

function figures(input: BallotInputs) {
	const result = calculateBallot(input)
	if (!result.ok) throw new Error(`Expected figures, got ${result.problem}`)
	return result.figures
}

test('Pine Tree Power: 80,154 filed at the 87.0% rate the state found projects 69,735 valid, over the 63,067 required', () => {
	const found = figures({ ...pineTree, validityPercent: 87.0 })
	expect(found.required).toBe(63067)
	// 80,154 × 0.87 = 69,733.98: the projection rounds down, two short of the 69,735 actually found valid.
	expect(found.projectedValid).toBe(69733)
	expect(found.gap).toBe(0)
})

test('Pine Tree Power at the observed 78.8% average would have cleared the requirement by only 94 signatures', () => {
	const found = figures(pineTree)
	expect(found.projectedValid).toBe(63161)
	expect(found.projectedValid - found.required).toBe(94)
	// Requirement ÷ 78.8% is 80,035 to collect: the campaign filed 119 more than that.
	expect(found.target).toBe(80035)
	expect(found.toCollect).toBe(0)
})

test('Pine Tree Power: the Secretary of State had 30 business days from filing on 31 October 2022', () => {
	const found = figures(pineTree)
	// November 2022 in Maine: Veterans Day (Fri 11) and Thanksgiving (Thu 24) are not business days.
	expect(found.certification?.dueOn).toBe('2022-12-14')
	expect(found.certification?.daysLeft).toBe(44)
})

test('ten percent of a base is rounded up, in whole numbers', () => {
	expect(requiredSignatures({ kind: 'percent', percent: 10, baseCount: 630667 })).toBe(63067)
	expect(requiredSignatures({ kind: 'percent', percent: 10, baseCount: 630660 })).toBe(63066)
	expect(requiredSignatures({ kind: 'percent', percent: 5, baseCount: 2484750 })).toBe(124238)
})

test('a percentage rule without its base, or a rule with no number, is a problem to fix, not a zero', () => {
	expect(calculateBallot({ ...pineTree, rule: { kind: 'percent', percent: 10, baseCount: null } })).toEqual({
		ok: false,
		problem: 'base_missing',
	})
	expect(calculateBallot({ ...pineTree, rule: { kind: 'fixed', count: null } })).toEqual({ ok: false, problem: 'requirement_missing' })
})

test('a validity rate over 100% or at 0 is refused', () => {
	expect(calculateBallot({ ...pineTree, validityPercent: 101 })).toEqual({ ok: false, problem: 'validity_out_of_range' })
	expect(calculateBallot({ ...pineTree, validityPercent: 0 })).toEqual({ ok: false, problem: 'validity_out_of_range' })
})

test('a circulation window that ends before it starts is refused', () => {
	expect(calculateBallot({ ...pineTree, circulationStartsOn: '2022-10-31', circulationEndsOn: '2022-10-01' })).toEqual({
		ok: false,
		problem: 'window_backwards',
	})
})

test('the daily rate needed counts today and the last day, against the rate achieved so far', () => {
	const found = figures({
		...pineTree,
		validityPercent: 80,
		safetyMarginPercent: 10,
		online: 12000,
		paper: 28000,
		duplicates: 40,
		circulationStartsOn: '2022-01-01',
		circulationEndsOn: '2022-10-31',
		today: '2022-07-01',
		filed: null,
	})
	// 63,067 ÷ 0.80 × 1.10 = 86,717.1 → 86,718 to collect; 39,960 countable after the duplicates.
	expect(found.target).toBe(86718)
	expect(found.countable).toBe(39960)
	expect(found.toCollect).toBe(46758)
	// 1 July to 31 October, both counted: 123 days.
	expect(found.daysLeft).toBe(123)
	expect(found.neededPerDay).toBe(381)
	// 1 January to 1 July: 182 days; 39,960 ÷ 182 = 219.6 a day.
	expect(found.achievedPerDay).toBe(219.6)
	expect(found.onPace).toBe(false)
	expect(found.gap).toBe(63067 - 31968)
})

test('Colorado checks a 5% random sample', () => {
	expect(sampleSize(SAMPLING.colorado, 140000)).toBe(7000)
	expect(sampleSize(SAMPLING.colorado, 140001)).toBe(7001)
})

test('Colorado: 90% of the requirement or less fails, more than 110% qualifies, between is counted in full', () => {
	const required = 124238 // 5% of the last vote for Secretary of State, for 2023–24
	const rule = SAMPLING.colorado
	expect(samplingOutcome(rule, Math.ceil(required * 0.9) - 1, required)).toBe('fails')
	expect(samplingOutcome(rule, 111815, required)).toBe('full_count') // 90.0004%
	expect(samplingOutcome(rule, 124238, required)).toBe('full_count')
	expect(samplingOutcome(rule, 136661, required)).toBe('full_count') // 109.99976%
	expect(samplingOutcome(rule, 136662, required)).toBe('qualifies') // 110.0002%
	expect(rule.statute).toBe('C.R.S. § 1-40-116(4)')
})

test('Colorado at exactly 90% fails on the sample', () => {
	expect(samplingOutcome(SAMPLING.colorado, 900, 1000)).toBe('fails')
	expect(samplingOutcome(SAMPLING.colorado, 1100, 1000)).toBe('full_count')
	expect(samplingOutcome(SAMPLING.colorado, 1101, 1000)).toBe('qualifies')
})

test('California local measures sample 500 signatures or 3%, whichever is more', () => {
	expect(sampleSize(SAMPLING.california_local, 10000)).toBe(500)
	expect(sampleSize(SAMPLING.california_local, 31000)).toBe(930)
	expect(sampleSize(SAMPLING.california_local, 400)).toBe(400)
})

test('California: under 95% fails, 95% to 110% is counted in full, over 110% qualifies', () => {
	const rule = SAMPLING.california_local
	expect(samplingOutcome(rule, 949, 1000)).toBe('fails')
	expect(samplingOutcome(rule, 950, 1000)).toBe('full_count')
	expect(samplingOutcome(rule, 1100, 1000)).toBe('full_count')
	expect(samplingOutcome(rule, 1101, 1000)).toBe('qualifies')
	expect(rule.statute).toBe('Cal. Elections Code § 9115')
})

test('San Diego 2024: 24,167 projected valid against 24,006 required lands in the full-count band', () => {
	const found = figures({
		...pineTree,
		rule: { kind: 'fixed', count: 24006 },
		// The projection as reported: 24,167 of about 31,000 filed (the filing day here is illustrative).
		validityPercent: 77.96,
		paper: 31000,
		filed: { on: '2024-01-01', count: 31000 },
		sampling: 'california_local',
		review: { days: 30, dayCount: 'calendar' },
		state: 'CA',
	})
	expect(found.projectedValid).toBe(24167)
	expect(found.sampling).toMatchObject({ sampleSize: 930, projectedPercent: 100.7, outcome: 'full_count' })
	expect(found.certification).toMatchObject({ dueOn: '2024-01-31' })
})
