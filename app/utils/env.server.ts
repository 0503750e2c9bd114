import { z } from 'zod'

// The whole configuration of the server, parsed once at boot. A missing or
// malformed variable stops the server with one line naming it and what it expects.
const schema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	DATABASE_URL: z
		.string({ error: 'is missing: set it to a postgres:// connection URL, e.g. postgresql://postgres:postgres@127.0.0.1:54322/postgres' })
		.regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// connection URL'),
	DATABASE_POOL_SIZE: z.coerce
		.number({ error: 'must be a whole number of connections, e.g. 10' })
		.int('must be a whole number of connections, e.g. 10')
		.min(1, 'must be at least 1')
		.max(200, 'must be at most 200')
		.default(10),
	SITE_URL: z
		.url({ error: 'must be the public address of the site, e.g. https://groundwork.example.org' })
		.default('http://localhost:3000'),
	SUPABASE_URL: z.url({
		error: 'must be the Supabase project URL, e.g. https://<ref>.supabase.co (npm run dev sets it for the local stack)',
	}),
	SUPABASE_ANON_KEY: z
		.string({ error: "is missing: set it to the project's anon (publishable) key" })
		.min(20, "must be the project's anon (publishable) key"),
	SUPABASE_SERVICE_ROLE_KEY: z
		.string({ error: "is missing: set it to the project's service_role (secret) key" })
		.min(20, "must be the project's service_role (secret) key"),
	SEND_EMAIL_HOOK_SECRET: z
		.string()
		.regex(/^v1,whsec_[A-Za-z0-9+/=]+$/, 'must be the Send Email Hook secret, v1,whsec_<base64>')
		.optional(),
	RESEND_API_KEY: z
		.string({ error: 'is missing: set it to a Resend API key (re_…)' })
		.regex(/^re_\w+/, 'must be a Resend API key starting with re_'),
	RESEND_WEBHOOK_SECRET: z
		.string()
		.regex(/^whsec_[A-Za-z0-9+/=]+$/, 'must be the signing secret of the Resend webhook, whsec_<base64>')
		.optional(),
	RESEND_BASE_URL: z.url({ error: 'must be a URL, e.g. http://127.0.0.1:54324 for the local mail catcher' }).optional(),
	// Resend limits API calls per team (5 a second by default, 2 for older teams); 0 is no limit. See providerTurn.
	RESEND_CALLS_PER_SECOND: z.coerce
		.number({ error: 'must be a whole number of calls a second, e.g. 5 (0 for no limit)' })
		.int('must be a whole number of calls a second, e.g. 5 (0 for no limit)')
		.min(0, 'must be 0 (no limit) or more')
		.max(1000, 'must be at most 1000')
		.optional(),
	EMAIL_FROM: z
		.string()
		.regex(/^(.+<[^@\s]+@[^@\s]+>|[^@\s]+@[^@\s]+)$/, 'must be an address, e.g. Groundwork <hello@example.org>')
		.default('Groundwork <hello@groundwork.local>'),
	// Posting comments to Regulations.gov needs a key GSA grants (docs/decisions/056): off unless turned on.
	REGULATIONS_GOV_POSTING: z.enum(['on', 'off'], { error: 'must be on or off' }).default('off'),
	REGULATIONS_GOV_API_URL: z.url({ error: 'must be a URL, e.g. https://api.regulations.gov' }).default('https://api.regulations.gov'),
	REGULATIONS_GOV_API_KEY: z.string().min(8, 'must be the api.data.gov key GSA enabled for posting').optional(),
})

export type Env = z.infer<typeof schema>

export function parseEnv(source: Record<string, string | undefined>): Env {
	// An empty variable is as good as a missing one.
	const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''))
	const result = schema.safeParse(present)
	if (result.success) return result.data
	const issue = result.error.issues[0]
	const name = issue?.path.join('.') ?? 'configuration'
	throw new ConfigurationError(`${name} ${issue?.message ?? 'is invalid'}`)
}

export class ConfigurationError extends Error {
	override name = 'ConfigurationError'
}

let cached: Env | undefined

export function env(): Env {
	if (!cached) {
		try {
			cached = parseEnv(process.env)
		} catch (error) {
			if (!(error instanceof ConfigurationError)) throw error
			console.error(`Configuration error: ${error.message}`)
			process.exit(1)
		}
	}
	return cached
}
