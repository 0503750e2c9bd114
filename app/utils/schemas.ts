import { z } from 'zod'
import { t } from '#app/i18n/i18n'

// Fields that several features' forms share, so the rule is written once.

/** An email address as every form takes it: trimmed, lower-cased, at most 254 characters. */
export const emailField = z
	.string()
	.trim()
	.toLowerCase()
	.max(254, t('validation.email'))
	.pipe(z.email(t('validation.email')))
