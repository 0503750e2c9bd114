import { z } from 'zod'
import { t } from '#app/i18n/i18n'

// A pasted list of people to invite (issue 15, item 9): addresses separated
// by commas, semicolons or new lines, each bare or as "Name <address>", the
// way mail programs and spreadsheets copy them. Read the same way by the
// form (instant errors) and the action.

/** How many addresses one submission invites (docs/decisions/077). */
export const INVITATION_LIST_MAX = 50

/** One entry of the list as typed, and its address when it is one. */
export type ListEntry = { text: string; email: string | null }

const address = z.email()

/** Splits a pasted list into entries, each address lower-cased; an address listed twice counts once. */
export function readInvitationList(text: string): ListEntry[] {
	const seen = new Set<string>()
	const entries: ListEntry[] = []
	for (const piece of text.split(/[\n\r,;]+/)) {
		const typed = piece.trim()
		if (!typed) continue
		// "Name <address>": the address is what is between the angle brackets.
		const bracketed = /<([^<>]*)>\s*$/.exec(typed)?.[1]
		const candidate = (bracketed ?? typed)
			.trim()
			.replace(/^mailto:/i, '')
			.replace(/^["'“”]+|["'“”]+$/g, '')
			.toLowerCase()
		const email = candidate.length <= 254 && address.safeParse(candidate).success ? candidate : null
		if (email && seen.has(email)) continue
		if (email) seen.add(email)
		entries.push({ text: typed.slice(0, 300), email })
	}
	return entries
}

export const inviteListSchema = z.object({
	emails: z
		.string()
		.max(20000, t('members.invite.tooLong', { max: INVITATION_LIST_MAX }))
		.superRefine((text, context) => {
			const entries = readInvitationList(text)
			if (entries.length === 0) context.addIssue({ code: 'custom', message: t('members.invite.required') })
			else if (entries.length > INVITATION_LIST_MAX)
				context.addIssue({ code: 'custom', message: t('members.invite.tooMany', { max: INVITATION_LIST_MAX, count: entries.length }) })
			else if (entries.every((entry) => entry.email === null)) context.addIssue({ code: 'custom', message: t('validation.email') })
		}),
})
