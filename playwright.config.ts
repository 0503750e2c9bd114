import { defineConfig, devices } from '@playwright/test'
import { chromiumArgs, findChromium } from './tests/chromium'
import { dropSupabaseNode20Warning } from './tests/setup/supabase-node20-warning'

const port = Number(process.env.E2E_PORT ?? 3100)
// Loaded first by the runner and by every worker, so specs importing supabase-js stay quiet.
dropSupabaseNode20Warning()
const executablePath = findChromium().path ?? undefined

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	// One retry absorbs a browser that hangs while closing on a loaded machine; a test that
	// needed it is reported as flaky by name at the end of `npm test`.
	retries: 1,
	reporter: process.env.PLAYWRIGHT_JSON ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON }]] : 'list',
	timeout: 30_000,
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		launchOptions: { executablePath, args: chromiumArgs },
		trace: 'retain-on-failure',
	},
	projects: [
		{ name: 'chromium', use: { ...devices['Desktop Chrome'] } },
		{ name: 'phone-no-js', use: { ...devices['Pixel 5'], javaScriptEnabled: false } },
	],
	webServer: {
		command: 'node app/server.mjs',
		url: `http://127.0.0.1:${port}/`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			...Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
			PORT: String(port),
			HOST: '127.0.0.1',
			NODE_ENV: 'production',
			// Journeys send X-Forwarded-For (tests/e2e/fixtures.ts), as a proxy in front would.
			TRUST_PROXY: '1',
			SITE_URL: `http://127.0.0.1:${port}`,
		},
	},
})
