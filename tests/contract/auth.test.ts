import { createHash, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Session } from '@supabase/supabase-js'
import { Hono } from 'hono'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { z } from 'zod'
import { createAuthApp, loadAuthConfig, requireApiKey, type AuthConfig } from '#supabase/local/auth/index'
import { projectRoot } from '#supabase/local/config'
import { loadOrCreateKeys, type LocalKeys } from '#supabase/local/keys'
import {
	recordingFetch,
	serveApp,
	startWebhookReceiver,
	supabaseClient,
	type RunningServer,
	type WebhookReceiver,
} from '#tests/helpers/local-api'

// Runs against the local Auth server, or against a real Supabase project
// when SUPABASE_TEST_URL and its keys are set. Tests that read the emails
// Auth sends (through the Send Email Hook) or need special settings run
// locally only.
const remote = process.env.SUPABASE_TEST_URL
	? {
			url: process.env.SUPABASE_TEST_URL,
			anonKey: process.env.SUPABASE_TEST_ANON_KEY ?? '',
			serviceRoleKey: process.env.SUPABASE_TEST_SERVICE_ROLE_KEY ?? '',
		}
	: null
const local = remote === null
const EMAIL_DOMAIN = process.env.SUPABASE_TEST_EMAIL_DOMAIN ?? 'example.com'
const PASSWORD = 'correct-horse-battery-9'
const SITE_REDIRECT = 'http://localhost:3000/welcome'

type Target = { url: string; anonKey: string; serviceRoleKey: string }

let target: Target
let pool: pg.Pool
let keys: LocalKeys
let keysDir: string
let baseConfig: AuthConfig
let inbox: WebhookReceiver
const servers: RunningServer[] = []

beforeAll(async () => {
	if (remote) {
		target = remote
		return
	}
	pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 8 })
	keysDir = await mkdtemp(path.join(tmpdir(), 'groundwork-auth-keys-'))
	keys = await loadOrCreateKeys(keysDir)
	baseConfig = await loadAuthConfig(path.join(projectRoot, 'supabase/config.toml'))
	inbox = await startWebhookReceiver()
	servers.push(inbox)
	target = await startLocalAuth()
})

afterAll(async () => {
	if (remote) return
	for (const server of servers) await server.close()
	await pool.end()
	await rm(keysDir, { recursive: true, force: true })
})

/**
 * The local Auth server behind the API-key gateway, delivering mail to the
 * test's hook receiver. The project-wide email budget is lifted so that
 * this file's many sign-ups do not run into it; one test checks the budget.
 */
async function startLocalAuth(
	adjust: (config: AuthConfig) => AuthConfig = (config) => config,
	mail: { hook: boolean; mailUrl?: string } = { hook: true },
): Promise<Target> {
	const config = adjust({ ...baseConfig, rateLimit: { emailSent: 100_000 } })
	const server = await serveApp((url) => {
		const api = new Hono()
		api.use('/auth/v1/*', requireApiKey(keys))
		api.route(
			'/auth/v1',
			createAuthApp({
				pool,
				keys,
				config,
				apiUrl: url,
				mailUrl: mail.mailUrl,
				sendEmailHook: mail.hook ? { uri: inbox.url, secrets: [inbox.secret] } : undefined,
				log: () => {},
			}),
		)
		return api
	})
	servers.push(server)
	return { url: server.url, anonKey: keys.anonKey, serviceRoleKey: keys.serviceRoleKey }
}

// ---------------------------------------------------------------- helpers

function newEmail(label: string) {
	return `${label}-${randomUUID().slice(0, 8)}@${EMAIL_DOMAIN}`
}

function sha224(value: string) {
	return createHash('sha224').update(value).digest('hex')
}

function anon(options: { flowType?: 'implicit' | 'pkce'; fetch?: typeof fetch; on?: Target } = {}) {
	const on = options.on ?? target
	return supabaseClient(on.url, on.anonKey, options)
}

function admin(on: Target = target) {
	return supabaseClient(on.url, on.serviceRoleKey)
}

async function api(pathname: string, init: { method?: string; body?: unknown; token?: string; apikey?: string | null; on?: Target } = {}) {
	const on = init.on ?? target
	const headers: Record<string, string> = { 'content-type': 'application/json' }
	const apikey = init.apikey === undefined ? on.anonKey : init.apikey
	if (apikey !== null) headers.apikey = apikey
	headers.authorization = `Bearer ${init.token ?? on.anonKey}`
	return fetch(`${on.url}${pathname}`, {
		method: init.method ?? 'GET',
		headers,
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
		redirect: 'manual',
	})
}

/** What GET /user says about an access token: 200, or GoTrue's error code. */
async function userEndpoint(accessToken: string) {
	const response = await api('/auth/v1/user', { token: accessToken })
	const body: unknown = await response.json()
	const code = z.object({ code: z.string() }).safeParse(body)
	return { status: response.status, code: code.success ? code.data.code : null }
}

async function confirmedUser(options: { userMetadata?: Record<string, unknown> } = {}) {
	const email = newEmail('user')
	const { data, error } = await admin().auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: options.userMetadata,
	})
	if (error || !data.user) throw error ?? new Error('no user created')
	return { email, password: PASSWORD, id: data.user.id }
}

async function signedIn(email: string, password: string, options: { fetch?: typeof fetch; on?: Target } = {}) {
	const client = anon(options)
	const { data, error } = await client.auth.signInWithPassword({ email, password })
	if (error || !data.session) throw error ?? new Error('no session')
	return { client, session: data.session }
}

