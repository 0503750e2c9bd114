import { action as signInAction } from '#app/routes/_auth+/signin'
import type { Account } from './accounts'

// For integration tests that call routes as a signed-in person: an account
// from accounts.ts (Auth's admin API), signed in through the sign-in
// route, whose session cookies then go with each request, as a browser's would.

export function siteUrl(path = '/') {
	return new URL(path, process.env.SITE_URL ?? 'http://127.0.0.1:3100').toString()
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
export async function signIn(account: Pick<Account, 'email' | 'password'>) {
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
