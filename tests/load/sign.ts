// `npm run bench:sign`: how fast the production server takes petition
// signatures, against two floors measured in the same run on the same table
// at the same concurrency:
//   raw       single-row inserts through pg, no HTTP
//   bare      a bare node:http endpoint that parses the same form and does the same insert
// Then it checks that every signature that got a success answer is stored exactly once.
// Traffic goes to 127.0.0.1 only, for a fixed time. The last line is one JSON object.
//
//   BENCH_SECONDS=10 BENCH_CONCURRENCY=64 npm run bench:sign
//   DATABASE_URL=postgresql://…  use that server (a throwaway database is made on it)
//   BENCH_SKIP_BUILD=1           reuse build/ as it is
//   BENCH_CPU_PROF=dir           run the server under node --cpu-prof, profiles into dir
//   BENCH_WORKER=off             no job worker in the server (signing alone); by default it runs, and
//                                the confirmation emails go to a local stand-in for Resend's API, so the
//                                line also gives the rate they drain at (drain_per_s, from the first email
//                                to the last; drain_end_to_end_per_s from the first signature) beside signing
//   BENCH_WORKER=separate        the server with WORKER=off and the worker as its own process
//                                (`node app/server.mjs --worker-only`, as `npm run worker`) on the same
//                                database: the drain then has its own event loop, pool and core
//   RESEND_CALLS_PER_SECOND=5     the worker keeps to that many provider calls a second, as it does for Resend
//   BENCH_TIMELINE=1             log the time of each call to the provider, beside the start of signing
// With a worker, the line also says how long after the last signature the last email went
// (drained_s_after_signing) and checks each confirmation reached the provider exactly once.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import pg from 'pg'
import { seed } from '../../seeds/index'
import { projectRoot } from '../../supabase/local/config'
import { migrate } from '../../supabase/local/migrate'
import { startBenchDatabase, waitForHttp } from './harness'
import { BASELINE_INSERT } from './sign-baseline'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64)
const APP_PORT = Number(process.env.BENCH_PORT ?? 3350)
const BARE_PORT = APP_PORT + 1
const SINK_PORT = APP_PORT + 2
/** Where the job worker runs: in the web server's process (the default), its own process, or nowhere. */
const WORKER_MODE = process.env.BENCH_WORKER === 'off' ? 'off' : process.env.BENCH_WORKER === 'separate' ? 'separate' : 'in-process'
const WORKER = WORKER_MODE !== 'off'
/** How long to wait, after signing ends, for the last confirmation email. */
const DRAIN_WAIT_S = Number(process.env.BENCH_DRAIN_WAIT_S ?? 120)
const PG_PORT = Number(process.env.BENCH_POSTGRES_PORT ?? 56650)
const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10)
const log = (line: string) => console.error(`bench: ${line}`)

type Round = { ok: number; errors: number; latencies: number[]; emails: string[]; seconds: number }

