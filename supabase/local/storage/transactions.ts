import type pg from 'pg'
import type { Caller } from './caller'
import { fromDatabaseError } from './errors'

type Work<T> = (client: pg.PoolClient) => Promise<T>

/**
 * Runs `work` in a transaction as the caller, the way Supabase Storage does:
 * the role and claims are set first, so every statement is subject to the
 * RLS policies on storage.objects and storage.buckets.
 */
export function asCaller<T>(pool: pg.Pool, caller: Caller, operation: string, work: Work<T>) {
	return transaction(pool, { caller, operation, commit: true }, work)
}

/**
 * Runs `work` as the caller and rolls it back whatever happens: asks the
 * policies whether a write would be allowed without making it.
 */
export async function testAsCaller(pool: pg.Pool, caller: Caller, operation: string, work: Work<unknown>) {
	await transaction(pool, { caller, operation, commit: false }, work)
}

/** Runs `work` in a transaction as the connecting superuser (RLS bypassed). */
export function asSuperuser<T>(pool: pg.Pool, work: Work<T>) {
	return transaction(pool, { commit: true }, work)
}

async function transaction<T>(pool: pg.Pool, options: { caller?: Caller; operation?: string; commit: boolean }, work: Work<T>) {
	const client = await pool.connect()
	let broken = false
	try {
		await client.query('begin')
		if (options.caller) {
			const { role, claims, sub } = options.caller
			await client.query(
				`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
					set_config('request.jwt.claim.sub', $3, true), set_config('request.jwt.claim.role', $1, true),
					set_config('storage.operation', $4, true)`,
				[role, JSON.stringify(claims), sub ?? '', options.operation ?? ''],
			)
		}
		const result = await work(client)
		await client.query(options.commit ? 'commit' : 'rollback')
		return result
	} catch (error) {
		await client.query('rollback').catch(() => {
			broken = true
		})
		throw fromDatabaseError(error)
	} finally {
		client.release(broken)
	}
}
