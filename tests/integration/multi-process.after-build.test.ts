import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { SHARED_TTL_MS } from '#app/http/shared-cache.server'
import { TICK_MS } from '#app/petitions/jobs.server'
import { MIN_FILL_MS } from '#app/petitions/signatures.server'
import { newAccount, PASSWORD } from '#tests/helpers/accounts'
import { waitForEmail } from '#tests/helpers/mailbox'
import { petitionWithOrganizer, withClient } from '#tests/helpers/petition-flow'
import {
	confirmationsByAddress,
	formTokenOn,
	freePort,
	hasProductionBuild,
	sign,
	startServer,
	stopServer,
	waitForHttp,
	type Server,
	type Signer,
} from '#tests/helpers/production-server'

// Issue 14, goal 8: two production app processes with WORKER=off and one
// `npm run worker` process (app/server.mjs --worker-only) on one database,
// as two hosts behind an ordinary load balancer would run them. They behave
// as one site: a session made on one works on the other, a rate limit counts
// across both, a signature confirmed on one shows on the other within the
// shared cache's staleness, and every confirmation email goes out once.
// Needs the production build (`npm test` runs it after `remix vite:build`);
// traffic goes to 127.0.0.1 only and is bounded.

let one: Server | undefined
let two: Server | undefined
let worker: Server | undefined

beforeAll(async () => {
	expect(hasProductionBuild(), 'run `npx remix vite:build` first').toBe(true)
	const [portOne, portTwo, portWorker] = [await freePort(), await freePort(), await freePort()]
	// Behind the balancer they share the site's address, and each sees the visitor's own IP.
	const site = { SITE_URL: `http://127.0.0.1:${portOne}`, TRUST_PROXY: '1' }
	one = startServer(portOne, { ...site, WORKER: 'off' })
	two = startServer(portTwo, { ...site, WORKER: 'off' })
	worker = startServer(portWorker, site, ['--worker-only'])
	await Promise.all([waitForHttp(`${one.base}/`, one), waitForHttp(`${two.base}/`, two)])
}, 90_000)

afterAll(async () => {
	await Promise.all([stopServer(one), stopServer(two), stopServer(worker)])
})

function base(server: Server | undefined) {
	if (!server) throw new Error('not started')
	return server.base
}

let ipCounter = 0
/** An address no other request in this file uses, as the balancer would pass it on. */
function freshIp() {
	ipCounter++
	return `198.19.${Math.floor(ipCounter / 250) + 100}.${(ipCounter % 250) + 1}`
}

async function signInOver(server: Server | undefined, email: string, password: string) {
	const target = base(server)
	return fetch(`${target}/signin`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: target, 'X-Forwarded-For': freshIp() },
		body: new URLSearchParams({ email, password }),
		redirect: 'manual',
	})
}

const countOn = (html: string) =>
	Number(/<span class="text-3xl font-bold">([\d,]+)<\/span>/.exec(html)?.[1]?.replaceAll(',', '') ?? Number.NaN)

test('a session made on one process works on the other', async () => {
	const name = `Sam Sessioncheck ${randomUUID().slice(0, 8)}`
	const member = await newAccount('two-process-member', name)
	const signedIn = await signInOver(one, member.email, PASSWORD)
	expect(signedIn.status).toBe(302)
	const cookie = signedIn.headers
		.getSetCookie()
		.map((line) => line.split(';')[0] ?? '')
		.join('; ')
	expect(cookie).not.toBe('')

	const { petition } = await petitionWithOrganizer()
	const elsewhere = await fetch(`${base(two)}/petitions/${petition.slug}`, { headers: { Cookie: cookie } })
	expect(elsewhere.status).toBe(200)
	expect(elsewhere.headers.get('Cache-Control')).toBe('private, no-cache')
	expect(await elsewhere.text()).toContain(name)
})

test('a rate limit counts the attempts made on both processes', async () => {
	const member = await newAccount('two-process-limit')
	// Ten wrong passwords for one account, five on each process, each from its own address…
	for (const server of [one, two, one, two, one, two, one, two, one, two]) {
		const wrong = await signInOver(server, member.email, 'not the password at all')
		expect(wrong.status).toBe(400)
		expect(await wrong.text()).toContain('That email and password do not match an account')
	}
	// …and the eleventh, even with the right password, is held back on either: neither saw ten alone.
	for (const server of [one, two]) {
		const held = await signInOver(server, member.email, PASSWORD)
		expect(held.status).toBe(429)
		expect(await held.text()).toContain('Too many sign-in attempts')
	}
})

