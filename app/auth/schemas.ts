import { z } from 'zod'
import { t } from '#app/i18n/i18n'
import { emailField as email } from '#app/utils/schemas'

// One schema per form, shared by the component (instant errors) and the
// action (the server is the truth).

const newPassword = z.string().min(8, t('validation.password.min')).max(72, t('validation.password.max'))
const redirectTo = z.string().max(500).optional()

export const signUpSchema = z.object({
	displayName: z.string().trim().min(1, t('validation.displayName.required')).max(80, t('validation.displayName.max')),
	email,
	password: newPassword,
	redirectTo,
})

export const signInSchema = z.object({
	email,
	password: z.string().min(1, t('validation.password.required')).max(200),
	redirectTo,
})

export const requestCodeSchema = z.object({ email, redirectTo })

export const verifyCodeSchema = z.object({
	email,
	code: z
		.string()
		.transform((code) => code.replace(/\s+/g, ''))
		.pipe(z.string().regex(/^\d{6}$/, t('validation.code'))),
	redirectTo,
})

export const forgotPasswordSchema = z.object({ email })

export const newPasswordSchema = z
	.object({ password: newPassword, confirmPassword: z.string() })
	.refine((value) => value.password === value.confirmPassword, {
		message: t('validation.password.match'),
		path: ['confirmPassword'],
	})
