import { invalidBucketName, invalidKey } from './errors'

// Supabase's rule: S3-safe ASCII, 1 to 100 characters.
const BUCKET_NAME = /^[A-Za-z0-9_!.*'() &$=@;:+,?-]{1,100}$/

// Code points Supabase refuses in object keys besides control characters:
// S3's "characters to avoid" and invisible or direction-changing marks.
const FORBIDDEN_IN_KEY: ReadonlySet<number> = new Set([
	...'#[]{}^`"<>\\|%~'.split('').map((character) => character.charCodeAt(0)),
	0x034f,
	0x061c,
	0x200b,
	0x200e,
	0x200f,
	0x2028,
	0x2029,
	0x202a,
	0x202b,
	0x202c,
	0x202d,
	0x202e,
	0x00ad,
	0x180e,
	0x2060,
	0x2061,
	0x2062,
	0x2063,
	0x2064,
	0x2066,
	0x2067,
	0x2068,
	0x2069,
	0xfeff,
])

function hasForbiddenCharacter(key: string) {
	for (const character of key) {
		const code = character.codePointAt(0) ?? 0
		const control = code <= 0x1f || (code >= 0x7f && code <= 0x9f)
		// Iterating by code point pairs surrogates, so one found alone was unpaired.
		const loneSurrogate = code >= 0xd800 && code <= 0xdfff
		if (control || loneSurrogate || FORBIDDEN_IN_KEY.has(code)) return true
	}
	return false
}

const MAX_KEY_BYTES = 1024
// Each segment becomes a directory name on disk.
const MAX_SEGMENT_BYTES = 255

export function mustBeValidBucketName(name: unknown): string {
	if (typeof name !== 'string' || !BUCKET_NAME.test(name) || name === '.' || name === '..') {
		throw invalidBucketName(typeof name === 'string' ? name : '')
	}
	return name
}

/**
 * Validates an object key and returns it in Unicode NFC, as Supabase does, so
 * `café` typed two ways is one object. Keys that could leave the bucket's
 * directory on disk (`.` or `..` segments, a leading `/`, empty segments) are
 * refused.
 */
export function mustBeValidKey(key: unknown): string {
	if (typeof key !== 'string' || key.length === 0) throw invalidKey('')
	const normalized = key.normalize('NFC')
	if (hasForbiddenCharacter(normalized) || Buffer.byteLength(normalized) > MAX_KEY_BYTES) throw invalidKey(key)
	for (const segment of normalized.split('/')) {
		if (segment === '' || segment === '.' || segment === '..' || Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) {
			throw invalidKey(key)
		}
	}
	return normalized
}

export function isEmptyFolderPlaceholder(name: string) {
	return name.endsWith('.emptyFolderPlaceholder')
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string | undefined): value is string {
	return value !== undefined && UUID.test(value)
}
