import { createHmac } from 'node:crypto'
import { data, type HeadersFunction } from '@remix-run/node'
import { sql } from 'kysely'
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'
import { pool } from '#app/db/db.server'
import type { MessageKey } from '#app/i18n/en'
import { t } from '#app/i18n/i18n'
import { asJob } from '#app/jobs/queue.server'
import { env } from '#app/utils/env.server'
import { keepTyped, type FormFailure } from '#app/utils/forms.server'
import { singleton } from '#app/utils/singleton.server'

// Every rate limit in the app, in one table and one store: counters in
// private.rate_limits (rate-limiter-flexible's Postgres layout), keyed by a
// keyed hash (HMAC) of the IP address or email address they count, never
// the address itself. The numbers and why: docs/decisions/038.

const MINUTE = 60
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Each limit: at most `points` attempts per `duration` seconds, counted under its name. */
export const LIMITS = {
	// A household or an office shares an address: generous per IP, strict per account.
	signin_ip: { points: 50, duration: 15 * MINUTE },
	signin_email: { points: 10, duration: 15 * MINUTE },
	// Each sign-up and each reset mails the address typed: strict per address, so nobody is flooded.
	signup_ip: { points: 100, duration: HOUR },
	signup_email: { points: 5, duration: HOUR },
	reset_ip: { points: 50, duration: HOUR },
	reset_email: { points: 5, duration: HOUR },
	// Visitors without an account: a community hall's wifi answers for a whole meeting.
	rsvp_ip: { points: 500, duration: HOUR },
	rsvp_event_ip: { points: 100, duration: HOUR },
	rsvp_email: { points: 10, duration: HOUR },
	report_ip: { points: 50, duration: HOUR },
	report_petition_ip: { points: 10, duration: HOUR },
	// Following a project by email mails the address typed (once an hour at most per follow).
	follow_ip: { points: 100, duration: HOUR },
	follow_email: { points: 10, duration: HOUR },
	// Comment drives (app/comments/): a hearing room's wifi writes many; one address a few; the meter as people type.
	comment_ip: { points: 500, duration: HOUR },
	comment_email: { points: 10, duration: HOUR },
	comment_meter_ip: { points: 2000, duration: HOUR },
	// Signing up to speak mails the address typed (app/speakers).
	speaker_ip: { points: 100, duration: HOUR },
	speaker_email: { points: 10, duration: HOUR },
	// Petition signatures, counted by the petitions tick (app/petitions/jobs.server.ts), per petition.
	petition_ip_burst: { points: 10, duration: 5 * MINUTE },
	petition_ip_day: { points: 50, duration: DAY },
	petition_domain: { points: 100, duration: HOUR },
} as const satisfies Record<string, { points: number; duration: number }>

export type LimitName = keyof typeof LIMITS

/** The limits a form answers for itself; the petition ones are counted by the petitions tick. */
export type FormLimitName = Exclude<LimitName, `petition_${string}`>

/** What each form limit tells the person it stops, and where on the form (`form` is the summary at the top). */
const REFUSALS: Record<FormLimitName, { field: 'form' | 'email'; message: MessageKey }> = {
	signin_ip: { field: 'form', message: 'auth.signIn.tooMany' },
	signin_email: { field: 'form', message: 'auth.signIn.tooMany' },
	signup_ip: { field: 'form', message: 'limits.signUp.ip' },
	signup_email: { field: 'email', message: 'limits.signUp.email' },
	reset_ip: { field: 'form', message: 'limits.reset.ip' },
	reset_email: { field: 'email', message: 'limits.reset.email' },
	rsvp_ip: { field: 'form', message: 'limits.rsvp.ip' },
	rsvp_event_ip: { field: 'form', message: 'limits.rsvp.ip' },
	rsvp_email: { field: 'email', message: 'limits.rsvp.email' },
	report_ip: { field: 'form', message: 'limits.report.ip' },
	report_petition_ip: { field: 'form', message: 'limits.report.ip' },
	follow_ip: { field: 'form', message: 'limits.follow.ip' },
	follow_email: { field: 'email', message: 'limits.follow.email' },
	comment_ip: { field: 'form', message: 'limits.comment.ip' },
	comment_email: { field: 'email', message: 'limits.comment.email' },
	comment_meter_ip: { field: 'form', message: 'limits.comment.ip' },
	speaker_ip: { field: 'form', message: 'speakers.limits.ip' },
	speaker_email: { field: 'email', message: 'speakers.limits.email' },
}

const limitNames = Object.keys(LIMITS).filter((name): name is LimitName => name in LIMITS)

/** Where every counter lives, for rate-limiter-flexible: `private.rate_limits`, through the app's pool. */
export function rateLimitStore() {
	return {
		storeClient: pool(),
		storeType: 'pool',
		schemaName: 'private',
		tableName: 'rate_limits',
		tableCreated: true,
		// Expired rows are deleted by the worker's crontab (clear_expired_rate_limits).
		clearExpiredByTimeout: false,
	}
}

function limiters() {
	return singleton('rate-limiters', () => {
		const store = rateLimitStore()
		return new Map(limitNames.map((name) => [name, new RateLimiterPostgres({ ...store, keyPrefix: name, ...LIMITS[name] })]))
	})
}

function limiter(name: LimitName) {
	const found = limiters().get(name)
	if (!found) throw new Error(`no rate limit named ${name}`)
	return found
}

/**
 * What a counter is stored under: an HMAC of the counted value with a key
 * derived from the service role key, so the table never holds an address and
 * a copy of it cannot be matched against a list of addresses without the secret.
 */
