import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { issueFormToken, MIN_FILL_MS } from '#app/petitions/signatures.server'
import { newAccount } from '#tests/helpers/accounts'
import { newConnection, postFrom, startDevServer, type Answer, type DevServer } from '#tests/helpers/dev-server'
import type { Petition } from '#tests/helpers/factories'
import { petitionWithOrganizer, signatureRows } from '#tests/helpers/petition-flow'
import { signIn } from '#tests/helpers/session'

// The signing fast path (app/http/signing-fast-path.server.ts, docs/decisions/084)
// answers the anonymous signing form before Remix. Each request here goes, over
// real HTTP as a browser without JavaScript sends it, to the app with the fast
// path and to the app without it (SIGNING_FAST_PATH=off: every request through
// Remix, as before): the answers must be the same, byte for byte once the
// per-request parts (nonce, form token, clock, timing) are set aside.

let fast: DevServer
let remix: DevServer

beforeAll(async () => {
	fast = await startDevServer()
	process.env.SIGNING_FAST_PATH = 'off'
	try {
		remix = await startDevServer()
	} finally {
		delete process.env.SIGNING_FAST_PATH
	}
}, 480_000)

afterAll(async () => {
	await Promise.all([fast?.stop(), remix?.stop()])
})

function email(label: string) {
	return `${label}-${randomBytes(5).toString('hex')}@example.org`
}

/** The signing form as the page sends it, filled in by someone who took their time. */
function form(petition: Petition, overrides: Record<string, string> = {}) {
	return {
		petitionId: petition.id,
		name: 'Robin Signer',
		email: email('signer'),
		country: 'US',
		postalCode: '20175',
		comment: '',
		website: '',
		formToken: issueFormToken(Date.now() - MIN_FILL_MS - 1000),
		...overrides,
	}
}

/** The headers that say the same thing on both servers: the ones that differ per request (date, timing, nonce) set aside. */
function comparableHeaders(answer: Answer, server: DevServer) {
	const skip = new Set(['date', 'server-timing', 'keep-alive', 'connection', 'content-length', 'transfer-encoding', 'etag'])
	return Object.fromEntries(
		Object.entries(answer.headers)
			.filter(([name]) => !skip.has(name))
			.map(([name, value]) => [
				name,
				String(value)
					.replace(/'nonce-[^']+'/g, "'nonce-…'")
					.replaceAll(server.url, '<origin>')
					.replaceAll(encodeURIComponent(server.url), '<origin>'),
			])
			.sort(([a = ''], [b = '']) => a.localeCompare(b)),
	)
}

/** The page, less what each render (and each server) makes anew: its nonce, a fresh form token, the clock, its address. */
function comparableBody(body: string, server: DevServer) {
	return (
		body
			.replaceAll(server.url, '<origin>')
			.replaceAll(encodeURIComponent(server.url), '<origin>')
			.replace(/nonce="[^"]*"/g, 'nonce="…"')
			// Each dev server's build has a version of its own.
			.replace(/"version": ?"[\d.]+"/g, '"version": "…"')
			.replace(/\d{13}\.[A-Za-z0-9_-]{20,}/g, '<form token>')
			.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<now>')
			.replace(/\bapp;dur=[\d.]+/g, 'app;dur=…')
	)
}

function tookFastPath(answer: Answer) {
	return String(answer.headers['server-timing'] ?? '').includes('sign;desc="fast path"')
}

async function expectSameAnswer(path: string, fields: (server: DevServer) => string, options: Parameters<typeof postFrom>[3] = {}) {
	const [viaFast, viaRemix] = [await postFrom(fast, path, fields(fast), options), await postFrom(remix, path, fields(remix), options)]
	expect(viaFast.status).toBe(viaRemix.status)
	expect(comparableHeaders(viaFast, fast)).toEqual(comparableHeaders(viaRemix, remix))
	const [bodyFast, bodyRemix] = [comparableBody(viaFast.body, fast), comparableBody(viaRemix.body, remix)]
	if (bodyFast !== bodyRemix) {
		// Where they part, with a little on either side (the whole page is too long to read in a diff).
		let at = 0
		while (bodyFast[at] === bodyRemix[at]) at++
		expect(bodyFast.slice(Math.max(0, at - 200), at + 200)).toBe(bodyRemix.slice(Math.max(0, at - 200), at + 200))
	}
	expect(bodyFast).toBe(bodyRemix)
	expect(tookFastPath(viaRemix)).toBe(false)
	return viaFast
}