async function main() {
	const database = await startBenchDatabase('bench-sign', PG_PORT)
	const children: ChildProcess[] = []
	try {
		log('migrating and loading places')
		await migrate(database.url)
		await seed(database.url)
		const { appPetition, barePetition, rawPetition } = await createPetitions(database.url)

		if (!process.env.BENCH_SKIP_BUILD) {
			log('building')
			const built = spawnSync(path.join(projectRoot, 'node_modules/.bin/remix'), ['vite:build'], {
				cwd: projectRoot,
				stdio: ['ignore', 'ignore', 'inherit'],
			})
			if (built.status !== 0) throw new Error('the build failed')
		}

		log(`raw inserts through pg: ${CONCURRENCY} clients for ${SECONDS} s`)
		const raw = await rawInserts(database.url, rawPetition)

		log('bare node:http endpoint')
		const bare = startProcess(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'tests/load/bare-endpoint.ts')], {
			DATABASE_URL: database.url,
			PORT: String(BARE_PORT),
			DATABASE_POOL_SIZE: String(POOL_SIZE),
		})
		children.push(bare)
		await waitForHttp(`http://127.0.0.1:${BARE_PORT}/health`)
		const bareRound = await drive(`http://127.0.0.1:${BARE_PORT}/sign`, barePetition, '')
		bare.kill('SIGTERM')

		const sink = await startEmailSink()
		log(
			`the app: ${CONCURRENCY} concurrent signers for ${SECONDS} s${WORKER ? `, with the worker (${WORKER_MODE}) sending confirmations` : ''}`,
		)
		const profile = process.env.BENCH_CPU_PROF
		const serverEnv = {
			NODE_ENV: 'production',
			PORT: String(APP_PORT),
			HOST: '127.0.0.1',
			DATABASE_URL: database.url,
			DATABASE_POOL_SIZE: String(POOL_SIZE),
			SITE_URL: `http://127.0.0.1:${APP_PORT}`,
			// Auth and email are not on the signing path; these only satisfy the configuration check.
			SUPABASE_URL: 'http://127.0.0.1:9',
			SUPABASE_ANON_KEY: 'bench-anon-key-not-used-0000000000',
			SUPABASE_SERVICE_ROLE_KEY: 'bench-service-role-key-not-used-000',
			RESEND_API_KEY: 're_bench',
			RESEND_BASE_URL: `http://127.0.0.1:${SINK_PORT}`,
			// E.g. 5, to see the drain at Resend's default limit for a team; by default the stand-in takes any rate.
			RESEND_CALLS_PER_SECOND: process.env.RESEND_CALLS_PER_SECOND ?? '0',
			WORKER: WORKER_MODE === 'in-process' ? 'on' : 'off',
			// Each signer from their own address, as behind a load balancer, so the per-IP limits hold none back.
			TRUST_PROXY: '1',
		}
		const prof = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []
		const app = startProcess(process.execPath, [...prof, path.join(projectRoot, 'app/server.mjs')], serverEnv)
		children.push(app)
		// `npm run worker`: the same build and configuration, its own process and pool.
		const worker =
			WORKER_MODE === 'separate'
				? startProcess(process.execPath, [...prof, path.join(projectRoot, 'app/server.mjs'), '--worker-only'], serverEnv)
				: null
		if (worker) children.push(worker)
		if (profile) log(`profiles (named by pid): server ${app.pid}${worker ? `, worker ${worker.pid}` : ''}`)
		await waitForHttp(`http://127.0.0.1:${APP_PORT}/petitions/${appPetition.slug}`)
		const formToken = await fetchFormToken(`http://127.0.0.1:${APP_PORT}/petitions/${appPetition.slug}`)
		// The form refuses (quietly) submissions faster than a person could type.
		await new Promise((resolve) => setTimeout(resolve, 3200))
		const signingStarted = performance.now()
		if (process.env.BENCH_TIMELINE) log(`signing starts at ${Math.round(signingStarted)} ms`)
		const appRound = await drive(`http://127.0.0.1:${APP_PORT}/petitions/${appPetition.slug}`, appPetition, formToken)
		const drain = WORKER ? await sink.drained(new Set(appRound.emails), signingStarted) : null
		const peakRssMb = peakRss(app.pid)
		const workerPeakRssMb = worker ? peakRss(worker.pid) : 0
		await Promise.all([stop(app), ...(worker ? [stop(worker)] : [])])
		sink.close()

		const { lost, duplicated } = await verify(database.url, appPetition.id, appRound.emails)
		const signaturesPerS = appRound.ok / appRound.seconds
		const bareHttpPerS = bareRound.ok / bareRound.seconds
		const result = {
			signatures_per_s: round(signaturesPerS),
			p50_ms: round(percentile(appRound.latencies, 0.5)),
			p99_ms: round(percentile(appRound.latencies, 0.99)),
			errors: appRound.errors,
			lost,
			duplicated,
			raw_insert_per_s: round(raw.ok / raw.seconds),
			bare_http_per_s: round(bareHttpPerS),
			ratio: round(signaturesPerS / bareHttpPerS, 3),
			server_peak_rss_mb: round(peakRssMb),
			worker: WORKER_MODE,
			...(worker ? { worker_peak_rss_mb: round(workerPeakRssMb) } : {}),
			...(drain
				? {
						emails_delivered: drain.delivered,
						emails_missing: appRound.emails.length - drain.delivered,
						emails_duplicated: drain.duplicated,
						drain_to_signing: round(drain.perS / signaturesPerS, 3),
						drain_per_s: round(drain.perS),
						drain_end_to_end_per_s: round(drain.endToEndPerS),
						first_email_s_after_first_signature: round(drain.firstAfterS),
						drained_s_after_signing: round(drain.afterSigningS),
						provider_calls: drain.calls,
					}
				: {}),
		}
		if (drain)
			log(
				`worker ${WORKER_MODE}: signing ${round(signaturesPerS)}/s, drain ${round(drain.perS)}/s (${round(drain.endToEndPerS)}/s end to end), first email ${round(drain.firstAfterS)} s after the first signature, last ${round(drain.afterSigningS)} s after the last`,
			)
		log(
			`bare endpoint: p50 ${round(percentile(bareRound.latencies, 0.5))} ms, p99 ${round(percentile(bareRound.latencies, 0.99))} ms, ${bareRound.errors} errors`,
		)
		console.log(JSON.stringify(result))
	} finally {
		for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
		await database.stop()
	}
}

