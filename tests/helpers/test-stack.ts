import { rm } from 'node:fs/promises'
import path from 'node:path'
import { seed } from '#seeds/index'
import { projectRoot, type LocalStackConfig } from '#supabase/local/config'
import { startStack } from '#supabase/local/stack'
import { recordQueuedJobs } from './queued-jobs'
import { startTestDatabase } from './test-database'

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100)

/** The local stack for one test run, on ports of its own beside `npm run dev`'s. */
export const testStackConfig: LocalStackConfig = {
	dataDir: path.resolve(projectRoot, process.env.TEST_DATA_DIR ?? '.data/test'),
	postgresPort: Number(process.env.TEST_POSTGRES_PORT ?? 54332),
	apiPort: Number(process.env.TEST_API_PORT ?? 54331),
	mailPort: Number(process.env.TEST_MAIL_PORT ?? 54334),
	appPort: E2E_PORT,
}

/**
 * A fresh, migrated and seeded database with Auth, Storage and the mail
 * catcher in front of it: what the app under test talks to.
 */
export async function startTestStack(log: (line: string) => void = () => {}) {
	const database = await startTestDatabase(log)
	// Each run starts with an empty inbox, like its fresh database.
	await rm(path.join(testStackConfig.dataDir, 'mail'), { recursive: true, force: true })
	try {
		await seed(database.url, { log })
		await recordQueuedJobs(database.url)
		const stack = await startStack(testStackConfig, { databaseUrl: database.url, log })
		return {
			env: { ...stack.env, DATABASE_URL: database.url, SITE_URL: `http://127.0.0.1:${E2E_PORT}` },
			async stop() {
				await stack.stop()
				await database.stop()
			},
		}
	} catch (error) {
		await database.stop()
		throw error
	}
}
