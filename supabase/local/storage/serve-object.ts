import { open, type FileHandle } from 'node:fs/promises'
import { findBucket } from './bucket-rows'
import type { StorageContext } from './context'
import { objectFilePath } from './disk'
import { invalidRange, StorageError } from './errors'
import { servedContentType } from './limits'
import type { ObjectRow } from './object-rows'

export type ServeOptions = {
	/** `?download` (empty: attachment without a name) or `?download=name`. */
	download?: string
	/** For signed URLs: the token's expiry, sent as Expires instead of Cache-Control. */
	expires?: Date
	headOnly?: boolean
}

/**
 * Answers a download like Supabase Storage's asset renderer: Content-Type
 * (HTML, XHTML, XML and SVG the bucket does not take demoted to text/plain,
 * so a bucket cannot serve pages; see servedContentType), ETag,
 * Last-Modified, Cache-Control, conditional requests (304), one byte range
 * (206, or 416 when it cannot be satisfied) and Content-Disposition.
 */
export async function serveObject(
	context: StorageContext,
	request: Request,
	object: ObjectRow,
	options: ServeOptions = {},
): Promise<Response> {
	const bucket = await findBucket(context.pool, object.bucket_id)
	const handle = await openObjectFile(context, object)
	let handedOver = false
	try {
		const { size } = await handle.stat()
		const metadata = object.metadata ?? {}
		const eTag = metadata.eTag ?? ''
		const lastModified = new Date(metadata.lastModified ?? object.updated_at)
		const headers = new Headers({
			'Accept-Ranges': 'bytes',
			'Content-Type': servedContentType(metadata.mimetype ?? 'application/octet-stream', bucket?.allowed_mime_types ?? null),
			'X-Robots-Tag': 'none',
			'X-Content-Type-Options': 'nosniff',
		})
		if (eTag) headers.set('ETag', eTag)
		if (!Number.isNaN(lastModified.getTime())) headers.set('Last-Modified', lastModified.toUTCString())
		if (options.expires) headers.set('Expires', options.expires.toUTCString())
		else if (metadata.cacheControl) headers.set('Cache-Control', metadata.cacheControl)
		const disposition = contentDisposition(options.download)
		if (disposition) headers.set('Content-Disposition', disposition)

		if (isNotModified(request.headers, eTag, lastModified)) {
			headers.set('Content-Length', '0')
			return new Response(null, { status: 304, headers })
		}

		const range = request.headers.get('range')
		const bytes = range ? parseRange(range, size) : ([0, size - 1] as const)
		if (!bytes) {
			const error = invalidRange()
			return Response.json(error.toBody(), { status: error.httpStatus, headers: { 'Content-Range': `bytes */${size}` } })
		}
		const [start, end] = bytes
		const status = range ? 206 : 200
		if (range) headers.set('Content-Range', `bytes ${start}-${end}/${size}`)
		const length = Math.max(0, end - start + 1)
		headers.set('Content-Length', String(length))
		if (options.headOnly || request.method === 'HEAD' || length === 0) {
			return new Response(null, { status, headers })
		}
		handedOver = true
		return new Response(fileStream(handle, start, end), { status, headers })
	} finally {
		if (!handedOver) await handle.close()
	}
}

async function openObjectFile(context: StorageContext, object: ObjectRow): Promise<FileHandle> {
	if (!object.version) throw resourceNotFound()
	try {
		return await open(objectFilePath(context.disk, object.bucket_id, object.name, object.version), 'r')
	} catch (error) {
		if (error instanceof StorageError) throw error
		throw resourceNotFound()
	}
}

// What Supabase answers when the row exists but the bytes do not.
function resourceNotFound() {
	return new StorageError({ status: 404, code: 'NoSuchKey', error: 'Not found', message: 'The resource was not found' })
}

function fileStream(handle: FileHandle, start: number, end: number) {
	const source = handle.createReadStream({ start, end, autoClose: true })
	const chunks = source[Symbol.asyncIterator]()
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const { done, value } = await chunks.next()
				if (done) controller.close()
				else controller.enqueue(value)
			} catch (error) {
				controller.error(error)
			}
		},
		cancel() {
			source.destroy()
		},
	})
}

export function contentDisposition(download: string | undefined) {
	if (download === undefined) return undefined
	if (download === '') return 'attachment;'
	const encoded = encodeURIComponent(download)
	return `attachment; filename=${encoded}; filename*=UTF-8''${encoded}`
}

function isNotModified(headers: Headers, eTag: string, lastModified: Date) {
	const ifNoneMatch = headers.get('if-none-match')
	if (ifNoneMatch) {
		if (!eTag) return false
		return ifNoneMatch
			.split(',')
			.map((tag) => tag.trim().replace(/^W\//, ''))
			.some((tag) => tag === '*' || tag === eTag)
	}
	const ifModifiedSince = headers.get('if-modified-since')
	if (!ifModifiedSince) return false
	const since = Date.parse(ifModifiedSince)
	// Last-Modified has whole seconds; compare at that precision.
	return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since
}

/** One `bytes=` range, as Supabase accepts it; null when unsatisfiable or malformed. */
function parseRange(header: string, size: number): [number, number] | null {
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
	if (!match || size <= 0) return null
	const [, first = '', last = ''] = match
	if (first === '' && last === '') return null
	if (first === '') {
		const suffix = Number(last)
		if (!Number.isSafeInteger(suffix) || suffix <= 0) return null
		return [Math.max(size - suffix, 0), size - 1]
	}
	const start = Number(first)
	const end = last === '' ? size - 1 : Number(last)
	if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start || start >= size) return null
	return [start, Math.min(end, size - 1)]
}
