import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { expect, test } from 'vitest'
import { MIN_FILL_MS } from '#app/petitions/signatures.server'
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
	type Signer,
} from '#tests/helpers/production-server'

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

/** As behind a proxy: each signer's own address, so the per-IP limits hold back none of them. */
const PROXIED = { TRUST_PROXY: '1' }

test('a production server killed mid-surge loses no answered signature, stores none twice, and sends each confirmation once after the restart', async () => {
	expect(hasProductionBuild(), 'run `npx remix vite:build` first').toBe(true)
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

	let server = startServer(port, PROXIED)
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
		server = startServer(port, PROXIED)
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
