import { receiveToTemp, type ObjectDisk, type ReceivedFile } from './disk'
import { entityTooLarge, invalidRequest } from './errors'

/**
 * An upload whose headers (and, for multipart, form fields) have been read
 * but whose bytes are not on disk yet: Supabase checks the MIME type, the
 * declared size and the RLS policies before it accepts the body.
 */
export type PendingUpload = {
	mimetype: string
	cacheControl: string
	userMetadata: Record<string, unknown> | null
	declaredLength: number | undefined
	receive: (disk: ObjectDisk, limit: number) => Promise<ReceivedFile>
}

const MAX_USER_METADATA_BYTES = 1024 * 1024
// Room for boundaries, part headers and the small form fields around the file.
const MULTIPART_OVERHEAD_BYTES = MAX_USER_METADATA_BYTES + 64 * 1024

/**
 * Opens an upload the two ways supabase-js sends one: multipart (a file part
 * plus `cacheControl`, `metadata` and optionally `contentType` fields) or a
 * raw body with `content-type`, `cache-control` and base64 JSON `x-metadata`.
 */
export async function openUpload(request: Request, limit: number): Promise<PendingUpload> {
	const contentType = request.headers.get('content-type') ?? ''
	if (contentType.toLowerCase().startsWith('multipart/form-data')) return openMultipart(request, contentType, limit)

	const declared = Number(request.headers.get('content-length') ?? Number.NaN)
	const declaredLength = Number.isInteger(declared) && declared >= 0 ? declared : undefined
	return {
		mimetype: contentType || 'application/octet-stream',
		cacheControl: request.headers.get('cache-control') ?? 'no-cache',
		userMetadata: parseUserMetadata(decodeBase64(request.headers.get('x-metadata'))),
		declaredLength,
		receive: (disk, receiveLimit) => receiveToTemp(disk, chunksOf(request.body), receiveLimit),
	}
}

async function openMultipart(request: Request, contentType: string, limit: number): Promise<PendingUpload> {
	const body = await readBounded(request.body, limit + MULTIPART_OVERHEAD_BYTES)
	let form: FormData
	try {
		form = await new Response(body, { headers: { 'content-type': contentType } }).formData()
	} catch (error) {
		throw invalidRequest(`No content provided: ${error instanceof Error ? error.message : 'unreadable form'}`)
	}
	const part = [...form.values()].find((value): value is File => typeof value !== 'string')
	if (!part) throw invalidRequest('No content provided')

	const metadata = fieldOf(form, 'metadata') ?? fieldOf(form, 'userMetadata')
	if (metadata !== undefined && Buffer.byteLength(metadata) > MAX_USER_METADATA_BYTES) throw entityTooLarge()
	const cacheTime = fieldOf(form, 'cacheControl')
	return {
		mimetype: fieldOf(form, 'contentType') || part.type || 'application/octet-stream',
		cacheControl: cacheTime ? `max-age=${cacheTime}` : 'no-cache',
		userMetadata: parseUserMetadata(metadata),
		declaredLength: part.size,
		receive: (disk, receiveLimit) => receiveToTemp(disk, chunksOf(part.stream()), receiveLimit),
	}
}

function fieldOf(form: FormData, name: string) {
	const value = form.get(name)
	return typeof value === 'string' ? value : undefined
}

/** Supabase ignores user metadata it cannot parse rather than failing. */
export function parseUserMetadata(json: string | undefined): Record<string, unknown> | null {
	if (json === undefined) return null
	try {
		const value: unknown = JSON.parse(json)
		return isRecord(value) ? value : null
	} catch {
		return null
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export function decodeBase64(value: string | null) {
	return value === null ? undefined : Buffer.from(value, 'base64').toString('utf8')
}

/** Buffers a body up to `limit` bytes; past it, drains the rest and fails with 413. */
async function readBounded(stream: ReadableStream<Uint8Array> | null, limit: number) {
	const chunks: Uint8Array[] = []
	let size = 0
	for await (const chunk of chunksOf(stream)) {
		size += chunk.byteLength
		if (size <= limit) chunks.push(chunk)
	}
	if (size > limit) throw entityTooLarge()
	return Buffer.concat(chunks)
}

export async function* chunksOf(stream: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
	if (!stream) return
	const reader = stream.getReader()
	try {
		for (;;) {
			const { done, value } = await reader.read()
			if (done) return
			yield value
		}
	} finally {
		reader.releaseLock()
	}
}
