import { generateTypes } from '#supabase/local/types'
import { startTestDatabase } from '#tests/helpers/test-database'

const db = await startTestDatabase(console.log)
try {
	await generateTypes(db.url)
} finally {
	await db.stop()
}