const emailPayload = z.object({
	user: z.object({ id: z.string(), email: z.string(), new_email: z.string().optional() }),
	email_data: z.object({
		token: z.string(),
		token_hash: z.string(),
		redirect_to: z.string(),
		email_action_type: z.string(),
		site_url: z.string(),
		token_new: z.string(),
		token_hash_new: z.string(),
	}),
})

type EmailPayload = z.output<typeof emailPayload>

function emailsTo(address: string): EmailPayload[] {
	return inbox.deliveries.map((delivery) => emailPayload.parse(delivery.payload)).filter((email) => email.user.email === address)
}

function lastEmail(address: string, type: string) {
	const email = emailsTo(address)
		.filter((candidate) => candidate.email_data.email_action_type === type)
		.at(-1)
	if (!email) throw new Error(`no ${type} email to ${address}`)
	return email.email_data
}

function claimsOf(session: Session) {
	return z
		.object({
			iss: z.string(),
			sub: z.string(),
			aud: z.string(),
			role: z.string(),
			aal: z.string(),
			amr: z.array(z.object({ method: z.string(), timestamp: z.number() })),
			session_id: z.string(),
			email: z.string(),
			is_anonymous: z.boolean(),
			exp: z.number(),
			iat: z.number(),
		})
		.parse(decodeJwt(session.access_token))
}

async function verifyLink(token: string, type: string, redirectTo: string, on: Target = target) {
	const query = new URLSearchParams({ token, type, redirect_to: redirectTo })
	const response = await fetch(`${on.url}/auth/v1/verify?${query}`, { redirect: 'manual' })
	return { status: response.status, location: response.headers.get('location') ?? '' }
}

function fragmentOf(location: string) {
	return new URLSearchParams(location.split('#')[1] ?? '')
}

// ---------------------------------------------------------------- gateway

test('requests without a valid API key are refused by the gateway', async () => {
	const missing = await api('/auth/v1/settings', { apikey: null })
	expect(missing.status).toBe(401)
	expect(await missing.json()).toMatchObject({ message: 'No API key found in request' })

	const wrong = await api('/auth/v1/settings', { apikey: 'not-a-key' })
	expect(wrong.status).toBe(401)
	expect(await wrong.json()).toMatchObject({ message: 'Invalid API key' })

	const inQuery = await fetch(`${target.url}/auth/v1/settings?apikey=${target.anonKey}`)
	expect(inQuery.status).toBe(200)
})

test('email links and the JWKS open without an API key', async () => {
	const jwks = await fetch(`${target.url}/auth/v1/.well-known/jwks.json`)
	expect(jwks.status).toBe(200)
	expect(jwks.headers.get('cache-control')).toBe('public, max-age=600')

	const link = await verifyLink('0'.repeat(56), 'magiclink', SITE_REDIRECT)
	expect(link.status).toBe(303)
	expect(fragmentOf(link.location).get('error_code')).toBe('otp_expired')
})

test('the JWKS holds the ES256 key that signs access tokens, importable with WebCrypto', async () => {
	const { email, password } = await confirmedUser()
	const { session } = await signedIn(email, password)
	const header = decodeProtectedHeader(session.access_token)
	const { keys: jwks } = z
		.object({ keys: z.array(z.object({ kid: z.string(), kty: z.string() }).passthrough()) })
		.parse(await (await fetch(`${target.url}/auth/v1/.well-known/jwks.json`)).json())
	const signingKey = jwks.find((key) => key.kid === header.kid)
	expect(header.alg).toBe('ES256')
	expect(signingKey).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' })
	const imported = await crypto.subtle.importKey('jwk', signingKey ?? {}, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])
	expect(imported.type).toBe('public')
})

test('settings report email sign-up with confirmations', async () => {
	const response = await api('/auth/v1/settings')
	const settings = z
		.object({ external: z.object({ email: z.boolean() }), disable_signup: z.boolean(), mailer_autoconfirm: z.boolean() })
		.parse(await response.json())
	expect(settings.external.email).toBe(true)
	expect(settings.disable_signup).toBe(false)
	if (local) expect(settings.mailer_autoconfirm).toBe(false)
})

// ---------------------------------------------------------------- sign-up and confirmation

test('signing up returns the unconfirmed user without a session', async () => {
	const email = newEmail('signup')
	const { data, error } = await anon().auth.signUp({
		email,
		password: PASSWORD,
		options: { data: { display_name: 'Ada Lovelace' } },
	})
	expect(error).toBeNull()
	expect(data.session).toBeNull()
	expect(data.user).toMatchObject({
		email,
		aud: 'authenticated',
		role: 'authenticated',
		phone: '',
		is_anonymous: false,
		app_metadata: { provider: 'email', providers: ['email'] },
		user_metadata: { display_name: 'Ada Lovelace', email_verified: false },
	})
	expect(data.user?.confirmation_sent_at).toBeTruthy()
	expect(data.user?.email_confirmed_at).toBeUndefined()
	expect(data.user?.identities).toHaveLength(1)
	expect(data.user?.identities?.[0]).toMatchObject({ provider: 'email', identity_data: { email, email_verified: false } })
})

