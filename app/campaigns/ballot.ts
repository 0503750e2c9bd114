import { addBusinessDays, holidayCalendar } from '#app/siting/calendar-days'
import { addDays, daysBetween } from '#app/siting/civil-date'

// The ballot-qualification calculator: how many valid signatures a measure
// needs, how many the campaign can expect to have, and what that means for
// each day left. Pure arithmetic on whole numbers, so the figures on the page
// are the ones a clerk would get (docs/decisions/059).

/** The observed average: 78.8% of submitted signatures were valid across 187 initiatives, 2017–2025. */
export const OBSERVED_VALIDITY_PERCENT = 78.8
export const OBSERVED_VALIDITY_SOURCE = {
	citation: 'Ballotpedia, “Initiative petition signature validity rates” (187 initiatives, 2017–2025)',
	url: 'https://ballotpedia.org/Initiative_petition_signature_validity_rates',
} as const
/** A cushion on top of the validity division; the organizer's choice, not an observed figure. */
export const DEFAULT_SAFETY_MARGIN_PERCENT = 10

export type RequirementRule =
	{ kind: 'fixed'; count: number | null } | { kind: 'percent'; percent: number | null; baseCount: number | null }

export const SAMPLING_RULES = ['none', 'colorado', 'california_local'] as const
export type SamplingRuleId = (typeof SAMPLING_RULES)[number]

export type SamplingRule = {
	/** Share of filed signatures checked, in thousandths of a percent (5% = 5000). */
	sampleShareMilli: number
	/** The sample is at least this many signatures. */
	minimumSample: number
	/** Below this share of the requirement (percent) the petition fails on the sample. */
	failBelowPercent: number
	/** Whether a projection exactly at failBelowPercent still fails. */
	failAtBoundary: boolean
	/** Above this share (percent) it qualifies on the sample; in between, every signature is counted. */
	passAbovePercent: number
	statute: string
	/** A link to the statute where one is stable; the citation alone otherwise. */
	url: string | null
}

/**
 * Colorado: a 5% random sample; 90% of the requirement or less fails, more than
 * 110% qualifies, anything between is counted line by line (C.R.S. § 1-40-116(4)).
 * California local measures: 500 signatures or 3%, whichever is more; under 95%
 * fails, over 110% qualifies, 95–110% is counted in full (Elections Code § 9115).
 */
export const SAMPLING: Record<Exclude<SamplingRuleId, 'none'>, SamplingRule> = {
	colorado: {
		sampleShareMilli: 5000,
		minimumSample: 0,
		failBelowPercent: 90,
		failAtBoundary: true,
		passAbovePercent: 110,
		statute: 'C.R.S. § 1-40-116(4)',
		url: null,
	},
	california_local: {
		sampleShareMilli: 3000,
		minimumSample: 500,
		failBelowPercent: 95,
		failAtBoundary: false,
		passAbovePercent: 110,
		statute: 'Cal. Elections Code § 9115',
		url: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=ELEC&sectionNum=9115',
	},
}

export type ReviewClock = { days: number; dayCount: 'calendar' | 'business' }

export type BallotInputs = {
	rule: RequirementRule
	/** Expected share of signatures that will be found valid, percent (0 < v ≤ 100). */
	validityPercent: number
	/** Cushion on top, percent (0 ≤ m ≤ 200). */
	safetyMarginPercent: number
	/** Confirmed online signatures from linked petitions, inside the jurisdiction. */
	online: number
	/** Paper signatures recorded (counted sheets plus named rows, unreadable rows included). */
	paper: number
	/** Named paper rows that repeat an online signer or another paper row: shown, not counted. */
	duplicates: number
	circulationStartsOn: string | null
	circulationEndsOn: string | null
	today: string
	/** After filing: the day and how many were handed in. */
	filed: { on: string; count: number } | null
	sampling: SamplingRuleId
	review: ReviewClock | null
	/** Postal abbreviation of the state, for its holidays in a business-day review clock. */
	state: string | null
}

export type BallotProblem = 'requirement_missing' | 'base_missing' | 'validity_out_of_range' | 'window_backwards'

export type SamplingOutcome = 'qualifies' | 'full_count' | 'fails'

export type SamplingProjection = {
	rule: SamplingRule
	sampleSize: number
	/** Projected valid signatures as a percent of the requirement, one decimal. */
	projectedPercent: number
	outcome: SamplingOutcome
}

export type BallotFigures = {
	required: number
	collected: number
	/** Collected less the duplicates found. */
	countable: number
	projectedValid: number
	/** Valid signatures still missing (0 when the projection meets the requirement). */
	gap: number
	/** What to collect in all: requirement ÷ validity, plus the margin. */
	target: number
	toCollect: number
	daysLeft: number | null
	daysElapsed: number | null
	/** Signatures a day needed from today to reach the target by the last day. */
	neededPerDay: number | null
	/** Signatures a day so far, one decimal. */
	achievedPerDay: number | null
	onPace: boolean | null
	certification: { dueOn: string; daysLeft: number; clock: ReviewClock } | null
	sampling: SamplingProjection | null
}

