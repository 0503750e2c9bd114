import { z } from 'zod'
import { displayNames, t } from '#app/i18n/i18n'
import { normalizeUsZipCode } from '#app/places/postal-code'
import { isCivilDate } from '#app/siting/civil-date'
import { WEB_IMAGE_TYPES, type UploadRule } from '#app/storage/upload-rules'
import { emailField as email } from '#app/utils/schemas'

// One schema per form, shared by the component (instant errors) and the
// action (which validates again: the server is the truth). The database
// checks the same rules once more in its constraints and functions.

/** A name with a web address in it is spam; one starting with = + - @ is a spreadsheet formula. */
export function isAcceptableName(name: string) {
	const trimmed = name.trim()
	return !/^[=+\-@\t\r]/.test(trimmed) && !/(:\/\/|www\.|https?:)/i.test(trimmed)
}

// "on" from a plain form post; true/false from react-hook-form in the browser.
const checkbox = z
	.union([z.boolean(), z.string().max(10)])
	.optional()
	.transform((value) => value === true || value === 'on' || value === 'true')

export const signatureSchema = z
	.object({
		petitionId: z.uuid(),
		name: z
			.string()
			.trim()
			.min(1, t('petitions.sign.name.required'))
			.max(100, t('petitions.sign.name.max'))
			.refine(isAcceptableName, t('petitions.sign.name.invalid')),
		email,
		country: z
			.string()
			.trim()
			.toUpperCase()
			.regex(/^[A-Z]{2}$/, t('petitions.sign.country.invalid'))
			.default('US'),
		postalCode: z.string().trim().max(12, t('petitions.sign.postalCode.invalid')),
		comment: z.string().trim().max(500, t('petitions.sign.comment.max')).default(''),
		showName: checkbox,
		wantsUpdates: checkbox,
		// Hidden from people; bots fill it in.
		website: z.string().max(500).default(''),
		formToken: z.string().max(200).default(''),
	})
	.superRefine((value, ctx) => {
		if (value.country === 'US') {
			if (!normalizeUsZipCode(value.postalCode)) {
				ctx.addIssue({ code: 'custom', path: ['postalCode'], message: t('petitions.sign.postalCode.zip') })
			}
		} else if (!/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/.test(value.postalCode)) {
			ctx.addIssue({ code: 'custom', path: ['postalCode'], message: t('petitions.sign.postalCode.invalid') })
		}
	})

export type SignatureInput = z.infer<typeof signatureSchema>

export const memberSignatureSchema = z.object({
	petitionId: z.uuid(),
	comment: z.string().trim().max(500, t('petitions.sign.comment.max')).default(''),
	showName: checkbox,
	wantsUpdates: checkbox,
})

const optionalDate = z
	.string()
	.trim()
	.refine((value) => value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value), t('petitions.form.date.invalid'))

const GOAL_MAX = 10_000_000

export const petitionSchema = z.object({
	title: z.string().trim().min(10, t('petitions.form.title.min')).max(150, t('petitions.form.title.max')),
	decisionMaker: z.string().trim().min(3, t('petitions.form.decisionMaker.min')).max(200, t('petitions.form.decisionMaker.max')),
	summary: z.string().trim().min(20, t('petitions.form.summary.min')).max(500, t('petitions.form.summary.max')),
	body: z.string().trim().max(20000, t('petitions.form.body.max')).default(''),
	signatureGoal: z
		.string()
		.trim()
		.transform((value) => value.replace(/[,\s]/g, ''))
		.pipe(
			z
				.string()
				.regex(/^\d+$/, t('petitions.form.goal.invalid'))
				.transform(Number)
				.pipe(z.number().int().min(10, t('petitions.form.goal.min')).max(GOAL_MAX, t('petitions.form.goal.max'))),
		),
	deadline: optionalDate.refine(
		(value) => value === '' || value > new Date().toISOString().slice(0, 10),
		t('petitions.form.deadline.past'),
	),
	chapterId: z.union([z.literal(''), z.uuid(t('petitions.form.chapter.invalid'))]).default(''),
	customMilestones: z
		.string()
		.trim()
		.max(200)
		.refine(
			(value) => value === '' || value.split(',').every((part) => /^\s*\d[\d_]*\s*$/.test(part.replaceAll(' ', ''))),
			t('petitions.form.milestones.invalid'),
		)
		.transform((value) =>
			value === ''
				? []
				: [...new Set(value.split(',').map((part) => Number(part.replace(/[\s_]/g, ''))))].filter((n) => n > 0).sort((a, b) => a - b),
		)
		.refine((list) => list.length <= 10, t('petitions.form.milestones.tooMany'))
		// As high as a goal may be: the database keeps them as integers, and a larger number overflowed into a 500.
		.refine((list) => list.every((n) => n <= GOAL_MAX), t('petitions.form.milestones.max')),
	coverAlt: z.string().trim().max(300, t('petitions.form.coverAlt.max')).default(''),
})

