import path from 'node:path'
import { expect, test } from 'vitest'
import { parseAuthConfig, parseDuration } from '#supabase/local/auth/config'
import { loadAuthConfig } from '#supabase/local/auth/index'
import { projectRoot } from '#supabase/local/config'

test('the project config.toml turns on email confirmations, its own limits and the send-email hook', async () => {
	const hookEnv = { SEND_EMAIL_HOOK_URI: 'http://127.0.0.1:3000/hooks/send-email', SEND_EMAIL_HOOK_SECRET: 'v1,whsec_c2VjcmV0' }
	const config = await loadAuthConfig(path.join(projectRoot, 'supabase/config.toml'), hookEnv)
	expect(config).toMatchObject({
		siteUrl: 'http://localhost:3000',
		jwtExpiry: 3600,
		refreshTokenReuseInterval: 10,
		minimumPasswordLength: 8,
		flowStateExpiry: 300,
		email: { enableConfirmations: true, doubleConfirmChanges: true, maxFrequency: 60, otpLength: 6, otpExpiry: 3600 },
		rateLimit: { emailSent: 30 },
		sendEmailHook: { uri: hookEnv.SEND_EMAIL_HOOK_URI, secrets: [hookEnv.SEND_EMAIL_HOOK_SECRET] },
	})
	expect(config.additionalRedirectUrls).toContain('http://127.0.0.1:3000')
	await expect(loadAuthConfig(path.join(projectRoot, 'supabase/config.toml'), {})).rejects.toThrow(/SEND_EMAIL_HOOK_URI/)
})

test('missing settings take the Supabase CLI defaults', () => {
	const config = parseAuthConfig('[auth]\nenabled = true\n', {})
	expect(config).toMatchObject({
		siteUrl: 'http://127.0.0.1:3000',
		minimumPasswordLength: 6,
		requiredCharacters: [],
		email: { enableConfirmations: false, maxFrequency: 1 },
		rateLimit: { emailSent: 2 },
	})
})

test('the send email hook reads its secret from the environment, as the CLI does', () => {
	const toml = `
[auth.hook.send_email]
enabled = true
uri = "http://127.0.0.1:3000/hooks/send-email"
secrets = "env(SEND_EMAIL_HOOK_SECRET)"
`
	const config = parseAuthConfig(toml, { SEND_EMAIL_HOOK_SECRET: 'v1,whsec_c2VjcmV0|v1,whsec_b2xk' })
	expect(config.sendEmailHook).toEqual({
		uri: 'http://127.0.0.1:3000/hooks/send-email',
		secrets: ['v1,whsec_c2VjcmV0', 'v1,whsec_b2xk'],
	})
	expect(() => parseAuthConfig(toml, {})).toThrow(/SEND_EMAIL_HOOK_SECRET/)
})

test('password requirements become the character sets a password must use', () => {
	const config = parseAuthConfig('[auth]\npassword_requirements = "lower_upper_letters_digits"\n', {})
	expect(config.requiredCharacters).toEqual(['abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789'])
	expect(() => parseAuthConfig('[auth]\npassword_requirements = "emoji"\n', {})).toThrow(/password_requirements/)
})

test('durations are read as Go writes them', () => {
	expect(parseDuration('60s')).toBe(60)
	expect(parseDuration('1m30s')).toBe(90)
	expect(parseDuration('1h')).toBe(3600)
	expect(parseDuration('250ms')).toBe(0.25)
	expect(parseDuration('soon')).toBeNull()
	expect(parseDuration('')).toBeNull()
})
