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
//   BENCH_WORKER=on              run the job worker in the server too (confirmation emails, counts)
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

		log(`the app: ${CONCURRENCY} concurrent signers for ${SECONDS} s`)
		const app = startProcess(process.execPath, [path.join(projectRoot, 'app/server.mjs')], {
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
			RESEND_BASE_URL: 'http://127.0.0.1:9',
			WORKER: process.env.BENCH_WORKER === 'on' ? 'on' : 'off',
		})
		children.push(app)
		await waitForHttp(`http://127.0.0.1:${APP_PORT}/petitions/${appPetition.slug}`)
		const formToken = await fetchFormToken(`http://127.0.0.1:${APP_PORT}/petitions/${appPetition.slug}`)
		// The form refuses (quietly) submissions faster than a person could type.
		await new Promise((resolve) => setTimeout(resolve, 3200))
		const appRound = await drive(`http://127.0.0.1:${APP_PORT}/petitions/${appPetition.slug}`, appPetition, formToken)
		const peakRssMb = peakRss(app.pid)
		app.kill('SIGTERM')

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
		}
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
				const email = `signer-${run}-${worker}-${n}@example.org`
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
				const answer = await post(agent, target, body)
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

function post(agent: http.Agent, target: URL, body: string) {
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
