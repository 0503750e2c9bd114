import { z } from 'zod'
import type { ProjectFigure, ProjectStatus } from '#app/db/types'
import type { MessageKey } from '#app/i18n/en'
import { t } from '#app/i18n/i18n'

// The project form: one schema for proposing a project and for changing one,
// shared by the component and the action. Field names are the record's
// column names, so a revision's `changes` reads the same as the table
// (docs/decisions/049). Every limit here is the database's check
// constraint, so a value the database would refuse is a field error first.

export const STATUSES = [
	'rumored',
	'proposed',
	'under_review',
	'approved',
	'denied',
	'withdrawn',
	'under_construction',
	'operating',
] as const satisfies readonly ProjectStatus[]

type TextField = { column: string; kind: 'text'; max: number; figure?: ProjectFigure }
type NumberField = { column: string; kind: 'number'; min: number; max: number; decimals: boolean; figure?: ProjectFigure }
type DateField = { column: string; kind: 'date' }
type BooleanField = { column: string; kind: 'boolean' }
export type ProjectField = TextField | NumberField | DateField | BooleanField

// The largest whole number JavaScript and bigint columns agree on.
const HUGE = Number.MAX_SAFE_INTEGER

export const PROJECT_FIELDS = [
	{ column: 'name', kind: 'text', max: 200 },
	{ column: 'developer', kind: 'text', max: 200 },
	{ column: 'end_user', kind: 'text', max: 200, figure: 'end_user' },
	{ column: 'end_user_undisclosed', kind: 'boolean' },
	{ column: 'nda_parties', kind: 'text', max: 500 },
	{ column: 'nda_signed_on', kind: 'date' },
	{ column: 'nda_term_months', kind: 'number', min: 1, max: 1200, decimals: false },
	{ column: 'locality', kind: 'text', max: 200 },
	{ column: 'address', kind: 'text', max: 300 },
	{ column: 'parcel', kind: 'text', max: 200 },
	{ column: 'megawatts', kind: 'number', min: 0, max: 999999.9, decimals: true, figure: 'megawatts' },
	{ column: 'acres', kind: 'number', min: 0, max: 9999999.9, decimals: true, figure: 'acres' },
	{ column: 'building_sq_ft', kind: 'number', min: 0, max: 999999999, decimals: false, figure: 'building_sq_ft' },
	{
		column: 'water_gallons_per_day',
		kind: 'number',
		min: 0,
		max: 99999999999,
		decimals: false,
		figure: 'water_gallons_per_day',
	},
	{ column: 'water_source', kind: 'text', max: 300 },
	{ column: 'generator_count', kind: 'number', min: 0, max: 100000, decimals: false, figure: 'generator_count' },
	{ column: 'generator_fuel', kind: 'text', max: 100 },
	{ column: 'generator_tier', kind: 'text', max: 50 },
	{ column: 'abatement_usd', kind: 'number', min: 0, max: HUGE, decimals: false, figure: 'abatement_usd' },
	{ column: 'abatement_years', kind: 'number', min: 0, max: 200, decimals: false },
	{ column: 'investment_usd', kind: 'number', min: 0, max: HUGE, decimals: false, figure: 'investment_usd' },
	{ column: 'jobs_promised', kind: 'number', min: 0, max: 10000000, decimals: false, figure: 'jobs_promised' },
	{ column: 'power_utility', kind: 'text', max: 200 },
	{ column: 'power_infrastructure', kind: 'text', max: 1000 },
	{ column: 'status_unverified', kind: 'boolean' },
] as const satisfies readonly ProjectField[]

export type ProjectColumn = (typeof PROJECT_FIELDS)[number]['column'] | 'status' | 'state_id' | 'county_id'

/** A field's value as the form and a revision hold it: text, a number, a date (YYYY-MM-DD), a tick, or nothing. */
export type FieldValue = string | number | boolean | null
export type ProjectValues = Partial<Record<ProjectColumn, FieldValue>>
export type Citation = { url: string; unverified: boolean }

