import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startDevServer, type DevServer } from '#tests/helpers/dev-server'
import { supabaseClient } from '#tests/helpers/local-api'
import { streamPost } from '#tests/helpers/stream-post'

// The app over real HTTP, as a browser or an attacker reaches it: open
// redirects, oversized bodies, security headers, the session cookie and
// forged sessions (issue 8, holes 1, 4 and 8). The server believes it is
// served over https, as in production, so Secure cookies and HSTS are on.

let server: DevServer
const password = 'harbour lantern 27'
// One session shared by the tests that need one, from an emailed sign-in link:
// password sign-ins from this machine's address count against the per-IP
// limit that the Playwright journeys also draw on.
let member: { email: string; signedIn: Response; cookie: string }

beforeAll(async () => {
	server = await startDevServer({ siteUrl: (port) => `https://127.0.0.1:${port}` })
	const email = await newAccount()
	const signedIn = await get(`/auth/confirm?${await signInLink(email, '/account')}`)
	expect(signedIn.status).toBe(302)
	member = { email, signedIn, cookie: cookieHeader(signedIn) }
}, 240_000)

afterAll(async () => {
	await server?.stop()
})

function admin() {
	return supabaseClient(process.env.SUPABASE_URL ?? '', process.env.SUPABASE_SERVICE_ROLE_KEY ?? '')
}

async function newAccount() {
	const email = `http-${randomBytes(5).toString('hex')}@groundwork.test`
	const { error } = await admin().auth.admin.createUser({ email, password, email_confirm: true })
	if (error) throw error
	return email
}

/** A same-origin form post, as the browser sends it. */
function post(path: string, form: URLSearchParams | FormData, cookie = '') {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { Origin: server.url, ...(cookie ? { Cookie: cookie } : {}) },
		body: form,
		redirect: 'manual',
	})
}

