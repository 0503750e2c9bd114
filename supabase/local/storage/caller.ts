import { verifyJwt, type LocalKeys } from '../keys'
import { accessDenied } from './errors'

export type CallerRole = 'anon' | 'authenticated' | 'service_role'

/** Who is asking, from the bearer JWT: the claims RLS policies will see. */
export type Caller = {
	role: CallerRole
	claims: Record<string, unknown>
	sub: string | undefined
}

const ROLES: ReadonlySet<string> = new Set(['anon', 'authenticated', 'service_role'])

export async function authenticate(keys: LocalKeys, authorization: string | undefined): Promise<Caller> {
	const token = (authorization ?? '').replace(/^Bearer\s+/i, '').trim()
	if (!token) throw accessDenied('jwt must be provided')
	let claims: Record<string, unknown>
	try {
		claims = { ...(await verifyJwt(keys, token)) }
	} catch (error) {
		throw accessDenied(jwtFailure(error))
	}
	const role = typeof claims.role === 'string' ? claims.role : 'anon'
	// Only the API roles: a token naming any other role must not become `set role`.
	if (!isCallerRole(role)) throw accessDenied(`role "${role}" is not allowed`)
	return { role, claims, sub: typeof claims.sub === 'string' ? claims.sub : undefined }
}

function isCallerRole(role: string): role is CallerRole {
	return ROLES.has(role)
}

/** jose's message, which is what Supabase Storage (also on jose) passes on. */
export function jwtFailure(error: unknown) {
	return error instanceof Error ? error.message : 'Invalid JWT'
}
