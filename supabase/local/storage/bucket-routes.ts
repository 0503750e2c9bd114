import type { Hono } from 'hono'
import { BUCKET_COLUMNS, findBucket, publicBucket, type BucketRow } from './bucket-rows'
import type { StorageContext } from './context'
import { removeBucketDirectory } from './disk'
import {
	bucketAlreadyExists,
	bucketNotEmpty,
	entityTooLarge,
	invalidBucketName,
	invalidMimeType,
	invalidRequest,
	noSuchBucket,
	StorageError,
} from './errors'
import { optionalString, readJson, requireCaller, requiredString } from './http'
import { parseAllowedMimeTypes, parseFileSizeLimit } from './limits'
import { mustBeValidBucketName } from './names'
import { ownerColumns } from './object-rows'
import { asCaller, asSuperuser } from './transactions'
import { removeVersion } from './upload'

const SORT_COLUMNS = new Set(['id', 'name', 'created_at', 'updated_at'])

/** Bucket CRUD, run as the caller so the policies on storage.buckets apply. */
export function registerBucketRoutes(app: Hono, context: StorageContext) {
	app.get('/bucket', async (c) => {
		const caller = await requireCaller(context, c)
		const query = c.req.query()
		const values: unknown[] = []
		let sql = `select ${BUCKET_COLUMNS} from storage.buckets`
		if (query.search) {
			values.push(`%${escapeLike(query.search)}%`)
			sql += ` where name ilike $${values.length}`
		}
		if (query.sortColumn !== undefined) {
			if (!SORT_COLUMNS.has(query.sortColumn)) {
				throw invalidRequest('querystring/sortColumn must be equal to one of the allowed values')
			}
			sql += ` order by ${query.sortColumn} ${query.sortOrder === 'desc' ? 'desc' : 'asc'}`
		}
		if (query.limit !== undefined) {
			values.push(nonNegativeInteger(query.limit, 'limit', 1))
			sql += ` limit $${values.length}`
		}
		if (query.offset !== undefined) {
			values.push(nonNegativeInteger(query.offset, 'offset', 0))
			sql += ` offset $${values.length}`
		}
		const rows = await asCaller(context.pool, caller, 'storage.bucket.list', async (client) => {
			return (await client.query<BucketRow>(sql, values)).rows
		})
		return c.json(rows.map((row) => ({ ...publicBucket(row), type: 'STANDARD' })))
	})

	app.get('/bucket/:id', async (c) => {
		const caller = await requireCaller(context, c)
		const id = c.req.param('id')
		const bucket = await asCaller(context.pool, caller, 'storage.bucket.get', (client) => findBucket(client, id))
		if (!bucket) throw noSuchBucket()
		return c.json(publicBucket(bucket))
	})

	app.post('/bucket', async (c) => {
		const caller = await requireCaller(context, c)
		const body = await readJson(c)
		const name = requiredString(body, 'name')
		if (name.trim() !== name) throw invalidBucketName(name)
		const id = mustBeValidBucketName(optionalString(body, 'id') || name)
		mustBeValidBucketName(name)
		if (body.type !== undefined && body.type !== 'STANDARD') {
			throw invalidRequest('Only STANDARD buckets are available in the local stack')
		}
		const fileSizeLimit = fileSizeLimitOf(context, body.file_size_limit)
		const allowedMimeTypes = allowedMimeTypesOf(body.allowed_mime_types)
		const { owner, owner_id } = ownerColumns(caller.sub)
		await asCaller(context.pool, caller, 'storage.bucket.create', (client) =>
			client.query(
				`insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
					values ($1, $2, $3, $4, $5, $6, $7)`,
				[id, name, owner, owner_id, body.public === true, fileSizeLimit ?? null, allowedMimeTypes ?? null],
			),
		).catch((error: unknown) => {
			if (error instanceof StorageError && error.code === 'ResourceAlreadyExists') throw bucketAlreadyExists()
			throw error
		})
		return c.json({ name })
	})

	app.put('/bucket/:id', async (c) => {
		const caller = await requireCaller(context, c)
		const id = mustBeValidBucketName(c.req.param('id'))
		const body = await readJson(c)
		const changes: Array<[string, unknown]> = []
		if (body.public !== undefined) {
			if (typeof body.public !== 'boolean') throw invalidRequest('body/public must be boolean')
			changes.push(['public', body.public])
		}
		const fileSizeLimit = fileSizeLimitOf(context, body.file_size_limit)
		if (fileSizeLimit !== undefined) changes.push(['file_size_limit', fileSizeLimit])
		const allowedMimeTypes = allowedMimeTypesOf(body.allowed_mime_types)
		if (allowedMimeTypes !== undefined) changes.push(['allowed_mime_types', allowedMimeTypes])
		if (changes.length === 0) throw invalidRequest('No content provided')

		const assignments = changes.map(([column], index) => `${column} = $${index + 2}`).join(', ')
		const updated = await asCaller(context.pool, caller, 'storage.bucket.update', async (client) => {
			const result = await client.query(`update storage.buckets set ${assignments}, updated_at = now() where id = $1`, [
				id,
				...changes.map(([, value]) => value),
			])
			return result.rowCount ?? 0
		})
		if (updated === 0) throw noSuchBucket()
		return c.json({ message: 'Successfully updated' })
	})

	app.delete('/bucket/:id', async (c) => {
		const caller = await requireCaller(context, c)
		const id = mustBeValidBucketName(c.req.param('id'))
		if (!(await findBucket(context.pool, id))) throw noSuchBucket()
		const { rows } = await context.pool.query('select 1 from storage.objects where bucket_id = $1 limit 1', [id])
		if (rows.length > 0) throw bucketNotEmpty()
		const deleted = await asCaller(context.pool, caller, 'storage.bucket.delete', async (client) => {
			return (await client.query('delete from storage.buckets where id = $1', [id])).rowCount ?? 0
		}).catch((error: unknown) => {
			// An object created since the check above.
			if (error instanceof StorageError && error.message === 'The related resource does not exist') throw bucketNotEmpty()
			throw error
		})
		if (deleted === 0) throw noSuchBucket()
		await removeBucketDirectory(context.disk, id)
		return c.json({ message: 'Successfully deleted' })
	})

	// As on Supabase: the caller must be able to see the bucket; the objects
	// then go whatever the object policies say.
	app.post('/bucket/:id/empty', async (c) => {
		const caller = await requireCaller(context, c)
		const id = mustBeValidBucketName(c.req.param('id'))
		const bucket = await asCaller(context.pool, caller, 'storage.bucket.empty', (client) => findBucket(client, id))
		if (!bucket) throw noSuchBucket()
		const removed = await asSuperuser(context.pool, async (client) => {
			const result = await client.query<{ name: string; version: string | null }>(
				'delete from storage.objects where bucket_id = $1 returning name, version',
				[id],
			)
			return result.rows
		})
		for (const object of removed) await removeVersion(context, id, object.name, object.version)
		return c.json({ message: 'Successfully emptied' })
	})
}

function fileSizeLimitOf(context: StorageContext, value: unknown) {
	if (value === undefined) return undefined
	const limit = parseFileSizeLimit(value)
	if (limit !== null && limit > context.globalFileSizeLimit) throw entityTooLarge()
	return limit
}

// Supabase's accepted forms: type/subtype (with an optional charset), or anything ending in `*`.
const MIME_TYPE = /^([a-zA-Z0-9\-+.]+)\/([a-zA-Z0-9\-+.]+)(;\s*charset=[a-zA-Z0-9-]+)?$|\*$/

function allowedMimeTypesOf(value: unknown) {
	if (value === undefined) return undefined
	const types = parseAllowedMimeTypes(Array.isArray(value) ? value.filter(Boolean) : value)
	for (const type of types ?? []) {
		if (type.length > 1000 || !MIME_TYPE.test(type)) throw invalidMimeType(type)
	}
	return types
}

function nonNegativeInteger(value: string, field: string, minimum: number) {
	const number = Number(value)
	if (!Number.isInteger(number) || number < minimum) throw invalidRequest(`querystring/${field} must be >= ${minimum}`)
	return number
}

function escapeLike(value: string) {
	return value.replace(/[\\%_]/g, (character) => `\\${character}`)
}
