import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Context, Hono } from 'hono'
import { findBucket } from './bucket-rows'
import type { Caller } from './caller'
import type { StorageContext } from './context'
import { cloneFile, objectFilePath, removeObjectFile } from './disk'
import { accessDenied, invalidRequest, noSuchBucket, noSuchKey } from './errors'
import { objectParams, optionalCaller, optionalString, readJson, requireCaller, requiredString } from './http'
import { decodeBase64, parseUserMetadata } from './incoming-file'
import { mustFitBucket } from './limits'
import { isEmptyFolderPlaceholder, mustBeValidBucketName, mustBeValidKey } from './names'
import { listObjects, listOptionsOf } from './object-listing'
import { deleteObjects, findObject, ownerColumns, publicObject, type ObjectRow } from './object-rows'
import { serveObject } from './serve-object'
import { asCaller, asSuperuser, testAsCaller } from './transactions'
import { mayWrite, removeVersion, uploadObject, writeObject } from './upload'

const MAX_PREFIXES_PER_DELETE = 1000

/**
 * Object routes: upload, download (private, public, or either), info, list,
 * move, copy and delete. Specific paths are registered before the catch-all
 * `/object/:bucket/*` so a bucket named like them loses, as on Supabase.
 */
export function registerObjectRoutes(app: Hono, context: StorageContext) {
	const { pool } = context

	app.post('/object/list/:bucket', async (c) => {
		const caller = await requireCaller(context, c)
		const bucketId = mustBeValidBucketName(c.req.param('bucket'))
		const options = listOptionsOf(await readJson(c))
		const entries = await asCaller(pool, caller, 'storage.object.list', (client) => listObjects(client, bucketId, options))
		return c.json(entries)
	})

	app.post('/object/move', async (c) => {
		const caller = await requireCaller(context, c)
		const body = await readJson(c)
		const bucketId = mustBeValidBucketName(requiredString(body, 'bucketId'))
		const sourceKey = mustBeValidKey(requiredString(body, 'sourceKey'))
		const destinationKey = mustBeValidKey(requiredString(body, 'destinationKey'))
		const destinationBucket = mustBeValidBucketName(optionalString(body, 'destinationBucket') || bucketId)
		const moved = await moveObject(context, caller, { bucketId, sourceKey, destinationBucket, destinationKey })
		return c.json({ message: 'Successfully moved', Id: moved.id, Key: moved.name })
	})

	app.post('/object/copy', async (c) => {
		const caller = await requireCaller(context, c)
		const body = await readJson(c)
		const bucketId = mustBeValidBucketName(requiredString(body, 'bucketId'))
		const sourceKey = mustBeValidKey(requiredString(body, 'sourceKey'))
		const destinationKey = mustBeValidKey(requiredString(body, 'destinationKey'))
		const destinationBucket = mustBeValidBucketName(optionalString(body, 'destinationBucket') || bucketId)
		const copied = await copyObject(context, caller, {
			bucketId,
			sourceKey,
			destinationBucket,
			destinationKey,
			upsert: c.req.header('x-upsert') === 'true',
			copyMetadata: body.copyMetadata !== false,
			metadata: body.metadata,
			userMetadata: parseUserMetadata(decodeBase64(c.req.header('x-metadata') ?? null)),
		})
		return c.json({ Id: copied.id, Key: `${destinationBucket}/${destinationKey}`, ...publicObject(copied) })
	})

	for (const [route, visibility] of [
		['/object/info/authenticated/:bucket/:name{.+}', 'authenticated'],
		['/object/info/public/:bucket/:name{.+}', 'public'],
		['/object/info/:bucket/:name{.+}', 'either'],
	] as const) {
		app.get(route, async (c) => {
			const object = await objectFor(c, visibility, 'storage.object.info_authenticated')
			return c.json(objectInfo(object), 200, object.metadata?.eTag ? { ETag: object.metadata.eTag } : {})
		})
	}

	app.get('/object/authenticated/:bucket/:name{.+}', async (c) => download(c, 'authenticated'))
	app.get('/object/public/:bucket/:name{.+}', async (c) => download(c, 'public'))

	app.post('/object/:bucket/:name{.+}', async (c) => upload(c, c.req.header('x-upsert') === 'true', 'storage.object.upload'))
	app.put('/object/:bucket/:name{.+}', async (c) => upload(c, true, 'storage.object.upload_update'))
	app.get('/object/:bucket/:name{.+}', async (c) => download(c, 'either'))

	app.delete('/object/:bucket/:name{.+}', async (c) => {
		const caller = await requireCaller(context, c)
		const { bucketId, name } = objectParams(c)
		const object = await findObject(pool, bucketId, name)
		if (!object) throw noSuchKey()
		const deleted = await asCaller(pool, caller, 'storage.object.delete', (client) => deleteObjects(client, bucketId, [name]))
		if (deleted.length === 0) throw accessDenied('Access denied')
		for (const row of deleted) await removeVersion(context, bucketId, row.name, row.version)
		return c.json({ message: 'Successfully deleted' })
	})

	app.delete('/object/:bucket', async (c) => {
		const caller = await requireCaller(context, c)
		const bucketId = mustBeValidBucketName(c.req.param('bucket'))
		const { prefixes } = await readJson(c)
		if (!Array.isArray(prefixes) || prefixes.length === 0 || !prefixes.every((p) => typeof p === 'string')) {
			throw invalidRequest('body/prefixes must be a non-empty array of strings')
		}
		if (prefixes.length > MAX_PREFIXES_PER_DELETE) {
			throw invalidRequest(`Bulk object requests are limited to ${MAX_PREFIXES_PER_DELETE} objects per request.`)
		}
		const names = prefixes.map((prefix: string) => prefix.normalize('NFC'))
		const deleted = await asCaller(pool, caller, 'storage.object.delete_many', (client) => deleteObjects(client, bucketId, names))
		for (const row of deleted) await removeVersion(context, bucketId, row.name, row.version)
		return c.json(deleted.map(publicObject))
	})

	async function upload(c: Context, upsert: boolean, operation: string) {
		const caller = await requireCaller(context, c)
		const { bucketId, name } = objectParams(c)
		const row = await uploadObject(context, c.req.raw, {
			bucketId,
			name,
			owner: caller.sub,
			upsert,
			as: { caller, operation },
		})
		return c.json({ Id: row.id, Key: `${bucketId}/${name}` })
	}

	async function download(c: Context, visibility: Visibility) {
		const object = await objectFor(c, visibility, 'storage.object.get_authenticated')
		return serveObject(context, c.req.raw, object, { download: c.req.query('download') })
	}

	/**
	 * The object a read may see: in a public bucket anyone may read it; in a
	 * private one only a caller the SELECT policies allow. The public route
	 * answers NoSuchBucket for a private bucket, as does the either route
	 * without a valid JWT.
	 */
	async function objectFor(c: Context, visibility: Visibility, operation: string) {
		const { bucketId, name } = objectParams(c)
		const caller =
			visibility === 'authenticated' ? await requireCaller(context, c) : visibility === 'either' ? await optionalCaller(context, c) : null
		const bucket = await findBucket(pool, bucketId)
		if (!bucket || (!bucket.public && !caller)) throw noSuchBucket()
		const object = bucket.public
			? await findObject(pool, bucketId, name)
			: caller && (await asCaller(pool, caller, operation, (client) => findObject(client, bucketId, name)))
		if (!object) throw noSuchKey()
		return object
	}
}

