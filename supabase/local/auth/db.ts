import type pg from 'pg'

/** Anything queries can run on: the pool, or a client inside a transaction. */
export type Db = Pick<pg.PoolClient, 'query'>

export async function transaction<T>(pool: pg.Pool, work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
	const client = await pool.connect()
	try {
		await client.query('begin')
		const result = await work(client)
		await client.query('commit')
		return result
	} catch (error) {
		await client.query('rollback').catch(() => {})
		throw error
	} finally {
		client.release()
	}
}
