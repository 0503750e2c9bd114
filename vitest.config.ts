import { defineConfig } from 'vitest/config'
import { isSupabaseNode20Warning } from './tests/setup/supabase-node20-warning'

export default defineConfig({
	test: {
		include: ['tests/**/*.test.ts', 'app/**/*.test.ts', 'supabase/**/*.test.ts', 'seeds/**/*.test.ts'],
		globalSetup: ['tests/setup/global-database.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// supabase-js's import-time Node 20 warning, once per test file (docs/decisions/042).
		onConsoleLog: (log) => !isSupabaseNode20Warning(log),
	},
})