test.skipIf(!local)('sign-up emails a six-digit code whose hash is the link token, signed by the hook', async () => {
	const email = newEmail('mail')
	await anon().auth.signUp({ email, password: PASSWORD, options: { emailRedirectTo: SITE_REDIRECT } })
	const mail = lastEmail(email, 'signup')
	expect(mail.token).toMatch(/^\d{6}$/)
	expect(mail.token_hash).toBe(sha224(email + mail.token))
	expect(mail.redirect_to).toBe(SITE_REDIRECT)
	expect(mail.site_url).toBe(`${target.url}/auth/v1`)
	const delivery = inbox.deliveries.find((candidate) => emailPayload.parse(candidate.payload).user.email === email)
	expect(delivery?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/)
	expect(delivery?.headers['webhook-id']).toBeTruthy()
})

test.skipIf(!local)('sign-up stores GoTrue records and the app trigger creates the profile', async () => {
	const email = newEmail('records')
	const { data } = await anon().auth.signUp({ email, password: PASSWORD, options: { data: { display_name: 'Grace' } } })
	const mail = lastEmail(email, 'signup')
	const { rows: users } = await pool.query('select encrypted_password, confirmation_token from auth.users where id = $1', [data.user?.id])
	expect(users[0].encrypted_password).toMatch(/^\$2[aby]\$10\$/)
	expect(users[0].confirmation_token).toBe(mail.token_hash)
	const { rows: tokens } = await pool.query(
		'select token_type::text, token_hash, relates_to from auth.one_time_tokens where user_id = $1',
		[data.user?.id],
	)
	expect(tokens).toEqual([{ token_type: 'confirmation_token', token_hash: mail.token_hash, relates_to: email }])
	const { rows: profiles } = await pool.query('select display_name from public.profiles where id = $1', [data.user?.id])
	expect(profiles).toEqual([{ display_name: 'Grace' }])
})