test('a signature from the page’s form: the same redirect and headers as through Remix, stored once', async () => {
	const { petition } = await petitionWithOrganizer()
	const emails = new Map<DevServer, string>()
	const answer = await expectSameAnswer(`/petitions/${petition.slug}?index`, (server) => {
		const fields = form(petition, { email: email(server === fast ? 'fast' : 'remix') })
		emails.set(server, fields.email)
		return new URLSearchParams(fields).toString()
	})
	expect(answer.status).toBe(302)
	expect(answer.headers.location).toBe(`/petitions/${petition.slug}/signed?result=sent`)
	expect(answer.headers['set-cookie']).toBeUndefined()
	expect(answer.headers['content-security-policy']).toBeDefined()
	expect(tookFastPath(answer)).toBe(true)
	const rows = await signatureRows(petition.id)
	expect(rows.map((row) => [row.email, row.suspect_reason]).sort()).toEqual([...emails.values()].map((address) => [address, null]).sort())
}, 60_000)

test('a signature posted to the page without `?index` (as a script might): the same redirect', async () => {
	const { petition } = await petitionWithOrganizer()
	const answer = await expectSameAnswer(`/petitions/${petition.slug}`, () => new URLSearchParams(form(petition)).toString())
	expect(answer.status).toBe(302)
	expect(answer.headers.location).toBe(`/petitions/${petition.slug}/signed?result=sent`)
	expect(tookFastPath(answer)).toBe(true)
	expect(await signatureRows(petition.id)).toHaveLength(2)
}, 60_000)

test('behind a proxy (X-Forwarded-Host): the same redirect when the form came from the public host, Remix’s refusal when not', async () => {
	const { petition } = await petitionWithOrganizer()
	const fields = () => new URLSearchParams(form(petition)).toString()
	const proxied = { origin: 'https://petitions.example', forwardedHost: 'petitions.example' }
	const answer = await expectSameAnswer(`/petitions/${petition.slug}?index`, fields, proxied)
	expect(answer.status).toBe(302)
	expect(tookFastPath(answer)).toBe(true)
	const elsewhere = await expectSameAnswer(`/petitions/${petition.slug}?index`, fields, { ...proxied, forwardedHost: 'other.example' })
	expect(elsewhere.status).toBeGreaterThanOrEqual(400)
	expect(tookFastPath(elsewhere)).toBe(false)
	expect(await signatureRows(petition.id)).toHaveLength(2)
}, 60_000)

test('a signature from the embeddable form: the same redirect to the embed page', async () => {
	const { petition } = await petitionWithOrganizer()
	const answer = await expectSameAnswer(`/petitions/${petition.slug}/embed`, () => new URLSearchParams(form(petition)).toString())
	expect(answer.status).toBe(302)
	expect(answer.headers.location).toBe(`/petitions/${petition.slug}/embed?result=sent`)
	expect(tookFastPath(answer)).toBe(true)
	expect(await signatureRows(petition.id)).toHaveLength(2)
}, 60_000)

test('a form sent too fast, or with the honeypot filled, gets the same redirect and is stored as suspected', async () => {
	const { petition } = await petitionWithOrganizer()
	const tooFast = await expectSameAnswer(`/petitions/${petition.slug}?index`, () =>
		new URLSearchParams(form(petition, { formToken: issueFormToken() })).toString(),
	)
	expect(tooFast.headers.location).toBe(`/petitions/${petition.slug}/signed?result=sent`)
	expect(tookFastPath(tooFast)).toBe(true)
	const honeypot = await expectSameAnswer(`/petitions/${petition.slug}?index`, () =>
		new URLSearchParams(form(petition, { website: 'http://spam.example' })).toString(),
	)
	expect(tookFastPath(honeypot)).toBe(true)
	const reasons = (await signatureRows(petition.id)).map((row) => row.suspect_reason).sort()
	expect(reasons).toEqual(['honeypot', 'honeypot', 'too_fast', 'too_fast'])
}, 60_000)

test('a bad email, a missing name, an unknown ZIP: the same page with its errors, and nothing stored', async () => {
	const { petition } = await petitionWithOrganizer()
	const cases: Array<Record<string, string>> = [
		{ email: 'not-an-address' },
		{ name: '', email: 'dana@example.org' },
		{ postalCode: '00000', email: 'dana@example.org' },
		{ petitionId: 'nope', email: 'dana@example.org' },
	]
	for (const overrides of cases) {
		const answer = await expectSameAnswer(`/petitions/${petition.slug}?index`, () =>
			new URLSearchParams(form(petition, overrides)).toString(),
		)
		expect(answer.status, JSON.stringify(overrides)).toBe(400)
		expect(answer.headers['content-type']).toMatch(/^text\/html/)
		// What was typed comes back.
		expect(answer.body).toContain(`value="${overrides.email}"`)
	}
	const nameless = new URLSearchParams(form(petition, { name: '' })).toString()
	const embed = await expectSameAnswer(`/petitions/${petition.slug}/embed`, () => nameless)
	expect(embed.status).toBe(400)
	expect(await signatureRows(petition.id)).toHaveLength(0)
}, 120_000)

