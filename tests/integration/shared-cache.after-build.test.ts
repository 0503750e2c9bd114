import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { SHARED_TTL_MS } from '#app/http/shared-cache.server'
import { projectRoot } from '#supabase/local/config'
import { newAccount } from '#tests/helpers/accounts'
import { petitionWithOrganizer } from '#tests/helpers/petition-flow'
import { signIn } from '#tests/helpers/session'

// Issue 14: the production server shares a moment's render of a public page
// between anonymous visitors (app/http/shared-cache.server.ts, decision 064).
// Over HTTP, against app/server.mjs: a visitor who is signed in, or whose
// form has errors, never gets anyone else's page, and their page is never
// given to anyone else. Needs the production build (`npm test` runs it after
// `remix vite:build`); traffic goes to 127.0.0.1 only.

let server: ChildProcess
let base = ''
let output = ''
const run = randomUUID().slice(0, 8)

beforeAll(async () => {
	expect(existsSync(path.join(projectRoot, 'build/server/index.js')), 'run `npx remix vite:build` first').toBe(true)
	const port = await freePort()
	base = `http://127.0.0.1:${port}`
	server = spawn(process.execPath, [path.join(projectRoot, 'app/server.mjs')], {
		cwd: projectRoot,
		env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', SITE_URL: base, WORKER: 'off' },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000))
	server.stdout?.on('data', keep)
	server.stderr?.on('data', keep)
	for (let attempt = 0; attempt < 120; attempt++) {
		if (server.exitCode !== null) throw new Error(`the server exited:\n${output}`)
		const status = await fetch(`${base}/`).then(
			(response) => response.status,
			() => 0,
		)
		if (status > 0 && status < 500) return
		await new Promise((resolve) => setTimeout(resolve, 250))
	}
	throw new Error(`the server did not answer:\n${output}`)
})

afterAll(async () => {
	if (!server || server.exitCode !== null) return
	const exited = new Promise((resolve) => server.once('exit', resolve))
	server.kill('SIGTERM')
	await exited
})

const cacheOf = (response: Response) => /cache;desc=(\w+)/.exec(response.headers.get('Server-Timing') ?? '')?.[1] ?? 'none'
const afterTtl = () => new Promise((resolve) => setTimeout(resolve, SHARED_TTL_MS + 100))

async function get(pathname: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${base}${pathname}`, { headers, redirect: 'manual' })
	return { response, body: await response.text() }
}

test('anonymous visitors share one render of a petition page for a moment, then get a new one', async () => {
	const { petition } = await petitionWithOrganizer()
	const page = `/petitions/${petition.slug}`
	const first = await get(page)
	expect(first.response.status).toBe(200)
	expect(cacheOf(first.response)).toBe('miss')
	const second = await get(page)
	expect(cacheOf(second.response)).toBe('shared')
	expect(second.body).toBe(first.body)
	// The shared copy goes out with the headers its body was made with: the CSP nonce is the body's.
	const nonce = /'nonce-([^']+)'/.exec(second.response.headers.get('Content-Security-Policy') ?? '')?.[1]
	expect(nonce && second.body.includes(`nonce="${nonce}"`)).toBe(true)
	expect(second.response.headers.get('Cache-Control')).toMatch(/^public, max-age=2, s-maxage=2/)
	expect(second.response.headers.get('Vary')).toMatch(/Cookie/i)
	expect(second.response.headers.get('Set-Cookie')).toBeNull()

	// Revalidating with the shared copy's ETag: 304 without running the loader.
	const etag = second.response.headers.get('ETag') ?? ''
	const revalidated = await get(page, { 'If-None-Match': etag })
	expect(revalidated.response.status).toBe(304)
	expect(revalidated.body).toBe('')

	await afterTtl()
	const later = await get(page)
	expect(cacheOf(later.response)).toBe('miss')
})

test('a signed-in visitor never gets the shared page, and their page is never given to anyone else', async () => {
	const name = `Quinn Cachecheck ${run}`
	const member = await newAccount('cache-member', name)
	const cookie = await signIn(member)
	const { petition } = await petitionWithOrganizer()
	const page = `/petitions/${petition.slug}`

	// Signed in first, with nothing cached yet: their page is not kept.
	const mine = await get(page, { Cookie: cookie })
	expect(mine.response.status).toBe(200)
	expect(cacheOf(mine.response)).toBe('none')
	expect(mine.response.headers.get('Cache-Control')).toBe('private, no-cache')
	expect(mine.body).toContain(name)
	const anonymous = await get(page)
	expect(cacheOf(anonymous.response)).toBe('miss')
	expect(anonymous.body).not.toContain(name)

	// With an anonymous copy cached: the signed-in visitor still gets their own page.
	const again = await get(page, { Cookie: cookie })
	expect(cacheOf(again.response)).toBe('none')
	expect(again.body).toContain(name)
	expect(again.body).not.toBe(anonymous.body)
	const shared = await get(page)
	expect(cacheOf(shared.response)).toBe('shared')
	expect(shared.body).not.toContain(name)
})

test('a signing form with errors is answered for that visitor alone, and never kept', async () => {
	const { petition } = await petitionWithOrganizer()
	const page = `/petitions/${petition.slug}`
	const typed = `Errol Formcheck ${run}`
	const before = await get(page)
	expect(cacheOf(before.response)).toBe('miss')

	const form = new URLSearchParams({
		petitionId: petition.id,
		name: typed,
		email: 'not an address',
		country: 'US',
		postalCode: '20175',
		comment: '',
		website: '',
	})
	const posted = await fetch(`${base}${page}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
		body: form,
		redirect: 'manual',
	})
	const errorPage = await posted.text()
	expect(posted.status).toBe(400)
	expect(cacheOf(posted)).toBe('none')
	// Nor may a cache in front keep it: the page's own public headers do not apply to an answer to a form.
	expect(posted.headers.get('Cache-Control')).toBe('private, no-store')
	expect(errorPage).toContain(typed)
	expect(errorPage).not.toBe(before.body)

	// Those who come after get the page without the errors or the typed name, now and after a new render.
	const after = await get(page)
	expect(cacheOf(after.response)).toBe('shared')
	expect(after.body).not.toContain(typed)
	await afterTtl()
	const fresh = await get(page)
	expect(cacheOf(fresh.response)).toBe('miss')
	expect(fresh.body).not.toContain(typed)
})

