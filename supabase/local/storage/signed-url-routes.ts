import { randomUUID } from 'node:crypto'
import type { Hono } from 'hono'
import type { StorageContext } from './context'
import { invalidRequest, noSuchKey } from './errors'
import { expiresInOf, objectParams, readJson, requireCaller } from './http'
import { decodeBase64, parseUserMetadata } from './incoming-file'
import { mustBeValidBucketName } from './names'
import { findObject, findObjectNames } from './object-rows'
import { serveObject } from './serve-object'
import { asCaller } from './transactions'
import { mayWrite, uploadObject } from './upload'
import { signDownloadToken, signUploadToken, verifyUrlToken } from './url-tokens'

const MAX_PATHS_PER_SIGN = 1000

/**
 * Signed URLs. Creating one needs the caller's SELECT (download) or INSERT
 * (upload) permission; using one needs only the token, which names the
 * object and what it may be used for.
 */
export function registerSignedUrlRoutes(app: Hono, context: StorageContext) {
	const { pool, keys } = context

	app.get('/object/sign/:bucket/:name{.+}', async (c) => {
		const { bucketId, name } = objectParams(c)
		const token = await verifyUrlToken(keys, c.req.query('token'), `${bucketId}/${name}`, 'download')
		const object = await findObject(pool, bucketId, name)
		if (!object) throw noSuchKey()
		return serveObject(context, c.req.raw, object, {
			download: c.req.query('download'),
			expires: new Date(token.exp * 1000),
		})
	})

	app.post('/object/sign/:bucket/:name{.+}', async (c) => {
		const caller = await requireCaller(context, c)
		const { bucketId, name } = objectParams(c)
		const expiresIn = expiresInOf(await readJson(c))
		const object = await asCaller(pool, caller, 'storage.object.sign', (client) => findObject(client, bucketId, name))
		if (!object) throw noSuchKey()
		const url = `${bucketId}/${name}`
		const token = await signDownloadToken(keys, url, expiresIn)
		// Unencoded: supabase-js runs encodeURI over it.
		return c.json({ signedURL: `/object/sign/${url}?token=${token}` })
	})

	app.post('/object/sign/:bucket', async (c) => {
		const caller = await requireCaller(context, c)
		const bucketId = mustBeValidBucketName(c.req.param('bucket'))
		const body = await readJson(c)
		const expiresIn = expiresInOf(body)
		const { paths } = body
		if (!Array.isArray(paths) || !paths.every((path) => typeof path === 'string')) {
			throw invalidRequest('body/paths must be an array of strings')
		}
		if (paths.length > MAX_PATHS_PER_SIGN) throw invalidRequest(`At most ${MAX_PATHS_PER_SIGN} paths can be signed at once`)
		const visible = await asCaller(pool, caller, 'storage.object.sign_many', (client) => findObjectNames(client, bucketId, paths))
		const signed = await Promise.all(
			paths.map(async (path: string) => {
				if (!visible.has(path)) {
					return { error: 'Either the object does not exist or you do not have access to it', path, signedURL: null }
				}
				const url = `${bucketId}/${path}`
				const token = await signDownloadToken(keys, url, expiresIn)
				return { error: null, path, signedURL: `/object/sign/${url}?token=${token}` }
			}),
		)
		return c.json(signed)
	})

	app.post('/object/upload/sign/:bucket/:name{.+}', async (c) => {
		const caller = await requireCaller(context, c)
		const { bucketId, name } = objectParams(c)
		const upsert = c.req.header('x-upsert') === 'true'
		const declared = Number(c.req.header('content-length'))
		await mayWrite(
			context,
			{ caller, operation: 'storage.object.sign_upload_url' },
			{
				bucketId,
				name,
				owner: caller.sub,
				version: randomUUID(),
				metadata: {
					mimetype: c.req.header('content-type'),
					contentLength: Number.isInteger(declared) ? declared : undefined,
				},
				userMetadata: parseUserMetadata(decodeBase64(c.req.header('x-metadata') ?? null)),
				upsert,
			},
		)
		const url = `${bucketId}/${name}`
		const token = await signUploadToken(keys, url, caller.sub, upsert)
		return c.json({ url: `/object/upload/sign/${url}?token=${token}`, token })
	})

	app.put('/object/upload/sign/:bucket/:name{.+}', async (c) => {
		const { bucketId, name } = objectParams(c)
		const token = await verifyUrlToken(keys, c.req.query('token'), `${bucketId}/${name}`, 'upload')
		await uploadObject(context, c.req.raw, {
			bucketId,
			name,
			owner: typeof token.claims.owner === 'string' ? token.claims.owner : undefined,
			upsert: token.claims.upsert === true,
		})
		return c.json({ Key: `${bucketId}/${name}` })
	})
}
