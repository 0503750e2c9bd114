import { configDefaults, defineConfig } from 'vitest/config'
import { isSupabaseNode20Warning } from './tests/setup/supabase-node20-warning'

export default defineConfig({
	test: {
		include: ['tests/**/*.test.ts', 'app/**/*.test.ts', 'supabase/**/*.test.ts', 'seeds/**/*.test.ts'],
		// These drive the production build: `npm test` runs them after it (vitest.after-build.config.ts).
		exclude: [...configDefaults.exclude, '**/*.after-build.test.ts'],
		globalSetup: ['tests/setup/global-database.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// The integration tests mostly wait on the database, Auth and the mail catcher, not the CPU:
		// on the 2-core machine four files at a time took the suite from 9.7 to 3.1 minutes.
		maxWorkers: 4,
		minWorkers: 1,
		// supabase-js's import-time Node 20 warning, once per test file (docs/decisions/042).
		onConsoleLog: (log) => !isSupabaseNode20Warning(log),
	},
})
