import { data, type ActionFunctionArgs } from '@remix-run/node'
import { optionalUser } from '#app/auth/guards.server'
import { measure } from '#app/comments/comments.server'
import { getDrive } from '#app/comments/drives.server'
import { characterCount } from '#app/comments/schemas'
import { clientIp, takeAttempt } from '#app/http/rate-limits.server'
import { requireSameOrigin } from '#app/utils/forms.server'
import { notFound } from '#app/utils/responses.server'
import { isSlug } from '#app/utils/slug'

// The live personalization meter: the writer's text against the template and
// the drive's other comments, as they type (the form debounces). Answers only
// numbers: nothing of anyone else's comment.

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const slug = params.slug ?? ''
	const { caller, headers } = await optionalUser(request)
	if (!isSlug(slug)) notFound(headers)
	const found = await getDrive(caller, slug)
	if (!found) notFound(headers)
	const attempt = await takeAttempt([['comment_meter_ip', clientIp(request, context as { clientIp?: string })]])
	if (!attempt.allowed) return data({ error: 'too_many' }, { status: 429, headers: { 'Retry-After': String(attempt.retryAfterSeconds) } })
	const formData = await request.formData()
	const body = String(formData.get('body') ?? '')
		.replaceAll('\0', '')
		.slice(0, 100_000)
	const reading = await measure(caller, found.drive.id, body)
	return data({ ownWords: reading.ownWords, nearDuplicate: reading.nearDuplicate, count: characterCount(body) }, { headers })
}

export function loader(): never {
	notFound()
}
