import { createServerClient, parseCookieHeader, serializeCookieHeader } from '@supabase/ssr'
import type { WebSocketLikeConstructor } from '@supabase/realtime-js'
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { type Caller, anon } from '#app/db/db.server'
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
export function createSupabase(request: Request) {
	const headers = new Headers()
	const supabase = createServerClient(env().SUPABASE_URL, env().SUPABASE_ANON_KEY, {
		cookies: {
			getAll() {
				return parseCookieHeader(request.headers.get('Cookie') ?? '').map(({ name, value }) => ({ name, value: value ?? '' }))
			},
			setAll(cookies) {
				for (const { name, value, options } of cookies) {
					headers.append('Set-Cookie', serializeCookieHeader(name, value, options))
				}
			},
		},
		realtime,
	})
	return { supabase, headers }
}

export type SessionUser = { id: string; email: string; claims: Record<string, unknown> }

/**
 * Who is making the request, from the access token verified locally
 * against the project's JWKS (getClaims): no round trip to Auth on reads.
 */
export async function getSessionUser(request: Request) {
	const { supabase, headers } = createSupabase(request)
	const { data } = await supabase.auth.getClaims()
	const claims = data?.claims
	const user: SessionUser | null =
		claims && typeof claims.sub === 'string' && claims.role === 'authenticated'
			? { id: claims.sub, email: typeof claims.email === 'string' ? claims.email : '', claims: { ...claims } }
			: null
	return { user, supabase, headers }
}

export function callerFor(user: SessionUser | null): Caller {
	return user ? { role: 'authenticated', claims: { ...user.claims, sub: user.id, role: 'authenticated' } } : anon
}

/** The service-role client, for admin work in named, reviewed places only. */
export function createAdminSupabase() {
	return createClient(env().SUPABASE_URL, env().SUPABASE_SERVICE_ROLE_KEY, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime,
	})
}
