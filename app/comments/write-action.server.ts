import { data, redirect } from '@remix-run/node'
import type { Caller } from '#app/db/db.server'
import { clientIp, emailKey, takeAttempt, tooManyAttempts } from '#app/http/rate-limits.server'
import { t } from '#app/i18n/i18n'
import { formError, parseForm } from '#app/utils/forms.server'
import type { CommentCheck } from './comment-form'
import { measure, standingOf, writeComment } from './comments.server'
import { drivePageData, type Drive } from './drives.server'
import { characterCount, commentSchema } from './schemas'

// The commenter's form: "Check my comment" (the meter and the length check
// from the server, for a browser without JavaScript) or send it for
// confirmation. Every failure keeps what was typed; an address outside the
// body's area is a warning, never a refusal.

function typed(formData: FormData) {
	return Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

/** A length error that says how much to cut (or add), counted the way the body counts. */
function lengthError(body: string, rules: { maxChars: number; minChars: number }) {
	const count = characterCount(body)
	if (count > rules.maxChars) return t('comments.write.error.cut', { over: count - rules.maxChars, max: rules.maxChars, count })
	if (count > 0 && count < rules.minChars) return t('comments.write.error.add', { under: rules.minChars - count, min: rules.minChars })
	return null
}

export async function commentAction(request: Request, context: { clientIp?: string }, caller: Caller, drive: Drive, headers: Headers) {
	const page = drivePageData(drive)
	const formData = await request.formData()
	const values = typed(formData)
	if (!page.open) return formError({ form: t('comments.write.error.closed') }, values, headers)
	const rules = page
	const intent = values.intent === 'check' ? 'check' : 'submit'
	const body = (values.body ?? '').replaceAll('\0', '')

	if (intent === 'check') {
		const reading = await measure(caller, drive.id, body)
		const standing = await standingOf(caller, drive, values.postalCode ?? '')
		const check: CommentCheck = {
			ownWords: reading.ownWords,
			nearDuplicate: reading.nearDuplicate,
			count: characterCount(body),
			outside: standing.outside,
			placeLabel: standing.placeLabel,
		}
		const problem = lengthError(body, rules)
		const errors: Record<string, string> = problem ? { body: problem } : {}
		return data({ errors, values, check }, { status: problem ? 400 : 200, headers })
	}

	const form = parseForm(formData, commentSchema(rules))
	if (!form.success) {
		const errors = { ...form.failure.errors }
		const cut = lengthError(body, rules)
		if (errors.body && cut) errors.body = cut
		return formError(errors, form.failure.values, headers)
	}
	const attempt = await takeAttempt([
		['comment_ip', clientIp(request, context)],
		['comment_email', `${drive.id}:${emailKey(form.data.email)}`],
	])
	if (!attempt.allowed) return tooManyAttempts(attempt, values, headers)
	const standing = await standingOf(caller, drive, form.data.postalCode)
	const written = await writeComment(caller, drive, form.data, standing)
	if (!written.ok) {
		const message: Record<string, string> =
			written.reason === 'closed'
				? { form: t('comments.write.error.closed') }
				: written.reason === 'anonymous'
					? { anonymous: t('comments.write.error.anonymous') }
					: written.reason === 'not_found'
						? { form: t('comments.write.error.closed') }
						: { body: lengthError(form.data.body, rules) ?? t('comments.write.error.empty') }
		return formError(message, values, headers)
	}
	const params = new URLSearchParams({ sent: '1' })
	if (standing.outside) params.set('outside', '1')
	return redirect(`/comments/${drive.slug}?${params.toString()}#sent`, { headers })
}