export const CITED_FIELDS = PROJECT_FIELDS.filter(
	(field): field is Extract<(typeof PROJECT_FIELDS)[number], { figure: ProjectFigure }> => 'figure' in field,
)

export function fieldLabel(column: string): string {
	return t(`projectEdit.field.${column}` as MessageKey)
}

const URL_PATTERN = /^https?:\/\/[^\s]+\.[^\s]+$/i

function checkText(raw: string, max: number): string | null {
	if (raw.includes('\u0000')) return t('projectEdit.error.nul')
	if (raw.length > max) return t('projectEdit.error.tooLong', { max })
	return null
}

/** "1,200" and "1200" are 1200; anything else is an error message. */
function parseNumber(raw: string, field: NumberField): number | string {
	const cleaned = raw.replace(/[,\s$]/g, '')
	if (!/^\d+(\.\d+)?$/.test(cleaned)) return t('projectEdit.error.number')
	if (!field.decimals && cleaned.includes('.')) return t('projectEdit.error.wholeNumber')
	const value = field.decimals ? Math.round(Number(cleaned) * 10) / 10 : Number(cleaned)
	if (!Number.isFinite(value) || value < field.min || value > field.max)
		return t('projectEdit.error.range', { min: field.min, max: new Intl.NumberFormat('en').format(field.max) })
	return value
}

function parseDate(raw: string): string | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null
	const date = new Date(`${raw}T00:00:00Z`)
	if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) return null
	const year = date.getUTCFullYear()
	return year >= 1900 && year <= 2200 ? raw : null
}

function checkUrl(raw: string): string | null {
	if (raw.includes('\u0000')) return t('projectEdit.error.nul')
	if (raw.length > 2000) return t('projectEdit.error.tooLong', { max: 2000 })
	if (!URL_PATTERN.test(raw)) return t('projectEdit.error.url')
	return null
}

const checkbox = (raw: string | undefined) => raw === 'on' || raw === 'true'

const rawField = z
	.union([z.string(), z.boolean()])
	.optional()
	.transform((value) => (typeof value === 'boolean' ? (value ? 'on' : '') : (value ?? '')))

const shape: Record<string, typeof rawField> = {}
for (const field of PROJECT_FIELDS) {
	shape[field.column] = rawField
	if ('figure' in field) {
		shape[`${field.column}_source`] = rawField
		shape[`${field.column}_unverified`] = rawField
	}
}
for (const name of ['status', 'place', 'placeId', 'sourceUrl', 'note', 'differentProject']) shape[name] = rawField

export type ProjectForm = {
	values: ProjectValues
	citations: Partial<Record<ProjectColumn, Citation>>
	place: string
	placeId: number | undefined
	sourceUrl: string
	note: string
	differentProject: boolean
}

