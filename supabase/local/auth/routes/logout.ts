import { Hono } from 'hono'
import type { AuthContext } from '../context'
import { transaction } from '../db'
import { validationFailed } from '../errors'
import { requireUser } from '../request'
import { endSessions, type LogoutScope } from '../sessions'

const SCOPES: Record<string, LogoutScope> = { '': 'global', global: 'global', local: 'local', others: 'others' }

export function logoutRoutes(auth: AuthContext) {
	const app = new Hono()

	app.post('/logout', async (c) => {
		const { user, session } = await requireUser(auth, c)
		const requested = c.req.query('scope') ?? ''
		const scope = Object.hasOwn(SCOPES, requested) ? SCOPES[requested] : undefined
		if (!scope) throw validationFailed(`Unsupported logout scope "${requested}"`)
		await transaction(auth.pool, (db) => endSessions(db, user.id, scope, session?.id ?? null))
		return c.body(null, 204)
	})

	return app
}
