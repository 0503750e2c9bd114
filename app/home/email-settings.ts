import { z } from 'zod'
import { emailFrequencies } from '#app/chapters/schemas'
import { t } from '#app/i18n/i18n'

/** The forms of /account/emails, each a hidden `intent` from this list. */
export const emailSettingIntents = ['chapter-frequency', 'stop-petition-updates', 'unfollow'] as const
export type EmailSettingIntent = (typeof emailSettingIntents)[number]

export const chapterFrequencySchema = z.object({
	chapterId: z.uuid(),
	frequency: z.enum(emailFrequencies, { error: t('emailSettings.required') }),
})
export const stopPetitionUpdatesSchema = z.object({ signatureId: z.string().regex(/^\d{1,18}$/) })
export const unfollowSchema = z.object({ followId: z.uuid() })