function counterKey(value: string) {
	counterSecret ??= createHmac('sha256', env().SUPABASE_SERVICE_ROLE_KEY).update('groundwork rate limit keys').digest()
	return createHmac('sha256', counterSecret).update(value).digest('base64url')
}
let counterSecret: Buffer | undefined

/** An email address as the limits count it: one person however they type it. */
export function emailKey(email: string) {
	return email.trim().toLowerCase()
}

export type Attempt = { allowed: true } | { allowed: false; limit: FormLimitName; retryAfterSeconds: number }

/**
 * Counts one attempt against each limit named, for the value it counts
 * (an IP address, an email address, `<event id>:<ip>`). When any is over,
 * says which one (the first named) and how long until every one of them lets
 * the next attempt through.
 */
export async function takeAttempt(counts: Array<[FormLimitName, string]>): Promise<Attempt> {
	const results = await Promise.allSettled(counts.map(([name, value]) => limiter(name).consume(counterKey(value))))
	let refused: { limit: FormLimitName; ms: number } | undefined
	for (const [index, result] of results.entries()) {
		if (result.status === 'fulfilled') continue
		const rejection: unknown = result.reason
		if (!(rejection instanceof RateLimiterRes)) throw rejection
		const name = counts[index]?.[0]
		if (!name) continue
		refused = { limit: refused?.limit ?? name, ms: Math.max(refused?.ms ?? 0, rejection.msBeforeNext) }
	}
	if (!refused) return { allowed: true }
	return { allowed: false, limit: refused.limit, retryAfterSeconds: Math.max(1, Math.ceil(refused.ms / 1000)) }
}

/** One sign-in attempt (password or emailed code), per IP address and per account. */
export function takeSignInAttempt(ip: string, email: string) {
	return takeAttempt([
		['signin_ip', ip],
		['signin_email', emailKey(email)],
	])
}

/**
 * A right password clears the account's count, so only wrong guesses add up
 * to the limit: a volunteer signing in on several devices is never locked out.
 * The count per IP address stays.
 */
export async function forgiveSignIn(email: string) {
	await limiter('signin_email').delete(counterKey(emailKey(email)))
}

/**
 * Takes points for many values under one limit in one statement, and says
 * for each how many of its points fitted under the limit: the first ones in
 * order pass, the rest do not (the petitions tick counts a batch of
 * signatures this way, one round trip per limit instead of one per address).
 * The counters are rate-limiter-flexible's, updated as its Postgres store
 * updates them, so the forms' limiters and this one read the same rows.
 */
export async function takePoints(name: LimitName, counts: ReadonlyArray<readonly [value: string, count: number]>) {
	const allowed = new Map<string, number>()
	if (counts.length === 0) return allowed
	const { points, duration } = LIMITS[name]
	const keys = counts.map(([value]) => `${name}:${counterKey(value)}`)
	const now = Date.now()
	const { rows } = await pool().query<{ key: string; points: number }>(
		`insert into private.rate_limits as r (key, points, expire)
		select key, points, $3::bigint from unnest($1::text[], $2::int[]) as u(key, points)
		on conflict (key) do update set
			points = case when r.expire <= $4::bigint then excluded.points else r.points + excluded.points end,
			expire = case when r.expire <= $4::bigint then excluded.expire else r.expire end
		returning key, points`,
		[keys, counts.map(([, count]) => count), now + duration * 1000, now],
	)
	const consumed = new Map(rows.map((row) => [row.key, row.points]))
	for (const [index, [value, count]] of counts.entries()) {
		const total = consumed.get(keys[index] ?? '') ?? count
		allowed.set(value, Math.max(0, Math.min(count, points - (total - count))))
	}
	return allowed
}

/** Deletes the counters whose window has ended, as the service role: the worker's crontab runs it. Returns how many. */
export async function clearExpiredRateLimits() {
	const { numAffectedRows } = await asJob((trx) => sql`delete from private.rate_limits where expire < ${Date.now()}`.execute(trx))
	return Number(numAffectedRows ?? 0)
}

/** The client's address: from the server's context (Express, honouring TRUST_PROXY), else the proxy header. */
export function clientIp(request: Request, context: { clientIp?: string }) {
	return clientIpFrom(request.headers.get('X-Forwarded-For'), context)
}

/** The same, from the X-Forwarded-For header's value (the signing fast path has no Fetch `Request`). */
export function clientIpFrom(forwardedFor: string | null | undefined, context: { clientIp?: string }) {
	return context.clientIp ?? forwardedFor?.split(',')[0]?.trim() ?? 'unknown'
}

/**
 * The form back after a refused attempt: the limit's message (with the
 * whole minutes to wait) on its field, what was typed kept, a 429 and Retry-After.
 */
export function tooManyAttempts(
	attempt: { limit: FormLimitName; retryAfterSeconds: number },
	values: Record<string, string>,
	headers?: Headers,
) {
	const refusal = REFUSALS[attempt.limit]
	const answer = new Headers(headers)
	answer.set('Retry-After', String(attempt.retryAfterSeconds))
	const message = t(refusal.message, { minutes: Math.max(1, Math.ceil(attempt.retryAfterSeconds / 60)) })
	return data({ errors: { [refusal.field]: message }, values: keepTyped(values) } satisfies FormFailure, { status: 429, headers: answer })
}

/**
 * The `headers` of a route whose action can refuse an attempt: Remix passes
 * on only the cookies of an action's answer unless the route says otherwise,
 * so this keeps the parents' headers and adds the refusal's Retry-After.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
	const headers = new Headers(parentHeaders)
	const retryAfter = actionHeaders.get('Retry-After')
	if (retryAfter) headers.set('Retry-After', retryAfter)
	return headers
}