export type PetitionInput = z.infer<typeof petitionSchema>

/**
 * The latest date it is anywhere on Earth (UTC+14), and the earliest date an
 * instant fell on anywhere (UTC−12): an organizer's "today" and "the day it
 * was published" are within these, wherever they are, so a date is refused
 * only when it is impossible (docs/decisions/078).
 */
export function latestToday(now = new Date()) {
	return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10)
}

export function earliestDateOf(at: Date | string) {
	return new Date(new Date(at).getTime() - 12 * 3_600_000).toISOString().slice(0, 10)
}

const dayField = z
	.string()
	.trim()
	.refine((value) => value === '' || isCivilDate(value), t('petitions.form.date.invalid'))

/**
 * Recording a delivery. Dates are in order: not before the petition was
 * published, a response not before the delivery, neither in the future.
 * While the petition is still open for signing (`closesSigning`), the
 * organizer ticks a box that says saving closes it.
 */
export function deliverySchemaFor(petition: { closesSigning: boolean; publishedAt: Date | string | null }) {
	const publishedOn = petition.publishedAt ? earliestDateOf(petition.publishedAt) : null
	return z
		.object({
			deliveredOn: dayField.refine((value) => value !== '', t('petitions.delivery.deliveredOn.required')),
			deliveryMethod: z.string().trim().min(3, t('petitions.delivery.method.min')).max(1000, t('petitions.delivery.method.max')),
			response: z.string().trim().max(10000, t('petitions.delivery.response.max')).default(''),
			respondedOn: dayField.default(''),
			closesSigning: checkbox,
		})
		.superRefine((value, ctx) => {
			const today = latestToday()
			if (isCivilDate(value.deliveredOn)) {
				if (value.deliveredOn > today) ctx.addIssue({ code: 'custom', path: ['deliveredOn'], message: t('petitions.delivery.future') })
				else if (publishedOn && value.deliveredOn < publishedOn)
					ctx.addIssue({
						code: 'custom',
						path: ['deliveredOn'],
						message: t('petitions.delivery.beforePublished', { date: publishedOn }),
					})
			}
			if (isCivilDate(value.respondedOn)) {
				if (value.respondedOn > today)
					ctx.addIssue({ code: 'custom', path: ['respondedOn'], message: t('petitions.delivery.respondedOn.future') })
				else if (isCivilDate(value.deliveredOn) && value.respondedOn < value.deliveredOn)
					ctx.addIssue({ code: 'custom', path: ['respondedOn'], message: t('petitions.delivery.respondedOn.beforeDelivery') })
			}
			if (value.respondedOn && !value.response)
				ctx.addIssue({ code: 'custom', path: ['response'], message: t('petitions.delivery.response.missing') })
			if (petition.closesSigning && !value.closesSigning)
				ctx.addIssue({ code: 'custom', path: ['closesSigning'], message: t('petitions.delivery.closesSigning.required') })
		})
}

