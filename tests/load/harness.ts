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
