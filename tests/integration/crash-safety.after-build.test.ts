import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { expect, test } from 'vitest'
import { MIN_FILL_MS } from '#app/petitions/signatures.server'
import { projectRoot } from '#supabase/local/config'
import { petitionWithOrganizer, withClient } from '#tests/helpers/petition-flow'

// Issue 8, "crash safety": the production server (app/server.mjs with its job
// worker) is killed with SIGKILL in the middle of a surge of signing, then
// started again. Every signature that got a success answer is stored once,
// and every stored signature's confirmation email is delivered exactly once.
// It needs the production build, so `npm test` runs it in a step of its own
// after `remix vite:build` (vitest.after-build.config.ts); traffic goes to
// 127.0.0.1 only and is bounded.

/** At most this many signers, CONCURRENCY at a time, each pausing PAUSE_MS between two signatures: a few seconds of surge. */
const MAX_SIGNERS = 400
const CONCURRENCY = 8
const PAUSE_MS = 20
/** SIGKILL once this many signers have had their answer and the worker is delivering confirmations… */
const KILL_AFTER = 80
const KILL_AFTER_EMAILS = 3
/** … or, on a machine so slow that no email has gone yet, at this many answers: still mid-surge. */
const KILL_AT_THE_LATEST = 300

type Signer = { email: string; ip: string }
type Server = { child: ChildProcess; output: () => string }

test('a production server killed mid-surge loses no answered signature, stores none twice, and sends each confirmation once after the restart', async () => {
	expect(existsSync(path.join(projectRoot, 'build/server/index.js')), 'run `npx remix vite:build` first').toBe(true)
	const { petition } = await petitionWithOrganizer({ goal: 1000 })
	const run = randomUUID().slice(0, 8)
	// Own addresses (the rate limits allow 10 per IP address) and small domains (100 per domain).
	const signers: Signer[] = Array.from({ length: MAX_SIGNERS }, (_, n) => ({
		email: `crash-${n}@d${n % 30}.${run}.example`,
		ip: `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}`,
	}))
	const port = await freePort()
	const base = `http://127.0.0.1:${port}`
	const pageUrl = `${base}/petitions/${petition.slug}`

	let server = startServer(port)
	const answered = new Set<string>()
	try {
		await waitForHttp(pageUrl, server)
		const formToken = await formTokenOn(pageUrl)
		// A person takes longer than this to read the petition and type; the token says when the form was shown.
		await new Promise((resolve) => setTimeout(resolve, MIN_FILL_MS + 200))

		// The surge, and the kill in the middle of it: signers keep coming until the server is
		// gone; it is killed once enough have signed and confirmations are going out.
		const first = server
		const killed = new Promise<void>((resolve) => first.child.once('exit', () => resolve()))
		const kill = () => {
			if (first.child.exitCode === null && !first.child.killed) first.child.kill('SIGKILL')
		}
		let dead = false
		void killed.then(() => {
			dead = true
		})
		const tried: Signer[] = []
		const failed: Signer[] = []
		const queue = [...signers]
		const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
		let delivered = 0
		const watcher = (async () => {
			while (!dead) {
				delivered = (await confirmationsByAddress(run)).size
				if ((answered.size >= KILL_AFTER && delivered >= KILL_AFTER_EMAILS) || answered.size >= KILL_AT_THE_LATEST) kill()
				await new Promise((resolve) => setTimeout(resolve, 100))
			}
		})()
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				for (let signer = queue.shift(); signer && !dead; signer = queue.shift()) {
					tried.push(signer)
					if (await sign(agent, pageUrl, petition.id, formToken, signer)) answered.add(signer.email)
					else failed.push(signer)
					if (answered.size >= KILL_AT_THE_LATEST) kill()
					await new Promise((resolve) => setTimeout(resolve, PAUSE_MS))
				}
			}),
		)
		// Never reached while signers remain; if it is, the assertion below says so.
		kill()
		await killed
		await watcher
		agent.destroy()
		console.info(`crash test: ${answered.size} answered, ${failed.length} cut off, ${delivered} confirmations delivered before the kill`)
		expect(answered.size).toBeGreaterThanOrEqual(KILL_AFTER)
		expect(queue.length, 'signers still waiting when the server died').toBeGreaterThan(0)

		// Started again; the people whose page did not answer press the button again.
		server = startServer(port)
		await waitForHttp(pageUrl, server)
		const retry = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
		for (const signer of failed) {
			const ok = await sign(retry, pageUrl, petition.id, formToken, signer)
			expect(ok, `${signer.email} after the restart`).toBe(true)
			answered.add(signer.email)
		}
		retry.destroy()

		// Stored once each: the unique key holds, and nothing answered was lost.
		const stored = await withClient(async (client) => {
			const { rows } = await client.query<{ email: string; n: number }>(
				`select email, count(*)::int as n from public.signatures where petition_id = $1 group by email`,
				[petition.id],
			)
			return new Map(rows.map((row) => [row.email, row.n]))
		})
		expect(tried.filter((signer) => stored.get(signer.email) !== 1).map((signer) => [signer.email, stored.get(signer.email) ?? 0])).toEqual(
			[],
		)
		expect(stored.size).toBe(tried.length)

		// Every confirmation delivered: wait until the worker has looked at every signature and the
		// queue holds no email for them, then each address has exactly one.
		await expect
			.poll(() => outstanding(petition.id, run), {
				timeout: 40_000,
				interval: 500,
				message: 'signatures unprocessed or emails still queued',
			})
			.toEqual({ unprocessed: 0, queued: 0 })
		console.info(
			`crash test, after the restart: ${/(\d+) job\(s\) locked by/.exec(server.output())?.[1] ?? 'no'} job(s) the killed worker had locked went back to the queue`,
		)
		const inbox = await confirmationsByAddress(run)
		expect(tried.filter((signer) => inbox.get(signer.email) !== 1).map((signer) => [signer.email, inbox.get(signer.email) ?? 0])).toEqual(
			[],
		)
	} catch (error) {
		console.error(`server output:\n${server.output()}`)
		throw error
	} finally {
		await stopServer(server)
	}
}, 90_000)

