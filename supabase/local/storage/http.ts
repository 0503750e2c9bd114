import type { Context } from 'hono'
import { authenticate, type Caller } from './caller'
import type { StorageContext } from './context'
import { invalidRequest } from './errors'
import { mustBeValidBucketName, mustBeValidKey } from './names'

/** The caller from the bearer JWT; AccessDenied without a valid one. */
export function requireCaller(context: StorageContext, c: Context) {
	return authenticate(context.keys, c.req.header('authorization'))
}

/** The caller when a valid JWT came, otherwise null (routes that also serve public buckets). */
export async function optionalCaller(context: StorageContext, c: Context): Promise<Caller | null> {
	return authenticate(context.keys, c.req.header('authorization')).catch(() => null)
}

/** `:bucket` and the rest of the path, validated; the key in NFC. */
export function objectParams(c: Context) {
	return { bucketId: mustBeValidBucketName(c.req.param('bucket')), name: mustBeValidKey(c.req.param('name')) }
}

export async function readJson(c: Context): Promise<Record<string, unknown>> {
	const text = await c.req.text()
	if (text.trim() === '') return {}
	let value: unknown
	try {
		value = JSON.parse(text)
	} catch {
		throw invalidRequest('Body is not valid JSON')
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidRequest('Body must be a JSON object')
	return { ...value }
}

export function optionalString(body: Record<string, unknown>, field: string) {
	const value = body[field]
	if (value === undefined || value === null) return undefined
	if (typeof value !== 'string') throw invalidRequest(`body/${field} must be string`)
	return value
}

export function requiredString(body: Record<string, unknown>, field: string) {
	const value = optionalString(body, field)
	if (value === undefined) throw invalidRequest(`body must have required property '${field}'`)
	return value
}

export function expiresInOf(body: Record<string, unknown>) {
	const value = body.expiresIn
	if (typeof value !== 'number' || !Number.isFinite(value) || Math.floor(value) < 1) {
		throw invalidRequest('body/expiresIn must be >= 1')
	}
	return Math.floor(value)
}
