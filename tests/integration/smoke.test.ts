import pg from 'pg'
import { expect, test } from 'vitest'

test('the test database is migrated', async () => {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
	await client.connect()
	const { rows } = await client.query('select count(*)::int as n from supabase_migrations.schema_migrations')
	await client.end()
	expect(rows[0].n).toBeGreaterThan(0)
})
