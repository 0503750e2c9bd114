import type pg from 'pg'

export type BucketRow = {
	id: string
	name: string
	owner: string | null
	owner_id: string | null
	public: boolean
	file_size_limit: number | null
	allowed_mime_types: string[] | null
	created_at: Date
	updated_at: Date
}

// file_size_limit is a bigint, which node-pg would hand back as a string.
export const BUCKET_COLUMNS =
	'id, name, owner, owner_id, public, file_size_limit::float8 as file_size_limit, allowed_mime_types, created_at, updated_at'

export async function findBucket(client: pg.ClientBase | pg.Pool, id: string) {
	const { rows } = await client.query<BucketRow>(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id])
	return rows[0]
}

/** The bucket as GET /bucket answers it. */
export function publicBucket(row: BucketRow) {
	return {
		id: row.id,
		name: row.name,
		owner: row.owner,
		public: row.public,
		file_size_limit: row.file_size_limit,
		allowed_mime_types: row.allowed_mime_types,
		created_at: row.created_at,
		updated_at: row.updated_at,
	}
}
