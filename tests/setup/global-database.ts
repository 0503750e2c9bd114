import { seed } from '#seeds/index'
import { startTestDatabase } from '#tests/helpers/test-database'

// `npm test` starts the database once and passes DATABASE_URL down; a bare
// `npx vitest` starts one of its own, with the demo data loaded.
export default async function setup() {
	if (process.env.DATABASE_URL && process.env.GROUNDWORK_TEST_HARNESS === '1') return
	const database = await startTestDatabase()
	await seed(database.url)
	process.env.DATABASE_URL = database.url
	return () => database.stop()
}
