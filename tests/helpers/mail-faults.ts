import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'

// The mail catcher's faults (`/api/v1/faults`: the next N sends refused) are
// one setting for the whole run, and test files run side by side. A file that
// arms faults and counts what is left would count another file's. Each such
// file calls this once, at its top: it holds a database advisory lock from its
// first test to its last, so those files take turns; the others run alongside.

const LOCK = 'groundwork.tests.mail-faults'

export function takeTurnsWithMailFaults() {
	let client: pg.Client | undefined
	beforeAll(async () => {
		client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'groundwork-mail-faults' })
		await client.connect()
		await client.query('select pg_advisory_lock(hashtext($1))', [LOCK])
	}, 300_000)
	afterAll(async () => {
		await client?.query('select pg_advisory_unlock(hashtext($1))', [LOCK])
		await client?.end()
	})
}