type BenchPetition = { id: string; slug: string }

async function createPetitions(url: string) {
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		const { rows: people } = await client.query<{ id: string }>(`select id from auth.users order by created_at limit 1`)
		const make = async (slug: string): Promise<BenchPetition> => {
			const { rows } = await client.query<{ id: string }>(
				`insert into public.petitions (slug, title, decision_maker, summary, signature_goal, created_by)
				values ($1, 'Benchmark petition for signing speed', 'The benchmark', 'A petition that only the benchmark signs, many times a second.', 1000000, $2)
				returning id`,
				[slug, people[0]?.id ?? null],
			)
			const id = rows[0]?.id ?? ''
			await client.query(`update public.petitions set status = 'published' where id = $1`, [id])
			return { id, slug }
		}
		return { appPetition: await make('bench-app'), barePetition: await make('bench-bare'), rawPetition: await make('bench-raw') }
	} finally {
		await client.end()
	}
}

async function rawInserts(url: string, petition: BenchPetition): Promise<Round> {
	const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY })
	const round: Round = { ok: 0, errors: 0, latencies: [], emails: [], seconds: SECONDS }
	const run = randomUUID().slice(0, 8)
	const end = Date.now() + SECONDS * 1000
	const started = performance.now()
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async (_, worker) => {
			for (let n = 0; Date.now() < end; n++) {
				const t0 = performance.now()
				try {
					await pool.query(BASELINE_INSERT, [
						petition.id,
						'Bench Signer',
						`raw-${run}-${worker}-${n}@example.org`,
						'20175',
						true,
						false,
						'127.0.0.1',
					])
					round.ok++
					round.latencies.push(performance.now() - t0)
				} catch {
					round.errors++
				}
			}
		}),
	)
	round.seconds = (performance.now() - started) / 1000
	await pool.end()
	return round
}

/** CONCURRENCY signers, each posting the form again as soon as the last answer came, for SECONDS. */
async function drive(url: string, petition: BenchPetition, formToken: string): Promise<Round> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
	const target = new URL(url)
	const round: Round = { ok: 0, errors: 0, latencies: [], emails: [], seconds: SECONDS }
	const run = randomUUID().slice(0, 8)
	const end = Date.now() + SECONDS * 1000
	const started = performance.now()
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async (_, worker) => {
			for (let n = 0; Date.now() < end; n++) {
				// Own domains, within the per-domain limit (100 a petition an hour).
				const email = `signer-${run}-${worker}-${n}@d${worker}-${n % 50}.example.org`
				const body = new URLSearchParams({
					petitionId: petition.id,
					formToken,
					name: `Bench Signer ${worker}`,
					email,
					country: 'US',
					postalCode: '20175',
					comment: '',
					showName: 'on',
					website: '',
				}).toString()
				const t0 = performance.now()
				const answer = await post(agent, target, body, `10.${worker}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`)
				const elapsed = performance.now() - t0
				// Success is the redirect to "check your email"; anything else is an error.
				if ((answer.status === 302 || answer.status === 303) && /result=sent|^\/signed/.test(answer.location)) {
					round.ok++
					round.emails.push(email)
					round.latencies.push(elapsed)
				} else {
					round.errors++
				}
			}
		}),
	)
	round.seconds = (performance.now() - started) / 1000
	agent.destroy()
	return round
}

function post(agent: http.Agent, target: URL, body: string, ip: string) {
	return new Promise<{ status: number; location: string }>((resolve) => {
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
					'X-Forwarded-For': ip,
				},
			},
			(response) => {
				response.resume()
				response.on('end', () => resolve({ status: response.statusCode ?? 0, location: String(response.headers.location ?? '') }))
			},
		)
		request.on('error', () => resolve({ status: 0, location: '' }))
		request.end(body)
	})
}

/**
 * A stand-in for Resend's API on 127.0.0.1 (single sends and the batch
 * endpoint), answering at once: what is measured is how fast the worker
 * hands confirmations over, not a network.
 */
