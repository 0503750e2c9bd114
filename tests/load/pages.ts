// `npm run bench:pages`: how fast the production server answers the pages a
// crowd opens (issue 14, goals 1, 2 and 7), against floors measured in the
// same run:
//   throughput  32 keep-alive connections for BENCH_SECONDS on each hot
//               anonymous page (petition, the petition revalidating with
//               If-None-Match, chapter, project, home), beside a bare
//               node:http server sending the same bytes; BENCH_RUNS rounds,
//               medians of them
//   server time one request at a time, interleaved, the app's own
//               `Server-Timing` (app/http/node-handler.server.ts) for the
//               petition page, a 404, the registry with every seeded project,
//               and petitions with 1,000 and BENCH_BIG_SIGNATURES (1,000,000)
//               confirmed signatures built with generate_series
// and the server's peak RSS. Traffic goes to 127.0.0.1 only, bounded in
// count and time. The last line is one JSON object.
//
//   BENCH_SECONDS=4 BENCH_RUNS=3 BENCH_REQUESTS=100 npm run bench:pages
//   BENCH_BIG_SIGNATURES=1000000   the size of the big petition (0 skips goal 7)
//   BENCH_PORT=3215 BENCH_POSTGRES_PORT=54455
//   DATABASE_URL=postgresql://…    use that server (a throwaway database is made on it)
//   BENCH_SKIP_BUILD=1             reuse build/ as it is
//   BENCH_ACCEPT_ENCODING="gzip, deflate, br"   what the clients accept (the default, as a phone); empty for uncompressed
//   BENCH_CPU_PROF=dir             run the server under node --cpu-prof, profiles into dir
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import pg from 'pg'
import { seed } from '../../seeds/index'
import { projectRoot } from '../../supabase/local/config'
import { migrate } from '../../supabase/local/migrate'
import { benchAppEnv, startBenchDatabase, waitForHttp } from './harness'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4)
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32)
const BIG = Number(process.env.BENCH_BIG_SIGNATURES ?? 1_000_000)
const APP_PORT = Number(process.env.BENCH_PORT ?? 3215)
const FLOOR_PORT = APP_PORT + 1
const PG_PORT = Number(process.env.BENCH_POSTGRES_PORT ?? 54455)
/** What the crowd's browsers accept, as a phone's does; empty for uncompressed answers. The floor sends the same encoded bytes. */
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br'
const log = (line: string) => console.error(`bench: ${line}`)

type Load = { perS: number; p50: number; p99: number; errors: number; status: number }

