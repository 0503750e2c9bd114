import type { MiddlewareHandler } from 'hono'
import type { LocalKeys } from '../keys'

// Opened straight from an email or fetched by JWT verifiers, so Supabase's
// gateway lets them through without a key.
const OPEN = /(?:^|\/auth\/v1)\/(?:verify|\.well-known\/jwks\.json)$/

/**
 * What Supabase's API gateway does before a request reaches Auth or
 * Storage: it must carry the anon or service_role key in the `apikey`
 * header or query parameter.
 */
export function requireApiKey(keys: LocalKeys): MiddlewareHandler {
	return async (c, next) => {
		if (c.req.method === 'GET' && OPEN.test(c.req.path)) return next()
		if (c.req.method === 'OPTIONS') return next()
		const apiKey = c.req.header('apikey') ?? c.req.query('apikey')
		if (!apiKey) return c.json({ message: 'No API key found in request' }, 401)
		if (apiKey !== keys.anonKey && apiKey !== keys.serviceRoleKey) return c.json({ message: 'Invalid API key' }, 401)
		return next()
	}
}