test('a closed petition: the same page saying so, and nothing stored', async () => {
	const { petition } = await petitionWithOrganizer({ status: 'closed' })
	// The same person trying on both: what was typed comes back the same.
	const fields = new URLSearchParams(form(petition)).toString()
	const answer = await expectSameAnswer(`/petitions/${petition.slug}?index`, () => fields)
	expect(answer.status).toBe(400)
	expect(answer.body).toContain('closed')
	expect(await signatureRows(petition.id)).toHaveLength(0)
}, 60_000)

test('many signatures from one address: each gets the same redirect (the petitions tick holds them later, as before)', async () => {
	const { petition } = await petitionWithOrganizer()
	const from = newConnection()
	for (let n = 0; n < 12; n++) {
		const answer = await expectSameAnswer(`/petitions/${petition.slug}?index`, () => new URLSearchParams(form(petition)).toString(), {
			from,
		})
		expect(answer.status).toBe(302)
		expect(tookFastPath(answer)).toBe(true)
	}
	expect(await signatureRows(petition.id)).toHaveLength(24)
}, 120_000)

test('a signed-in member’s one-click signature goes through Remix, as before; the anonymous form signs the same with or without a session', async () => {
	const { petition } = await petitionWithOrganizer()
	const accounts = new Map([
		[fast, await newAccount('fast-member')],
		[remix, await newAccount('remix-member')],
	])
	const cookies = new Map<DevServer, string>()
	for (const [server, account] of accounts) cookies.set(server, await signIn(account))
	const member = (server: DevServer) =>
		postFrom(server, `/petitions/${petition.slug}?index`, new URLSearchParams({ intent: 'member', petitionId: petition.id }).toString(), {
			cookie: cookies.get(server),
		})
	const [viaFast, viaRemix] = [await member(fast), await member(remix)]
	expect(viaFast.status).toBe(viaRemix.status)
	expect(viaFast.headers.location).toBe(viaRemix.headers.location)
	expect(Boolean(viaFast.headers['set-cookie'])).toBe(Boolean(viaRemix.headers['set-cookie']))
	expect(tookFastPath(viaFast)).toBe(false)

	const anonymous = async (server: DevServer) =>
		postFrom(server, `/petitions/${petition.slug}?index`, new URLSearchParams(form(petition)).toString(), { cookie: cookies.get(server) })
	const [signedFast, signedRemix] = [await anonymous(fast), await anonymous(remix)]
	expect(comparableHeaders(signedFast, fast)).toEqual(comparableHeaders(signedRemix, remix))
	expect(signedFast.headers['set-cookie']).toBeUndefined()
	expect(tookFastPath(signedFast)).toBe(true)
}, 120_000)

test('what the fast path leaves to Remix gets Remix’s answer: another site’s form, a multipart body, a single-fetch POST, another intent', async () => {
	const { petition } = await petitionWithOrganizer()
	const fields = () => new URLSearchParams(form(petition)).toString()
	const crossSite = await expectSameAnswer(`/petitions/${petition.slug}?index`, fields, { origin: 'https://elsewhere.example' })
	// Remix's own check refuses it before the action's (as before the fast path).
	expect(crossSite.status).toBe(500)
	expect(tookFastPath(crossSite)).toBe(false)

	const boundary = 'groundworkboundary'
	const multipart = () =>
		Object.entries(form(petition))
			.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
			.join('') + `--${boundary}--\r\n`
	const viaMultipart = await expectSameAnswer(`/petitions/${petition.slug}?index`, multipart, {
		contentType: `multipart/form-data; boundary=${boundary}`,
	})
	expect(viaMultipart.status).toBe(302)
	expect(tookFastPath(viaMultipart)).toBe(false)

	const singleFetch = await postFrom(fast, `/petitions/${petition.slug}.data?index`, fields())
	expect(singleFetch.status).toBe(202)
	expect(tookFastPath(singleFetch)).toBe(false)

	const otherIntent = await expectSameAnswer(`/petitions/${petition.slug}?index`, () =>
		new URLSearchParams({ ...form(petition), intent: 'other' }).toString(),
	)
	expect(otherIntent.status).toBe(302)
	expect(tookFastPath(otherIntent)).toBe(false)
	// A page of its own under /petitions/ is never taken for a petition.
	const newPetition = await expectSameAnswer('/petitions/new?index', fields)
	expect(tookFastPath(newPetition)).toBe(false)
	expect(await signatureRows(petition.id)).toHaveLength(5)
}, 120_000)
