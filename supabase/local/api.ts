import path from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import pg from 'pg'
import { createAuthApp, loadAuthConfig, requireApiKey } from './auth/index'
import { projectRoot, type LocalStackConfig } from './config'
import type { LocalKeys } from './keys'
import { createMailApp } from './mail/index'
import { assertPortFree } from './ports'
import { createRegulationsGovFake } from './regulations-gov'
import { createStorageApp } from './storage/index'

export type ApiServers = { env: Record<string, string>; stop: () => Promise<void> }

/**
 * Serves the Supabase-compatible API (Auth at /auth/v1, Storage at
 * /storage/v1) and the mail catcher, each on its own port, as
 * `supabase start` does with its containers.
 */
export async function startApiServers(config: LocalStackConfig, keys: LocalKeys, databaseUrl: string): Promise<ApiServers> {
	await assertPortFree(config.apiPort, 'Stop the program using it, or set LOCAL_API_PORT to another port.')
	await assertPortFree(config.mailPort, 'Stop the program using it, or set LOCAL_MAIL_PORT to another port.')
	const apiUrl = `http://127.0.0.1:${config.apiPort}`
	const mailUrl = `http://127.0.0.1:${config.mailPort}`

	// config.toml names the hook's address and secret by variable; fill them in for the local app.
	process.env.SEND_EMAIL_HOOK_URI ||= `http://127.0.0.1:${config.appPort}/hooks/send-email`
	process.env.SEND_EMAIL_HOOK_SECRET ||= keys.sendEmailHookSecret
	const authConfig = await loadAuthConfig(path.join(projectRoot, 'supabase/config.toml'))

	const pool = new pg.Pool({ connectionString: databaseUrl, max: 20, application_name: 'supabase-local' })
	const api = new Hono()
	api.use(
		'/auth/v1/*',
		cors({
			origin: (origin) => origin,
			credentials: true,
			exposeHeaders: ['X-Total-Count', 'Link', 'X-Supabase-Api-Version'],
		}),
	)
	api.use('/auth/v1/*', requireApiKey(keys))
	api.route('/auth/v1', createAuthApp({ pool, keys, apiUrl, config: authConfig, mailUrl }))
	api.route('/storage/v1', createStorageApp({ pool, keys, dataDir: config.dataDir }))
	// The posting half of Regulations.gov's API, for federal comment drives (docs/decisions/056).
	api.route('/regulations-gov', createRegulationsGovFake().app)
	api.get('/', (c) => c.json({ name: 'Groundwork local stack', auth: `${apiUrl}/auth/v1`, storage: `${apiUrl}/storage/v1` }))

	const servers: ServerType[] = [
		await listen(api.fetch, config.apiPort),
		await listen(createMailApp({ dataDir: config.dataDir }).fetch, config.mailPort),
	]
	return {
		env: {
			SUPABASE_URL: apiUrl,
			SUPABASE_ANON_KEY: keys.anonKey,
			SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
			RESEND_BASE_URL: mailUrl,
			RESEND_API_KEY: 're_local',
			MAILBOX_URL: mailUrl,
			SEND_EMAIL_HOOK_SECRET: process.env.SEND_EMAIL_HOOK_SECRET,
			REGULATIONS_GOV_POSTING: 'on',
			REGULATIONS_GOV_API_URL: `${apiUrl}/regulations-gov`,
			REGULATIONS_GOV_API_KEY: 'local-regulations-gov-key',
		},
		async stop() {
			await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))))
			await pool.end()
		},
	}
}

function listen(fetch: Hono['fetch'], port: number) {
	return new Promise<ServerType>((resolve, reject) => {
		const server = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(server))
		server.once('error', reject)
	})
}