function get(path: string, cookie = '') {
	return fetch(`${server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })
}

/** The cookies a response sets, as the Cookie header a browser would send back. */
function cookieHeader(response: Response) {
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0] ?? '')
		.filter((pair) => !pair.endsWith('='))
		.join('; ')
}

/** The query of an emailed sign-in link (/auth/confirm?token_hash=…), as Auth would mail it. */
async function signInLink(email: string, next: string) {
	const { data, error } = await admin().auth.admin.generateLink({ type: 'magiclink', email })
	if (error) throw error
	return new URLSearchParams({ token_hash: data.properties.hashed_token, type: 'magiclink', next })
}

function expectOnSite(response: Response) {
	const location = response.headers.get('Location') ?? ''
	expect(location).not.toBe('')
	expect(new URL(location, server.url).origin).toBe(server.url)
	return location
}

// ---- hole 1: open redirect ------------------------------------------------

test('signed in, /signin?redirectTo=/.//evil.example/phish stays on this site', async () => {
	const response = await get('/signin?redirectTo=/.//evil.example/phish', member.cookie)
	expect(response.status).toBe(302)
	expect(expectOnSite(response)).toBe('/home')
})

test('the sign-in form does not send anyone to another host after signing in', async () => {
	const response = await post('/signin', new URLSearchParams({ email: member.email, password, redirectTo: '/%2e//evil.example' }))
	expect(response.status).toBe(302)
	expect(expectOnSite(response)).toBe('/home')
})

test('signed in, /signin/code?redirectTo=/a/..//evil.example stays on this site', async () => {
	const response = await get(`/signin/code?redirectTo=${encodeURIComponent('/a/..//evil.example')}`, member.cookie)
	expect(response.status).toBe(302)
	expect(expectOnSite(response)).toBe('/home')
})

test('an emailed sign-in link with next=/a/..//evil.example lands on this site', async () => {
	const response = await get(`/auth/confirm?${await signInLink(await newAccount(), '/a/..//evil.example')}`)
	expect(response.status).toBe(302)
	expect(expectOnSite(response)).toBe('/account?welcome=1')
})

// ---- hole 4: unbounded request bodies --------------------------------------

test('a 150 MB streamed post to /forgot-password is refused with 413 long before it is all sent', async () => {
	const { status, page, sent } = await streamPost(new URL('/forgot-password', server.url), 150 * 1024 * 1024)
	expect(status).toBe(413)
	expect(page).toContain('That was too much to send at once')
	// In the site's look: the site header and its navigation are there.
	expect(page).toContain('aria-label="Main"')
	// The server stopped reading: what it took is the limit plus what the sockets buffer, not 150 MB.
	expect(sent).toBeLessThan(32 * 1024 * 1024)
})

test('a body whose Content-Length is over the limit is refused without being read', async () => {
	const response = await post('/forgot-password', new URLSearchParams({ email: 'someone@example.org', padding: 'x'.repeat(300 * 1024) }))
	expect(response.status).toBe(413)
	expect(await response.text()).toContain('That was too much to send at once')
})

test('a refused JavaScript submission is told to load the 413 page as a document', async () => {
	const response = await post(
		'/forgot-password.data',
		new URLSearchParams({ email: 'someone@example.org', padding: 'x'.repeat(300 * 1024) }),
	)
	// Remix's single-fetch answer to a redirect: the client decodes it and navigates with a full page load.
	expect(response.headers.get('X-Remix-Reload-Document')).toBe('true')
	const payload = await response.text()
	expect(payload).toContain('"redirect","/request-too-large"')
	expect(payload).toContain('"reload",true')
})

test('a normal form, even a long one, still reaches its action', async () => {
	const short = await post('/forgot-password', new URLSearchParams({ email: 'not an address' }))
	expect(short.status).toBe(400)
	expect(await short.text()).toContain('name="email"')
	const long = await post('/forgot-password', new URLSearchParams({ email: 'not an address', padding: 'é'.repeat(20_000) }))
	expect(long.status).toBe(400)
})

test('a multipart body to a route that takes no file is held to the form limit', async () => {
	const form = new FormData()
	form.set('email', 'someone@example.org')
	form.set('file', new Blob([Buffer.alloc(1024 * 1024)], { type: 'image/png' }), 'big.png')
	const response = await post('/forgot-password', form)
	expect(response.status).toBe(413)
})

test('an avatar just over the bucket limit gets the field error; a much larger one gets 413', async () => {
	function avatar(bytes: number) {
		const form = new FormData()
		form.set('intent', 'avatar')
		form.set('avatar', new Blob([Buffer.alloc(bytes)], { type: 'image/png' }), 'me.png')
		return post('/account?index', form, member.cookie)
	}
	const slightlyOver = await avatar(2 * 1024 * 1024 + 10_000)
	expect(slightlyOver.status).toBe(400)
	expect(await slightlyOver.text()).toContain('That file is larger than 2 MB')
	const farOver = await avatar(8 * 1024 * 1024)
	expect(farOver.status).toBe(413)
	expect(await farOver.text()).toContain('That was too much to send at once')
})

// ---- hole 8: headers and the session cookie --------------------------------

function directives(policy: string | null) {
	return new Map(
		(policy ?? '')
			.split(';')
			.map((part) => part.trim())
			.filter(Boolean)
			.map((part) => {
				const [name = '', ...values] = part.split(/\s+/)
				return [name, values.join(' ')] as const
			}),
	)
}

test('a page carries a nonce-based Content-Security-Policy, HSTS, nosniff, a referrer policy and no framing', async () => {
	const response = await get('/')
	expect(response.status).toBe(200)
	const policy = directives(response.headers.get('Content-Security-Policy'))
	const nonce = /'nonce-([^']+)'/.exec(policy.get('script-src') ?? '')?.[1] ?? ''
	expect(nonce).not.toBe('')
	expect(policy.get('script-src')).toBe(`'self' 'nonce-${nonce}'`)
	expect(policy.get('script-src')).not.toContain('unsafe-inline')
	expect(policy.get('default-src')).toBe("'self'")
	expect(policy.get('object-src')).toBe("'none'")
	expect(policy.get('base-uri')).toBe("'self'")
	expect(policy.get('form-action')).toBe("'self'")
	expect(policy.get('frame-ancestors')).toBe("'none'")
	expect(response.headers.get('X-Frame-Options')).toBe('DENY')
	expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
	expect(response.headers.get('Referrer-Policy')).toBe('same-origin')
	expect(response.headers.get('Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains')

	// Every inline script the page has carries this request's nonce, and the next request gets another.
	const html = await response.text()
	const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1] ?? '')
	expect(scripts.length).toBeGreaterThan(0)
	for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`)
	const again = directives((await get('/')).headers.get('Content-Security-Policy'))
	expect(again.get('script-src')).not.toBe(policy.get('script-src'))
})

