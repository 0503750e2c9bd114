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

/** A route's answer: a redirect, or the form back with its errors and what was typed. */
export type Outcome = { status: number; location: string | null; errors: Record<string, string>; values: Record<string, string> }

export async function outcome(work: () => Promise<unknown>): Promise<Outcome> {
	const result = await work()
	if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), errors: {}, values: {} }
	if (result && typeof result === 'object' && 'init' in result && 'data' in result) {
		const { init, data } = result as {
			init: { status?: number } | null
			data: { errors?: Record<string, string>; values?: Record<string, string> }
		}
		return { status: init?.status ?? 200, location: null, errors: data.errors ?? {}, values: data.values ?? {} }
	}
	throw new Error(`unexpected route result: ${String(result)}`)
}
