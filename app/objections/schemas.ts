import { z } from 'zod'
import { t } from '#app/i18n/i18n'
import type { UploadRule } from '#app/storage/upload-rules'
import { emailField } from '#app/utils/schemas'
import { EVIDENCE_TYPES, GROUND_KINDS, MANUAL_FILING_METHODS, MAX_EVIDENCE_BYTES, RELIEF_KINDS } from './grounds'

// One schema per form on the objection pages, shared by the view (through
// the resolver) and the action, which validates again.

const checkbox = z
	.string()
	.optional()
	.transform((value) => value === 'on' || value === 'true')

const url = z
	.string()
	.trim()
	.max(2000, t('objection.error.urlLong'))
	.refine((value) => /^https?:\/\/[^\s]+$/.test(value), t('objection.error.url'))

export const objectionSchema = z.object({
	subject: z.string().trim().min(5, t('objection.error.subject')).max(300, t('objection.error.subjectLong')),
	standingResidents: z.string().trim().max(4000, t('objection.error.long')).default(''),
	standingOrganizations: z.string().trim().max(4000, t('objection.error.long')).default(''),
	...Object.fromEntries(RELIEF_KINDS.map((kind) => [`relief_${kind}`, checkbox])),
	reliefConditions: z
		.string()
		.max(8000, t('objection.error.long'))
		.default('')
		.transform((value) =>
			value
				.split('\n')
				.map((line) => line.trim())
				.filter(Boolean),
		)
		.refine((lines) => lines.length <= 40, t('objection.error.tooManyConditions'))
		.refine((lines) => lines.every((line) => line.length <= 500), t('objection.error.conditionLong')),
	reliefNote: z.string().trim().max(4000, t('objection.error.long')).default(''),
})
export type ObjectionForm = z.infer<typeof objectionSchema>

export function reliefFrom(form: Record<string, unknown>) {
	return RELIEF_KINDS.filter((kind) => form[`relief_${kind}`] === true)
}

export const groundSchema = z.object({
	kind: z.enum(GROUND_KINDS, { error: t('objection.error.groundKind') }),
	title: z.string().trim().max(200, t('objection.error.titleLong')).default(''),
	argument: z.string().trim().min(1, t('objection.error.argument')).max(20000, t('objection.error.argumentLong')),
	figures: z.string().max(500).default(''),
})

export const evidenceLinkSchema = z.object({
	groundId: z.uuid(t('objection.error.ground')),
	title: z.string().trim().min(2, t('objection.error.evidenceTitle')).max(200, t('objection.error.titleLong')),
	url,
})

export const commentSchema = z.object({
	body: z.string().trim().min(1, t('objection.error.comment')).max(4000, t('objection.error.long')),
})

export const signSchema = z
	.object({
		kind: z.enum(['person', 'organization'], { error: t('objection.error.signerKind') }),
		name: z.string().trim().min(2, t('objection.error.name')).max(200, t('objection.error.nameLong')),
		email: emailField,
		address: z.string().trim().min(5, t('objection.error.address')).max(400, t('objection.error.addressLong')),
		showAddress: checkbox,
		showName: checkbox,
		organization: z.string().trim().max(200, t('objection.error.nameLong')).default(''),
		representativeTitle: z.string().trim().max(200, t('objection.error.nameLong')).default(''),
		consent: checkbox.refine((value) => value, t('objection.error.consent')),
		version: z.coerce.number().int().min(1),
	})
	.superRefine((value, context) => {
		if (value.kind === 'organization' && value.organization.length < 2) {
			context.addIssue({ code: 'custom', path: ['organization'], message: t('objection.error.organization') })
		}
	})

export const inviteSchema = z.object({ email: emailField })

export const fileByEmailSchema = z.object({
	replyTo: emailField,
	confirmLate: checkbox,
})

export const recordFilingSchema = z.object({
	method: z.enum(MANUAL_FILING_METHODS, { error: t('objection.error.method') }),
	confirmationNumber: z.string().trim().max(200, t('objection.error.long')).default(''),
	filedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, t('objection.error.date')),
	confirmLate: checkbox,
})

export const outcomeSchema = z.object({
	outcome: z.string().trim().min(2, t('objection.error.outcome')).max(2000, t('objection.error.long')),
	decidedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, t('objection.error.date')),
	sourceUrl: url,
	conditionsAdopted: z.string().max(8000).default(''),
})

/** Evidence files, authorization letters and receipts: the objection-files bucket's limits. */
export const evidenceUpload = {
	field: 'file',
	maxBytes: MAX_EVIDENCE_BYTES,
	types: EVIDENCE_TYPES,
	messages: { tooBig: 'objection.error.file.tooBig', missing: 'objection.error.file.missing', wrongType: 'objection.error.file.wrongType' },
} satisfies UploadRule<(typeof EVIDENCE_TYPES)[number]>

export const EXTENSION_OF: Record<(typeof EVIDENCE_TYPES)[number], string> = {
	'application/pdf': 'pdf',
	'image/png': 'png',
	'image/jpeg': 'jpg',
}
