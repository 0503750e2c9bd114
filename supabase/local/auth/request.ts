import type { Context } from 'hono'
import { errors as joseErrors } from 'jose'
import { z } from 'zod'
import { verifyJwt } from '../keys'
import type { AuthContext } from './context'
import { AuthError, badRequest, forbidden } from './errors'
import { findSession, type SessionRow } from './sessions'
import { DEFAULT_AUDIENCE, findUserById, isBanned, type UserRow } from './users'

/** A string field where JSON null or absence means "", as Go decodes it. */
export const text = z
	.string()
	.nullish()
	.transform((value) => value ?? '')

export const metadata = z.record(z.string(), z.unknown())

/** Reads a JSON body with a schema; GoTrue answers 400 bad_json when it does not fit. */
export async function readBody<Schema extends z.ZodType>(c: Context, schema: Schema): Promise<z.output<Schema>> {
	const raw = await c.req.text()
	let json: unknown = {}
	if (raw.trim() !== '') {
		try {
			json = JSON.parse(raw)
		} catch (error) {
			throw badRequest('bad_json', `Could not parse request body as JSON: ${error instanceof Error ? error.message : 'invalid JSON'}`)
		}
	}
	const result = schema.safeParse(json)
	if (!result.success) {
		const issue = result.error.issues[0]
		throw badRequest(
			'bad_json',
			`Could not parse request body as JSON: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is invalid'}`.trim(),
		)
	}
	return result.data
}

export type Claims = {
	sub?: string
	role?: string
	aud?: string | string[]
	session_id?: string
	[claim: string]: unknown
}

function bearerToken(c: Context) {
	const match = /^bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')
	if (!match?.[1]) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token')
	return match[1]
}

async function verifiedClaims(auth: AuthContext, token: string): Promise<Claims> {
	try {
		return await verifyJwt(auth.keys, token)
	} catch (error) {
		const reason =
			error instanceof joseErrors.JWTExpired
				? 'token has invalid claims: token is expired'
				: error instanceof Error
					? error.message
					: 'invalid token'
		throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${reason}`)
	}
}

export type Caller = { claims: Claims; user: UserRow; session: SessionRow | null }

/** The signed-in caller, as GoTrue's requireAuthentication loads them. */
export async function requireUser(auth: AuthContext, c: Context): Promise<Caller> {
	const claims = await verifiedClaims(auth, bearerToken(c))
	if (!claims.sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim')
	if (!isUuid(claims.sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID')
	const user = await findUserById(auth.pool, claims.sub)
	if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist')
	let session: SessionRow | null = null
	if (claims.session_id && claims.session_id !== '00000000-0000-0000-0000-000000000000') {
		if (!isUuid(claims.session_id)) {
			throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID')
		}
		session = await findSession(auth.pool, claims.session_id)
		if (!session) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist')
	}
	if (isBanned(user)) throw forbidden('user_banned', 'User is banned')
	return { claims, user, session }
}

const ADMIN_ROLES = ['service_role', 'supabase_admin']

/** Admin endpoints take a JWT whose role is an admin role: the service_role key. */
export async function requireAdmin(auth: AuthContext, c: Context): Promise<Claims> {
	const claims = await verifiedClaims(auth, bearerToken(c))
	if (!claims.role || !ADMIN_ROLES.includes(claims.role)) throw forbidden('not_admin', 'User not allowed')
	if (claims.session_id && !(await findSession(auth.pool, claims.session_id))) {
		throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist')
	}
	return claims
}

export function isAdminRole(role: string | null | undefined) {
	return role !== null && role !== undefined && ADMIN_ROLES.includes(role)
}

/** Any 8-4-4-4-12 hex id, as Go's uuid parser takes (seeds use non-v4 ids). */
export function isUuid(value: string) {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
}

/** The audience: the X-JWT-AUD header, else the default. */
export function requestAudience(c: Context) {
	return c.req.header('x-jwt-aud') || DEFAULT_AUDIENCE
}
