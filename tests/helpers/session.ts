import { randomBytes } from 'node:crypto'
import { createAdminSupabase } from '#app/auth/supabase.server'
import type { AuthenticatedCaller } from '#app/chapters/members.server'
import { action as signInAction } from '#app/routes/signin'

// For integration tests that call routes as a signed-in person: a real
// account made through Auth's admin API, signed in through the sign-in
// route, whose session cookies then go with each request, as a browser's would.

export type Account = { id: string; email: string; name: string; password: string; caller: AuthenticatedCaller }

export function siteUrl(path = '/') {
	return new URL(path, process.env.SITE_URL ?? 'http://127.0.0.1:3100').toString()
}

/** A confirmed account with a password. */
export async function newAccount(label: string): Promise<Account> {
	const email = `${label}-${randomBytes(4).toString('hex')}@example.org`
	const password = `meadow copper ${randomBytes(3).toString('hex')}`
	const name = `${label[0]?.toUpperCase() ?? ''}${label.slice(1)} Tester`
	const { data, error } = await createAdminSupabase().auth.admin.createUser({
		email,
		password,
		email_confirm: true,
		user_metadata: { display_name: name },
	})
	if (error || !data.user) throw error ?? new Error('no user')
	const id = data.user.id
	return { id, email, name, password, caller: { role: 'authenticated', claims: { sub: id, role: 'authenticated', email } } }
}

function formRequest(path: string, fields: Record<string, string>, cookie = '') {
	const url = new URL(siteUrl(path))
	return new Request(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: url.origin, Host: url.host, Cookie: cookie },
		body: new URLSearchParams(fields),
	})
}

/** Signs in through the sign-in route; returns the Cookie header a browser would send next. */
export async function signIn(account: Account) {
	const ip = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`
	const response = await signInAction({
		request: formRequest('/signin', { email: account.email, password: account.password }),
		params: {},
		context: { clientIp: ip },
	})
	if (!(response instanceof Response) || response.status !== 302) throw new Error(`sign-in failed for ${account.email}`)
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0] ?? '')
		.filter(Boolean)
		.join('; ')
}

/** A form POST to a route's action, as the signed-in browser sends it. */
export function postForm(path: string, cookie: string, fields: Record<string, string>) {
	return formRequest(path, fields, cookie)
}

/** A GET to a route's loader, as the signed-in browser sends it. */
export function getPage(path: string, cookie: string) {
	return new Request(siteUrl(path), { headers: { Cookie: cookie, Host: new URL(siteUrl(path)).host } })
}
