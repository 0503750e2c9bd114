import pg from 'pg'
import type { User } from './factories'

export const INSUFFICIENT_PRIVILEGE = '42501'

/** Who runs a statement: a visitor, a signed-in person, or the service role. */
export type Actor = 'anon' | 'service_role' | User

export type Attempt<R extends pg.QueryResultRow> = { ok: true; result: pg.QueryResult<R> } | { ok: false; error: pg.DatabaseError }

/**
 * Runs `work` on its own connection inside a transaction that is always
 * rolled back, so fixtures never outlive the test and tests running at the
 * same time on the same database cannot see each other's rows.
 */
export async function withRollback(work: (client: pg.Client) => Promise<void>): Promise<void> {
	const connectionString = process.env.DATABASE_URL
	if (!connectionString) throw new Error('DATABASE_URL is not set: run the tests through vitest')
	const client = new pg.Client({ connectionString, application_name: 'groundwork-rls-tests' })
	await client.connect()
	try {
		await client.query('begin')
		await work(client)
	} finally {
		try {
			await client.query('rollback')
		} finally {
			await client.end()
		}
	}
}

/**
 * Runs one statement as `actor` the way the app and PostgREST do (see
 * app/db/db.server.ts): the role and JWT claims are set for the transaction,
 * then put back so the next fixture is created as the superuser again.
 */
export async function queryAs<R extends pg.QueryResultRow = pg.QueryResultRow>(
	client: pg.Client,
	actor: Actor,
	text: string,
	values: unknown[] = [],
): Promise<pg.QueryResult<R>> {
	const session = sessionFor(actor)
	await client.query(`set local role ${client.escapeIdentifier(session.role)}`)
	await client.query(
		`select
			set_config('request.jwt.claims', $1, true),
			set_config('request.jwt.claim.sub', $2, true),
			set_config('request.jwt.claim.role', $3, true)`,
		[JSON.stringify(session.claims), session.sub, session.role],
	)
	const result = await client.query<R>(text, values)
	await client.query('reset role')
	// The membership guard reads the claims, so the superuser must not keep them.
	await client.query(
		`select
			set_config('request.jwt.claims', '', true),
			set_config('request.jwt.claim.sub', '', true),
			set_config('request.jwt.claim.role', '', true)`,
	)
	return result
}

/**
 * Runs a statement that may fail inside a savepoint, so the test's
 * transaction survives. Rolling back to the savepoint also undoes the role
 * switch, because it was made after the savepoint.
 */
export async function attemptAs<R extends pg.QueryResultRow = pg.QueryResultRow>(
	client: pg.Client,
	actor: Actor,
	text: string,
	values: unknown[] = [],
): Promise<Attempt<R>> {
	await client.query('savepoint rls_attempt')
	try {
		const result = await queryAs<R>(client, actor, text, values)
		await client.query('release savepoint rls_attempt')
		return { ok: true, result }
	} catch (error) {
		await client.query('rollback to savepoint rls_attempt')
		await client.query('release savepoint rls_attempt')
		if (error instanceof pg.DatabaseError) return { ok: false, error }
		throw error
	}
}

/** Runs a statement that must fail and returns the database's error. */
export async function failureAs(client: pg.Client, actor: Actor, text: string, values: unknown[] = []): Promise<pg.DatabaseError> {
	const attempt = await attemptAs(client, actor, text, values)
	if (attempt.ok) {
		throw new Error(`Expected ${describeActor(actor)} to be refused, but this succeeded: ${text}`)
	}
	return attempt.error
}

/**
 * How many rows a write changed. A write refused outright (42501: no grant,
 * or a policy's check failed) changed none, the same as one that row-level
 * security filtered down to no rows; other errors are thrown.
 */
export async function rowsChangedAs(client: pg.Client, actor: Actor, text: string, values: unknown[] = []): Promise<number> {
	const attempt = await attemptAs(client, actor, text, values)
	if (attempt.ok) return attempt.result.rowCount ?? 0
	if (attempt.error.code === INSUFFICIENT_PRIVILEGE) return 0
	throw attempt.error
}

/** The rows a read returned; none when the read was refused outright (42501). */
export async function rowsVisibleAs<R extends pg.QueryResultRow = pg.QueryResultRow>(
	client: pg.Client,
	actor: Actor,
	text: string,
	values: unknown[] = [],
): Promise<R[]> {
	const attempt = await attemptAs<R>(client, actor, text, values)
	if (attempt.ok) return attempt.result.rows
	if (attempt.error.code === INSUFFICIENT_PRIVILEGE) return []
	throw attempt.error
}

/** The single row a query returned; throws when there is not exactly one. */
export function onlyRow<R extends pg.QueryResultRow>(result: pg.QueryResult<R>): R {
	const [row, ...rest] = result.rows
	if (!row || rest.length > 0) throw new Error(`Expected exactly one row, got ${result.rows.length}`)
	return row
}

export function describeActor(actor: Actor): string {
	return typeof actor === 'string' ? actor : `user ${actor.email}`
}

function sessionFor(actor: Actor) {
	if (actor === 'anon' || actor === 'service_role') {
		return { role: actor, claims: { role: actor }, sub: '' }
	}
	return {
		role: 'authenticated',
		claims: { sub: actor.id, role: 'authenticated', aud: 'authenticated', email: actor.email },
		sub: actor.id,
	}
}
