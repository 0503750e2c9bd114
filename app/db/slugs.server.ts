import { sql, type Transaction } from 'kysely'
import type { Database } from './db.server'

/**
 * Runs `insert` with the first free address among `base`, `base-2`,
 * `base-3`…, skipping those in `taken` (what the caller can see). The caller
 * cannot see every row — a private chapter, another organizer's draft — so
 * an address can look free and still be taken: that insert fails on the
 * unique index inside a savepoint, which is rolled back, and the next number
 * is tried, rather than the request answering 500.
 */
export async function insertWithFreeSlug<T>(
	trx: Transaction<Database>,
	base: string,
	taken: Set<string>,
	insert: (slug: string) => Promise<T>,
): Promise<T> {
	for (let n = 1; ; n++) {
		const slug = n === 1 ? base : `${base}-${n}`
		if (taken.has(slug)) continue
		await sql`savepoint free_slug`.execute(trx)
		try {
			const result = await insert(slug)
			await sql`release savepoint free_slug`.execute(trx)
			return result
		} catch (error) {
			if (!isSlugTaken(error)) throw error
			await sql`rollback to savepoint free_slug`.execute(trx)
		}
	}
}

function isSlugTaken(error: unknown) {
	return (
		error instanceof Error &&
		'code' in error &&
		error.code === '23505' &&
		'constraint' in error &&
		String(error.constraint).endsWith('_slug_key')
	)
}
