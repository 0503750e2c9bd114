import { Kysely, PostgresDialect, sql, type RawBuilder, type Transaction } from 'kysely'
import pg from 'pg'
import Cursor from 'pg-cursor'
import { env } from '#app/utils/env.server'
import { singleton } from '#app/utils/singleton.server'
import type { DB } from './types'

export type Database = DB

/**
 * Who a unit of work runs as. Every loader and action uses `anon` or the
 * signed-in user's verified JWT claims; `service_role` is for jobs, webhooks
 * and admin tools only, each in a named, reviewed place.
 */
export type Caller =
	| { role: 'anon' }
	| { role: 'authenticated'; claims: { sub: string; role: 'authenticated'; [claim: string]: unknown } }
	| { role: 'service_role' }

export const anon: Caller = { role: 'anon' }

/** A signed-in caller, so functions that need an account can say so in their types. */
export type AuthenticatedCaller = Extract<Caller, { role: 'authenticated' }>

/** Jobs only, through asJob() (app/jobs/queue.server.ts); webhooks and admin tools name it where they use it. */
export const serviceRole: Caller = { role: 'service_role' }

/** One pool per process, shared by Kysely and the job queue; kept across Vite's hot reloads. */
export function pool(): pg.Pool {
	return singleton(
		'pool',
		() =>
			new pg.Pool({
				connectionString: env().DATABASE_URL,
				max: env().DATABASE_POOL_SIZE,
				application_name: 'groundwork',
			}),
	)
}

export function db(): Kysely<DB> {
	return singleton('db', () => new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool() }) }))
}

/**
 * Runs `work` in a transaction as the caller, the way PostgREST does:
 * the role and the JWT claims are set for this transaction only, so
 * row-level security decides what the queries can see and change.
 */
export async function asCaller<T>(caller: Caller, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
	return db()
		.transaction()
		.execute(async (trx) => {
			await callerSettings(caller).execute(trx)
			return work(trx)
		})
}

/** The role and JWT claims PostgREST would set, for this transaction only. */
function callerSettings(caller: Caller) {
	const claims = caller.role === 'authenticated' ? caller.claims : { role: caller.role }
	const sub = caller.role === 'authenticated' ? caller.claims.sub : ''
	return sql`select
		set_config('role', ${caller.role}, true),
		set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
		set_config('request.jwt.claim.sub', ${sub}, true),
		set_config('request.jwt.claim.role', ${caller.role}, true)`
}

/**
 * Reads a query's rows in batches through a server-side cursor, in one
 * transaction as the caller (like asCaller), so a result of any size never
 * sits in this process's memory at once. The transaction commits when the
 * rows run out or the reader stops early (what the query wrote, such as an
 * audit row, stays); it rolls back if the query fails.
 */
export async function* streamAsCaller<Row>(caller: Caller, query: RawBuilder<Row>, batchSize = 1000): AsyncGenerator<Row[]> {
	const client = await pool().connect()
	let failure: unknown
	let cursor: Cursor<Row> | undefined
	try {
		await client.query('begin')
		const settings = callerSettings(caller).compile(db())
		await client.query(settings.sql, [...settings.parameters])
		const compiled = query.compile(db())
		cursor = client.query(new Cursor<Row>(compiled.sql, [...compiled.parameters]))
		for (;;) {
			const rows = await cursor.read(batchSize)
			if (rows.length === 0) break
			yield rows
		}
	} catch (error) {
		failure = error
		throw error
	} finally {
		try {
			await cursor?.close()
			await client.query(failure === undefined ? 'commit' : 'rollback')
			client.release()
		} catch (error) {
			// A connection that cannot finish its transaction is not given back to the pool.
			client.release(error instanceof Error ? error : new Error(String(error)))
		}
	}
}
