import { z } from 'zod'
import { t } from '#app/i18n/i18n'

export const profileSchema = z.object({
	displayName: z.string().trim().min(1, t('validation.displayName.required')).max(80, t('validation.displayName.max')),
	postalCode: z
		.string()
		.trim()
		.max(12)
		.refine((value) => value === '' || /^\d{5}(-?\d{4})?$/.test(value), t('validation.postalCode')),
})

export const emailChangeSchema = z.object({
	email: z
		.string()
		.trim()
		.toLowerCase()
		.max(254, t('validation.email'))
		.pipe(z.email(t('validation.email'))),
})

export const deleteAccountSchema = z.object({
	confirm: z
		.string()
		.trim()
		.refine((value) => value === 'DELETE', t('account.delete.confirmError')),
})

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const
