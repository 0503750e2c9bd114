import { defineConfig } from 'vitest/config'

export default defineConfig({
	test: {
		include: ['tests/**/*.test.ts', 'app/**/*.test.ts', 'supabase/**/*.test.ts', 'seeds/**/*.test.ts'],
		globalSetup: ['tests/setup/global-database.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// supabase-js's import-time "Node.js 20 … deprecated" warning, once per test file; Node 20 stays supported (docs/decisions/042).
		onConsoleLog: (log) => !log.includes('Node.js 20 and below are deprecated and will no longer be supported in future versions of @supabase/supabase-js'),
	},
})
