import { z } from 'zod'
import { t } from '#app/i18n/i18n'
import { emailField } from '#app/utils/schemas'

// One schema per form: the organizer's drive form, the commenter's form
// (built from the drive's rules, so the component and the action check the
// same limits), the hand-off receipt, and the two report forms.

function text(max: number) {
	return z.string().trim().max(max, t('comments.error.long')).default('')
}

export const CHANNELS = ['email', 'regulations_gov', 'hand_off', 'printed'] as const
export type Channel = (typeof CHANNELS)[number]
export const REQUIRED_FIELDS = ['address', 'postal_code', 'organization'] as const
export type RequiredField = (typeof REQUIRED_FIELDS)[number]

const EMOJI = /\p{Extended_Pictographic}/u
const DOCUMENT_ID = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)+$/

export const driveSchema = z
	.object({
		chapterId: z.string().uuid(t('comments.drive.error.chapter')),
		title: z.string().trim().min(2, t('comments.drive.error.title')).max(200, t('comments.error.long')),
		proceedingSlug: text(100),
		documentId: z
			.string()
			.trim()
			.max(100, t('comments.error.long'))
			.refine((value) => value === '' || DOCUMENT_ID.test(value), t('comments.drive.error.documentId'))
			.default(''),
		talkingPoints: text(10000),
		template: text(20000),
		deadlineDate: z
			.string()
			.trim()
			.regex(/^\d{4}-\d{2}-\d{2}$/, t('comments.drive.error.deadline')),
		deadlineTime: z
			.string()
			.trim()
			.regex(/^([01]\d|2[0-3]):[0-5]\d$/, t('comments.drive.error.time'))
			.default('17:00'),
		maxChars: z.coerce
			.number({ error: t('comments.drive.error.maxChars') })
			.int(t('comments.drive.error.maxChars'))
			.min(100, t('comments.drive.error.maxChars'))
			.max(100000, t('comments.drive.error.maxChars')),
		minChars: z.coerce
			.number({ error: t('comments.drive.error.minChars') })
			.int(t('comments.drive.error.minChars'))
			.min(0, t('comments.drive.error.minChars'))
			.default(0),
		requireAddress: z.literal('on').optional(),
		requirePostalCode: z.literal('on').optional(),
		requireOrganization: z.literal('on').optional(),
		anonymousAllowed: z.literal('on').optional(),
		channel: z.enum(CHANNELS, { error: t('comments.drive.error.channel') }),
		signOn: z.literal('on').optional(),
		handOffUrl: z
			.string()
			.trim()
			.max(2000, t('comments.error.long'))
			.refine((value) => value === '' || (/^https?:\/\/\S+\.\S+$/i.test(value) && URL.canParse(value)), t('comments.drive.error.url'))
			.default(''),
	})
	.superRefine((values, context) => {
		if (!values.proceedingSlug && !values.documentId) {
			context.addIssue({ code: 'custom', path: ['documentId'], message: t('comments.drive.error.target') })
		}
		if (values.minChars >= values.maxChars) {
			context.addIssue({ code: 'custom', path: ['minChars'], message: t('comments.drive.error.minOverMax') })
		}
		if (values.channel === 'regulations_gov') {
			if (!values.documentId) context.addIssue({ code: 'custom', path: ['documentId'], message: t('comments.drive.error.federalDocument') })
			if (values.maxChars > 5000) context.addIssue({ code: 'custom', path: ['maxChars'], message: t('comments.drive.error.federalLimit') })
		}
		if (values.channel === 'hand_off' && !values.handOffUrl) {
			context.addIssue({ code: 'custom', path: ['handOffUrl'], message: t('comments.drive.error.handOffUrl') })
		}
		if (values.signOn && !values.template) {
			context.addIssue({ code: 'custom', path: ['template'], message: t('comments.drive.error.signOnTemplate') })
		}
	})

export type DriveInput = z.infer<typeof driveSchema>

/** What the commenter's form needs to know about the drive's rules. */
export type CommentRules = {
	maxChars: number
	minChars: number
	requiredFields: readonly string[]
	anonymousAllowed: boolean
	signOn: boolean
	/** Federal dockets: first and last names apart, and no emoji (Regulations.gov refuses them). */
	federal: boolean
}

export const COMMENT_INTENTS = ['check', 'submit'] as const
export type CommentIntent = (typeof COMMENT_INTENTS)[number]