test('the petition embed may be framed by any site, and only it', async () => {
	const response = await get('/petitions/pause-data-center-zoning-prince-william/embed')
	expect(response.status).toBe(200)
	const policy = directives(response.headers.get('Content-Security-Policy'))
	expect(policy.get('frame-ancestors')).toBe('*')
	expect(policy.get('script-src')).toMatch(/^'self' 'nonce-[^']+'$/)
	expect(response.headers.get('X-Frame-Options')).toBeNull()
	expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')

	const page = await get('/petitions/pause-data-center-zoning-prince-william')
	expect(directives(page.headers.get('Content-Security-Policy')).get('frame-ancestors')).toBe("'none'")
	expect(page.headers.get('X-Frame-Options')).toBe('DENY')
})

test('files that are not pages get a policy under which nothing runs', async () => {
	const response = await get('/chapters/map.svg')
	expect(response.status).toBe(200)
	const policy = directives(response.headers.get('Content-Security-Policy'))
	expect(policy.get('default-src')).toBe("'none'")
	expect(policy.get('frame-ancestors')).toBe("'none'")
	expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
})

test('the session cookie set at sign-in is HttpOnly, Secure, SameSite=Lax and lives 30 days, not 400', async () => {
	const session = member.signedIn.headers.getSetCookie().filter((cookie) => /^sb-[^=]+-auth-token(\.\d+)?=/.test(cookie))
	expect(session.length).toBeGreaterThan(0)
	for (const cookie of session) {
		const attributes = cookie
			.split(';')
			.slice(1)
			.map((part) => part.trim().toLowerCase())
		expect(attributes).toContain('httponly')
		expect(attributes).toContain('secure')
		expect(attributes).toContain('samesite=lax')
		expect(attributes).toContain('path=/')
		expect(attributes).toContain(`max-age=${30 * 24 * 60 * 60}`)
	}
})

/** The session @supabase/ssr keeps in its cookies, decoded: the cookie name and the session object. */
function sessionIn(cookie: string) {
	const pairs = cookie.split('; ').map((pair) => pair.split('=') as [string, string])
	const chunks = pairs
		.filter(([name]) => /^sb-[^=]+-auth-token(\.\d+)?$/.test(name))
		.sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
	const name = (chunks[0]?.[0] ?? '').replace(/\.\d+$/, '')
	const value = chunks.map(([, part]) => part).join('')
	const session: Record<string, unknown> = JSON.parse(Buffer.from(value.replace(/^base64-/, ''), 'base64url').toString())
	return { name, session }
}

function withSession(name: string, session: Record<string, unknown>) {
	return `${name}=base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`
}

function base64url(value: unknown) {
	return Buffer.from(JSON.stringify(value)).toString('base64url')
}

test('a session cookie that cannot be verified is a signed-out visitor, never a 500', async () => {
	const { name, session } = sessionIn(member.cookie)
	const accessToken = String(session.access_token)
	const [header = '', payload = ''] = accessToken.split('.')
	const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString())
	expect(kid).toBeTruthy()
	const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
	const forged = {
		'alg none with the real kid': `${base64url({ alg: 'none', typ: 'JWT', kid })}.${payload}.`,
		'a bad signature': `${header}.${base64url({ ...claims, role: 'authenticated', email: 'someone-else@example.org' })}.${accessToken.split('.')[2]}`,
		'an unknown algorithm': `${base64url({ alg: 'XS512', typ: 'JWT', kid })}.${payload}.c2lnbmF0dXJl`,
		garbage: 'not-a-jwt',
	}
	for (const [kind, token] of Object.entries(forged)) {
		const cookie = withSession(name, { ...session, access_token: token })
		const home = await get('/', cookie)
		expect(home.status, kind).toBe(200)
		const html = await home.text()
		expect(html, kind).toContain('href="/signin"')
		expect(html, kind).not.toContain('Sign out')
		const account = await get('/account', cookie)
		expect(account.status, kind).toBe(302)
		expect(account.headers.get('Location'), kind).toMatch(/^\/signin\?redirectTo=/)
	}
	// A cookie that is not even a session is a visitor too.
	expect((await get('/', `${name}=base64-${Buffer.from('{not json').toString('base64url')}`)).status).toBe(200)
})
