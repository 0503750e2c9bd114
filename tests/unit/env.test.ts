import { expect, test } from 'vitest'
import { ConfigurationError, parseEnv } from '#app/utils/env.server'

const valid = {
	DATABASE_URL: 'postgresql://postgres:postgres@127.0.0.1:54322/postgres',
	SUPABASE_URL: 'http://127.0.0.1:54321',
	SUPABASE_ANON_KEY: 'a'.repeat(40),
	SUPABASE_SERVICE_ROLE_KEY: 'b'.repeat(40),
	RESEND_API_KEY: 're_local',
}

test('a complete configuration parses, with defaults filled in', () => {
	expect(parseEnv(valid)).toMatchObject({
		DATABASE_POOL_SIZE: 10,
		SITE_URL: 'http://localhost:3000',
		EMAIL_FROM: 'Groundwork <hello@groundwork.local>',
	})
})

test('a missing or malformed variable is named with what it expects', () => {
	expect(() => parseEnv({ ...valid, DATABASE_URL: undefined })).toThrow(/^DATABASE_URL is missing: set it to a postgres:\/\//)
	expect(() => parseEnv({ ...valid, DATABASE_URL: '' })).toThrow(/^DATABASE_URL is missing/)
	expect(() => parseEnv({ ...valid, DATABASE_URL: 'mysql://x' })).toThrow(
		'DATABASE_URL must be a postgres:// or postgresql:// connection URL',
	)
	expect(() => parseEnv({ ...valid, RESEND_API_KEY: 'abc' })).toThrow('RESEND_API_KEY must be a Resend API key starting with re_')
	expect(() => parseEnv({ ...valid, DATABASE_POOL_SIZE: 'lots' })).toThrow(/^DATABASE_POOL_SIZE must be a whole number/)
	expect(() => parseEnv({ ...valid, SEND_EMAIL_HOOK_SECRET: 'secret' })).toThrow(ConfigurationError)
	expect(() => parseEnv({ ...valid, RESEND_CALLS_PER_SECOND: 'fast' })).toThrow(
		/^RESEND_CALLS_PER_SECOND must be a whole number of calls a second/,
	)
	expect(() => parseEnv({ ...valid, RESEND_CALLS_PER_SECOND: '-1' })).toThrow('RESEND_CALLS_PER_SECOND must be 0 (no limit) or more')
	expect(parseEnv({ ...valid, RESEND_CALLS_PER_SECOND: '2' }).RESEND_CALLS_PER_SECOND).toBe(2)
})
