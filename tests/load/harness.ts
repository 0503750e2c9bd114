import path from 'node:path'
import pg from 'pg'
import { projectRoot } from '../../supabase/local/config'
import { recreateDatabase } from '../../supabase/local/migrate'
import { startEmbeddedPostgres } from '../../supabase/local/postgres'

// What every benchmark needs: a throwaway database (on DATABASE_URL's server,
// or an embedded one with durable settings, as production would be), and a
// wait for a server to answer.

export async function startBenchDatabase(name: string, port: number) {
	const external = process.env.DATABASE_URL
	if (external) {
		const url = new URL(external)
		url.pathname = `/groundwork_bench_${process.pid}`
		await recreateDatabase(url.toString())
		return {
			url: url.toString(),
			stop: async () => {
				const client = new pg.Client({ connectionString: external })
				await client.connect()
				await client.query(`drop database if exists ${client.escapeIdentifier(url.pathname.slice(1))} with (force)`)
				await client.end()
			},
		}
	}
	const server = await startEmbeddedPostgres({
		dataDir: path.join(projectRoot, `.data/${name}/pg`),
		port,
		log: (line) => console.error(`bench: ${line}`),
	})
	const url = `postgresql://postgres:postgres@127.0.0.1:${port}/groundwork_bench`
	await recreateDatabase(url)
	return { url, stop: () => server.stop() }
}

export async function waitForHttp(url: string) {
	for (let attempt = 0; attempt < 120; attempt++) {
		try {
			const response = await fetch(url)
			if (response.status < 500) return
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250))
	}
	throw new Error(`${url} did not answer`)
}

/**
 * The environment of a production server a page benchmark starts on its throwaway database: Auth and
 * email are not on these pages' path, so their settings only satisfy the configuration check.
 */
export function benchAppEnv(databaseUrl: string, port: number): NodeJS.ProcessEnv {
	return {
		...process.env,
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		DATABASE_URL: databaseUrl,
		SITE_URL: `http://127.0.0.1:${port}`,
		SUPABASE_URL: 'http://127.0.0.1:9',
		SUPABASE_ANON_KEY: 'bench-anon-key-not-used-0000000000',
		SUPABASE_SERVICE_ROLE_KEY: 'bench-service-role-key-not-used-000',
		RESEND_API_KEY: 're_bench',
		RESEND_BASE_URL: 'http://127.0.0.1:9',
		WORKER: 'off',
	}
}
