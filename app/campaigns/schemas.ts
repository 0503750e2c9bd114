import { z } from 'zod'
import { t } from '#app/i18n/i18n'
import { SAMPLING_RULES } from './ballot'
import { MAX_DISTRICTS, parseDistricts } from './districts'
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES, CAMPAIGN_TARGETS, STAGE_STATUSES } from './templates'

// One schema per campaign form, shared by the component (react-hook-form)
// and the action, which validates again: the server is the truth. Every rule
// here has a constraint behind it in 20261202140000_create_campaigns.sql.

function text(max: number) {
	return z
		.string()
		.trim()
		.max(max, t('campaigns.error.long', { max }))
		.refine((value) => !value.includes('\u0000'), t('campaigns.error.control'))
}

function required(min: number, max: number, missing: string) {
	return text(max).refine((value) => value.length >= min, missing)
}

/** A real calendar day: "2026-02-30" is not one, though Date.parse rolls it into March. */
function isDate(value: string) {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
	const parsed = new Date(`${value}T00:00:00Z`)
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value
}

const optionalDate = z
	.string()
	.trim()
	.default('')
	.refine((value) => value === '' || isDate(value), t('campaigns.error.date'))
const requiredDate = z.string().trim().refine(isDate, t('campaigns.error.date'))

function isWebAddress(value: string) {
	return /^https?:\/\/\S+\.\S+$/i.test(value) && URL.canParse(value)
}

const optionalUrl = z
	.string()
	.trim()
	.max(2000, t('campaigns.error.url'))
	.default('')
	.refine((value) => value === '' || isWebAddress(value), t('campaigns.error.url'))
const sourceUrl = z
	.string()
	.trim()
	.min(1, t('campaigns.error.source'))
	.max(2000, t('campaigns.error.url'))
	.refine(isWebAddress, t('campaigns.error.url'))

/** A whole number typed with or without thousands separators ("63,067"). */
function wholeNumber(min: number, max: number, message: string) {
	return z
		.string()
		.trim()
		.default('')
		.refine((value) => value === '' || (/^\d[\d,\s]*$/.test(value) && inRange(Number(value.replace(/[,\s]/g, '')), min, max)), message)
}

function inRange(value: number, min: number, max: number) {
	return Number.isInteger(value) && value >= min && value <= max
}

/** A percentage with up to two (or three) decimals, "78.8" or "10%". */
function percentage(message: string, decimals = 2) {
	const pattern = new RegExp(`^\\d{1,3}(\\.\\d{1,${decimals}})?\\s*%?$`)
	return z
		.string()
		.trim()
		.default('')
		.refine((value) => value === '' || pattern.test(value), message)
}

export function toWhole(value: string) {
	return value === '' ? null : Number(value.replace(/[,\s]/g, ''))
}

export function toPercent(value: string) {
	return value === '' ? null : Number(value.replace('%', '').trim())
}

export const campaignSchema = z.object({
	name: required(3, 150, t('campaigns.error.name')),
	kind: z.enum(CAMPAIGN_KINDS, { error: t('campaigns.error.kind') }),
	goal: required(10, 300, t('campaigns.error.goal')),
	chapterId: z.uuid(t('campaigns.error.chapter')),
	jurisdictionId: z
		.string()
		.trim()
		.regex(/^\d{1,9}$/, t('campaigns.error.place')),
	target: z.enum(CAMPAIGN_TARGETS, { error: t('campaigns.error.target') }),
	targetName: required(2, 200, t('campaigns.error.targetName')),
	description: text(10000).default(''),
	useTemplate: z.string().default(''),
	status: z.enum(['active', 'draft'], { error: t('campaigns.error.status') }).default('active'),
})
export type CampaignInput = z.infer<typeof campaignSchema>

export const campaignStatusSchema = z.object({
	status: z.enum(CAMPAIGN_STATUSES, { error: t('campaigns.error.status') }),
	outcome: text(500).default(''),
	outcomeSourceUrl: optionalUrl,
})

