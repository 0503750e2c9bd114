import { redirect } from '@remix-run/node'
import { getSessionUser } from './supabase.server'

/**
 * The signed-in person, or a redirect to sign in that comes back here.
 * Cookies refreshed while checking travel with the redirect.
 */
export async function requireUser(request: Request) {
	const session = await getSessionUser(request)
	if (!session.user) {
		const url = new URL(request.url)
		const back = `${url.pathname}${url.search}`
		throw redirect(`/signin?redirectTo=${encodeURIComponent(back)}`, { headers: session.headers })
	}
	return { ...session, user: session.user }
}

/** Pages for signed-out people (sign in, sign up) send signed-in people on. */
export async function redirectIfSignedIn(request: Request, to = '/account') {
	const session = await getSessionUser(request)
	if (session.user) throw redirect(to, { headers: session.headers })
	return session
}
