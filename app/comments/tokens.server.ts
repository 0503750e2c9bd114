import { createHash, createHmac } from 'node:crypto'
import { env } from '#app/utils/env.server'

// A comment's link token is derived from its id with a server secret and
// only its sha256 is stored, as follows do (app/siting/follows.server.ts):
// the confirmation email, the copy and its report link all carry it, and a
// database reader cannot rebuild it.

let linkKey: Buffer | undefined
function key() {
	linkKey ??= createHmac('sha256', env().SUPABASE_SERVICE_ROLE_KEY).update('groundwork:comment-link:v1').digest()
	return linkKey
}

export function commentToken(commentId: string) {
	return createHmac('sha256', key()).update(commentId).digest('base64url')
}

export function tokenHash(token: string) {
	return createHash('sha256').update(token, 'utf8').digest()
}

export function commentLinks(commentId: string) {
	const token = encodeURIComponent(commentToken(commentId))
	const site = env().SITE_URL
	return {
		confirmUrl: new URL(`/comments/confirm?token=${token}`, site).toString(),
		commentUrl: new URL(`/comments/mine?token=${token}`, site).toString(),
		reportUrl: new URL(`/comments/mine?token=${token}#report`, site).toString(),
	}
}

/** A token as it may arrive in a link: anything else is no token. */
export function validToken(token: string | null): token is string {
	return typeof token === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(token)
}