/** The commenter's form, for one drive's rules. The body's length limits are counted in characters as the body counts them. */
export function commentSchema(rules: CommentRules) {
	const required = new Set(rules.requiredFields)
	return z
		.object({
			intent: z.enum(COMMENT_INTENTS).default('submit'),
			name: z.string().trim().min(1, t('comments.write.error.name')).max(200, t('comments.error.long')),
			familyName: text(200),
			email: emailField,
			address: text(300),
			postalCode: text(20),
			organization: text(120),
			anonymous: z.literal('on').optional(),
			startedFrom: z.enum(['template', 'blank']).default('blank'),
			body: rules.signOn
				? z.string().default('')
				: z
						.string()
						.transform((value) => value.replaceAll('\r\n', '\n').trim())
						.pipe(
							z
								.string()
								.min(1, t('comments.write.error.empty'))
								.refine((value) => [...value].length >= rules.minChars, {
									message: t('comments.write.error.short', { min: rules.minChars }),
								})
								.refine((value) => [...value].length <= rules.maxChars, {
									message: t('comments.write.error.long', { max: rules.maxChars }),
								}),
						),
			consent: z.literal('on', { error: t('comments.write.error.consent') }),
		})
		.superRefine((values, context) => {
			if (rules.federal && !values.anonymous && !values.familyName) {
				context.addIssue({ code: 'custom', path: ['familyName'], message: t('comments.write.error.familyName') })
			}
			if (rules.federal && EMOJI.test(values.body)) {
				context.addIssue({ code: 'custom', path: ['body'], message: t('comments.write.error.emoji') })
			}
			if (required.has('address') && !values.address) {
				context.addIssue({ code: 'custom', path: ['address'], message: t('comments.write.error.address') })
			}
			if (required.has('postal_code') && !values.postalCode) {
				context.addIssue({ code: 'custom', path: ['postalCode'], message: t('comments.write.error.postalCode') })
			}
			if (values.postalCode && !/^[A-Za-z0-9][A-Za-z0-9 -]{1,18}$/.test(values.postalCode)) {
				context.addIssue({ code: 'custom', path: ['postalCode'], message: t('comments.write.error.postalCodeFormat') })
			}
			if (required.has('organization') && !values.organization) {
				context.addIssue({ code: 'custom', path: ['organization'], message: t('comments.write.error.organization') })
			}
			if (values.anonymous && !rules.anonymousAllowed) {
				context.addIssue({ code: 'custom', path: ['anonymous'], message: t('comments.write.error.anonymous') })
			}
		})
}

export type CommentInput = z.infer<ReturnType<typeof commentSchema>>

/** How many characters a text counts as, the way a body's limit counts them (code points, not UTF-16 units). */
export function characterCount(value: string) {
	return [...value.replaceAll('\r\n', '\n').trim()].length
}

export const handOffSchema = z.object({
	receipt: z.string().trim().max(200, t('comments.error.long')).default(''),
})

export const reportByTokenSchema = z.object({
	name: z.string().trim().min(1, t('comments.report.error.name')).max(200, t('comments.error.long')),
	details: text(4000),
})

export const reportByNameSchema = z.object({
	name: z.string().trim().min(1, t('comments.report.error.name')).max(200, t('comments.error.long')),
	email: emailField,
	postalCode: z
		.string()
		.trim()
		.min(1, t('comments.report.error.postalCode'))
		.max(20, t('comments.error.long'))
		.regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,18}$/, t('comments.write.error.postalCodeFormat')),
	details: text(4000),
})

export const reviewSchema = z.object({
	reportId: z.string().uuid(),
	note: text(2000),
})

/** "Handed to the clerk at the hearing": the day (not after today) and to whom. */
export const handOverSchema = z.object({
	packetId: z.string().uuid(t('comments.manage.error.packet')),
	handedOn: z
		.string()
		.trim()
		.regex(/^\d{4}-\d{2}-\d{2}$/, t('comments.handOver.error.date'))
		.refine((value) => {
			const day = new Date(`${value}T12:00:00Z`)
			return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value && day.getUTCFullYear() >= 2000
		}, t('comments.handOver.error.date'))
		.refine((value) => Date.parse(`${value}T00:00:00Z`) <= Date.now() + 14 * 3600_000, t('comments.handOver.error.future')),
	handedTo: z.string().trim().min(1, t('comments.handOver.error.to')).max(200, t('comments.error.long')),
})

export const MANAGE_INTENTS = ['uphold', 'dismiss', 'sendLetter', 'close', 'channel', 'handOver'] as const
export type ManageIntent = (typeof MANAGE_INTENTS)[number]

export const channelSettingsSchema = z.object({
	clerkEmail: z.literal('').or(emailField).default(''),
	clerkName: text(200),
	emailPackaging: z.enum(['individual', 'daily']).default('individual'),
	webFormUrl: z
		.string()
		.trim()
		.max(2000, t('comments.error.long'))
		.refine((value) => value === '' || (/^https?:\/\/\S+\.\S+$/i.test(value) && URL.canParse(value)), t('comments.drive.error.url'))
		.default(''),
	sourceUrl: z
		.string()
		.trim()
		.min(1, t('comments.channel.error.source'))
		.max(2000, t('comments.error.long'))
		.refine((value) => /^https?:\/\/\S+\.\S+$/i.test(value) && URL.canParse(value), t('comments.drive.error.url')),
})