export const updateSchema = z.object({
	title: z.string().trim().min(3, t('petitions.update.title.min')).max(150, t('petitions.update.title.max')),
	body: z.string().trim().min(1, t('petitions.update.body.required')).max(10000, t('petitions.update.body.max')),
})

export const reportReasons = ['misleading', 'offensive', 'spam', 'personal_information', 'other'] as const

export const reportSchema = z.object({
	reason: z.enum(reportReasons, { error: t('petitions.report.reason.required') }),
	details: z.string().trim().max(2000, t('petitions.report.details.max')).default(''),
	email: z.union([z.literal(''), email]).default(''),
})

/** A datetime-local value ("2026-12-01T09:30"), or nothing. */
const localDateTime = z
	.string()
	.trim()
	.max(30)
	.refine(
		(value) => value === '' || (/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(value) && isCivilDate(value.slice(0, 10))),
		t('moderation.invalidate.when.invalid'),
	)

export const takedownSchema = z.object({
	reason: z.string().trim().min(1, t('moderation.hide.reason.required')).max(1000, t('moderation.hide.reason.max')),
	confirm: checkbox.refine((value) => value, t('moderation.hide.confirm.required')),
	reportId: z.union([z.literal(''), z.uuid()]).default(''),
})

export const appealSchema = z.object({
	details: z.string().trim().min(10, t('petitions.appeal.details.min')).max(2000, t('petitions.appeal.details.max')),
})

export const invalidationSchema = z
	.object({
		ip: z
			.string()
			.trim()
			.max(45)
			.refine((value) => value === '' || /^[0-9a-fA-F:.]+$/.test(value), t('moderation.invalidate.ip.invalid'))
			.default(''),
		domain: z
			.string()
			.trim()
			.toLowerCase()
			.max(253)
			.refine((value) => value === '' || /^[a-z0-9.-]+\.[a-z]{2,}$/.test(value), t('moderation.invalidate.domain.invalid'))
			.default(''),
		postalCode: z.string().trim().toUpperCase().max(10).default(''),
		from: localDateTime.default(''),
		to: localDateTime.default(''),
		onlySuspected: checkbox,
		confirm: z.string().optional(),
	})
	.refine((value) => value.ip || value.domain || value.postalCode || value.from || value.to || value.onlySuspected, {
		message: t('moderation.invalidate.noFilter'),
		path: ['form'],
	})

export const coverUpload = {
	field: 'cover',
	maxBytes: 5 * 1024 * 1024,
	types: WEB_IMAGE_TYPES,
	messages: { tooBig: 'petitions.cover.tooBig', missing: 'petitions.cover.missing', wrongType: 'petitions.cover.wrongType' },
} as const satisfies UploadRule

/** ISO 3166-1 alpha-2 codes a signer may choose; names come from Intl.DisplayNames. */
export const countryCodes = (
	'AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ CA CC CD CF ' +
	'CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG ' +
	'GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW ' +
	'KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF ' +
	'NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SK SL SM ' +
	'SN SO SR SS ST SV SX SY SZ TC TD TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE ' +
	'YT ZA ZM ZW'
).split(' ')

const countryOptionsByLocale = new Map<string, Array<{ code: string; name: string }>>()

/** The countries a signer picks from, the US first, then by name; built once per locale (every petition page lists them). */
export function countryOptions(locale = 'en') {
	const known = countryOptionsByLocale.get(locale)
	if (known) return known
	const names = displayNames([locale], { type: 'region' })
	const options = countryCodes.map((code) => ({ code, name: names.of(code) ?? code }))
	const collator = new Intl.Collator(locale)
	options.sort((a, b) => collator.compare(a.name, b.name))
	const us = options.find((option) => option.code === 'US')
	const ordered = us ? [us, ...options.filter((option) => option !== us)] : options
	countryOptionsByLocale.set(locale, ordered)
	return ordered
}
