import { readFile } from 'node:fs/promises'
import { parse } from 'smol-toml'
import { z } from 'zod'

export type SendEmailHook = { uri: string; secrets: string[] }

type Environment = Record<string, string | undefined>

/**
 * The [auth] settings of supabase/config.toml that the local Auth server
 * honours, with the Supabase CLI's defaults for anything left out. Durations
 * are in seconds.
 */
export type AuthConfig = {
	siteUrl: string
	additionalRedirectUrls: string[]
	jwtExpiry: number
	enableRefreshTokenRotation: boolean
	refreshTokenReuseInterval: number
	enableSignup: boolean
	minimumPasswordLength: number
	/** Character sets a password must draw at least one character from. */
	requiredCharacters: string[]
	/** GoTrue's fixed lifetime of a PKCE flow; not a config.toml setting. */
	flowStateExpiry: number
	email: {
		enableSignup: boolean
		enableConfirmations: boolean
		doubleConfirmChanges: boolean
		securePasswordChange: boolean
		maxFrequency: number
		otpLength: number
		otpExpiry: number
		sender: string
	}
	rateLimit: { emailSent: number }
	sendEmailHook: SendEmailHook | null
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const DIGITS = '0123456789'
const SYMBOLS = '!@#$%^&*()_+-=[]{};\'\\:"|<>?,./`~'

const passwordRequirements = {
	'': [],
	letters_digits: [LOWER + UPPER, DIGITS],
	lower_upper_letters_digits: [LOWER, UPPER, DIGITS],
	lower_upper_letters_digits_symbols: [LOWER, UPPER, DIGITS, SYMBOLS],
} satisfies Record<string, string[]>

const duration = z.string().transform((value, context) => {
	const seconds = parseDuration(value)
	if (seconds === null) {
		context.addIssue({ code: 'custom', message: `must be a duration such as "60s" or "1m30s" (got "${value}")` })
		return z.NEVER
	}
	return seconds
})

const section = z
	.object({
		site_url: z.string().default('http://127.0.0.1:3000'),
		additional_redirect_urls: z.array(z.string()).default(['https://127.0.0.1:3000']),
		jwt_expiry: z.number().int().positive().default(3600),
		enable_refresh_token_rotation: z.boolean().default(true),
		refresh_token_reuse_interval: z.number().int().nonnegative().default(10),
		enable_signup: z.boolean().default(true),
		minimum_password_length: z.number().int().nonnegative().default(6),
		password_requirements: z.enum(['', 'letters_digits', 'lower_upper_letters_digits', 'lower_upper_letters_digits_symbols']).default(''),
		rate_limit: z.object({ email_sent: z.number().int().nonnegative().default(2) }).prefault({}),
		email: z
			.object({
				enable_signup: z.boolean().default(true),
				enable_confirmations: z.boolean().default(false),
				double_confirm_changes: z.boolean().default(true),
				secure_password_change: z.boolean().default(false),
				max_frequency: duration.default(1),
				otp_length: z.number().int().min(6).max(10).default(6),
				otp_expiry: z.number().int().nonnegative().default(3600),
				smtp: z
					.object({
						admin_email: z.string().default('admin@email.com'),
						sender_name: z.string().default('Admin'),
					})
					.prefault({}),
			})
			.prefault({}),
		hook: z
			.object({
				send_email: z
					.object({
						enabled: z.boolean().default(false),
						uri: z.string().default(''),
						secrets: z.string().default(''),
					})
					.prefault({}),
			})
			.prefault({}),
	})
	.prefault({})

/** Reads the [auth] section of a Supabase CLI config.toml. */
export async function loadAuthConfig(configPath: string, env: Environment = process.env): Promise<AuthConfig> {
	return parseAuthConfig(await readFile(configPath, 'utf8'), env, configPath)
}

export function parseAuthConfig(toml: string, env: Environment = process.env, source = 'config.toml'): AuthConfig {
	const document = parse(toml)
	const result = section.safeParse(document.auth)
	if (!result.success) {
		const issue = result.error.issues[0]
		throw new Error(`${source}: [auth] ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is invalid'}`)
	}
	const auth = result.data
	const hook = auth.hook.send_email
	return {
		siteUrl: substituteEnv(auth.site_url, env, 'auth.site_url', source),
		additionalRedirectUrls: auth.additional_redirect_urls.map((url) => substituteEnv(url, env, 'auth.additional_redirect_urls', source)),
		jwtExpiry: auth.jwt_expiry,
		enableRefreshTokenRotation: auth.enable_refresh_token_rotation,
		refreshTokenReuseInterval: auth.refresh_token_reuse_interval,
		enableSignup: auth.enable_signup,
		minimumPasswordLength: auth.minimum_password_length,
		requiredCharacters: passwordRequirements[auth.password_requirements],
		flowStateExpiry: 300,
		email: {
			enableSignup: auth.email.enable_signup,
			enableConfirmations: auth.email.enable_confirmations,
			doubleConfirmChanges: auth.email.double_confirm_changes,
			securePasswordChange: auth.email.secure_password_change,
			maxFrequency: auth.email.max_frequency,
			otpLength: auth.email.otp_length,
			otpExpiry: auth.email.otp_expiry,
			sender: `${auth.email.smtp.sender_name} <${auth.email.smtp.admin_email}>`,
		},
		rateLimit: { emailSent: auth.rate_limit.email_sent },
		sendEmailHook: hook.enabled
			? {
					uri: substituteEnv(hook.uri, env, 'auth.hook.send_email.uri', source),
					// GoTrue accepts several secrets separated by "|" so they can be rotated.
					secrets: substituteEnv(hook.secrets, env, 'auth.hook.send_email.secrets', source)
						.split('|')
						.map((secret) => secret.trim())
						.filter(Boolean),
				}
			: null,
	}
}

/** `env(NAME)` stands for the variable NAME, as in the Supabase CLI. */
function substituteEnv(value: string, env: Environment, key: string, source: string) {
	const match = /^env\((\w+)\)$/.exec(value.trim())
	if (!match?.[1]) return value
	const resolved = env[match[1]]
	if (resolved === undefined || resolved === '') {
		throw new Error(`${source}: ${key} refers to ${match[1]}, which is not set in the environment`)
	}
	return resolved
}

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 }

/** Parses a Go duration ("60s", "1m30s", "500ms") into seconds. */
export function parseDuration(value: string): number | null {
	const text = value.trim()
	if (text === '0') return 0
	const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y
	let seconds = 0
	let index = 0
	while (index < text.length) {
		part.lastIndex = index
		const match = part.exec(text)
		const unit = match?.[2] ? UNIT_SECONDS[match[2]] : undefined
		if (!match?.[1] || unit === undefined) return null
		seconds += Number(match[1]) * unit
		index = part.lastIndex
	}
	return index === 0 ? null : seconds
}