export const ballotRuleSchema = z
	.object({
		ruleKind: z.enum(['fixed', 'percent'], { error: t('campaigns.ballot.error.ruleKind') }),
		requiredCount: wholeNumber(1, 100_000_000, t('campaigns.ballot.error.count')),
		percent: percentage(t('campaigns.ballot.error.percent'), 3),
		baseCount: wholeNumber(1, 1_000_000_000, t('campaigns.ballot.error.base')),
		baseLabel: text(200).default(''),
		ruleCitation: required(2, 300, t('campaigns.ballot.error.citation')),
		ruleSourceUrl: optionalUrl,
		distributionRule: text(500).default(''),
		circulationStartsOn: optionalDate,
		circulationEndsOn: optionalDate,
		validityPercent: percentage(t('campaigns.ballot.error.validity')),
		safetyMarginPercent: percentage(t('campaigns.ballot.error.margin')),
		samplingRule: z.enum(SAMPLING_RULES, { error: t('campaigns.ballot.error.sampling') }).default('none'),
		reviewDays: wholeNumber(1, 365, t('campaigns.ballot.error.reviewDays')),
		reviewDayCount: z.enum(['', 'calendar', 'business']).default(''),
		filedOn: optionalDate,
		filedCount: wholeNumber(1, 100_000_000, t('campaigns.ballot.error.filedCount')),
		postalCodes: text(3000).default(''),
	})
	.superRefine((values, context) => {
		const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message })
		if (values.ruleKind === 'fixed' && !values.requiredCount) issue('requiredCount', t('campaigns.ballot.error.count'))
		if (values.ruleKind === 'percent') {
			if (!values.percent) issue('percent', t('campaigns.ballot.error.percent'))
			else if ((toPercent(values.percent) ?? 0) <= 0 || (toPercent(values.percent) ?? 0) > 100)
				issue('percent', t('campaigns.ballot.error.percent'))
			if (!values.baseCount) issue('baseCount', t('campaigns.ballot.error.baseMissing'))
		}
		const validity = toPercent(values.validityPercent)
		if (validity !== null && (validity <= 0 || validity > 100)) issue('validityPercent', t('campaigns.ballot.error.validity'))
		const margin = toPercent(values.safetyMarginPercent)
		if (margin !== null && margin > 200) issue('safetyMarginPercent', t('campaigns.ballot.error.margin'))
		if (values.circulationStartsOn && values.circulationEndsOn && values.circulationEndsOn < values.circulationStartsOn) {
			issue('circulationEndsOn', t('campaigns.ballot.error.window'))
		}
		if (Boolean(values.reviewDays) !== Boolean(values.reviewDayCount)) issue('reviewDays', t('campaigns.ballot.error.review'))
		if (Boolean(values.filedOn) !== Boolean(values.filedCount))
			issue(values.filedOn ? 'filedCount' : 'filedOn', t('campaigns.ballot.error.filed'))
		if (values.filedOn && values.circulationStartsOn && values.filedOn < values.circulationStartsOn) {
			issue('filedOn', t('campaigns.ballot.error.filedBeforeStart'))
		}
		const codes = postalCodeList(values.postalCodes)
		if (codes === null) issue('postalCodes', t('campaigns.ballot.error.postalCodes'))
	})
export type BallotRuleInput = z.infer<typeof ballotRuleSchema>

/** The distribution rule's figures, district by district (app/campaigns/districts.ts). */
export const districtsSchema = z
	.object({
		distributionPercent: percentage(t('campaigns.districts.error.percent')),
		districtCount: wholeNumber(1, 1000, t('campaigns.districts.error.count')),
		districts: text(50_000).default(''),
	})
	.superRefine((values, context) => {
		const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message })
		const percent = toPercent(values.distributionPercent)
		if (values.districts.trim() && percent === null) issue('distributionPercent', t('campaigns.districts.error.percentMissing'))
		else if (percent !== null && (percent <= 0 || percent > 100)) issue('distributionPercent', t('campaigns.districts.error.percent'))
		const parsed = parseDistricts(values.districts)
		if (parsed.districts.length > MAX_DISTRICTS) issue('districts', t('campaigns.districts.error.tooMany', { max: MAX_DISTRICTS }))
		const shown = parsed.problems
			.slice(0, 5)
			.map((problem) => t(`campaigns.districts.error.${problem.problem}`, { line: problem.line, text: problem.text.slice(0, 60) }))
		if (parsed.problems.length > shown.length)
			shown.push(t('campaigns.districts.error.more', { count: parsed.problems.length - shown.length }))
		if (shown.length) issue('districts', shown.join(' '))
	})

/** "04101, 04102 04103" → the five-digit ZIPs; null when something else is in the list. */
export function postalCodeList(value: string): string[] | null {
	const parts = value.split(/[\s,;]+/).filter(Boolean)
	if (parts.some((part) => !/^\d{5}$/.test(part)) || parts.length > 300) return null
	return [...new Set(parts)]
}

/** One URL a line. */
export function evidenceList(value: string) {
	return value
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean)
}

export const stageSchema = z
	.object({
		stageId: z.uuid(t('campaigns.error.stage')),
		title: required(2, 150, t('campaign.stage.error.title')),
		status: z.enum(STAGE_STATUSES, { error: t('campaign.stage.error.status') }),
		startsOn: optionalDate,
		endsOn: optionalDate,
		ownerName: text(120).default(''),
		notes: text(2000).default(''),
		evidence: text(20 * 2001).default(''),
	})
	.superRefine((values, context) => {
		if (values.startsOn && values.endsOn && values.endsOn < values.startsOn) {
			context.addIssue({ code: 'custom', path: ['endsOn'], message: t('campaign.stage.error.order') })
		}
		const links = evidenceList(values.evidence)
		if (links.length > 20) context.addIssue({ code: 'custom', path: ['evidence'], message: t('campaign.stage.error.tooMany') })
		else if (links.some((link) => link.length > 2000 || !isWebAddress(link))) {
			context.addIssue({ code: 'custom', path: ['evidence'], message: t('campaign.stage.error.evidence') })
		}
	})

