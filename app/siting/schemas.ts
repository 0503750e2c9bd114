import { z } from 'zod'
import { t } from '#app/i18n/i18n'

// One schema per form, shared by the component and the action.

/** Days before a deadline a follower can be reminded (0: the morning of). */
export const REMIND_DAYS = [14, 7, 3, 2, 1, 0] as const

// "on" from a plain form post; true/false from react-hook-form in the browser.
const checkbox = z
	.union([z.boolean(), z.string().max(10)])
	.optional()
	.transform((value) => value === true || value === 'on' || value === 'true')

const reminderFields = {
	remind14: checkbox,
	remind7: checkbox,
	remind3: checkbox,
	remind2: checkbox,
	remind1: checkbox,
	remind0: checkbox,
	digest: checkbox,
}

function chosenDays(values: Record<`remind${(typeof REMIND_DAYS)[number]}`, boolean>) {
	return REMIND_DAYS.filter((days) => values[`remind${days}`])
}

/** Follow a project: the email only when signed out; at least one reminder or the digest. */
export const followSchema = z
	.object({
		intent: z.literal('follow'),
		email: z.string().trim().toLowerCase().max(254, t('follow.error.email')).default(''),
		...reminderFields,
	})
	.superRefine((values, context) => {
		if (values.email && !z.email().safeParse(values.email).success) {
			context.addIssue({ code: 'custom', path: ['email'], message: t('follow.error.email') })
		}
		if (!values.digest && chosenDays(values).length === 0) {
			context.addIssue({ code: 'custom', path: ['remind7'], message: t('follow.error.remind') })
		}
	})
	.transform((values) => ({ email: values.email, remindDays: chosenDays(values), digest: values.digest }))

export const unfollowSchema = z.object({ intent: z.literal('unfollow') })
