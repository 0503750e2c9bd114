import { defineConfig, devices } from '@playwright/test'
import { chromiumArgs, findChromium } from './tests/chromium'
import { dropSupabaseNode20Warning } from './tests/setup/supabase-node20-warning'

// The dev-server journey (tests/dev): `npm run dev` from a cold Vite cache,
// every page walked in Chromium. The spec starts and stops the dev server
// itself so it can read its log. Run by `npm test` after the other
// journeys; alone: `npx playwright test -c playwright.dev.config.ts`.
const port = Number(process.env.E2E_PORT ?? 3100)
// Loaded first by the runner and by every worker, so specs importing supabase-js stay quiet.
dropSupabaseNode20Warning()

export default defineConfig({
	testDir: 'tests/dev',
	// The same stack as the other tests: `npm test` passes its own down; alone, one is started.
	globalSetup: './tests/setup/global-database.ts',
	workers: 1,
	// A retry would meet a warm cache and could pass where a newcomer's first run fails.
	retries: 0,
	reporter: process.env.PLAYWRIGHT_JSON ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON }]] : 'list',
	timeout: 240_000,
	expect: { timeout: 30_000 },
	use: {
		...devices['Desktop Chrome'],
		baseURL: `http://127.0.0.1:${port}`,
		launchOptions: { executablePath: findChromium().path ?? undefined, args: chromiumArgs },
		navigationTimeout: 60_000,
		// A page broken mid-walk fails its step within this, not at the test's timeout.
		actionTimeout: 30_000,
		trace: 'retain-on-failure',
	},
})