function readForm(raw: Record<string, string>, addIssue: (path: string, message: string) => void): ProjectForm {
	const values: ProjectValues = {}
	const citations: ProjectForm['citations'] = {}
	for (const field of PROJECT_FIELDS) {
		const typed = (raw[field.column] ?? '').trim()
		if (field.kind === 'boolean') {
			values[field.column] = checkbox(typed)
			continue
		}
		if (field.kind === 'text') {
			const problem = checkText(typed, field.max)
			if (problem) addIssue(field.column, problem)
			values[field.column] = typed || null
		} else if (field.kind === 'number') {
			if (!typed) values[field.column] = null
			else {
				const parsed = parseNumber(typed, field)
				if (typeof parsed === 'string') addIssue(field.column, parsed)
				else values[field.column] = parsed
			}
		} else if (field.kind === 'date') {
			if (!typed) values[field.column] = null
			else {
				const parsed = parseDate(typed)
				if (!parsed) addIssue(field.column, t('projectEdit.error.date'))
				values[field.column] = parsed
			}
		}
		if ('figure' in field && typed) {
			const source = (raw[`${field.column}_source`] ?? '').trim()
			const problem = source ? checkUrl(source) : t('projectEdit.error.sourceRequired')
			if (problem) addIssue(`${field.column}_source`, problem)
			else citations[field.column] = { url: source, unverified: checkbox(raw[`${field.column}_unverified`]) }
		}
	}
	const name = values.name
	if (typeof name !== 'string' || name.length < 2) addIssue('name', t('projectEdit.error.name'))
	const status = raw.status ?? ''
	if (!STATUSES.some((known) => known === status)) addIssue('status', t('projectEdit.error.status'))
	else values.status = status
	const place = (raw.place ?? '').trim()
	const placeProblem = checkText(place, 200)
	if (placeProblem) addIssue('place', placeProblem)
	else if (!place) addIssue('place', t('projectEdit.error.place'))
	const placeId = /^\d{1,9}$/.test(raw.placeId ?? '') ? Number(raw.placeId) : undefined
	const sourceUrl = (raw.sourceUrl ?? '').trim()
	const sourceProblem = sourceUrl ? checkUrl(sourceUrl) : t('projectEdit.error.changeSource')
	if (sourceProblem) addIssue('sourceUrl', sourceProblem)
	const note = (raw.note ?? '').trim()
	const noteProblem = checkText(note, 2000)
	if (noteProblem) addIssue('note', noteProblem)
	return { values, citations, place, placeId, sourceUrl, note, differentProject: checkbox(raw.differentProject) }
}

/** Propose a project, or change one: the same fields either way. */
export const projectFormSchema = z
	.object(shape)
	.superRefine((raw, context) => {
		readForm(raw as Record<string, string>, (path, message) => context.addIssue({ code: 'custom', path: [path], message }))
	})
	.transform((raw) => readForm(raw as Record<string, string>, () => {}))

export const REVIEW_INTENTS = ['approve', 'reject'] as const

/** Approve or reject one proposal. */
export const reviewSchema = z.object({
	intent: z.enum(REVIEW_INTENTS),
	revisionId: z.uuid(),
	reviewNote: z
		.string()
		.trim()
		.max(2000, t('projectEdit.error.tooLong', { max: 2000 }))
		.refine((value) => !value.includes('\u0000'), t('projectEdit.error.nul'))
		.default(''),
	linkChapterId: z.union([z.uuid(), z.literal('')]).default(''),
})

export const PROCEEDING_KINDS = [
	'rezoning',
	'special_use_permit',
	'site_plan',
	'tax_abatement',
	'water_permit',
	'air_permit',
	'utility_case',
	'moratorium',
	'annexation',
	'ordinance',
	'legislation',
	'appeal',
	'lawsuit',
	'other',
] as const
export const PROCEEDING_STAGES = ['announced', 'filed', 'under_review', 'hearing_scheduled', 'decided', 'appealed', 'closed'] as const
export const CLOCK_KINDS = [
	'notice_published',
	'notice_mailed',
	'comment_deadline',
	'signup_cutoff',
	'hearing',
	'vote',
	'appeal_deadline',
	'record_closes',
	'other',
] as const

const storable = (max: number) =>
	z
		.string()
		.trim()
		.max(max, t('projectEdit.error.tooLong', { max }))
		.refine((value) => !value.includes('\u0000'), t('projectEdit.error.nul'))
const optionalUrl = storable(2000).refine((value) => value === '' || URL_PATTERN.test(value), t('projectEdit.error.url'))

const tick = z
	.union([z.boolean(), z.string().max(10)])
	.optional()
	.transform((value) => value === true || value === 'on' || value === 'true')

export const BODY_KINDS = [
	'planning_commission',
	'county_board',
	'city_council',
	'township_board',
	'village_board',
	'utility_commission',
	'state_agency',
	'state_legislature',
	'governor',
	'court',
	'federal_agency',
	'voters',
	'other',
] as const

/** The choice on the proceeding form that adds a body not on the list. */
export const NEW_BODY = 'new'

