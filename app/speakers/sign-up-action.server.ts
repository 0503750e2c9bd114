import { randomUUID } from 'node:crypto'
import { redirect } from '@remix-run/node'
import { optionalUser } from '#app/auth/guards.server'
import { clientIp, emailKey, takeAttempt, tooManyAttempts } from '#app/http/rate-limits.server'
import type { MessageKey } from '#app/i18n/en'
import { t } from '#app/i18n/i18n'
import { isMultipart, removeFile, storeFile } from '#app/storage/uploads.server'
import { formError, keepTyped, parseForm, readFileForm } from '#app/utils/forms.server'
import { letterRule, signUpSchema, visitorSignUpSchema } from './schemas'
import { signUpToSpeak, type SpeakersPage } from './speakers.server'

// Signing up to speak, from the proceeding's speakers' page. A visitor gets a
// confirmation link by email; a signed-in person is listed or waitlisted at
// once. A representative of an organization uploads the authorization letter
// the body asks for in the same form (signed in: the letter lives in their
// own folder of a private bucket). Every refusal keeps what was typed.

const EXTENSIONS: Record<(typeof letterRule.types)[number], string> = {
	'application/pdf': 'pdf',
	'image/png': 'png',
	'image/jpeg': 'jpg',
}

function typed(formData: FormData) {
	return keepTyped(Object.fromEntries([...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string')))
}

export async function signUpAction(request: Request, context: { clientIp?: string }, page: SpeakersPage) {
	const { user, caller, headers, supabase } = await optionalUser(request)
	const formData = isMultipart(request) ? await readFileForm(request) : await request.formData()
	if (!formData) return formError({ form: t('speakers.error.letter.wrongType') }, {}, headers)
	const form = parseForm(formData, user ? signUpSchema : visitorSignUpSchema)
	if (!form.success) return formError(form.failure.errors, form.failure.values, headers)
	const values = typed(formData)
	const input = form.data
	const hearing = page.hearings.find((candidate) => candidate.clockId === input.clockId)
	if (!hearing) return formError({ clockId: t('speakers.error.not_a_hearing') }, values, headers)
	const authorization = page.rules?.representativeAuthorization ?? null
	const organization = input.organization || null

	let letterPath: string | null = null
	if (organization && authorization) {
		if (!user) return formError({ organization: t('speakers.form.letter.signin', { what: authorization }) }, values, headers)
		const file = formData.get(letterRule.field)
		if (!(file instanceof File) || file.size === 0) return formError({ letter: t(letterRule.messages.missing) }, values, headers)
		if (file.size > letterRule.maxBytes) return formError({ letter: t(letterRule.messages.tooBig) }, values, headers)
		const type = letterRule.types.find((allowed) => allowed === file.type)
		if (!type) return formError({ letter: t(letterRule.messages.wrongType) }, values, headers)
		letterPath = `${user.id}/${randomUUID()}.${EXTENSIONS[type]}`
		const stored = await storeFile(supabase, 'speaker-letters', letterRule, { path: letterPath, body: file, contentType: type })
		if (!stored.ok) return formError({ letter: stored.message }, values, headers)
	}

	const email = user ? (user.email ?? '') : input.email
	if (!user) {
		const attempt = await takeAttempt([
			['speaker_ip', clientIp(request, context)],
			['speaker_email', `${hearing.clockId}:${emailKey(email)}`],
		])
		if (!attempt.allowed) return tooManyAttempts(attempt, values, headers)
	}
	const outcome = await signUpToSpeak(caller, {
		clockId: hearing.clockId,
		name: input.name,
		email,
		organization,
		letterPath,
		mode: input.mode,
	})
	if (!outcome.ok || outcome.kind === 'already') await removeFile(supabase, 'speaker-letters', letterPath)
	if (!outcome.ok) {
		const message =
			outcome.reason === 'letter_missing'
				? t('speakers.error.letter_missing', { what: authorization ?? '' })
				: t(`speakers.error.${outcome.reason}` satisfies MessageKey)
		const field = outcome.reason === 'remote_not_taken' ? 'mode' : outcome.reason === 'letter_missing' ? 'letter' : 'form'
		return formError({ [field]: message }, values, headers)
	}
	const base = `/proceedings/${page.proceeding.slug}/speakers`
	if (outcome.kind === 'confirm') return redirect(`${base}?signup=sent#hearing-${hearing.clockId}`, { headers })
	const done = outcome.kind === 'already' ? 'already' : outcome.status === 'waitlisted' ? 'waitlisted' : 'listed'
	return redirect(`${base}?signup=${done}#hearing-${hearing.clockId}`, { headers })
}