async function startEmailSink() {
	const received = new Map<string, number>()
	/** When each address had its first email. */
	const firstReceived = new Map<string, number>()
	let calls = 0
	let id = 0
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = []
		request.on('data', (chunk: Buffer) => chunks.push(chunk))
		request.on('end', () => {
			calls++
			if (process.env.BENCH_TIMELINE) log(`provider call ${calls} at ${Math.round(performance.now())} ms`)
			let parsed: unknown = null
			try {
				parsed = JSON.parse(Buffer.concat(chunks).toString() || 'null')
			} catch {
				parsed = null
			}
			const emails = (Array.isArray(parsed) ? parsed : [parsed]) as Array<{ to?: string | string[] } | null>
			const now = performance.now()
			for (const email of emails) {
				for (const to of [email?.to ?? []].flat()) {
					received.set(to, (received.get(to) ?? 0) + 1)
					if (!firstReceived.has(to)) firstReceived.set(to, now)
				}
			}
			const ids = emails.map(() => ({ id: `sink-${++id}` }))
			response.writeHead(200, { 'Content-Type': 'application/json' })
			response.end(JSON.stringify(request.url?.includes('/batch') ? { data: ids } : ids[0]))
		})
	})
	await new Promise<void>((resolve) => server.listen(SINK_PORT, '127.0.0.1', resolve))
	return {
		close: () => server.close(),
		/** Waits until every address in `wanted` has had its email (or DRAIN_WAIT_S passed). */
		async drained(wanted: Set<string>, startedAt: number) {
			const signingEnded = performance.now()
			const deadline = Date.now() + DRAIN_WAIT_S * 1000
			const count = () => [...wanted].filter((to) => received.has(to)).length
			while (count() < wanted.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250))
			const delivered = count()
			// Exactly once: an address the provider was handed twice is a duplicate (every signer has their own).
			const duplicated = [...wanted].filter((to) => (received.get(to) ?? 0) > 1).length
			// The rate the worker hands them over at, from the first email to the last (the signing rate is
			// likewise from the first signature to the last), and end to end, from the first signature: the
			// second also counts the lag behind the first signature, a fixed cost that a short run weighs heavily.
			// Only the signers' emails: the seeded demo data has mail of its own.
			const times = [...wanted].map((to) => firstReceived.get(to)).filter((at) => at !== undefined)
			const firstAt = Math.min(...times)
			const lastAt = Math.max(...times)
			const streaming = Math.max((lastAt - firstAt) / 1000, 0.001)
			const endToEnd = Math.max((lastAt - startedAt) / 1000, 0.001)
			return {
				delivered,
				duplicated,
				perS: delivered / streaming,
				endToEndPerS: delivered / endToEnd,
				firstAfterS: Math.max(0, (firstAt - startedAt) / 1000),
				afterSigningS: Math.max(0, (lastAt - signingEnded) / 1000),
				calls,
			}
		},
	}
}

async function fetchFormToken(url: string) {
	const html = await (await fetch(url)).text()
	const token = /name="formToken"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*name="formToken"/.exec(html)?.[1]
	if (!token) throw new Error('no form token on the petition page')
	return token
}

async function verify(url: string, petitionId: string, emails: string[]) {
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		const { rows } = await client.query<{ email: string; n: number }>(
			`select email, count(*)::int as n from public.signatures where petition_id = $1 and email = any($2::text[]) group by email`,
			[petitionId, emails],
		)
		const stored = new Map(rows.map((row) => [row.email, row.n]))
		return {
			lost: emails.filter((email) => !stored.has(email)).length,
			duplicated: rows.filter((row) => row.n > 1).length,
		}
	} finally {
		await client.end()
	}
}

/** SIGTERM, then waits for the exit (a profile is written on the way out). */
function stop(child: ChildProcess) {
	if (child.exitCode !== null) return Promise.resolve()
	return new Promise<void>((resolve) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL')
			resolve()
		}, 15_000)
		child.once('exit', () => {
			clearTimeout(timer)
			resolve()
		})
		child.kill('SIGTERM')
	})
}

function startProcess(command: string, args: string[], env: Record<string, string>) {
	const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] })
	return child
}

/** The most memory the process has held (VmHWM), in MB; Linux only. */
function peakRss(pid: number | undefined) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8')
		const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0)
		return kb / 1024
	} catch {
		return 0
	}
}

function percentile(values: number[], p: number) {
	if (values.length === 0) return 0
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
}

function round(value: number, digits = 1) {
	const factor = 10 ** digits
	return Math.round(value * factor) / factor
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.stack : error)
	process.exit(1)
})