async function main() {
	const database = await startBenchDatabase('bench-pages', PG_PORT)
	const children: ChildProcess[] = []
	try {
		log('migrating and loading the demo data with the whole dataset')
		await migrate(database.url)
		await seed(database.url)
		const petition = await oneRow<{ slug: string }>(
			database.url,
			`select slug from public.petitions where status = 'published' order by created_at limit 1`,
		)
		const chapter = await oneRow<{ slug: string }>(database.url, `select slug from public.chapters order by created_at limit 1`)
		const project = await oneRow<{ slug: string }>(database.url, `select slug from public.projects where slug = 'stargate-the-barn-mi'`)
		const sized = BIG > 0 ? await sizedPetitions(database.url, [1_000, BIG]) : []

		if (!process.env.BENCH_SKIP_BUILD) {
			log('building')
			const built = spawnSync(path.join(projectRoot, 'node_modules/.bin/remix'), ['vite:build'], {
				cwd: projectRoot,
				stdio: ['ignore', 'ignore', 'inherit'],
			})
			if (built.status !== 0) throw new Error('the build failed')
		}
		const profile = process.env.BENCH_CPU_PROF
		const app = spawn(
			process.execPath,
			[...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), path.join(projectRoot, 'app/server.mjs')],
			{
				cwd: projectRoot,
				stdio: ['ignore', 'ignore', 'inherit'],
				env: benchAppEnv(database.url, APP_PORT),
			},
		)
		children.push(app)
		const base = `http://127.0.0.1:${APP_PORT}`
		await waitForHttp(`${base}/`)

		// Goal 2 and 7: server time, one request at a time, interleaved so a noisy moment lands on every page alike.
		const timed: Record<string, string> = {
			petition: `/petitions/${petition.slug}`,
			not_found: '/no-such-page-here',
			registry: '/projects',
			home: '/',
			chapter: `/chapters/${chapter.slug}`,
			project: `/projects/${project.slug}`,
		}
		for (const { size, slug } of sized) timed[`petition_${size}`] = `/petitions/${slug}`
		const serverMs: Record<string, number[]> = Object.fromEntries(Object.keys(timed).map((name) => [name, []]))
		const bytes: Record<string, number> = {}
		log(`server time: ${REQUESTS} requests a page, one at a time`)
		for (let round = 0; round < REQUESTS + 10; round++) {
			for (const [name, pathname] of Object.entries(timed)) {
				// A cookie keeps the shared cache out of it: this is the cost of a render.
				const response = await fetch(`${base}${pathname}`, { headers: { Cookie: 'bench=render' } })
				const body = await response.arrayBuffer()
				const expected = name === 'not_found' ? 404 : 200
				if (response.status !== expected) throw new Error(`${pathname} answered ${response.status}`)
				bytes[name] = body.byteLength
				const dur = Number(/app;dur=([\d.]+)/.exec(response.headers.get('Server-Timing') ?? '')?.[1] ?? NaN)
				if (round >= 10) serverMs[name]?.push(dur)
			}
		}

		// Goal 1: throughput of the hot anonymous pages beside a bare server sending the same bytes.
		const hot: Record<string, { path: string; revalidate?: boolean }> = {
			petition: { path: timed.petition ?? '' },
			petition_304: { path: timed.petition ?? '', revalidate: true },
			chapter: { path: timed.chapter ?? '' },
			project: { path: timed.project ?? '' },
			home: { path: '/' },
		}
		const throughput: Record<string, { app: Load[]; floor: Load[] }> = {}
		for (let run = 0; run < RUNS; run++) {
			for (const [name, page] of Object.entries(hot)) {
				const accept: Record<string, string> = ACCEPT_ENCODING ? { 'Accept-Encoding': ACCEPT_ENCODING } : {}
				const first = await rawGet(`${base}${page.path}`, accept)
				const etag = first.etag
				const headers: Record<string, string> = { ...accept, ...(page.revalidate && etag ? { 'If-None-Match': etag } : {}) }
				const floor = await startFloor(page.revalidate && etag ? null : first.body, etag, first.encoding)
				const entry = (throughput[name] ??= { app: [], floor: [] })
				log(`run ${run + 1}/${RUNS}: ${name}, ${CONNECTIONS} connections for ${SECONDS} s, floor then app`)
				entry.floor.push(await load(`http://127.0.0.1:${FLOOR_PORT}/`, headers))
				await new Promise<void>((resolve) => floor.close(() => resolve()))
				entry.app.push(await load(`${base}${page.path}`, headers))
			}
		}
		const peakRssMb = peakRss(app.pid)
		app.kill('SIGTERM')
		await new Promise((resolve) => app.once('exit', resolve))

		const pages = Object.fromEntries(
			Object.entries(throughput).map(([name, { app, floor }]) => {
				const perS = median(app.map((l) => l.perS))
				const floorPerS = median(floor.map((l) => l.perS))
				return [
					name,
					{
						req_per_s: round(perS),
						p50_ms: round(median(app.map((l) => l.p50))),
						p99_ms: round(median(app.map((l) => l.p99))),
						errors: app.reduce((sum, l) => sum + l.errors, 0),
						status: app[0]?.status ?? 0,
						floor_req_per_s: round(floorPerS),
						ratio: round(perS / floorPerS, 3),
					},
				]
			}),
		)
		const serverMedians = Object.fromEntries(Object.entries(serverMs).map(([name, values]) => [name, round(median(values), 2)]))
		const big = sized.at(-1)
		const result = {
			connections: CONNECTIONS,
			seconds: SECONDS,
			runs: RUNS,
			pages,
			server_ms_median: serverMedians,
			bytes,
			...(big
				? {
						big_petition_signatures: big.size,
						big_to_1000_ratio: round((serverMedians[`petition_${big.size}`] ?? 0) / (serverMedians.petition_1000 ?? 1), 2),
					}
				: {}),
			server_peak_rss_mb: round(peakRssMb),
			load_average: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
		}
		console.log(JSON.stringify(result))
	} finally {
		for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
		await database.stop()
	}
}