function startServer(port: number): Server {
	const child = spawn(process.execPath, [path.join(projectRoot, 'app/server.mjs')], {
		cwd: projectRoot,
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			SITE_URL: `http://127.0.0.1:${port}`,
			// As behind a proxy: each signer's own address, so the per-IP limits hold back none of them.
			TRUST_PROXY: '1',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let output = ''
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-20_000)
	}
	child.stdout?.on('data', keep)
	child.stderr?.on('data', keep)
	return { child, output: () => output }
}

async function stopServer(server: Server) {
	if (server.child.exitCode !== null || server.child.signalCode !== null) return
	const exited = new Promise((resolve) => server.child.once('exit', resolve))
	server.child.kill('SIGTERM')
	await exited
}

/** Posts the signing form as a browser without JavaScript does; true for the "check your email" redirect. */
function sign(agent: http.Agent, url: string, petitionId: string, formToken: string, signer: Signer) {
	const body = new URLSearchParams({
		petitionId,
		formToken,
		name: 'Crash Test Signer',
		email: signer.email,
		country: 'US',
		postalCode: '20175',
		comment: '',
		website: '',
	}).toString()
	const target = new URL(url)
	return new Promise<boolean>((resolve) => {
		const request = http.request(
			{
				agent,
				host: target.hostname,
				port: target.port,
				path: target.pathname,
				method: 'POST',
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					'Content-Length': Buffer.byteLength(body),
					Origin: target.origin,
					'X-Forwarded-For': signer.ip,
				},
			},
			(response) => {
				response.resume()
				response.on('end', () => resolve(response.statusCode === 302 && String(response.headers.location).endsWith('/signed?result=sent')))
				response.on('error', () => resolve(false))
				// Cut off mid-answer by the kill ('end' comes first when it was whole).
				response.on('close', () => resolve(false))
			},
		)
		request.on('error', () => resolve(false))
		request.end(body)
	})
}

async function outstanding(petitionId: string, run: string) {
	return withClient(async (client) => {
		const { rows } = await client.query<{ unprocessed: number; queued: number }>(
			`select
				(select count(*)::int from public.signatures where petition_id = $1 and processed_at is null) as unprocessed,
				(select count(*)::int from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
					where (t.identifier = 'send_email' and j.payload->>'to' like $2)
						or (t.identifier = 'send_emails' and exists (select 1 from json_array_elements(j.payload->'emails') e where e->>'to' like $2))) as queued`,
			[petitionId, `%.${run}.example`],
		)
		return rows[0]
	})
}

async function confirmationsByAddress(run: string) {
	const response = await fetch(`${process.env.MAILBOX_URL}/api/v1/messages?limit=1000`)
	const { messages } = (await response.json()) as { messages: Array<{ To: Array<{ Address: string }>; Subject: string }> }
	const counts = new Map<string, number>()
	for (const message of messages) {
		if (!message.Subject.startsWith('Confirm your signature')) continue
		for (const to of message.To) if (to.Address.endsWith(`.${run}.example`)) counts.set(to.Address, (counts.get(to.Address) ?? 0) + 1)
	}
	return counts
}

async function formTokenOn(url: string) {
	const html = await (await fetch(url)).text()
	const token = /name="formToken"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*name="formToken"/.exec(html)?.[1]
	if (!token) throw new Error('no form token on the petition page')
	return token
}

async function waitForHttp(url: string, server: Server) {
	for (let attempt = 0; attempt < 120; attempt++) {
		if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output()}`)
		const status = await fetch(url).then(
			(response) => response.status,
			() => 0,
		)
		if (status > 0 && status < 500) return
		await new Promise((resolve) => setTimeout(resolve, 250))
	}
	throw new Error(`${url} did not answer:\n${server.output()}`)
}

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