type Visibility = 'authenticated' | 'public' | 'either'

function objectInfo(object: ObjectRow) {
	const metadata = object.metadata ?? {}
	return {
		id: object.id,
		name: object.name,
		version: object.version,
		bucket_id: object.bucket_id,
		size: metadata.size ?? null,
		content_type: metadata.mimetype ?? null,
		cache_control: metadata.cacheControl ?? null,
		etag: metadata.eTag ?? null,
		metadata: object.user_metadata,
		last_modified: object.updated_at,
		created_at: object.created_at,
	}
}

type Relocation = { bucketId: string; sourceKey: string; destinationBucket: string; destinationKey: string }

/**
 * The object being copied or moved must fit its destination bucket as an
 * upload there would (decision 035): Supabase checks uploads only, so a copy
 * could otherwise put an SVG into an images-only public bucket.
 */
async function mustFitDestination(context: StorageContext, bucketId: string, name: string, metadata: ObjectRow['metadata']) {
	const bucket = await findBucket(context.pool, bucketId)
	if (!bucket) throw noSuchBucket()
	if (isEmptyFolderPlaceholder(name)) return
	mustFitBucket(
		{ mimetype: metadata?.mimetype ?? 'application/octet-stream', size: metadata?.size ?? metadata?.contentLength ?? 0 },
		bucket,
		context.globalFileSizeLimit,
	)
}

