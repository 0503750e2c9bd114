// Issue 14, goal 5: Lighthouse (mobile, its default simulated throttling)
// on every public page of the production build with the demo data, in the
// system Chromium (CHROME_PATH, else /usr/bin/chromium). Prints the
// performance and accessibility scores, the paint and blocking figures and
// the failing accessibility audits per page, as one JSON line (the last).
//
//   BENCH_PORT=3370 BENCH_POSTGRES_PORT=56690
//   BENCH_PAGES=/,/chapters         only these paths
//   BENCH_RUNS=1                    runs per page (medians are printed)
//   DATABASE_URL=postgresql://…     use that server (a throwaway database is made on it)
//   BENCH_SKIP_BUILD=1              reuse build/ as it is
//   BENCH_REPORTS=dir               also write each run's key audits there, as JSON
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import pg from 'pg'
import { seed } from '../../seeds/index'
import { projectRoot } from '../../supabase/local/config'
import { migrate } from '../../supabase/local/migrate'
import { findChromium } from '../chromium'
import { benchAppEnv, startBenchDatabase, waitForHttp } from './harness'

const APP_PORT = Number(process.env.BENCH_PORT ?? 3370)
const PG_PORT = Number(process.env.BENCH_POSTGRES_PORT ?? 56690)
const RUNS = Number(process.env.BENCH_RUNS ?? 1)
const log = (line: string) => console.error(`bench: ${line}`)

type Score = { performance: number; accessibility: number; fcpMs: number; lcpMs: number; tbtMs: number; cls: number; failing: string[] }
type Items = { items?: Array<{ node?: { snippet?: string } }> }

async function main() {
	const database = await startBenchDatabase('bench-lighthouse', PG_PORT)
	const children: ChildProcess[] = []
	try {
		log('migrating and loading the demo data')
		await migrate(database.url)
		await seed(database.url)
		const pages = process.env.BENCH_PAGES?.split(',') ?? (await publicPages(database.url))
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
		await waitForHttp(`${base}/`)

		const found = findChromium()
		if (!found.path) throw new Error('problem' in found ? found.problem : 'no Chromium found')
		const chrome = await chromeLauncher.launch({ chromePath: found.path, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] })
		const scores: Record<string, Score> = {}
		try {
			for (const page of pages) {
				const runs: Score[] = []
				for (let run = 0; run < RUNS; run++) {
					log(`lighthouse ${page} (${run + 1}/${RUNS})`)
					runs.push(await audit(`${base}${page}`, chrome.port, `${page}-${run + 1}`))
				}
				scores[page] = medianScore(runs)
			}
		} finally {
			chrome.kill()
		}
		const values = Object.values(scores)
		console.log(
			JSON.stringify({
				pages: scores,
				lowest: {
					performance: Math.min(...values.map((score) => score.performance)),
					accessibility: Math.min(...values.map((score) => score.accessibility)),
				},
			}),
		)
	} finally {
		for (const child of children) child.kill('SIGTERM')
		await database.stop()
	}
}

/** The audits that say why a page scores what it does (the whole report is megabytes of screenshots and traces). */
const KEY_AUDITS = [
	'metrics',
	'render-blocking-resources',
	'unused-javascript',
	'unused-css-rules',
	'mainthread-work-breakdown',
	'bootup-time',
	'long-tasks',
	'largest-contentful-paint-element',
	'lcp-lazy-loaded',
	'font-display',
	'total-byte-weight',
	'network-requests',
	'critical-request-chains',
	'layout-shifts',
	'dom-size',
]

async function audit(url: string, port: number, name: string): Promise<Score> {
	const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] })
	if (!result) throw new Error(`no Lighthouse result for ${url}`)
	const { lhr } = result
	if (process.env.BENCH_REPORTS) {
		mkdirSync(process.env.BENCH_REPORTS, { recursive: true })
		const audits = Object.fromEntries(KEY_AUDITS.map((id) => [id, lhr.audits[id]]))
		const file = path.join(process.env.BENCH_REPORTS, `${name.replace(/[^a-z0-9-]+/gi, '_')}.json`)
		writeFileSync(file, JSON.stringify({ url, score: lhr.categories.performance?.score, audits }, null, 1))
	}
	const numeric = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? Number.NaN)
	const accessibility = lhr.categories.accessibility
	const failing = (accessibility?.auditRefs ?? [])
		.filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0)
		.map((ref) => {
			const nodes = ((lhr.audits[ref.id]?.details as Items | undefined)?.items ?? []).map((item) => item.node?.snippet ?? '')
			return `${ref.id}: ${nodes.slice(0, 5).join(' ')}`
		})
	return {
		performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
		accessibility: Math.round((accessibility?.score ?? 0) * 100),
		fcpMs: numeric('first-contentful-paint'),
		lcpMs: numeric('largest-contentful-paint'),
		tbtMs: numeric('total-blocking-time'),
		cls: +(lhr.audits['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3),
		failing,
	}
}

function medianScore(runs: Score[]): Score {
	const median = (pick: (score: Score) => number) => {
		const sorted = runs.map(pick).sort((a, b) => a - b)
		return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
	}
	return {
		performance: median((score) => score.performance),
		accessibility: median((score) => score.accessibility),
		fcpMs: median((score) => score.fcpMs),
		lcpMs: median((score) => score.lcpMs),
		tbtMs: median((score) => score.tbtMs),
		cls: median((score) => score.cls),
		failing: [...new Set(runs.flatMap((score) => score.failing))],
	}
}

/** Every public page the demo data reaches, one of each kind (Lighthouse audits only pages that answer 200). */
async function publicPages(url: string) {
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		const slug = async (query: string) => (await client.query<{ slug: string }>(query)).rows[0]?.slug
		const petition = await slug(`select slug from public.petitions where status = 'published' order by created_at limit 1`)
		const chapter = await slug(`select slug from public.chapters where visibility = 'public' order by created_at limit 1`)
		const project = await slug(`select slug from public.projects where slug = 'stargate-the-barn-mi'`)
		const campaign = await slug(`select slug from public.campaigns where status <> 'draft' order by created_at limit 1`)
		const body = await slug(`select slug from public.bodies order by name limit 1`)
		const pages = [
			'/',
			'/petitions',
			petition && `/petitions/${petition}`,
			'/chapters',
			chapter && `/chapters/${chapter}`,
			chapter && `/chapters/${chapter}/events`,
			'/events',
			'/projects',
			project && `/projects/${project}`,
			project && `/projects/${project}/timeline`,
			'/projects/changes',
			'/campaigns',
			campaign && `/campaigns/${campaign}`,
			body && `/bodies/${body}`,
			'/signin',
			'/signup',
			'/forgot-password',
		]
		return pages.filter((page): page is string => Boolean(page))
	} finally {
		await client.end()
	}
}

await main()