test('any cookie, a query string or an unlisted page goes past the shared cache', async () => {
	const { petition } = await petitionWithOrganizer()
	const page = `/petitions/${petition.slug}`
	await get(page)
	expect(cacheOf((await get(page, { Cookie: 'theme=dark' })).response)).toBe('none')
	expect(cacheOf((await get(`${page}?result=sent`)).response)).toBe('none')
	expect(cacheOf((await get('/petitions')).response)).toBe('none')
	expect(cacheOf((await get('/no-such-page-here')).response)).toBe('none')
	// Home, chapter list: shared like the petition page.
	await get('/')
	expect(cacheOf((await get('/')).response)).toBe('shared')
})

/** A port nobody is listening on, from the operating system. */
function freePort() {
	return new Promise<number>((resolve, reject) => {
		const probe = net.createServer()
		probe.once('error', reject)
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address()
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
		})
	})
}

test('a shared page kept compressed is the same page: brotli, gzip and plain copies hold the same bytes, and a signed-in visitor gets none of them', async () => {
	const { petition } = await petitionWithOrganizer()
	const page = `/petitions/${petition.slug}`
	// Three visitors within the same second: one render, three encodings of it.
	const plain = await raw(page, {})
	const brotli = await raw(page, { 'Accept-Encoding': 'br' })
	const gzip = await raw(page, { 'Accept-Encoding': 'gzip' })
	expect([plain.cache, brotli.cache, gzip.cache]).toEqual(['miss', 'shared', 'shared'])
	expect(plain.encoding).toBeUndefined()
	expect(brotli.encoding).toBe('br')
	expect(gzip.encoding).toBe('gzip')
	expect(zlib.brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true)
	expect(zlib.gunzipSync(gzip.body).equals(plain.body)).toBe(true)

	const cookie = await signIn(await newAccount('compressed'))
	const mine = await raw(page, { 'Accept-Encoding': 'br', Cookie: cookie })
	expect(mine.cache).toBe('none')
	const body = mine.encoding === 'br' ? zlib.brotliDecompressSync(mine.body) : mine.body
	expect(body.equals(plain.body)).toBe(false)
})

/** One answer as it came over the wire, not decoded (fetch would decode it). */
function raw(pathname: string, headers: Record<string, string>) {
	return new Promise<{ body: Buffer; encoding: string | undefined; cache: string }>((resolve, reject) => {
		const target = new URL(`${base}${pathname}`)
		const request = http.request({ host: target.hostname, port: target.port, path: target.pathname, headers }, (response) => {
			const chunks: Buffer[] = []
			response.on('data', (chunk: Buffer) => chunks.push(chunk))
			response.on('end', () =>
				resolve({
					body: Buffer.concat(chunks),
					encoding: response.headers['content-encoding'],
					cache: /cache;desc=(\w+)/.exec(String(response.headers['server-timing'] ?? ''))?.[1] ?? 'none',
				}),
			)
		})
		request.on('error', reject)
		request.end()
	})
}
