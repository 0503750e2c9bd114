import { Hono } from 'hono'
import { cors } from 'hono/cors'
import type pg from 'pg'
import type { LocalKeys } from '../keys'
import { registerBucketRoutes } from './bucket-routes'
import type { StorageContext } from './context'
import { createObjectDisk, sweepTemp } from './disk'
import { internalError, StorageError } from './errors'
import { registerObjectRoutes } from './object-routes'
import { registerSignedUrlRoutes } from './signed-url-routes'

export type StorageAppOptions = {
	/** A superuser pool: requests switch to the caller's role inside their transactions. */
	pool: pg.Pool
	keys: LocalKeys
	/** Object bytes live under `<dataDir>/storage`. */
	dataDir: string
	/** Bytes; Supabase's default is 50 MB. */
	globalFileSizeLimit?: number
}

const DEFAULT_FILE_SIZE_LIMIT = 50 * 1024 * 1024
const HOUR_MS = 60 * 60 * 1000

/**
 * The Supabase Storage API as supabase-js uses it, with routes relative to
 * `/storage/v1`. Authorization is the RLS policies on storage.objects and
 * storage.buckets, enforced by running each request as the JWT's role.
 */
export function createStorageApp(options: StorageAppOptions) {
	const context: StorageContext = {
		pool: options.pool,
		keys: options.keys,
		disk: createObjectDisk(options.dataDir),
		globalFileSizeLimit: options.globalFileSizeLimit ?? DEFAULT_FILE_SIZE_LIMIT,
	}
	void sweepTemp(context.disk, HOUR_MS).catch(() => {})

	const app = new Hono()
	// Browsers upload to signed URLs and read public objects directly, as on Supabase.
	app.use(
		cors({
			origin: '*',
			allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
			allowHeaders: [
				'authorization',
				'apikey',
				'x-client-info',
				'x-supabase-api-version',
				'content-type',
				'cache-control',
				'x-upsert',
				'x-metadata',
				'range',
				'if-none-match',
				'if-modified-since',
			],
			exposeHeaders: ['content-range', 'content-length', 'content-disposition', 'etag', 'last-modified', 'cache-control'],
			maxAge: 3600,
		}),
	)
	registerBucketRoutes(app, context)
	registerSignedUrlRoutes(app, context)
	registerObjectRoutes(app, context)

	app.notFound((c) => c.json({ statusCode: '404', error: 'Not Found', message: `Route ${c.req.method}:${c.req.path} not found` }, 404))
	app.onError((error, c) => {
		const storageError = error instanceof StorageError ? error : internalError(error)
		if (storageError.status >= 500) console.error('storage:', storageError.cause ?? error)
		return c.json(storageError.toBody(), statusOf(storageError.httpStatus))
	})
	return app
}

function statusOf(status: number) {
	return status === 416 ? 416 : status >= 500 ? 500 : 400
}
