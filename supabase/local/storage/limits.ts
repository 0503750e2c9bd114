import { entityTooLarge, invalidMimeType, invalidRequest } from './errors'

/**
 * A bucket's `file_size_limit` as the API takes it: bytes as a number, or a
 * string such as `20MB`, `30KB`, `3B` (decimal units, as Supabase parses them).
 */
export function parseFileSizeLimit(value: unknown): number | null {
	if (value === undefined || value === null || value === '') return null
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value
	if (typeof value === 'string') {
		if (/^\d+$/.test(value)) return Number(value)
		const match = /^(\d+(?:\.\d+)?)(gb|mb|kb|b)$/i.exec(value)
		if (match?.[1] && match[2]) {
			const scale = { gb: 1e9, mb: 1e6, kb: 1e3, b: 1 }[match[2].toLowerCase()] ?? 1
			return Math.round(Number(match[1]) * scale)
		}
	}
	throw invalidRequest('Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B')
}

export function parseAllowedMimeTypes(value: unknown): string[] | null {
	if (value === undefined || value === null) return null
	if (Array.isArray(value) && value.every((type) => typeof type === 'string' && type.length > 0)) return value
	throw invalidRequest('allowed_mime_types must be an array of strings')
}

/**
 * Supabase compares `type/subtype` exactly, with `type/*` as the only
 * wildcard; parameters are part of the subtype, so `text/plain;charset=UTF-8`
 * does not match `text/plain` there either.
 */
export function mustBeAllowedMimeType(mimeType: string, allowed: readonly string[] | null) {
	if (!allowed || allowed.length === 0) return
	const [type, subtype, ...rest] = mimeType.split('/')
	if (type && subtype && rest.length === 0) {
		for (const pattern of allowed) {
			const [allowedType, allowedSubtype] = pattern.split('/')
			if (allowedType === type && (allowedSubtype === '*' || allowedSubtype === subtype)) return
		}
	}
	throw invalidMimeType(mimeType)
}

/** Whether a bucket's list lets a type in: no list (or an empty one) lets every type in. */
export function isAllowedMimeType(mimeType: string, allowed: readonly string[] | null) {
	try {
		mustBeAllowedMimeType(mimeType, allowed)
		return true
	} catch {
		return false
	}
}

/** The largest object a bucket takes: its own limit, within the stack's global one. */
export function bucketSizeLimit(globalLimit: number, bucket: { file_size_limit: number | null }) {
	return Math.min(globalLimit, bucket.file_size_limit ?? Number.POSITIVE_INFINITY)
}

/**
 * An object that already exists (a copy's or a move's source) must fit the
 * bucket it is going to, as an upload there would: its type on the list and
 * its size within the limit.
 */
export function mustFitBucket(
	object: { mimetype: string; size: number },
	bucket: { allowed_mime_types: string[] | null; file_size_limit: number | null },
	globalLimit: number,
) {
	mustBeAllowedMimeType(object.mimetype, bucket.allowed_mime_types)
	if (object.size > bucketSizeLimit(globalLimit, bucket)) throw entityTooLarge()
}

/**
 * What a download says it is. Types a browser would run script in, served
 * from the API's origin, would let a file act as a page there: HTML (as on
 * Supabase), XHTML and every XML type, and SVG unless its bucket takes SVG
 * on purpose. Those are served as plain text.
 */
export function servedContentType(mimeType: string, allowed: readonly string[] | null) {
	const essence = mimeType.split(';')[0]?.trim().toLowerCase() ?? ''
	const scriptable =
		mimeType.toLowerCase().includes('text/html') ||
		essence === 'application/xhtml+xml' ||
		essence === 'text/xml' ||
		essence === 'application/xml' ||
		(essence.endsWith('+xml') && essence !== 'image/svg+xml') ||
		(essence === 'image/svg+xml' && !isAllowedMimeType(essence, allowed))
	return scriptable ? 'text/plain' : mimeType
}
