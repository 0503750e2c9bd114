import type { WebSocketLikeConstructor } from '@supabase/realtime-js'
import { createServerClient, parseCookieHeader, serializeCookieHeader, type CookieOptionsWithName } from '@supabase/ssr'
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { env } from '#app/utils/env.server'

// supabase-js wants a WebSocket class for realtime, and Node 20 has no global
// one. Groundwork never opens a realtime channel; ws's typings differ from the
// DOM's, hence this one cast.
const realtime = { transport: WebSocket as unknown as WebSocketLikeConstructor }

/**
 * A Supabase client for one request, with the session in @supabase/ssr
 * cookies. Whatever cookies it sets are collected in `headers`: every
 * loader and action returns them, redirects included.
 */
export function createSupabase(request: Request, headers = new Headers()) {
	const supabase = createServerClient(env().SUPABASE_URL, env().SUPABASE_ANON_KEY, {
		cookieOptions: sessionCookieOptions(),
		cookies: {
			getAll() {
				return parseCookieHeader(request.headers.get('Cookie') ?? '').map(({ name, value }) => ({ name, value: value ?? '' }))
			},
			setAll(cookies) {
				for (const { name, value, options } of cookies) {
					// @supabase/ssr sets every live cookie to 400 days whatever cookieOptions say; removals have maxAge 0.
					const lifetime = options.maxAge === 0 ? options : { ...options, maxAge: SESSION_COOKIE_SECONDS }
					headers.append('Set-Cookie', serializeCookieHeader(name, value, lifetime))
				}
			},
		},
		realtime,
	})
	return { supabase, headers }
}

/** How long a session cookie outlives the last visit that refreshed it (each token refresh sets it again). */
const SESSION_COOKIE_SECONDS = 30 * 24 * 60 * 60

/**
 * The session cookie is for the server only (nothing in the browser reads
 * it), sent over https only when the site is served over https, and not on
 * cross-site posts. See docs/decisions/030-security-headers-and-session-cookie.md.
 */
function sessionCookieOptions(): CookieOptionsWithName {
	return {
		path: '/',
		httpOnly: true,
		secure: new URL(env().SITE_URL).protocol === 'https:',
		sameSite: 'lax',
		maxAge: SESSION_COOKIE_SECONDS,
	}
}

export type SessionUser = { id: string; email: string; claims: Record<string, unknown> }

/**
 * Who is making the request, from the access token verified locally
 * against the project's JWKS (getClaims): no round trip to Auth on reads.
 */
export async function getSessionUser(request: Request) {
	// No session cookie, no session. An anonymous request
	// (the crowd on a shared petition) gets no Supabase client and no auth work
	// unless a caller asks for the client (sign-in, sign-up…), which is then made.
	if (!hasSessionCookie(request)) return anonymousSession(request)
	const { supabase, headers } = createSupabase(request)
	const claims = await verifiedClaims(supabase)
	const user: SessionUser | null =
		claims && typeof claims.sub === 'string' && claims.role === 'authenticated'
			? { id: claims.sub, email: typeof claims.email === 'string' ? claims.email : '', claims: { ...claims } }
			: null
	return { user, supabase, headers }
}

/**
 * Whether the request carries any @supabase/ssr cookie (`sb-<ref>-auth-token`,
 * its `.0`/`.1` chunks, the PKCE code verifier). Without one, getClaims finds no
 * session and there is nothing to refresh or clear, so the client is not needed.
 */
export function hasSessionCookie(request: Request) {
	const cookie = request.headers.get('Cookie')
	if (!cookie) return false
	return parseCookieHeader(cookie).some(({ name }) => name.startsWith('sb-'))
}

/** What getSessionUser answers without a session cookie: nobody, no cookies to set, the client made only if used. */
function anonymousSession(request: Request) {
	const headers = new Headers()
	let client: ReturnType<typeof createSupabase>['supabase'] | undefined
	return {
		user: null as SessionUser | null,
		headers,
		get supabase() {
			// Cookies the client sets (a sign-in) go out with these same headers.
			client ??= createSupabase(request, headers).supabase
			return client
		},
	}
}

/**
 * The session's claims, or null for any session that cannot be verified: a
 * bad signature, `alg: none`, an unknown key, garbage, an expired token that
 * will not refresh. getClaims answers some of those with an error and throws
 * on others (an algorithm it does not know); every one of them is a visitor
 * who is not signed in, never a failed page.
 */
async function verifiedClaims(supabase: ReturnType<typeof createSupabase>['supabase']) {
	try {
		const { data } = await supabase.auth.getClaims()
		return data?.claims ?? null
	} catch {
		return null
	}
}

/** The service-role client, for admin work in named, reviewed places only. */
export function createAdminSupabase() {
	return createClient(env().SUPABASE_URL, env().SUPABASE_SERVICE_ROLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime,
	})
}
