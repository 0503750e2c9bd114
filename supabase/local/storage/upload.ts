import { randomUUID } from 'node:crypto'
import { findBucket } from './bucket-rows'
import type { Caller } from './caller'
import type { StorageContext } from './context'
import { discard, objectFilePath, placeFile, removeObjectFile } from './disk'
import { entityTooLarge, keyAlreadyExists, noSuchBucket, StorageError } from './errors'
import { openUpload } from './incoming-file'
import { bucketSizeLimit, mustBeAllowedMimeType } from './limits'
import { isEmptyFolderPlaceholder } from './names'
import { findObject, insertObject, tryInsertObject, upsertObject, type NewObject, type ObjectMetadata } from './object-rows'
import { asSuperuser, testAsCaller } from './transactions'

export type UploadTarget = {
	bucketId: string
	name: string
	owner: string | undefined
	upsert: boolean
	/** Absent when a signed upload URL already stands for the permission. */
	as?: { caller: Caller; operation: string }
}

/**
 * Stores an uploaded object the way Supabase Storage does: bucket limits
 * first, then the caller's INSERT (or upsert) permission tested in a
 * transaction that is rolled back, then the bytes, then the row written as
 * superuser. The bytes go to a new version file, so a failure at any point
 * leaves the previous object intact.
 */
export async function uploadObject(context: StorageContext, request: Request, target: UploadTarget) {
	const bucket = await findBucket(context.pool, target.bucketId)
	if (!bucket) throw noSuchBucket()
	const placeholder = isEmptyFolderPlaceholder(target.name)
	const limit = placeholder ? 0 : bucketSizeLimit(context.globalFileSizeLimit, bucket)

	const pending = await openUpload(request, limit)
	if (!placeholder) mustBeAllowedMimeType(pending.mimetype, bucket.allowed_mime_types)
	if (pending.declaredLength !== undefined && pending.declaredLength > limit) throw entityTooLarge()
	if (target.as) {
		await mayWrite(context, target.as, {
			bucketId: target.bucketId,
			name: target.name,
			owner: target.owner,
			version: randomUUID(),
			metadata: { mimetype: pending.mimetype, contentLength: pending.declaredLength },
			userMetadata: pending.userMetadata,
			upsert: target.upsert,
		})
	}

	const received = await pending.receive(context.disk, limit)
	const metadata: ObjectMetadata = {
		eTag: `"${received.md5}"`,
		size: received.size,
		mimetype: pending.mimetype,
		cacheControl: pending.cacheControl,
		lastModified: new Date().toISOString(),
		contentLength: received.size,
		httpStatusCode: 200,
	}
	return writeObject(context, received.path, {
		bucketId: target.bucketId,
		name: target.name,
		owner: target.owner,
		version: randomUUID(),
		metadata,
		userMetadata: pending.userMetadata,
		upsert: target.upsert,
	})
}

/**
 * Asks the policies whether the caller may create the object (INSERT) or,
 * for an upsert, create or overwrite it (INSERT, plus SELECT and UPDATE on
 * a row that exists), without writing anything.
 */
export async function mayWrite(
	context: StorageContext,
	as: { caller: Caller; operation: string },
	object: NewObject & { upsert: boolean },
) {
	await testAsCaller(context.pool, as.caller, as.operation, (client) =>
		object.upsert ? upsertObject(client, object) : tryInsertObject(client, object),
	).catch(rethrowConflictAsKeyExists)
}

/**
 * Puts `source` (a temp file or a fresh copy) in place as the object's new
 * version and records it, as superuser. Without `upsert` an existing object
 * is a conflict. The replaced version's file is removed once the row no
 * longer points at it.
 */
export async function writeObject(context: StorageContext, source: string, object: NewObject & { upsert: boolean }) {
	const file = objectFilePath(context.disk, object.bucketId, object.name, object.version)
	try {
		await placeFile(source, file)
	} catch (error) {
		await discard(source)
		throw error
	}
	let written
	try {
		written = await asSuperuser(context.pool, async (client) => {
			const existing = await findObject(client, object.bucketId, object.name, { lock: true })
			if (existing && !object.upsert) throw keyAlreadyExists()
			const row = existing ? await upsertObject(client, object) : await insertObject(client, object)
			return { row, replaced: existing?.version ?? null }
		})
	} catch (error) {
		await removeObjectFile(context.disk, file)
		rethrowConflictAsKeyExists(error)
	}
	if (written.replaced && written.replaced !== object.version) {
		await removeVersion(context, object.bucketId, object.name, written.replaced)
	}
	return written.row
}

export async function removeVersion(context: StorageContext, bucketId: string, name: string, version: string | null) {
	if (!version) return
	try {
		await removeObjectFile(context.disk, objectFilePath(context.disk, bucketId, name, version))
	} catch {
		// A row written by SQL may name no file we could have made; nothing to remove.
	}
}

function rethrowConflictAsKeyExists(error: unknown): never {
	if (error instanceof StorageError && error.code === 'ResourceAlreadyExists') throw keyAlreadyExists()
	throw error
}
