// `npm run bench:registry`: how long the production server takes to render
// the project registry (the whole seeded dataset: 1,231 projects, 1,486
// proceedings) and a project page, against two pages measured in the same
// run on the same server:
//   petition  a published petition's page (the page the issue compares with)
//   floor     a bare node:http server sending the registry's own bytes
// One request at a time (server time, not throughput), after a warm-up;
// medians and ratios to the petition page. Traffic goes to 127.0.0.1 only.
// The last line is one JSON object.
//
//   BENCH_REQUESTS=200 npm run bench:registry
//   DATABASE_URL=postgresql://…  use that server (a throwaway database is made on it)
//   BENCH_SKIP_BUILD=1           reuse build/ as it is
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import pg from 'pg'
import { seed } from '../../seeds/index'
import { projectRoot } from '../../supabase/local/config'
import { migrate } from '../../supabase/local/migrate'
import { benchAppEnv, startBenchDatabase, waitForHttp } from './harness'

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200)
const APP_PORT = Number(process.env.BENCH_PORT ?? 3360)
const FLOOR_PORT = APP_PORT + 1
const PG_PORT = Number(process.env.BENCH_POSTGRES_PORT ?? 56660)
const log = (line: string) => console.error(`bench: ${line}`)

async function main() {
	const database = await startBenchDatabase('bench-registry', PG_PORT)
	const children: ChildProcess[] = []
	try {
		log('migrating and loading the demo data with the whole dataset')
		await migrate(database.url)
		await seed(database.url)
		const petition = await oneRow<{ slug: string }>(
			database.url,
			`select slug from public.petitions where status = 'published' order by created_at limit 1`,
		)
		const project = await oneRow<{ slug: string }>(database.url, `select slug from public.projects where slug = 'stargate-the-barn-mi'`)

		if (!process.env.BENCH_SKIP_BUILD) {
			log('building')
			const built = spawnSync(path.join(projectRoot, 'node_modules/.bin/remix'), ['vite:build'], {
				cwd: projectRoot,
				stdio: ['ignore', 'ignore', 'inherit'],
			})
			if (built.status !== 0) throw new Error('the build failed')
		}
		const app = spawn(process.execPath, [path.join(projectRoot, 'app/server.mjs')], {
			cwd: projectRoot,
			stdio: ['ignore', 'ignore', 'inherit'],
			env: benchAppEnv(database.url, APP_PORT),
		})
		children.push(app)
		const base = `http://127.0.0.1:${APP_PORT}`
		await waitForHttp(`${base}/projects`)

		const registryBytes = Buffer.from(await (await fetch(`${base}/projects`)).arrayBuffer())
		const floor = http.createServer((_, response) => {
			response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': registryBytes.length })
			response.end(registryBytes)
		})
		await new Promise<void>((resolve) => floor.listen(FLOOR_PORT, '127.0.0.1', resolve))

		// Interleaved rounds, so a noisy moment on a shared machine lands on every page alike.
		const pages = {
			floor: `http://127.0.0.1:${FLOOR_PORT}/`,
			petition: `${base}/petitions/${petition.slug}`,
			registry: `${base}/projects`,
			registry_near_zip: `${base}/projects?near=48176`,
			project: `${base}/projects/${project.slug}`,
		}
		const times: Record<keyof typeof pages, number[]> = { floor: [], petition: [], registry: [], registry_near_zip: [], project: [] }
		const sizes: Record<string, number> = {}
		for (let round = 0; round < REQUESTS + 20; round++) {
			for (const [name, url] of Object.entries(pages) as Array<[keyof typeof pages, string]>) {
				const started = performance.now()
				const response = await fetch(url)
				const body = await response.arrayBuffer()
				const ms = performance.now() - started
				if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
				sizes[name] = body.byteLength
				// The first 20 rounds warm the server up.
				if (round >= 20) times[name].push(ms)
			}
		}
		floor.close()
		const median = (values: number[]) => {
			const sorted = [...values].sort((a, b) => a - b)
			return sorted[Math.floor(sorted.length / 2)] ?? 0
		}
		const medians = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, round(median(values))]))
		const result = {
			requests_per_page: REQUESTS,
			median_ms: medians,
			bytes: sizes,
			registry_to_petition: round(median(times.registry) / median(times.petition)),
			registry_near_zip_to_petition: round(median(times.registry_near_zip) / median(times.petition)),
			project_to_petition: round(median(times.project) / median(times.petition)),
			registry_to_floor: round(median(times.registry) / median(times.floor)),
		}
		console.log(JSON.stringify(result))
	} finally {
		for (const child of children) child.kill('SIGTERM')
		await database.stop()
	}
}

function round(value: number) {
	return Math.round(value * 100) / 100
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

await main()
