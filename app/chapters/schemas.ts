import { z } from 'zod'
import { t } from '#app/i18n/i18n'

// One schema per form, shared by the component (instant errors) and the
// action (the server is the truth).

export const chapterSchema = z.object({
	name: z.string().trim().min(3, t('chapterForm.name.min')).max(120, t('chapterForm.name.max')),
	place: z.string().trim().min(2, t('chapterForm.place.required')).max(100, t('chapterForm.place.max')),
	// Set when the person picked one of several places matching what they typed.
	jurisdictionId: z
		.string()
		.optional()
		.transform((value) => (value && /^\d{1,9}$/.test(value) ? Number(value) : undefined)),
	description: z.string().trim().max(5000, t('chapterForm.description.max')),
	visibility: z.enum(['public', 'private'], { error: t('chapterForm.visibility.required') }),
	// Only the edit form has it: where replies to the chapter's emails go (docs/decisions/077).
	contactEmail: z
		.string()
		.trim()
		.toLowerCase()
		.max(254, t('validation.email'))
		.refine((value) => value === '' || z.email().safeParse(value).success, t('validation.email'))
		.optional(),
})

export const emailFrequencies = ['immediate', 'weekly', 'none'] as const
export type EmailFrequency = (typeof emailFrequencies)[number]

export const emailSettingsSchema = z.object({
	frequency: z.enum(emailFrequencies, { error: t('emailSettings.required') }),
})

export const updateSchema = z.object({
	title: z.string().trim().min(3, t('updateForm.title.min')).max(150, t('updateForm.title.max')),
	body: z.string().trim().min(1, t('updateForm.body.required')).max(20000, t('updateForm.body.max')),
})

/** The member a management button acts on. */
export const memberActionSchema = z.object({
	userId: z.uuid(),
})

/** Asking to join a private chapter, with an optional note to its organizers (docs/decisions/077). */
export const joinRequestSchema = z.object({
	note: z.string().trim().max(500, t('chapter.join.noteTooLong')).default(''),
})

/** An organizer's approve or decline, with an optional message to the person who asked. */
export const joinDecisionSchema = memberActionSchema.extend({
	message: z.string().trim().max(1000, t('members.decision.messageTooLong')).default(''),
})