const optionalEmail = storable(254).refine((value) => value === '' || z.email().safeParse(value).success, t('validation.email'))

/**
 * Add a proceeding to a project: what is decided, by which body. The body is
 * one on the list, or a new one described by the `body…` fields (used only
 * when `bodyId` is "new", so the form works the same without JavaScript).
 */
export const proceedingSchema = z
	.object({
		kind: z.enum(PROCEEDING_KINDS, t('proceedingEdit.error.kind')),
		title: storable(300).refine((value) => value.length >= 2, t('proceedingEdit.error.title')),
		bodyId: z.union([z.uuid(), z.literal(''), z.literal(NEW_BODY)], t('proceedingEdit.error.body')).default(''),
		caseNumber: storable(100).default(''),
		stage: z.enum(PROCEEDING_STAGES, t('proceedingEdit.error.stage')),
		sourceUrl: optionalUrl.default(''),
		bodyName: storable(200).default(''),
		bodyKind: z.string().max(40).default(''),
		bodyPlace: storable(200).default(''),
		bodyPlaceId: z.string().max(12).default(''),
		bodyTimeZone: z.string().max(64).default(''),
		bodyWebsite: optionalUrl.default(''),
		bodyEmail: optionalEmail.default(''),
		bodyPhone: storable(50).default(''),
		differentBody: tick,
	})
	.superRefine((values, context) => {
		if (values.bodyId !== NEW_BODY) return
		const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message })
		if (values.bodyName.length < 2) issue('bodyName', t('bodyEdit.error.name'))
		if (!BODY_KINDS.some((kind) => kind === values.bodyKind)) issue('bodyKind', t('bodyEdit.error.kind'))
		if (!values.bodyPlace) issue('bodyPlace', t('bodyEdit.error.place'))
		if (values.bodyPlaceId && !/^\d{1,9}$/.test(values.bodyPlaceId)) issue('bodyPlaceId', t('projectEdit.error.placeChoose'))
		if (!BODY_TIME_ZONES.some((zone) => zone === values.bodyTimeZone)) issue('bodyTimeZone', t('bodyEdit.error.timeZone'))
	})

/** The time zones a body can meet in: the United States' and its territories'. */
export const BODY_TIME_ZONES = [
	'America/New_York',
	'America/Chicago',
	'America/Denver',
	'America/Phoenix',
	'America/Los_Angeles',
	'America/Anchorage',
	'Pacific/Honolulu',
	'America/Puerto_Rico',
] as const

/**
 * Record a proceeding's decision: what was decided, on which day, and the
 * minutes or order that say so. Both empty takes a mistaken decision back.
 */
export const decisionSchema = z
	.object({
		intent: z.literal('decision'),
		outcome: storable(300).default(''),
		decidedOn: z.string().trim().max(20).default(''),
		decisionSourceUrl: optionalUrl.default(''),
	})
	.superRefine((values, context) => {
		const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message })
		if (!values.decidedOn && !values.outcome) return
		if (!values.decidedOn) issue('decidedOn', t('proceedingEdit.error.decidedOn'))
		else if (!parseDate(values.decidedOn)) issue('decidedOn', t('projectEdit.error.date'))
		if (values.outcome.length < 2) issue('outcome', t('proceedingEdit.error.outcome'))
		if (!values.decisionSourceUrl) issue('decisionSourceUrl', t('proceedingEdit.error.decisionSource'))
	})

/** Add a dated, sourced entry to a project's timeline, or correct one (`entryId`). */
export const timelineEntrySchema = z.object({
	entryId: z.union([z.uuid(), z.literal('')]).default(''),
	occurredOn: z
		.string()
		.trim()
		.max(20)
		.refine((value) => parseDate(value) !== null, t('projectEdit.error.date')),
	title: storable(300).refine((value) => value.length >= 2, t('timeline.error.title')),
	sourceUrl: storable(2000).refine((value) => URL_PATTERN.test(value), t('timeline.error.source')),
	note: storable(2000).default(''),
})

