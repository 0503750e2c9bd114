import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'

// A newcomer's first `npm run dev`: a cold Vite cache, then every page. When
// Vite meets a dependency late it re-optimizes and reloads the browser, and a
// page caught in between shows "Application Error: useHref() may be used only
// in the context of a <Router>" while clicks do nothing. vite.config.ts names
// the dependency set up front (docs/decisions/042); this walk fails if the dev
// server ever reports optimizing new dependencies, if a page shows an
// Application Error or throws, or if a route was never reached.

const root = path.resolve(import.meta.dirname, '../..')
const port = Number(process.env.E2E_PORT ?? 3100)
const origin = `http://127.0.0.1:${port}`
const DEMO_PASSWORD = 'groundwork-demo'
const SIGNED_IN_AS = 'priya.raman@example.org' // organizer of several chapters and the site's moderator

type Route = { id: string; path: string; page: boolean; pattern: RegExp; params: string[]; rank: number }
type DevServer = { log: () => string }

const test = base.extend<object, { devServer: DevServer }>({
	devServer: [
		// eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
		async ({}, use) => {
			const cacheDir = path.join(root, 'node_modules/.vite-dev-journey')
			rmSync(cacheDir, { recursive: true, force: true })
			const lines: string[] = []
			const child = spawn('npm', ['run', 'dev'], {
				cwd: root,
				detached: true,
				stdio: ['ignore', 'pipe', 'pipe'],
				env: {
					...process.env,
					PORT: String(port),
					SITE_URL: origin,
					GROUNDWORK_VITE_CACHE_DIR: cacheDir,
					// Its own lock file, so a `npm run dev` of yours can keep running.
					GROUNDWORK_DATA_DIR: path.join(root, process.env.TEST_DATA_DIR ?? '.data/test', 'dev-journey'),
				},
			})
			child.stdout.on('data', (chunk: Buffer) => lines.push(chunk.toString()))
			child.stderr.on('data', (chunk: Buffer) => lines.push(chunk.toString()))
			try {
				await untilServing(child, () => lines.join(''))
				await use({ log: () => lines.join('') })
			} finally {
				await stop(child)
				rmSync(cacheDir, { recursive: true, force: true })
			}
		},
		{ scope: 'worker', timeout: 180_000 },
	],
})

test('every page renders on a fresh `npm run dev`, with no late dependency optimization', async ({ page, devServer }) => {
	const state: Walk = { routes: routeTable(), reached: new Set(), seen: new Map(), problems: [], walked: [] }
	page.on('pageerror', (error) => state.problems.push(`${page.url()}: ${error.message}`))

	try {
		await test.step(`signed in as ${SIGNED_IN_AS}: every page`, async () => {
			await page.goto('/signin')
			await hydrated(page)
			await page.getByLabel('Email address').fill(SIGNED_IN_AS)
			await page.getByLabel('Password').fill(DEMO_PASSWORD)
			await page.getByRole('button', { name: 'Sign in', exact: true }).click()
			await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
			await walk(page, state, new Set())
		})
		await test.step('signed out: the pages a signed-in person is sent away from', async () => {
			await page.context().clearCookies()
			await walk(page, state, new Set(state.reached))
		})
	} finally {
		// Also when the walk stopped early: a page broken by a late re-optimization is why it stops.
		const log = devServer.log()
		expect
			.soft(log, 'the dev server met dependencies late (see optimizeDeps in vite.config.ts)')
			.not.toMatch(/new dependencies optimized|optimized dependencies changed/)
		expect.soft(log, 'the supabase-js Node 20 warning is filtered in vite.config.ts').not.toContain('Node.js 20 and below are deprecated')
		expect.soft(state.problems, 'pages that failed').toEqual([])
		await test.info().attach('walked', { body: state.walked.join('\n'), contentType: 'text/plain' })
	}
	expect(
		state.routes.filter((route) => !state.reached.has(route.id)).map((route) => route.id),
		'routes the walk never reached: link them from a page the walk reaches',
	).toEqual([])
})

type Walk = {
	routes: Route[]
	/** Route ids a page rendered (or a resource route answered) for. */
	reached: Set<string>
	/** A value met for each parameter, by where it appears: "petitions/:slug" → a petition's slug. */
	seen: Map<string, string>
	problems: string[]
	walked: string[]
}

/**
 * Visits one URL per route not in `skip`: the links and images on each page
 * lead on, and a route no page led to is reached by filling its parameters
 * with values met on the way (a made-up token where none was).
 */