test('a signature made on one process and confirmed on the other shows on both within the cache’s staleness', async () => {
	const { petition } = await petitionWithOrganizer()
	const page = `/petitions/${petition.slug}`
	const before = countOn(await (await fetch(`${base(two)}${page}`)).text())
	expect(before).toBe(0)
	const formToken = await formTokenOn(`${base(one)}${page}`)
	await new Promise((resolve) => setTimeout(resolve, MIN_FILL_MS + 200))
	const run = randomUUID().slice(0, 8)
	const signer: Signer = { email: `visible@${run}.example`, ip: freshIp() }
	const agent = new http.Agent({ keepAlive: false })
	expect(await sign(agent, `${base(one)}${page}`, petition.id, formToken, signer)).toBe(true)

	// The worker process, and only it, sends the confirmation; the link is opened on the other process.
	const email = await waitForEmail(signer.email, /^Confirm your signature/)
	const link = /https?:\/\/\S+\/petitions\/\S+\/confirm\?token=[\w-]+/.exec(email.Text)?.[0]
	if (!link) throw new Error(`no confirmation link in: ${email.Text}`)
	const confirmUrl = new URL(link)
	const confirmed = await fetch(`${base(two)}${confirmUrl.pathname}${confirmUrl.search}`)
	expect(confirmed.status).toBe(200)
	const confirmedAt = Date.now()

	// Folded by the worker's tick, then served from each process's shared render: both show it soon.
	const bound = TICK_MS + SHARED_TTL_MS + 3_000
	const seenAfter = await Promise.all(
		[one, two].map(async (server) => {
			for (;;) {
				const count = countOn(await (await fetch(`${base(server)}${page}`)).text())
				if (count === 1) return Date.now() - confirmedAt
				if (Date.now() - confirmedAt > bound * 3) return Number.POSITIVE_INFINITY
				await new Promise((resolve) => setTimeout(resolve, 100))
			}
		}),
	)
	for (const ms of seenAfter) expect(ms).toBeLessThan(bound)
}, 60_000)

test('signatures made on both processes get one confirmation email each, from the worker', async () => {
	const { petition } = await petitionWithOrganizer({ goal: 1000 })
	const page = `/petitions/${petition.slug}`
	const run = randomUUID().slice(0, 8)
	const signers: Signer[] = Array.from({ length: 60 }, (_, n) => ({ email: `both-${n}@d${n % 6}.${run}.example`, ip: freshIp() }))
	const tokens = [await formTokenOn(`${base(one)}${page}`), await formTokenOn(`${base(two)}${page}`)]
	await new Promise((resolve) => setTimeout(resolve, MIN_FILL_MS + 200))
	const agent = new http.Agent({ keepAlive: true, maxSockets: 8 })
	const answers = await Promise.all(
		signers.map((signer, n) => sign(agent, `${base(n % 2 ? two : one)}${page}`, petition.id, tokens[n % 2] ?? '', signer)),
	)
	agent.destroy()
	expect(answers.every(Boolean)).toBe(true)

	const deadline = Date.now() + 30_000
	let delivered = await confirmationsByAddress(run)
	while (delivered.size < signers.length && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 250))
		delivered = await confirmationsByAddress(run)
	}
	// A moment more, for any second copy to arrive.
	await new Promise((resolve) => setTimeout(resolve, 2 * TICK_MS + 500))
	delivered = await confirmationsByAddress(run)
	expect([...delivered.keys()].sort()).toEqual(signers.map((signer) => signer.email).sort())
	expect([...delivered.values()].every((count) => count === 1)).toBe(true)
	const stored = await withClient(
		async (client) =>
			(await client.query<{ n: number }>(`select count(*)::int as n from public.signatures where petition_id = $1`, [petition.id])).rows[0]
				?.n,
	)
	expect(stored).toBe(signers.length)
}, 90_000)
