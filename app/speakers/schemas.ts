import { z } from 'zod'
import { t } from '#app/i18n/i18n'
import type { UploadRule } from '#app/storage/upload-rules'

// One schema per form, shared by the component and the action.

export const SPEAKING_MODES = ['in_person', 'remote'] as const

/** Sign up to speak. The email is asked only of visitors (a signed-in person speaks as their account). */
export const signUpSchema = z.object({
	intent: z.literal('sign-up'),
	clockId: z.uuid(t('speakers.error.hearing')),
	name: z.string().trim().min(1, t('speakers.error.name')).max(120, t('speakers.error.name.long')),
	email: z.string().trim().toLowerCase().max(254, t('speakers.error.email')).default(''),
	organization: z.string().trim().max(200, t('speakers.error.organization.long')).default(''),
	mode: z.enum(SPEAKING_MODES, t('speakers.error.mode')).default('in_person'),
})

/** The visitor's form adds the email address, checked here as every email field is. */
export const visitorSignUpSchema = signUpSchema.extend({
	email: z
		.string()
		.trim()
		.toLowerCase()
		.max(254, t('speakers.error.email'))
		.pipe(z.email(t('speakers.error.email'))),
})

export const TESTIMONY_MAX = 20_000

export const testimonySchema = z.object({
	intent: z.literal('save'),
	testimony: z.string().max(TESTIMONY_MAX, t('speakers.testimony.long')),
})

export const cancelSchema = z.object({ intent: z.literal('cancel') })

export const placesSchema = z.object({
	intent: z.literal('places'),
	clockId: z.uuid(t('speakers.error.hearing')),
	places: z
		.string()
		.trim()
		.regex(/^\d{0,4}$/, t('speakers.list.places.error'))
		.transform((value) => (value === '' ? null : Number(value)))
		.refine((value) => value === null || (value >= 1 && value <= 1000), t('speakers.list.places.error')),
})

/** The authorization letter a representative uploads with their sign-up. */
export const LETTER_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const
export const letterRule: UploadRule<(typeof LETTER_TYPES)[number]> = {
	field: 'letter',
	maxBytes: 5 * 1024 * 1024,
	types: LETTER_TYPES,
	messages: {
		tooBig: 'speakers.error.letter.tooBig',
		missing: 'speakers.error.letter.missing',
		wrongType: 'speakers.error.letter.wrongType',
	},
}

/** Speaking pace for the testimony's length estimate: a steady public-speaking rate. */
export const WORDS_PER_MINUTE = 130

export function wordCount(text: string) {
	return text.trim() ? text.trim().split(/\s+/).length : 0
}
