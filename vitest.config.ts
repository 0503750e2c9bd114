import { defineConfig } from 'vitest/config'

export default defineConfig({
	test: {
		include: ['tests/**/*.test.ts', 'app/**/*.test.ts', 'supabase/**/*.test.ts', 'seeds/**/*.test.ts'],
		globalSetup: ['tests/setup/global-database.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
	},
})
