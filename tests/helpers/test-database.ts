import path from 'node:path'
import pg from 'pg'
import { projectRoot } from '#supabase/local/config'
import { acquireLock } from '#supabase/local/lock'
import { migrate, recreateDatabase } from '#supabase/local/migrate'
import { assertPortFree } from '#supabase/local/ports'
import { startEmbeddedPostgres } from '#supabase/local/postgres'

export type TestDatabase = { url: string; stop: () => Promise<void> }

const TEST_POSTGRES_PORT = Number(process.env.TEST_POSTGRES_PORT ?? 54332)

/**
 * A freshly migrated database for one test run, apart from `npm run dev`'s:
 * - TEST_DATABASE_URL set: a new database `groundwork_test_<pid>` on that
 *   server (any PostgreSQL 15+), dropped afterwards;
 * - otherwise: embedded PostgreSQL 17 in .data/test on port 54332, tuned
 *   for speed (no fsync), with a database recreated for this run.
 * TEST_DATA_DIR and the TEST_*_PORT variables move it, so two runs can
 * share a machine.
 */
export async function startTestDatabase(log: (line: string) => void = () => {}): Promise<TestDatabase> {
	const external = process.env.TEST_DATABASE_URL
	if (external) {
		const url = new URL(external)
		url.pathname = `/groundwork_test_${process.pid}`
		const testUrl = url.toString()
		await recreateDatabase(testUrl)
		await migrate(testUrl, log)
		return {
			url: testUrl,
			stop: async () => {
				const admin = new URL(external)
				const client = new pg.Client({ connectionString: admin.toString() })
				await client.connect()
				await client.query(`drop database if exists ${client.escapeIdentifier(url.pathname.slice(1))} with (force)`)
				await client.end()
			},
		}
	}
	const dataDir = path.resolve(projectRoot, process.env.TEST_DATA_DIR ?? '.data/test')
	const release = await acquireLock(path.join(dataDir, 'test.pid'), 'Another `npm test`')
	try {
		await assertPortFree(TEST_POSTGRES_PORT, 'Stop the program using it, or set TEST_POSTGRES_PORT.')
		const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: TEST_POSTGRES_PORT, fast: true, log })
		const testUrl = `postgresql://postgres:postgres@127.0.0.1:${TEST_POSTGRES_PORT}/groundwork_test`
		await recreateDatabase(testUrl)
		await migrate(testUrl, log)
		return {
			url: testUrl,
			stop: async () => {
				await server.stop()
				await release()
			},
		}
	} catch (error) {
		await release()
		throw error
	}
}