/**
 * Renames an object. The caller needs SELECT on the source and UPDATE that
 * lets the row take its new name (tested, then rolled back); the row keeps
 * its id and gets the mover as owner, as on Supabase. It must fit the
 * bucket it moves to.
 */
async function moveObject(context: StorageContext, caller: Caller, move: Relocation) {
	const { pool } = context
	const { owner, owner_id } = ownerColumns(caller.sub)
	if (!(await findBucket(pool, move.destinationBucket))) throw noSuchBucket()
	await testAsCaller(pool, caller, 'storage.object.move', async (client) => {
		if (!(await findObject(client, move.bucketId, move.sourceKey))) throw noSuchKey()
		const { rowCount } = await client.query(
			`update storage.objects set bucket_id = $3, name = $4, owner = $5, owner_id = $6
				where bucket_id = $1 and name = $2 returning id`,
			[move.bucketId, move.sourceKey, move.destinationBucket, move.destinationKey, owner, owner_id],
		)
		if (!rowCount) throw noSuchKey()
	})
	const source = await findObject(pool, move.bucketId, move.sourceKey)
	if (!source) throw noSuchKey()
	if (move.bucketId === move.destinationBucket && move.sourceKey === move.destinationKey) return source
	await mustFitDestination(context, move.destinationBucket, move.destinationKey, source.metadata)

	const version = randomUUID()
	const from = source.version && objectFilePath(context.disk, source.bucket_id, source.name, source.version)
	const to = objectFilePath(context.disk, move.destinationBucket, move.destinationKey, version)
	if (from) await cloneFile(context.disk, from, to)
	let moved: ObjectRow | undefined
	try {
		moved = await asSuperuser(pool, async (client) => {
			const { rows } = await client.query<ObjectRow>(
				`update storage.objects set bucket_id = $3, name = $4, version = $5, owner = $6, owner_id = $7,
					updated_at = now() where bucket_id = $1 and name = $2 and id = $8
					returning id, bucket_id, name, version`,
				[move.bucketId, move.sourceKey, move.destinationBucket, move.destinationKey, from ? version : null, owner, owner_id, source.id],
			)
			return rows[0]
		})
	} catch (error) {
		await removeObjectFile(context.disk, to)
		throw error
	}
	if (!moved) {
		await removeObjectFile(context.disk, to)
		throw noSuchKey()
	}
	await removeVersion(context, source.bucket_id, source.name, source.version)
	return moved
}

type Copy = Relocation & {
	upsert: boolean
	copyMetadata: boolean
	metadata: unknown
	userMetadata: Record<string, unknown> | null
}

/**
 * Copies an object. The caller needs SELECT on the source and INSERT (or
 * upsert rights with `x-upsert`) at the destination; the copy belongs to
 * the caller and must fit the destination bucket, type and size.
 */
async function copyObject(context: StorageContext, caller: Caller, copy: Copy) {
	const source = await asCaller(context.pool, caller, 'storage.object.copy', (client) => findObject(client, copy.bucketId, copy.sourceKey))
	if (!source?.version) throw noSuchKey()

	const metadata = { ...(source.metadata ?? {}) }
	if (!copy.copyMetadata && copy.metadata !== null && typeof copy.metadata === 'object') {
		if ('cacheControl' in copy.metadata && typeof copy.metadata.cacheControl === 'string') {
			metadata.cacheControl = copy.metadata.cacheControl
		}
		if ('mimetype' in copy.metadata && typeof copy.metadata.mimetype === 'string') {
			metadata.mimetype = copy.metadata.mimetype
		}
	}
	const object = {
		bucketId: copy.destinationBucket,
		name: copy.destinationKey,
		owner: caller.sub,
		version: randomUUID(),
		metadata: { ...metadata, lastModified: new Date().toISOString() },
		userMetadata: copy.copyMetadata ? source.user_metadata : copy.userMetadata,
		upsert: copy.upsert,
	}
	await mustFitDestination(context, object.bucketId, object.name, object.metadata)
	await mayWrite(context, { caller, operation: 'storage.object.copy' }, object)

	const temp = path.join(context.disk.temp, randomUUID())
	await cloneFile(context.disk, objectFilePath(context.disk, source.bucket_id, source.name, source.version), temp)
	return writeObject(context, temp, object)
}
