import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely'
import pg from 'pg'
import { env } from '#app/utils/env.server'
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

declare global {
	var __groundworkPool: pg.Pool | undefined
	var __groundworkDb: Kysely<DB> | undefined
}

/** One pool per process, shared by Kysely and the job queue; kept across Vite's hot reloads. */
export function pool(): pg.Pool {
	globalThis.__groundworkPool ??= new pg.Pool({
		connectionString: env().DATABASE_URL,
		max: env().DATABASE_POOL_SIZE,
		application_name: 'groundwork',
	})
	return globalThis.__groundworkPool
}

export function db(): Kysely<DB> {
	globalThis.__groundworkDb ??= new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool() }) })
	return globalThis.__groundworkDb
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
			const claims = caller.role === 'authenticated' ? caller.claims : { role: caller.role }
			const sub = caller.role === 'authenticated' ? caller.claims.sub : ''
			await sql`select
				set_config('role', ${caller.role}, true),
				set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
				set_config('request.jwt.claim.sub', ${sub}, true),
				set_config('request.jwt.claim.role', ${caller.role}, true)`.execute(trx)
			return work(trx)
		})
}