export type BallotResult = { ok: true; figures: BallotFigures } | { ok: false; problem: BallotProblem }

/** Percent with up to two decimals as hundredths: 78.8 → 7880. */
function hundredths(percent: number) {
	return Math.round(percent * 100)
}

/** Signatures required by the rule: a fixed number, or a share of a base rounded up. */
export function requiredSignatures(rule: RequirementRule): number | BallotProblem {
	if (rule.kind === 'fixed') return rule.count === null || rule.count <= 0 ? 'requirement_missing' : rule.count
	if (rule.percent === null || rule.percent <= 0) return 'requirement_missing'
	if (rule.baseCount === null || rule.baseCount <= 0) return 'base_missing'
	// Thousandths of a percent, so 10% of 630,667 is 63,067 exactly (ceiling: "at least 10%").
	const milli = Math.round(rule.percent * 1000)
	return Math.ceil((rule.baseCount * milli) / 100000)
}

/** How many of `count` signatures are expected to be valid at `validityPercent`, rounded down. */
export function projectValid(count: number, validityPercent: number) {
	return Math.floor((count * hundredths(validityPercent)) / 10000)
}

/** The signatures a random sample checks. */
export function sampleSize(rule: SamplingRule, filed: number) {
	const share = Math.ceil((filed * rule.sampleShareMilli) / 100000)
	return Math.min(filed, Math.max(rule.minimumSample, share))
}

/** What a sample's projection means under the rule: qualify, count every line, or fail. */
export function samplingOutcome(rule: SamplingRule, projectedValid: number, required: number): SamplingOutcome {
	// Compare in whole numbers: projected × 100 against required × percent.
	const scaled = projectedValid * 100
	if (scaled > required * rule.passAbovePercent) return 'qualifies'
	const low = required * rule.failBelowPercent
	if (scaled < low || (rule.failAtBoundary && scaled === low)) return 'fails'
	return 'full_count'
}

export function calculateBallot(input: BallotInputs): BallotResult {
	const required = requiredSignatures(input.rule)
	if (typeof required === 'string') return { ok: false, problem: required }
	if (!(input.validityPercent > 0 && input.validityPercent <= 100)) return { ok: false, problem: 'validity_out_of_range' }
	const { circulationStartsOn: startsOn, circulationEndsOn: endsOn, today } = input
	if (startsOn && endsOn && daysBetween(startsOn, endsOn) < 0) return { ok: false, problem: 'window_backwards' }

	const collected = input.online + input.paper
	const countable = Math.max(0, collected - input.duplicates)
	const projectedValid = projectValid(countable, input.validityPercent)
	const gap = Math.max(0, required - projectedValid)
	const target = Math.ceil((required * 10000 * (100 + Math.round(input.safetyMarginPercent))) / (hundredths(input.validityPercent) * 100))
	const toCollect = Math.max(0, target - countable)

	// Days left counts today and the last day: the window is open on both.
	const daysLeft = endsOn ? Math.max(0, daysBetween(today, endsOn) + 1) : null
	const daysElapsed = startsOn ? Math.max(0, daysBetween(startsOn, today) + 1) : null
	const neededPerDay = daysLeft === null ? null : daysLeft === 0 ? (toCollect > 0 ? null : 0) : Math.ceil(toCollect / daysLeft)
	const achievedPerDay = daysElapsed ? Math.round((countable * 10) / daysElapsed) / 10 : null
	const onPace = neededPerDay === null || achievedPerDay === null ? null : achievedPerDay >= neededPerDay

	let certification: BallotFigures['certification'] = null
	if (input.filed && input.review) {
		const dueOn =
			input.review.dayCount === 'business'
				? addBusinessDays(input.filed.on, input.review.days, holidayCalendar(input.state)).date
				: addDays(input.filed.on, input.review.days)
		certification = { dueOn, daysLeft: daysBetween(today, dueOn), clock: input.review }
	}

	let sampling: SamplingProjection | null = null
	if (input.filed && input.sampling !== 'none') {
		const rule = SAMPLING[input.sampling]
		const filedValid = projectValid(input.filed.count, input.validityPercent)
		sampling = {
			rule,
			sampleSize: sampleSize(rule, input.filed.count),
			projectedPercent: Math.round((filedValid * 1000) / required) / 10,
			outcome: samplingOutcome(rule, filedValid, required),
		}
	}

	return {
		ok: true,
		figures: {
			required,
			collected,
			countable,
			projectedValid,
			gap,
			target,
			toCollect,
			daysLeft,
			daysElapsed,
			neededPerDay,
			achievedPerDay,
			onPace,
			certification,
			sampling,
		},
	}
}
