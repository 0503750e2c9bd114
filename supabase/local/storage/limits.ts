import { invalidMimeType, invalidRequest } from './errors'

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
