import { z } from 'zod'
import { t } from '#app/i18n/i18n'
import { WEB_IMAGE_TYPES, type UploadRule } from '#app/storage/upload-rules'
import { emailField } from '#app/utils/schemas'

export const profileSchema = z.object({
	displayName: z.string().trim().min(1, t('validation.displayName.required')).max(80, t('validation.displayName.max')),
	postalCode: z
		.string()
		.trim()
		.max(12)
		.refine((value) => value === '' || /^\d{5}(-?\d{4})?$/.test(value), t('validation.postalCode')),
})

export const emailChangeSchema = z.object({
	email: emailField,
})

export const deleteAccountSchema = z.object({
	confirm: z
		.string()
		.trim()
		.refine((value) => value === 'DELETE', t('account.delete.confirmError')),
})

export const avatarUpload = {
	field: 'avatar',
	maxBytes: 2 * 1024 * 1024,
	types: WEB_IMAGE_TYPES,
	messages: { tooBig: 'account.avatar.tooBig', missing: 'account.avatar.missing', wrongType: 'account.avatar.wrongType' },
} as const satisfies UploadRule
