import { expect, test } from 'vitest'
import {
	keepable,
	matchesEtag,
	preferredEncoding,
	shareable,
	SHARED_TTL_MS,
	SharedCache,
	type CachedAnswer,
} from '#app/http/shared-cache.server'

// The rules for what the one way into Remix shares between anonymous visitors
// (docs/decisions/064); the integration test tests/integration/shared-cache.after-build.test.ts
// proves them over HTTP against the production server.

const url = (path: string) => new URL(path, 'http://127.0.0.1:3000')

test('only a GET or HEAD of a public page, with no cookie, no Authorization and no query, is shareable', () => {
	expect(shareable('GET', url('/petitions/stop-the-plant'), {})).toEqual({ key: '/petitions/stop-the-plant' })
	expect(shareable('HEAD', url('/'), {})).toEqual({ key: '/' })
	expect(shareable('GET', url('/chapters/prince-william-neighbors'), {})).not.toBeNull()
	expect(shareable('GET', url('/projects/stargate-the-barn-mi'), {})).not.toBeNull()
	expect(shareable('POST', url('/petitions/stop-the-plant'), {})).toBeNull()
	expect(shareable('GET', url('/petitions/stop-the-plant'), { cookie: 'sb-127-auth-token=x' })).toBeNull()
	expect(shareable('GET', url('/petitions/stop-the-plant'), { cookie: 'anything=1' })).toBeNull()
	expect(shareable('GET', url('/petitions/stop-the-plant'), { authorization: 'Bearer x' })).toBeNull()
	expect(shareable('GET', url('/petitions/stop-the-plant?result=sent'), {})).toBeNull()
	expect(shareable('GET', url('/petitions/stop-the-plant.data'), {})).toBeNull()
	expect(shareable('GET', url('/petitions/stop-the-plant/manage'), {})).toBeNull()
	expect(shareable('GET', url('/account'), {})).toBeNull()
	expect(shareable('GET', url('/projects'), {})).toBeNull()
})

test('an answer is kept only when it is a 200 that sets no cookie and is not private', () => {
	const page = (init: ResponseInit) => new Response('<html></html>', init)
	expect(keepable(page({ status: 200 }))).toBe(true)
	expect(keepable(page({ status: 200, headers: { 'Cache-Control': 'public, max-age=2', Vary: 'Cookie' } }))).toBe(true)
	expect(keepable(page({ status: 404 }))).toBe(false)
	expect(keepable(new Response(null, { status: 302, headers: { Location: '/' } }))).toBe(false)
	expect(keepable(page({ status: 200, headers: { 'Set-Cookie': 'a=b' } }))).toBe(false)
	expect(keepable(page({ status: 200, headers: { 'Cache-Control': 'private, no-cache' } }))).toBe(false)
	expect(keepable(page({ status: 200, headers: { 'Cache-Control': 'no-store' } }))).toBe(false)
	expect(keepable(page({ status: 200, headers: { Vary: 'Accept-Language' } }))).toBe(false)
})

function answer(body: string, expires: number): CachedAnswer {
	return { status: 200, statusText: '', headers: [], body: Buffer.from(body), gzip: null, br: null, etag: 'W/"1"', expires }
}

test('an entry lives SHARED_TTL_MS, and a crowd arriving together waits for one render', async () => {
	let now = 1_000_000
	const cache = new SharedCache(() => now)
	let renders = 0
	let release: () => void = () => {}
	const gate = new Promise<void>((resolve) => (release = resolve))
	const make = async () => {
		renders++
		await gate
		return answer('page', now + SHARED_TTL_MS)
	}
	const first = cache.fill('/p', make)
	const waiting = Promise.all([cache.getOrWait('/p'), cache.getOrWait('/p'), cache.fill('/p', make)])
	release()
	const [a, b, c] = await waiting
	expect((await first)?.body.toString()).toBe('page')
	expect([a?.body.toString(), b?.body.toString(), c?.body.toString()]).toEqual(['page', 'page', 'page'])
	expect(renders).toBe(1)
	expect(cache.get('/p')).not.toBeNull()
	now += SHARED_TTL_MS
	expect(cache.get('/p')).toBeNull()
})

test('a render that may not be kept or that fails is given to nobody else', async () => {
	const cache = new SharedCache()
	expect(await cache.fill('/a', async () => null)).toBeNull()
	expect(await cache.getOrWait('/a')).toBeNull()
	expect(await cache.fill('/b', () => Promise.reject(new Error('db down')))).toBeNull()
	expect(cache.get('/b')).toBeNull()
})

test('If-None-Match matches the kept ETag', () => {
	expect(matchesEtag('W/"1-2"', 'W/"1-2"')).toBe(true)
	expect(matchesEtag('W/"0", W/"1-2"', 'W/"1-2"')).toBe(true)
	expect(matchesEtag('W/"1-3"', 'W/"1-2"')).toBe(false)
	expect(matchesEtag(undefined, 'W/"1-2"')).toBe(false)
	expect(matchesEtag('W/"1-2"', null)).toBe(false)
})

test('a kept page goes out brotli or gzip compressed as the compression middleware would choose, else is left to it', () => {
	expect(preferredEncoding('gzip, deflate, br')).toBe('br')
	expect(preferredEncoding('gzip, br')).toBe('br')
	expect(preferredEncoding('gzip')).toBe('gzip')
	expect(preferredEncoding('br;q=0.5, gzip')).toBe('gzip')
	expect(preferredEncoding('gzip;q=0.8, br;q=0.8')).toBe('br')
	expect(preferredEncoding('*')).toBe('br')
	expect(preferredEncoding('*, br;q=0')).toBe('gzip')
	expect(preferredEncoding('br;q=0, gzip;q=0')).toBeNull()
	expect(preferredEncoding('deflate')).toBeNull()
	expect(preferredEncoding('identity')).toBeNull()
	expect(preferredEncoding('identity, gzip;q=0.5')).toBeNull()
	expect(preferredEncoding('')).toBeNull()
	expect(preferredEncoding(undefined)).toBeNull()
})
