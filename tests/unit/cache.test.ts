import { expect, test } from 'vitest'
import { notModified, PUBLIC_MAX_AGE_S, publicCacheHeaders } from '#app/petitions/cache.server'

const page = 'http://localhost:3000/petitions/pause-zoning'

test('a visitor’s copy of a public page may be shared by caches for a few seconds and revalidated by its ETag', () => {
	const headers = publicCacheHeaders(new Request(page), { signedIn: false, version: '42-7' })
	expect(headers.get('Cache-Control')).toBe(`public, max-age=${PUBLIC_MAX_AGE_S}, s-maxage=${PUBLIC_MAX_AGE_S}, stale-while-revalidate=60`)
	expect(headers.get('ETag')).toBe('W/"42-7"')
	expect(headers.get('Vary')).toBe('Cookie')
})

test('anyone signed in, or carrying an auth cookie, gets a private copy with no ETag', () => {
	for (const [request, signedIn] of [
		[new Request(page), true],
		[new Request(page, { headers: { Cookie: 'sb-127-auth-token=abc' } }), false],
	] as const) {
		const headers = publicCacheHeaders(request, { signedIn, version: '42-7' })
		expect(headers.get('Cache-Control')).toBe('private, no-cache')
		expect(headers.get('ETag')).toBeNull()
		expect(headers.get('Vary')).toBe('Cookie')
	}
})

test('a reader whose copy is current gets 304; anyone else gets the page', () => {
	const headers = publicCacheHeaders(new Request(page), { signedIn: false, version: '42-7' })
	const ask = (ifNoneMatch?: string) =>
		notModified(new Request(page, { headers: ifNoneMatch ? { 'If-None-Match': ifNoneMatch } : {} }), headers)
	expect(ask('W/"42-7"')?.status).toBe(304)
	expect(ask('W/"41-7", W/"42-7"')?.status).toBe(304)
	expect(ask('W/"42-8"')).toBeNull()
	expect(ask()).toBeNull()
	expect(notModified(new Request(page, { headers: { 'If-None-Match': 'W/"42-7"' } }), new Headers())).toBeNull()
})
