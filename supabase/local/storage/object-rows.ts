import type pg from 'pg'
import { isUuid } from './names'

/** The `metadata` Supabase Storage keeps on each storage.objects row. */
export type ObjectMetadata = {
	eTag: string
	size: number
	mimetype: string
	cacheControl: string
	lastModified: string
	contentLength: number
	httpStatusCode: number
}

export type ObjectRow = {
	id: string
	bucket_id: string
	name: string
	owner: string | null
	owner_id: string | null
	version: string | null
	metadata: Partial<ObjectMetadata> | null
	user_metadata: Record<string, unknown> | null
	created_at: Date
	updated_at: Date
	last_accessed_at: Date
}

export type NewObject = {
	bucketId: string
	name: string
	owner: string | undefined
	version: string
	metadata: Partial<ObjectMetadata> | null
	userMetadata: Record<string, unknown> | null
}

type Queryable = pg.ClientBase | pg.Pool

const COLUMNS = 'id, bucket_id, name, owner, owner_id, version, metadata, user_metadata, created_at, updated_at, last_accessed_at'

export async function findObject(client: Queryable, bucketId: string, name: string, options: { lock?: boolean } = {}) {
	const { rows } = await client.query<ObjectRow>(
		`select ${COLUMNS} from storage.objects where bucket_id = $1 and name = $2${options.lock ? ' for update' : ''}`,
		[bucketId, name],
	)
	return rows[0]
}

export async function findObjectNames(client: Queryable, bucketId: string, names: string[]) {
	const { rows } = await client.query<{ name: string }>('select name from storage.objects where bucket_id = $1 and name = any($2)', [
		bucketId,
		names,
	])
	return new Set(rows.map((row) => row.name))
}

/**
 * A plain insert without RETURNING, which would also demand SELECT: the
 * statement Supabase runs to ask whether a caller may create an object.
 */
export async function tryInsertObject(client: Queryable, object: NewObject) {
	await client.query(
		`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
			values ($1, $2, $3, $4, $5, $6, $7)`,
		objectValues(object),
	)
}

export async function insertObject(client: Queryable, object: NewObject) {
	const { rows } = await client.query<ObjectRow>(
		`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
			values ($1, $2, $3, $4, $5, $6, $7) returning ${COLUMNS}`,
		objectValues(object),
	)
	return firstRow(rows)
}

/** Insert or overwrite: needs INSERT, and SELECT and UPDATE on an existing row. */
export async function upsertObject(client: Queryable, object: NewObject) {
	const { rows } = await client.query<ObjectRow>(
		`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
			values ($1, $2, $3, $4, $5, $6, $7)
			on conflict (bucket_id, name) do update set owner = excluded.owner, owner_id = excluded.owner_id,
				version = excluded.version, metadata = excluded.metadata, user_metadata = excluded.user_metadata,
				updated_at = now(), last_accessed_at = now()
			returning ${COLUMNS}`,
		objectValues(object),
	)
	return firstRow(rows)
}

/** Deletes by exact name; rows the caller's policies hide are skipped. */
export async function deleteObjects(client: Queryable, bucketId: string, names: string[]) {
	const { rows } = await client.query<ObjectRow>(
		`delete from storage.objects where bucket_id = $1 and name = any($2) returning ${COLUMNS}`,
		[bucketId, names],
	)
	return rows
}

function objectValues(object: NewObject) {
	const { owner, owner_id } = ownerColumns(object.owner)
	return [
		object.bucketId,
		object.name,
		owner,
		owner_id,
		object.version,
		object.metadata === null ? null : JSON.stringify(object.metadata),
		object.userMetadata === null ? null : JSON.stringify(object.userMetadata),
	]
}

/** `owner` is a uuid column, so only a uuid `sub` goes there; `owner_id` keeps any sub. */
export function ownerColumns(sub: string | undefined) {
	return { owner: isUuid(sub) ? sub : null, owner_id: sub ?? null }
}

function firstRow(rows: ObjectRow[]) {
	const row = rows[0]
	if (!row) throw new Error('the statement returned no row')
	return row
}

/** The shape delete and list answers use: the row without storage internals. */
export function publicObject(row: ObjectRow) {
	return {
		bucket_id: row.bucket_id,
		name: row.name,
		id: row.id,
		owner: row.owner,
		owner_id: row.owner_id,
		version: row.version,
		metadata: row.metadata,
		user_metadata: row.user_metadata,
		created_at: row.created_at,
		updated_at: row.updated_at,
		last_accessed_at: row.last_accessed_at,
	}
}