test('an unconfirmed account cannot sign in; a wrong password is reported first', async () => {
	const email = newEmail('unconfirmed')
	await anon().auth.signUp({ email, password: PASSWORD })
	const wrong = await anon().auth.signInWithPassword({ email, password: 'not-the-password-1' })
	expect(wrong.error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' })
	const right = await anon().auth.signInWithPassword({ email, password: PASSWORD })
	expect(right.error).toMatchObject({ status: 400, code: 'email_not_confirmed' })
	expect(right.data.session).toBeNull()
})

test.skipIf(!local)('the emailed code confirms the account and signs in, once', async () => {
	const email = newEmail('confirm')
	await anon().auth.signUp({ email, password: PASSWORD })
	const { token } = lastEmail(email, 'signup')
	const { data, error } = await anon().auth.verifyOtp({ email, token, type: 'email' })
	expect(error).toBeNull()
	expect(data.user).toMatchObject({ email, user_metadata: { email_verified: true } })
	expect(data.user?.email_confirmed_at).toBeTruthy()
	expect(data.user?.identities?.[0]?.identity_data).toMatchObject({ email_verified: true })
	if (!data.session) throw new Error('no session')
	expect(claimsOf(data.session).amr[0]?.method).toBe('otp')

	const again = await anon().auth.verifyOtp({ email, token, type: 'email' })
	expect(again.error).toMatchObject({ status: 403, code: 'otp_expired' })
	const signIn = await anon().auth.signInWithPassword({ email, password: PASSWORD })
	expect(signIn.error).toBeNull()
})

test.skipIf(!local)('an expired code or link is refused', async () => {
	const expiring = await startLocalAuth((config) => ({ ...config, email: { ...config.email, otpExpiry: 0 } }))
	const email = newEmail('expired')
	await anon({ on: expiring }).auth.signUp({ email, password: PASSWORD })
	const mail = lastEmail(email, 'signup')
	const byCode = await anon({ on: expiring }).auth.verifyOtp({ email, token: mail.token, type: 'signup' })
	expect(byCode.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' })
	const byHash = await anon({ on: expiring }).auth.verifyOtp({ token_hash: mail.token_hash, type: 'signup' })
	expect(byHash.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Email link is invalid or has expired' })
})

test('a generated signup link confirms through its token hash', async () => {
	const email = newEmail('generated')
	const { data, error } = await admin().auth.admin.generateLink({ type: 'signup', email, password: PASSWORD })
	expect(error).toBeNull()
	expect(data.properties).toMatchObject({ verification_type: 'signup' })
	expect(data.properties?.email_otp).toMatch(/^\d{6}$/)
	expect(data.properties?.hashed_token).toBe(sha224(email + (data.properties?.email_otp ?? '')))
	expect(data.properties?.action_link).toContain('/auth/v1/verify?token=')
	expect(data.user?.email_confirmed_at).toBeUndefined()

	const verified = await anon().auth.verifyOtp({ token_hash: data.properties?.hashed_token ?? '', type: 'signup' })
	expect(verified.error).toBeNull()
	expect(verified.data.user?.email_confirmed_at).toBeTruthy()
})

test('signing up with a confirmed address answers with a stand-in user and sends nothing', async () => {
	const { email, id } = await confirmedUser()
	const before = local ? emailsTo(email).length : 0
	const { data, error } = await anon().auth.signUp({ email, password: PASSWORD })
	expect(error).toBeNull()
	expect(data.session).toBeNull()
	expect(data.user?.email).toBe(email)
	expect(data.user?.id).not.toBe(id)
	expect(data.user?.identities).toEqual([])
	if (local) expect(emailsTo(email)).toHaveLength(before)
})

test('a password shorter than the minimum is refused as weak', async () => {
	const { error } = await anon().auth.signUp({ email: newEmail('weak'), password: 'abc' })
	expect(error).toMatchObject({ status: 422, code: 'weak_password', name: 'AuthWeakPasswordError' })
	expect(error && 'reasons' in error ? error.reasons : []).toContain('length')
})

test('a second confirmation email within the frequency limit is refused', async () => {
	const email = newEmail('again')
	expect((await anon().auth.signUp({ email, password: PASSWORD })).error).toBeNull()
	const { error } = await anon().auth.signUp({ email, password: PASSWORD })
	expect(error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' })
	expect(error?.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/)
})

test.skipIf(!local)('the project-wide email budget is enforced', async () => {
	const frugal = await startLocalAuth((config) => ({ ...config, rateLimit: { emailSent: 1 } }))
	expect((await anon({ on: frugal }).auth.signUp({ email: newEmail('budget'), password: PASSWORD })).error).toBeNull()
	const { error } = await anon({ on: frugal }).auth.signUp({ email: newEmail('budget'), password: PASSWORD })
	expect(error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit', message: 'email rate limit exceeded' })
})

test.skipIf(!local)('a failing email hook fails the request and leaves no account behind', async () => {
	const email = newEmail('hookfail')
	inbox.failWhen((payload) => emailPayload.safeParse(payload).data?.user.email === email, 500, { error: 'down' })
	const response = await api('/auth/v1/signup', { method: 'POST', body: { email, password: PASSWORD } })
	expect(response.status).toBe(500)
	expect(await response.json()).toMatchObject({ code: 'unexpected_failure', error_code: 'unexpected_failure' })
	const { rows } = await pool.query('select 1 from auth.users where email = $1', [email])
	expect(rows).toHaveLength(0)
})

test.skipIf(!local)('without a hook, auth mail goes to the Resend-compatible endpoint with a link to the app', async () => {
	const received: Array<{ headers: IncomingHttpHeaders; body: unknown }> = []
	const catcher = createServer((request, response) => {
		let raw = ''
		request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
		request.on('end', () => {
			received.push({ headers: request.headers, body: { path: request.url, ...JSON.parse(raw) } })
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: randomUUID() }))
		})
	})
	await new Promise<void>((resolve) => catcher.listen(0, '127.0.0.1', resolve))
	const address = catcher.address()
	const port = typeof address === 'object' && address ? address.port : 0
	servers.push({ url: '', close: () => new Promise((resolve) => catcher.close(() => resolve())) })
	const plain = await startLocalAuth((config) => ({ ...config, sendEmailHook: null }), {
		hook: false,
		mailUrl: `http://127.0.0.1:${port}`,
	})

	const email = newEmail('resend')
	expect((await anon({ on: plain }).auth.signUp({ email, password: PASSWORD })).error).toBeNull()
	expect(received).toHaveLength(1)
	expect(received[0]?.headers.authorization).toBe('Bearer re_local')
	const message = z
		.object({ path: z.string(), from: z.string(), to: z.array(z.string()), subject: z.string(), html: z.string(), text: z.string() })
		.parse(received[0]?.body)
	expect(message).toMatchObject({ path: '/emails', to: [email], subject: 'Confirm your email address' })
	const code = /code: (\d{6})/.exec(message.text)?.[1] ?? ''
	expect(message.text).toContain(`${baseConfig.siteUrl}/auth/confirm?token_hash=${sha224(email + code)}&type=signup`)
	expect(message.html).toContain(code)
})

// ---------------------------------------------------------------- password sign-in and tokens

test('signing in with a wrong password or an unknown address gives the same answer', async () => {
	const { email } = await confirmedUser()
	const wrong = await anon().auth.signInWithPassword({ email, password: 'not-the-password-1' })
	const unknown = await anon().auth.signInWithPassword({ email: newEmail('nobody'), password: PASSWORD })
	for (const { error, data } of [wrong, unknown]) {
		expect(error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' })
		expect(data.session).toBeNull()
	}
})

test('signing in returns a bearer session with a signed access token', async () => {
	const { email, password, id } = await confirmedUser()
	const { session } = await signedIn(email, password)
	expect(session.token_type).toBe('bearer')
	expect(session.refresh_token).toBeTruthy()
	expect(session.user).toMatchObject({ id, email, aud: 'authenticated', role: 'authenticated' })
	expect(session.user.last_sign_in_at).toBeTruthy()
	const claims = claimsOf(session)
	expect(claims).toMatchObject({ sub: id, email, aud: 'authenticated', role: 'authenticated', aal: 'aal1', is_anonymous: false })
	expect(claims.iss).toBe(`${target.url}/auth/v1`)
	expect(claims.amr[0]?.method).toBe('password')
	expect(session.expires_at).toBe(claims.exp)
	if (local) expect(claims.exp - claims.iat).toBe(baseConfig.jwtExpiry)
})

test('getClaims verifies the token against the JWKS without calling GET /user', async () => {
	const { email, password, id } = await confirmedUser()
	const recorder = recordingFetch()
	const { client } = await signedIn(email, password, { fetch: recorder.fetch })
	recorder.requests.length = 0
	const { data, error } = await client.auth.getClaims()
	expect(error).toBeNull()
	expect(data?.header).toMatchObject({ alg: 'ES256', typ: 'JWT' })
	expect(data?.header.kid).toBeTruthy()
	expect(data?.claims).toMatchObject({ sub: id, email, role: 'authenticated', aal: 'aal1' })
	expect(recorder.requests.map((request) => new URL(request.url).pathname)).toEqual(['/auth/v1/.well-known/jwks.json'])
})

test('getUser returns the account behind the access token', async () => {
	const { email, password, id } = await confirmedUser()
	const { client } = await signedIn(email, password)
	const { data, error } = await client.auth.getUser()
	expect(error).toBeNull()
	expect(data.user).toMatchObject({ id, email })
	const anonymous = await api('/auth/v1/user', { token: target.anonKey })
	expect(anonymous.status).toBe(403)
	const noBearer = await fetch(`${target.url}/auth/v1/user`, { headers: { apikey: target.anonKey } })
	expect(noBearer.status).toBe(401)
	expect(await noBearer.json()).toMatchObject({ code: 'no_authorization' })
	const forged = await api('/auth/v1/user', { token: 'e30.e30.c2ln' })
	expect(forged.status).toBe(403)
	expect(await forged.json()).toMatchObject({ code: 'bad_jwt' })
})

test('a refresh token is exchanged once for a new one', async () => {
	const { email, password } = await confirmedUser()
	const { session } = await signedIn(email, password)
	const first = await anon().auth.refreshSession({ refresh_token: session.refresh_token })
	expect(first.error).toBeNull()
	const rotated = first.data.session
	if (!rotated) throw new Error('no session')
	expect(rotated.refresh_token).not.toBe(session.refresh_token)
	expect(claimsOf(rotated).session_id).toBe(claimsOf(session).session_id)
	expect(claimsOf(rotated).amr[0]?.method).toBe('password')

	// A client that lost the answer may replay the old token and gets the same new one back.
	const replay = await anon().auth.refreshSession({ refresh_token: session.refresh_token })
	expect(replay.data.session?.refresh_token).toBe(rotated.refresh_token)

	// Within the reuse interval, even an older token still refreshes.
	const second = await anon().auth.refreshSession({ refresh_token: rotated.refresh_token })
	expect(second.error).toBeNull()
	const late = await anon().auth.refreshSession({ refresh_token: session.refresh_token })
	expect(late.error).toBeNull()
})

test.skipIf(!local)('reusing a spent refresh token after the reuse interval ends the session', async () => {
	const strict = await startLocalAuth((config) => ({ ...config, refreshTokenReuseInterval: 0 }))
	const { email, password } = await confirmedUser()
	const { session } = await signedIn(email, password, { on: strict })
	const second = (await anon({ on: strict }).auth.refreshSession({ refresh_token: session.refresh_token })).data.session
	const third = (await anon({ on: strict }).auth.refreshSession({ refresh_token: second?.refresh_token ?? '' })).data.session
	expect(third?.refresh_token).toBeTruthy()

	const reuse = await anon({ on: strict }).auth.refreshSession({ refresh_token: session.refresh_token })
	expect(reuse.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' })
	const latest = await anon({ on: strict }).auth.refreshSession({ refresh_token: third?.refresh_token ?? '' })
	expect(latest.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' })
})

test('an unknown refresh token is refused', async () => {
	const { error } = await anon().auth.refreshSession({ refresh_token: 'abcdefghijkl' })
	expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' })
})

// ---------------------------------------------------------------- sign-out

test('signing out ends other, this or all sessions', async () => {
	const { email, password } = await confirmedUser()
	const [a, b, c] = await Promise.all([1, 2, 3].map(() => signedIn(email, password)))
	if (!a || !b || !c) throw new Error('sign-in failed')

	expect((await a.client.auth.signOut({ scope: 'others' })).error).toBeNull()
	expect(await userEndpoint(a.session.access_token)).toEqual({ status: 200, code: null })
	expect(await userEndpoint(b.session.access_token)).toEqual({ status: 403, code: 'session_not_found' })
	expect(await userEndpoint(c.session.access_token)).toEqual({ status: 403, code: 'session_not_found' })
	const refreshB = await anon().auth.refreshSession({ refresh_token: b.session.refresh_token })
	expect(refreshB.error).toMatchObject({ code: 'refresh_token_not_found' })

	const d = await signedIn(email, password)
	expect((await d.client.auth.signOut({ scope: 'local' })).error).toBeNull()
	expect(await userEndpoint(d.session.access_token)).toEqual({ status: 403, code: 'session_not_found' })
	expect(await userEndpoint(a.session.access_token)).toEqual({ status: 200, code: null })
	expect((await d.client.auth.getSession()).data.session).toBeNull()

	const e = await signedIn(email, password)
	expect((await a.client.auth.signOut()).error).toBeNull()
	expect(await userEndpoint(a.session.access_token)).toEqual({ status: 403, code: 'session_not_found' })
	expect(await userEndpoint(e.session.access_token)).toEqual({ status: 403, code: 'session_not_found' })
})

test('POST /logout answers 204 and refuses unknown scopes', async () => {
	const { email, password } = await confirmedUser()
	const { session } = await signedIn(email, password)
	const unknown = await api('/auth/v1/logout?scope=everywhere', { method: 'POST', token: session.access_token })
	expect(unknown.status).toBe(400)
	expect(await unknown.json()).toMatchObject({ code: 'validation_failed' })
	const response = await api('/auth/v1/logout?scope=local', { method: 'POST', token: session.access_token })
	expect(response.status).toBe(204)
	expect(await response.text()).toBe('')
	expect(response.headers.get('x-supabase-api-version')).toBe('2024-01-01')
})

// ---------------------------------------------------------------- account changes

test('changing the password ends the other sessions', async () => {
	const { email, password } = await confirmedUser()
	const one = await signedIn(email, password)
	const two = await signedIn(email, password)
	const newPassword = 'a-different-secret-42'
	const { data, error } = await one.client.auth.updateUser({ password: newPassword })
	expect(error).toBeNull()
	expect(data.user?.email).toBe(email)
	expect(await userEndpoint(one.session.access_token)).toEqual({ status: 200, code: null })
	expect(await userEndpoint(two.session.access_token)).toEqual({ status: 403, code: 'session_not_found' })
	expect((await anon().auth.signInWithPassword({ email, password })).error).toMatchObject({ code: 'invalid_credentials' })
	expect((await anon().auth.signInWithPassword({ email, password: newPassword })).error).toBeNull()

	const same = await one.client.auth.updateUser({ password: newPassword })
	expect(same.error).toMatchObject({ status: 422, code: 'same_password' })
	const weak = await one.client.auth.updateUser({ password: 'short' })
	expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' })
})

test('user metadata is merged and a null removes a key', async () => {
	const { email, password } = await confirmedUser({ userMetadata: { display_name: 'Ida', city: 'Tulsa' } })
	const { client } = await signedIn(email, password)
	const { data, error } = await client.auth.updateUser({ data: { city: null, county: 'Osage' } })
	expect(error).toBeNull()
	expect(data.user?.user_metadata).toMatchObject({ display_name: 'Ida', county: 'Osage' })
	expect(data.user?.user_metadata).not.toHaveProperty('city')
})

test('a user cannot set app_metadata or take an address already in use', async () => {
	const { email, password } = await confirmedUser()
	const other = await confirmedUser()
	const { client, session } = await signedIn(email, password)
	const appMetadata = await api('/auth/v1/user', { method: 'PUT', token: session.access_token, body: { app_metadata: { role: 'admin' } } })
	expect(appMetadata.status).toBe(403)
	expect(await appMetadata.json()).toMatchObject({ code: 'not_admin' })
	const { error } = await client.auth.updateUser({ email: other.email })
	expect(error).toMatchObject({ status: 422, code: 'email_exists' })
})

test.skipIf(!local)('changing the email waits for both addresses to confirm', async () => {
	const { email, password } = await confirmedUser()
	const { client } = await signedIn(email, password)
	const next = newEmail('moved')
	const { data, error } = await client.auth.updateUser({ email: next })
	expect(error).toBeNull()
	expect(data.user).toMatchObject({ email, new_email: next })

	const mail = lastEmail(email, 'email_change')
	// GoTrue's payload: `token` for the current address, `token_new` for the new one,
	// and the hashes crossed over.
	expect(mail.token_hash).toBe(sha224(next + mail.token_new))
	expect(mail.token_hash_new).toBe(sha224(email + mail.token))

	const first = await anon().auth.verifyOtp({ email, token: mail.token, type: 'email_change' })
	expect(first.error).toBeNull()
	expect(first.data).toEqual({ user: null, session: null })
	const second = await anon().auth.verifyOtp({ email: next, token: mail.token_new, type: 'email_change' })
	expect(second.error).toBeNull()
	expect(second.data.user).toMatchObject({ email: next })
	expect(second.data.user?.new_email).toBeUndefined()
	expect((await anon().auth.signInWithPassword({ email: next, password })).error).toBeNull()
	expect((await anon().auth.signInWithPassword({ email, password })).error).toMatchObject({ code: 'invalid_credentials' })
})

// ---------------------------------------------------------------- passwordless and recovery

test.skipIf(!local)('a one-time code signs up a new address and signs in a known one', async () => {
	const email = newEmail('otp')
	expect((await anon().auth.signInWithOtp({ email, options: { data: { display_name: 'Otto' } } })).error).toBeNull()
	const signup = lastEmail(email, 'signup')
	const first = await anon().auth.verifyOtp({ email, token: signup.token, type: 'email' })
	expect(first.error).toBeNull()
	expect(first.data.user?.user_metadata).toMatchObject({ display_name: 'Otto', email_verified: true })

	expect((await anon().auth.signInWithOtp({ email })).error).toBeNull()
	const magic = lastEmail(email, 'magiclink')
	expect(magic.token_hash).toBe(sha224(email + magic.token))
	const second = await anon().auth.verifyOtp({ email, token: magic.token, type: 'email' })
	expect(second.error).toBeNull()
	if (!second.data.session) throw new Error('no session')
	expect(claimsOf(second.data.session).amr[0]?.method).toBe('otp')
})

test('a one-time code for an unknown address is refused when sign-up is not wanted', async () => {
	const { error } = await anon().auth.signInWithOtp({ email: newEmail('stranger'), options: { shouldCreateUser: false } })
	expect(error).toMatchObject({ status: 422, code: 'otp_disabled' })
})

test('password recovery answers the same for unknown addresses', async () => {
	const { error } = await anon().auth.resetPasswordForEmail(newEmail('ghost'))
	expect(error).toBeNull()
})

test.skipIf(!local)('a recovery link signs in so the password can be reset', async () => {
	const { email } = await confirmedUser()
	const reset = 'a-brand-new-secret-7'
	expect((await anon().auth.resetPasswordForEmail(email, { redirectTo: 'http://localhost:3000/reset' })).error).toBeNull()
	const mail = lastEmail(email, 'recovery')
	expect(mail.redirect_to).toBe('http://localhost:3000/reset')
	const tooSoon = await anon().auth.resetPasswordForEmail(email)
	expect(tooSoon.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' })

	const client = anon()
	const { data, error } = await client.auth.verifyOtp({ token_hash: mail.token_hash, type: 'recovery' })
	expect(error).toBeNull()
	if (!data.session) throw new Error('no session')
	expect(claimsOf(data.session).amr[0]?.method).toBe('otp')
	expect((await client.auth.updateUser({ password: reset })).error).toBeNull()
	expect((await anon().auth.signInWithPassword({ email, password: reset })).error).toBeNull()
})

// ---------------------------------------------------------------- PKCE

test.skipIf(!local)('PKCE: the emailed link returns a code that only the starting client can exchange', async () => {
	const client = anon({ flowType: 'pkce' })
	const email = newEmail('pkce')
	const callback = 'http://localhost:3000/auth/callback'
	expect((await client.auth.signUp({ email, password: PASSWORD, options: { emailRedirectTo: callback } })).error).toBeNull()
	const mail = lastEmail(email, 'signup')
	expect(mail.token_hash).toBe(`pkce_${sha224(email + mail.token)}`)
	const { rows: flows } = await pool.query(
		`select code_challenge_method::text, provider_type, authentication_method from auth.flow_state
		where user_id = (select id from auth.users where email = $1)`,
		[email],
	)
	expect(flows).toEqual([{ code_challenge_method: 's256', provider_type: 'email', authentication_method: 'email/signup' }])

	const link = await verifyLink(mail.token_hash, 'signup', mail.redirect_to)
	expect(link.status).toBe(303)
	const location = new URL(link.location)
	expect(`${location.origin}${location.pathname}`).toBe(callback)
	const code = location.searchParams.get('code') ?? ''
	expect(code).toMatch(/^[0-9a-f-]{36}$/)

	const stranger = anon({ flowType: 'pkce' })
	await stranger.auth.signInWithOtp({ email: newEmail('stranger') })
	const wrongVerifier = await stranger.auth.exchangeCodeForSession(code)
	expect(wrongVerifier.error).toMatchObject({ status: 400, code: 'bad_code_verifier' })

	const { data, error } = await client.auth.exchangeCodeForSession(code)
	expect(error).toBeNull()
	expect(data.user).toMatchObject({ email })
	expect(data.user?.email_confirmed_at).toBeTruthy()
	if (!data.session) throw new Error('no session')
	expect(claimsOf(data.session).amr[0]?.method).toBe('email/signup')

	const spent = await api('/auth/v1/token?grant_type=pkce', {
		method: 'POST',
		body: { auth_code: code, code_verifier: 'x'.repeat(43) },
	})
	expect(spent.status).toBe(404)
	expect(await spent.json()).toMatchObject({ code: 'flow_state_not_found' })
})

test.skipIf(!local)('PKCE: a token hash verified by the server signs in directly', async () => {
	const email = newEmail('pkce-hash')
	await anon({ flowType: 'pkce' }).auth.signUp({ email, password: PASSWORD })
	const { token_hash } = lastEmail(email, 'signup')
	const { data, error } = await anon().auth.verifyOtp({ token_hash, type: 'signup' })
	expect(error).toBeNull()
	expect(data.session?.user.email).toBe(email)
})

test.skipIf(!local)('PKCE: a code is refused once its flow has expired', async () => {
	const quick = await startLocalAuth((config) => ({ ...config, flowStateExpiry: 0 }))
	const client = anon({ flowType: 'pkce', on: quick })
	const email = newEmail('pkce-late')
	await client.auth.signUp({ email, password: PASSWORD, options: { emailRedirectTo: SITE_REDIRECT } })
	const mail = lastEmail(email, 'signup')
	const link = await verifyLink(mail.token_hash, 'signup', SITE_REDIRECT, quick)
	const code = new URL(link.location).searchParams.get('code') ?? ''
	const { error } = await client.auth.exchangeCodeForSession(code)
	expect(error).toMatchObject({ status: 422, code: 'flow_state_expired' })
})

// ---------------------------------------------------------------- GET /verify redirects

test('an email link redirects with the session in the fragment, and only once', async () => {
	const { email } = await confirmedUser()
	const { data } = await admin().auth.admin.generateLink({ type: 'magiclink', email })
	const token = data.properties?.hashed_token ?? ''
	const first = await verifyLink(token, 'magiclink', SITE_REDIRECT)
	expect(first.status).toBe(303)
	if (local) expect(first.location.startsWith(`${SITE_REDIRECT}#`)).toBe(true)
	const fragment = fragmentOf(first.location)
	expect(fragment.get('token_type')).toBe('bearer')
	expect(fragment.get('type')).toBe('magiclink')
	expect(Number(fragment.get('expires_in'))).toBeGreaterThan(0)
	expect(fragment.get('refresh_token')).toBeTruthy()
	expect((await userEndpoint(fragment.get('access_token') ?? '')).status).toBe(200)

	const second = await verifyLink(token, 'magiclink', SITE_REDIRECT)
	expect(second.status).toBe(303)
	expect(Object.fromEntries(fragmentOf(second.location))).toMatchObject({
		error: 'access_denied',
		error_code: 'otp_expired',
		error_description: 'Email link is invalid or has expired',
	})
})

test('an email link ignores a redirect_to that is not allowed', async () => {
	const { email } = await confirmedUser()
	const { data } = await admin().auth.admin.generateLink({ type: 'magiclink', email })
	const link = await verifyLink(data.properties?.hashed_token ?? '', 'magiclink', 'https://evil.example/steal')
	expect(link.status).toBe(303)
	expect(link.location.startsWith('https://evil.example')).toBe(false)
	if (local) expect(link.location.startsWith(`${baseConfig.siteUrl}#access_token=`)).toBe(true)
})

test.skipIf(!local)('an expired email link redirects with the error', async () => {
	const expiring = await startLocalAuth((config) => ({ ...config, email: { ...config.email, otpExpiry: 0 } }))
	const { email } = await confirmedUser()
	const { data } = await admin(expiring).auth.admin.generateLink({ type: 'recovery', email })
	const link = await verifyLink(data.properties?.hashed_token ?? '', 'recovery', SITE_REDIRECT, expiring)
	expect(link.status).toBe(303)
	expect(link.location.startsWith(`${SITE_REDIRECT}#`)).toBe(true)
	expect(Object.fromEntries(fragmentOf(link.location))).toEqual({
		error: 'access_denied',
		error_code: 'otp_expired',
		error_description: 'Email link is invalid or has expired',
		sb: '',
	})
})

test('POST /verify takes a token hash or a code with its email, not both', async () => {
	const both = await api('/auth/v1/verify', {
		method: 'POST',
		body: { type: 'signup', token: '123456', token_hash: 'abc', email: 'a@example.com' },
	})
	expect(both.status).toBe(400)
	expect(await both.json()).toMatchObject({ code: 'validation_failed', error_code: 'validation_failed' })
	expect(both.headers.get('x-supabase-api-version')).toBe('2024-01-01')
})

// ---------------------------------------------------------------- admin

test('the admin API refuses the anon key and user tokens', async () => {
	const { error } = await anon().auth.admin.listUsers()
	expect(error).toMatchObject({ status: 403, code: 'not_admin' })
	const { email, password } = await confirmedUser()
	const { session } = await signedIn(email, password)
	const withUserToken = await api('/auth/v1/admin/users', { token: session.access_token })
	expect(withUserToken.status).toBe(403)
	expect(await withUserToken.json()).toMatchObject({ code: 'not_admin', message: 'User not allowed' })
})

test('admin creates, reads, updates, bans and deletes a user', async () => {
	const email = newEmail('managed')
	const created = await admin().auth.admin.createUser({
		email,
		password: PASSWORD,
		email_confirm: true,
		user_metadata: { display_name: 'Managed' },
		app_metadata: { plan: 'free' },
	})
	expect(created.error).toBeNull()
	const user = created.data.user
	if (!user) throw new Error('no user')
	expect(user).toMatchObject({
		email,
		app_metadata: { provider: 'email', providers: ['email'], plan: 'free' },
		user_metadata: { display_name: 'Managed' },
	})
	expect(user.email_confirmed_at).toBeTruthy()
	if (local) {
		const { rows } = await pool.query('select display_name from public.profiles where id = $1', [user.id])
		expect(rows).toEqual([{ display_name: 'Managed' }])
	}

	const duplicate = await admin().auth.admin.createUser({ email, password: PASSWORD })
	expect(duplicate.error).toMatchObject({ status: 422, code: 'email_exists' })

	const fetched = await admin().auth.admin.getUserById(user.id)
	expect(fetched.data.user).toMatchObject({ id: user.id, email })
	const missing = await admin().auth.admin.getUserById(randomUUID())
	expect(missing.error).toMatchObject({ status: 404, code: 'user_not_found' })

	const updated = await admin().auth.admin.updateUserById(user.id, {
		user_metadata: { team: 'north' },
		app_metadata: { plan: 'pro' },
	})
	expect(updated.data.user).toMatchObject({
		user_metadata: { display_name: 'Managed', team: 'north' },
		app_metadata: { plan: 'pro' },
	})

	const { session } = await signedIn(email, PASSWORD)
	await admin().auth.admin.updateUserById(user.id, { ban_duration: '24h' })
	expect((await anon().auth.signInWithPassword({ email, password: PASSWORD })).error).toMatchObject({ code: 'user_banned' })
	expect(await userEndpoint(session.access_token)).toEqual({ status: 403, code: 'user_banned' })
	await admin().auth.admin.updateUserById(user.id, { ban_duration: 'none' })
	expect((await anon().auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull()

	expect((await admin().auth.admin.deleteUser(user.id)).error).toBeNull()
	expect((await admin().auth.admin.getUserById(user.id)).error).toMatchObject({ status: 404 })
	const refresh = await anon().auth.refreshSession({ refresh_token: session.refresh_token })
	expect(refresh.error).toMatchObject({ code: 'refresh_token_not_found' })
	if (local) {
		const { rows } = await pool.query('select 1 from public.profiles where id = $1', [user.id])
		expect(rows).toHaveLength(0)
	}
})

test('admin lists users a page at a time', async () => {
	await Promise.all([confirmedUser(), confirmedUser()])
	const listed = await admin().auth.admin.listUsers({ page: 1, perPage: 1 })
	if (listed.error) throw listed.error
	const { data } = listed
	expect(data.users).toHaveLength(1)
	expect(data).toMatchObject({ aud: 'authenticated', nextPage: 2 })
	expect(data.total).toBeGreaterThanOrEqual(2)

	const response = await api('/auth/v1/admin/users?page=1&per_page=1', { token: target.serviceRoleKey })
	expect(Number(response.headers.get('x-total-count'))).toBe(data.total)
	expect(response.headers.get('link')).toMatch(
		/^<\/admin\/users\?page=2&per_page=1>; rel="next", <\/admin\/users\?page=\d+&per_page=1>; rel="last"$/,
	)
})

test('admin cannot generate a recovery link for an unknown address', async () => {
	const { error } = await admin().auth.admin.generateLink({ type: 'recovery', email: newEmail('unknown') })
	expect(error).toMatchObject({ status: 404, code: 'user_not_found' })
})
