import type pg from 'pg'
import { invalidRequest } from './errors'

type SortColumn = 'name' | 'updated_at' | 'created_at' | 'last_accessed_at'

export type ListOptions = {
	prefix: string
	search: string
	limit: number
	offset: number
	column: SortColumn
	ascending: boolean
}

const SORT_COLUMNS: ReadonlySet<string> = new Set(['name', 'updated_at', 'created_at', 'last_accessed_at'])
const MAX_LIMIT = 1500

/** The body of POST /object/list/{bucket}, with Supabase's defaults and leniency. */
export function listOptionsOf(body: Record<string, unknown>): ListOptions {
	const prefix = stringField(body, 'prefix')
	const sortBy = body.sortBy !== null && typeof body.sortBy === 'object' ? body.sortBy : {}
	const column = 'column' in sortBy && typeof sortBy.column === 'string' ? sortBy.column.toLowerCase() : 'name'
	const order = 'order' in sortBy && typeof sortBy.order === 'string' ? sortBy.order.toLowerCase() : 'asc'
	return {
		// A prefix always names a folder.
		prefix: prefix !== '' && !prefix.endsWith('/') ? `${prefix}/` : prefix,
		search: stringField(body, 'search'),
		limit: Math.min(integerField(body, 'limit', 100, 1), MAX_LIMIT),
		offset: integerField(body, 'offset', 0, 0),
		column: isSortColumn(column) ? column : 'name',
		ascending: order === 'asc',
	}
}

function isSortColumn(column: string): column is SortColumn {
	return SORT_COLUMNS.has(column)
}

/**
 * One level of a bucket under `prefix`, as storage.search answers it: a
 * folder for each distinct next path segment (id and metadata null) and the
 * files at that level, with names relative to the prefix. `search` narrows
 * to names starting with it; matching ignores case. Sorted by name, folders
 * and files interleave; sorted by a date, folders come first. Runs as the
 * caller, so only objects the policies let them see count.
 */
export async function listObjects(client: pg.ClientBase, bucketId: string, options: ListOptions) {
	const direction = options.ascending ? 'asc' : 'desc'
	const order =
		options.column === 'name'
			? `sort_key ${direction}`
			: `is_folder desc, case when is_folder then sort_key end ${direction}, ${options.column} ${direction}, sort_key ${direction}`
	const { rows } = await client.query(
		`with matched as (
			select o.name, o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata,
				strpos(substr(o.name, $3::int + 1), '/') as slash
			from storage.objects o
			where o.bucket_id = $1 and starts_with(lower(o.name), lower($2))
		), entries as (
			select lower(left(name, $3::int + slash)) collate "C" as sort_key,
				min(substr(name, $4::int + 1, $3::int + slash - 1 - $4::int)) as name,
				null::uuid as id, null::timestamptz as updated_at, null::timestamptz as created_at,
				null::timestamptz as last_accessed_at, null::jsonb as metadata, true as is_folder
			from matched where slash > 0
			group by 1
			union all
			select lower(name) collate "C", substr(name, $4::int + 1), id, updated_at, created_at,
				last_accessed_at, metadata, false
			from matched where slash = 0
		)
		select name, id, updated_at, created_at, last_accessed_at, metadata from entries
		order by ${order}
		limit $5 offset $6`,
		[
			bucketId,
			options.prefix + options.search,
			characters(options.prefix + options.search),
			characters(options.prefix),
			options.limit,
			options.offset,
		],
	)
	return rows
}

// Postgres counts characters, JavaScript UTF-16 units.
function characters(value: string) {
	return [...value].length
}

function stringField(body: Record<string, unknown>, field: string) {
	const value = body[field]
	if (value === undefined || value === null) return ''
	if (typeof value !== 'string') throw invalidRequest(`body/${field} must be string`)
	return value
}

function integerField(body: Record<string, unknown>, field: string, fallback: number, minimum: number) {
	const value = body[field]
	if (value === undefined || value === null) return fallback
	if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
		throw invalidRequest(`body/${field} must be >= ${minimum}`)
	}
	return value
}