/** Add or move one dated clock, in the body's time zone. */
export const clockSchema = z
	.object({
		intent: z.enum(['save', 'remove']),
		clockId: z.union([z.uuid(), z.literal('')]).default(''),
		kind: z.enum(CLOCK_KINDS, t('proceedingEdit.error.clockKind')),
		label: storable(200).default(''),
		date: z.string().trim().default(''),
		time: z.string().trim().default(''),
		sourceUrl: optionalUrl.default(''),
		confirmPast: z
			.union([z.boolean(), z.string().max(10)])
			.optional()
			.transform((value) => value === true || value === 'on' || value === 'true'),
	})
	.superRefine((values, context) => {
		if (values.intent === 'remove') return
		if (!parseDate(values.date)) context.addIssue({ code: 'custom', path: ['date'], message: t('projectEdit.error.date') })
		if (values.time && !/^([01]\d|2[0-3]):[0-5]\d$/.test(values.time))
			context.addIssue({ code: 'custom', path: ['time'], message: t('proceedingEdit.error.time') })
	})

const optionalNumber = (min: number, max: number, whole: boolean) =>
	z
		.string()
		.trim()
		.default('')
		.refine((value) => value === '' || (/^\d+(\.\d)?$/.test(value) && (!whole || !value.includes('.'))), t('projectEdit.error.number'))
		.refine((value) => value === '' || (Number(value) >= min && Number(value) <= max), t('projectEdit.error.range', { min, max }))
		.transform((value) => (value === '' ? null : Number(value)))

const optionalSignedNumber = (limit: number) =>
	z
		.string()
		.trim()
		.default('')
		.refine((value) => value === '' || /^-?\d+(\.\d)?$/.test(value), t('projectEdit.error.number'))
		.refine((value) => value === '' || Math.abs(Number(value)) <= limit, t('projectEdit.error.range', { min: -limit, max: limit }))
		.transform((value) => (value === '' ? null : Number(value)))

/** The ways a body takes sign-ups to speak (the column's check lists the same). */
export const SIGNUP_METHODS = ['online', 'phone', 'in_person', 'email'] as const
export type SignupMethod = (typeof SIGNUP_METHODS)[number]

/** The checkbox for one sign-up method: a field each, since a form posts one value per name. */
export function signupField(method: SignupMethod) {
	return `signup_${method}` as const
}

/** Record or update a body's participation rules, with the source that states them. */
export const bodyRulesSchema = z
	.object({
		intent: z.literal('rules'),
		speakingMinutes: optionalNumber(0.5, 120, false),
		representativeMinutes: optionalNumber(0.5, 120, false),
		representativeAuthorization: storable(500).default(''),
		signup_online: tick,
		signup_phone: tick,
		signup_in_person: tick,
		signup_email: tick,
		// Speakers' lists (app/speakers, docs/decisions/057).
		remoteTestimony: z.enum(['', 'yes', 'no']).default(''),
		signupClosesHoursBefore: optionalNumber(0, 720, false),
		signupHow: storable(1000).default(''),
		commentChannels: storable(1000).default(''),
		commentsCloseHoursBefore: optionalSignedNumber(720),
		recordOpenDaysAfter: optionalNumber(0, 365, true),
		minimumMinutesPerSide: optionalNumber(1, 600, true),
		appealDays: optionalNumber(1, 365, true),
		appealDayCount: z.enum(['', 'calendar', 'business']).default(''),
		noticeRule: z.enum(['', 'va-15.2-2204', 'ga-36-66-4']).default(''),
		rulesSourceUrl: storable(2000).refine((value) => URL_PATTERN.test(value), t('projectEdit.error.url')),
	})
	.superRefine((values, context) => {
		if ((values.appealDays === null) !== (values.appealDayCount === ''))
			context.addIssue({ code: 'custom', path: ['appealDayCount'], message: t('proceedingEdit.error.appealCount') })
	})