/** Published petitions with exactly `size` confirmed signatures each, built in the database, their counts folded. */
async function sizedPetitions(url: string, sizes: number[]) {
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		const { rows: people } = await client.query<{ id: string }>(`select id from auth.users order by created_at limit 1`)
		const made: Array<{ size: number; slug: string }> = []
		for (const size of sizes) {
			const slug = `bench-${size}-signatures`
			log(`building a petition with ${size.toLocaleString('en')} signatures`)
			const { rows } = await client.query<{ id: string }>(
				`insert into public.petitions (slug, title, decision_maker, summary, signature_goal, created_by)
				values ($1, $2, 'The benchmark', 'A petition the benchmark fills with signatures to see whether its page costs more.', $3, $4)
				returning id`,
				[slug, `Benchmark petition with ${size} signatures`, size * 2, people[0]?.id ?? null],
			)
			const id = rows[0]?.id ?? ''
			await client.query(`update public.petitions set status = 'published' where id = $1`, [id])
			await client.query(
				`insert into public.signatures (petition_id, name, email, email_normalized, email_domain, country_code, postal_code,
					county_id, state_id, place_label, show_name, status, confirmed_at, processed_at, confirmation_sent_at, created_at)
				select $1, 'Signer ' || n, 'signer' || n || '@example.org', 'signer' || n || '@example.org', 'example.org', 'US',
					z.postal_code, z.county_id, z.state_id, z.place_name, n % 3 = 0, 'confirmed',
					now() - make_interval(secs => n), now() - make_interval(secs => n), now() - make_interval(secs => n),
					now() - make_interval(secs => n)
				from generate_series(1, $2::int) n
				join (
					select row_number() over (order by postal_code) - 1 as i, postal_code, county_id, state_id, place_name
					from (select * from public.postal_codes where country_code = 'US' order by postal_code limit 50) c
				) z on z.i = n % 50`,
				[id, size],
			)
			for (;;) {
				const { rowCount } = await client.query(`select * from private.fold_petition_counts(200000)`)
				if (!rowCount) break
			}
			made.push({ size, slug })
		}
		await client.query('analyze')
		return made
	} finally {
		await client.end()
	}
}

/** One answer's bytes as they came over the wire (still encoded), with its ETag and Content-Encoding. */
function rawGet(url: string, headers: Record<string, string>) {
	return new Promise<{ body: Buffer; etag: string | null; encoding: string | null }>((resolve, reject) => {
		const target = new URL(url)
		const request = http.request({ host: target.hostname, port: target.port, path: target.pathname, headers }, (response) => {
			const chunks: Buffer[] = []
			response.on('data', (chunk: Buffer) => chunks.push(chunk))
			response.on('end', () => {
				const header = (name: string) => {
					const value = response.headers[name]
					return typeof value === 'string' ? value : null
				}
				resolve({ body: Buffer.concat(chunks), etag: header('etag'), encoding: header('content-encoding') })
			})
		})
		request.on('error', reject)
		request.end()
	})
}

function startFloor(body: Buffer | null, etag: string | null, encoding: string | null = null) {
	const server = http.createServer((_, response) => {
		if (!body) {
			response.writeHead(304, etag ? { ETag: etag } : {}).end()
			return
		}
		response.writeHead(200, {
			'Content-Type': 'text/html; charset=utf-8',
			'Content-Length': body.length,
			...(encoding ? { 'Content-Encoding': encoding } : {}),
		})
		response.end(body)
	})
	return new Promise<http.Server>((resolve) => server.listen(FLOOR_PORT, '127.0.0.1', () => resolve(server)))
}

/** CONNECTIONS keep-alive clients asking for the page again as soon as the last answer came, for SECONDS. */
async function load(url: string, headers: Record<string, string>): Promise<Load> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS })
	const target = new URL(url)
	const latencies: number[] = []
	let errors = 0
	let status = 0
	const end = Date.now() + SECONDS * 1000
	const started = performance.now()
	await Promise.all(
		Array.from({ length: CONNECTIONS }, async () => {
			while (Date.now() < end) {
				const t0 = performance.now()
				const answer = await get(agent, target, headers)
				if (answer === 200 || answer === 304) {
					status = answer
					latencies.push(performance.now() - t0)
				} else errors++
			}
		}),
	)
	const seconds = (performance.now() - started) / 1000
	agent.destroy()
	return { perS: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), errors, status }
}

function get(agent: http.Agent, target: URL, headers: Record<string, string>) {
	return new Promise<number>((resolve) => {
		const request = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, headers }, (response) => {
			response.resume()
			response.on('end', () => resolve(response.statusCode ?? 0))
		})
		request.on('error', () => resolve(0))
		request.end()
	})
}

/** The most memory the process has held (VmHWM), in MB; Linux only. */
function peakRss(pid: number | undefined) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8')
		return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024
	} catch {
		return 0
	}
}

function median(values: number[]) {
	return percentile(values, 0.5)
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

async function oneRow<T>(url: string, query: string): Promise<T> {
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		const { rows } = await client.query(query)
		if (!rows[0]) throw new Error(`no row for: ${query}`)
		return rows[0] as T
	} finally {
		await client.end()
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.stack : error)
	process.exit(1)
})