async function walk(page: Page, state: Walk, skip: Set<string>) {
	const visited = new Set(skip) // route ids queued or visited
	const queue: string[] = []
	const enqueue = (url: string) => {
		const route = routeFor(state.routes, url)
		// Files in public/ match the catch-all too; it is reached with a made-up address instead.
		if (!route || route.path === '*' || visited.has(route.id)) return
		visited.add(route.id)
		queue.push(url)
	}
	const next = () => queue.shift() ?? unvisitedUrl(state, visited)
	enqueue('/')
	for (let url = next(); url; url = next()) {
		const route = routeFor(state.routes, url)
		if (!route) continue
		remember(state, route, url)
		state.walked.push(url)
		if (!route.page) {
			const response = await page.request.get(url, { maxRedirects: 0 })
			if (response.status() >= 500) state.problems.push(`${url}: HTTP ${response.status()}`)
			else state.reached.add(route.id)
			continue
		}
		const response = await page.goto(url)
		if (!response || response.status() >= 500) state.problems.push(`${url}: HTTP ${response?.status()}`)
		await hydrated(page)
		if (await page.getByText('Application Error').count()) state.problems.push(`${url}: ${await page.locator('body').innerText()}`)
		const rendered = await page.evaluate(() => window.__remixRouter?.state.matches.map((match) => match.route.id) ?? [])
		for (const id of rendered) state.reached.add(id)
		const links = await page.evaluate(() =>
			[...document.querySelectorAll<HTMLAnchorElement | HTMLImageElement>('a[href], img[src]')].map((element) =>
				element instanceof HTMLAnchorElement ? element.href : element.src,
			),
		)
		for (const link of links) {
			const target = new URL(link, origin)
			if (target.origin === origin) enqueue(target.pathname + target.search)
		}
	}
}

/** Remix has hydrated: the client router is up and idle, so a reload after re-optimizing would show. */
async function hydrated(page: Page) {
	await page.waitForFunction(
		() => window.__remixRouter?.state.initialized === true && window.__remixRouter.state.navigation.state === 'idle',
	)
}

function remember(state: Walk, route: Route, url: string) {
	const match = route.pattern.exec(new URL(url, origin).pathname)
	route.params.forEach((param, i) => {
		const value = match?.[i + 1]
		if (value) state.seen.set(whereMet(route.path, param), decodeURIComponent(value))
	})
}

/** A URL for the next route not yet visited, those whose parameters are known first. */
function unvisitedUrl(state: Walk, visited: Set<string>) {
	const left = state.routes.filter((route) => !visited.has(route.id))
	const route = left.find((candidate) => candidate.params.every((param) => valueFor(state, candidate.path, param))) ?? left[0]
	if (!route) return undefined
	visited.add(route.id)
	const filled = route.path.replace(/:(\w+)|\*/g, (_token, param: string | undefined) =>
		param ? encodeURIComponent(valueFor(state, route.path, param) ?? `no-such-${param}`) : 'no-such-page',
	)
	return `/${filled}`
}

/** "moderation/petitions/:slug" takes a slug met at "petitions/:slug", never one met at "chapters/:slug". */
function valueFor(state: Walk, routePath: string, param: string) {
	const where = whereMet(routePath, param)
	for (const [key, value] of state.seen) if (where === key || where.endsWith(`/${key}`)) return value
	return undefined
}

/** "petitions/:slug/confirm", "slug" → "petitions/:slug". */
function whereMet(routePath: string, param: string) {
	const at = routePath.indexOf(`:${param}`)
	return routePath.slice(0, at + param.length + 1)
}

function routeFor(routes: Route[], url: string) {
	const pathname = new URL(url, origin).pathname
	return routes.find((route) => route.pattern.test(pathname)) ?? null
}

/** The app's routes as `remix routes` lists them, most specific first, as the router ranks them. */
function routeTable(): Route[] {
	type Listed = { id: string; path?: string; file: string; children?: Listed[] }
	const listed: Listed[] = JSON.parse(
		execFileSync(path.join(root, 'node_modules/.bin/remix'), ['routes', '--json'], { cwd: root, encoding: 'utf8' }),
	)
	const routes: Route[] = []
	const add = (entries: Listed[], parentPath: string) => {
		for (const entry of entries) {
			const full = [parentPath, entry.path ?? ''].filter(Boolean).join('/')
			if (entry.id !== 'root') {
				const params: string[] = []
				const source = full
					.split('/')
					.filter(Boolean)
					.map((segment) => {
						if (segment === '*') return '(.*)'
						if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
						params.push(segment.slice(1))
						return '([^/]+)'
					})
					.join('/')
				const rank = full.split('/').reduce((sum, segment) => sum + (segment === '*' ? -2 : segment.startsWith(':') ? 3 : 10), 0)
				const file = path.join(root, 'app', entry.file)
				routes.push({
					id: entry.id,
					path: full,
					page: existsSync(file) && /export default/.test(readFileSync(file, 'utf8')),
					pattern: new RegExp(`^/${source}/?$`),
					params,
					rank,
				})
			}
			add(entry.children ?? [], full)
		}
	}
	add(listed, '')
	return routes.sort((a, b) => b.rank - a.rank)
}

async function untilServing(child: ChildProcess, log: () => string) {
	for (;;) {
		if (child.exitCode !== null) throw new Error(`npm run dev exited with ${child.exitCode}:\n${log()}`)
		const response = await fetch(origin).catch(() => null)
		if (response) return
		await new Promise((resolve) => setTimeout(resolve, 500))
	}
}

async function stop(child: ChildProcess) {
	if (child.exitCode !== null || !child.pid) return
	const exited = new Promise((resolve) => child.once('exit', resolve))
	process.kill(-child.pid, 'SIGTERM')
	await exited
}

declare global {
	// eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging needs an interface
	interface Window {
		__remixRouter?: { state: { initialized: boolean; navigation: { state: string }; matches: Array<{ route: { id: string } }> } }
	}
}