export const newStageSchema = z
	.object({
		title: required(2, 150, t('campaign.stage.error.title')),
		startsOn: optionalDate,
		endsOn: optionalDate,
		ownerName: text(120).default(''),
	})
	.superRefine((values, context) => {
		if (values.startsOn && values.endsOn && values.endsOn < values.startsOn) {
			context.addIssue({ code: 'custom', path: ['endsOn'], message: t('campaign.stage.error.order') })
		}
	})

export const milestoneSchema = z.object({
	title: required(2, 150, t('campaign.milestone.error.title')),
	dueOn: requiredDate,
	ownerName: text(120).default(''),
	stageId: z.union([z.literal(''), z.uuid(t('campaigns.error.stage'))]).default(''),
})

export const milestoneDoneSchema = z.object({ milestoneId: z.uuid(t('campaigns.error.stage')), doneOn: requiredDate })

export const LINK_KINDS = ['petition', 'event', 'proceeding', 'body'] as const
export const linkSchema = z.object({
	linkKind: z.enum(LINK_KINDS, { error: t('campaigns.link.error.kind') }),
	address: required(1, 2000, t('campaigns.link.error.address')),
})

export const endorsementSchema = z
	.object({
		endorser: z.enum(['organization', 'official'], { error: t('campaigns.endorse.error.endorser') }),
		organization: text(200).default(''),
		official: text(2000).default(''),
		endorsedOn: requiredDate,
		sourceUrl,
	})
	.superRefine((values, context) => {
		if (values.endorser === 'organization' && values.organization.length < 2) {
			context.addIssue({ code: 'custom', path: ['organization'], message: t('campaigns.endorse.error.organization') })
		}
		if (values.endorser === 'official' && !values.official) {
			context.addIssue({ code: 'custom', path: ['official'], message: t('campaigns.endorse.error.official') })
		}
	})

export const inviteSchema = z.object({ chapter: required(1, 2000, t('campaigns.invite.error.chapter')) })

export const updateSchema = z.object({
	title: required(3, 150, t('campaigns.update.error.title')),
	body: required(1, 10000, t('campaigns.update.error.body')),
})

export const paperBatchSchema = z
	.object({
		circulator: required(2, 120, t('campaigns.paper.error.circulator')),
		collectedOn: requiredDate,
		town: required(2, 120, t('campaigns.paper.error.town')),
		sheetNumber: text(30).default(''),
		mode: z.enum(['count', 'names'], { error: t('campaigns.paper.error.mode') }),
		count: wholeNumber(1, 100_000, t('campaigns.paper.error.count')),
		names: text(200_000).default(''),
		unreadableCount: wholeNumber(0, 100_000, t('campaigns.paper.error.unreadableCount')),
		saveReadable: z.string().default(''),
	})
	.superRefine((values, context) => {
		if (values.mode === 'count' && !values.count) {
			context.addIssue({ code: 'custom', path: ['count'], message: t('campaigns.paper.error.count') })
		}
		if (values.mode === 'names' && !values.names.trim() && !toWhole(values.unreadableCount)) {
			context.addIssue({ code: 'custom', path: ['names'], message: t('campaigns.paper.error.names') })
		}
	})
export type PaperBatchInput = z.infer<typeof paperBatchSchema>

/** A recorded sheet, corrected by a manager: the same fields, and the count of every line. */
export const sheetCorrectionSchema = z.object({
	circulator: required(2, 120, t('campaigns.paper.error.circulator')),
	collectedOn: requiredDate,
	town: required(2, 120, t('campaigns.paper.error.town')),
	sheetNumber: text(30).default(''),
	count: wholeNumber(1, 100_000, t('campaigns.paper.error.count')).refine((value) => value !== '', t('campaigns.paper.error.count')),
})

const FORMULA_START = /^[=+@\t\r-]/

/** One named row, corrected: a name with a letter in it, a street address, and a ZIP if written. */
export const rowCorrectionSchema = z.object({
	signerId: z.uuid(t('campaigns.paper.error.row')),
	name: required(2, 120, t('campaigns.paper.error.rowName'))
		.refine((value) => /\p{L}/u.test(value), t('campaigns.paper.error.rowName'))
		.refine((value) => !FORMULA_START.test(value), t('campaigns.paper.error.formula')),
	address: required(2, 200, t('campaigns.paper.error.rowAddress')).refine(
		(value) => !FORMULA_START.test(value),
		t('campaigns.paper.error.formula'),
	),
	postalCode: z
		.string()
		.trim()
		.default('')
		.refine((value) => value === '' || /^\d{5}$/.test(value), t('campaigns.paper.error.rowPostalCode')),
})

export const followSchema = z.object({ follow: z.enum(['on', 'off']) })
