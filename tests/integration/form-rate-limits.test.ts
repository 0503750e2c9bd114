import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, expect, onTestFinished, test } from 'vitest'
import { clearExpiredRateLimits, LIMITS } from '#app/http/rate-limits.server'
import { newConnection, postFrom, startDevServer, type Answer, type DevServer } from '#tests/helpers/dev-server'
import { petitionWithOrganizer, withClient } from '#tests/helpers/petition-flow'
import { E2E_PORT } from '#tests/helpers/test-stack'

// The per-IP (and per-address) limits on the public forms (issue 8,
// "Limits"; docs/decisions/038), over real HTTP as a browser without
// JavaScript posts them. Each client connects from its own loopback address
// (127.x.y.z), so the server sees a different IP without trusting any header.

let server: DevServer

beforeAll(async () => {
	// Where the test stack's Auth sends its Send Email Hook: sign-ups and resets mail through this server.
	server = await startDevServer({ port: E2E_PORT })
}, 240_000)

afterAll(async () => {
	await server?.stop()
})

/** A same-origin form post from `from`, as a browser without JavaScript sends it. */
function post(from: string, path: string, fields: Record<string, string>) {
	return postFrom(server, path, new URLSearchParams(fields).toString(), { from })
}

/**
 * Runs `attempt(0…count-1)`, `lanes` at a time; every answer must be one of
 * `expected`. One address at a time goes in one lane: a person retries in turn.
 */
async function repeat(count: number, expected: number | number[], attempt: (n: number) => Promise<Answer>, lanes = 6) {
	const allowed = [expected].flat()
	let next = 0
	const statuses: number[] = []
	async function lane() {
		while (next < count) statuses.push((await attempt(next++)).status)
	}
	await Promise.all(Array.from({ length: lanes }, lane))
	expect(statuses.filter((status) => !allowed.includes(status))).toEqual([])
}

function email(label: string) {
	return `${label}-${randomBytes(5).toString('hex')}@example.org`
}

/** HTML-escaped as React writes text and attribute values. */
function escaped(text: string) {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;')
}

/** The refusal as a person sees it: the message on the page, a 429 and how long to wait. */
function expectRefused(answer: Answer, message: RegExp, duration: number) {
	expect(answer.status).toBe(429)
	const retryAfter = Number(answer.headers['retry-after'])
	expect(retryAfter).toBeGreaterThan(0)
	expect(retryAfter).toBeLessThanOrEqual(duration)
	expect(answer.body).toMatch(message)
	expect(answer.body).toContain(`Wait ${Math.ceil(retryAfter / 60)} minutes`)
}

/**
 * `count` meetings of one public chapter, starting in three days or, with
 * `over`, finished yesterday. Returns their page paths.
 */
async function newEvents(count: number, { over = false } = {}) {
	const { organizer, chapter } = await petitionWithOrganizer()
	return withClient(async (client) => {
		const { rows } = await client.query<{ path: string }>(
			`insert into public.events (chapter_id, kind, title, starts_at, ends_at, time_zone, location_name, created_by)
			select $1, 'meeting', 'Chapter meeting ' || n, now() + $4::interval, now() + $4::interval + interval '2 hours',
				'America/New_York', 'Library community room', $2
			from generate_series(1, $3::int) as n
			returning '/chapters/' || (select slug from public.chapters where id = $1) || '/events/' || id as path`,
			[chapter.id, organizer.id, count, over ? '-1 day' : '3 days'],
		)
		return rows.map((row) => row.path)
	})
}

/** Moves a finished event to next week, as if it had been posted with the wrong date. */
async function reschedule(eventPath: string) {
	await withClient((client) =>
		client.query(
			`update public.events set starts_at = now() + interval '7 days', ends_at = now() + interval '7 days 2 hours' where id = $1`,
			[eventPath.split('/').at(-1)],
		),
	)
}

/**
 * Addresses that already have a confirmed account: signing up with one gets
 * the same answer as a new address (nobody learns who is registered) and
 * sends no email, so these tests leave Auth's project-wide email allowance,
 * which the rest of the run shares, untouched.
 */
async function confirmedAccounts(count: number) {
	return withClient(async (client) => {
		const { rows } = await client.query<{ email: string }>(
			`insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
			select gen_random_uuid(), 'authenticated', 'authenticated', 'limits-' || md5(random()::text) || '@example.org', now(),
				'{"provider":"email"}', '{}', now(), now()
			from generate_series(1, $1::int)
			returning email`,
			[count],
		)
		return rows.map((row) => row.email)
	})
}

/** The RSVP emails these tests queued, taken off the queue: nobody reads them, and other tests share the worker. */
async function dropRsvpEmails(eventPaths: string[]) {
	const ids = eventPaths.map((path) => path.split('/').at(-1) ?? '')
	await withClient((client) =>
		client.query(
			`select graphile_worker.complete_jobs(array(
				select j.id from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
				where t.identifier = 'email_about_rsvp' and j.locked_at is null
					and j.payload->>'rsvpId' in (select r.id::text from public.event_rsvps r where r.event_id = any($1::uuid[]))
			))`,
			[ids],
		),
	)
}

async function rateLimitKeys() {
	return withClient(async (client) => {
		const { rows } = await client.query<{ key: string }>('select key from private.rate_limits')
		return rows.map((row) => row.key)
	})
}

test('sign-up: five tries for one address an hour, then the form says so with what was typed', async () => {
	const from = newConnection()
	const [address = '', other = ''] = await confirmedAccounts(2)
	const fields = { displayName: 'Rosa Delgado', email: address, password: 'orchard kettle 51', redirectTo: '' }
	await repeat(LIMITS.signup_email.points, 302, () => post(from, '/signup', fields), 1)
	const refused = await post(newConnection(), '/signup', fields)
	expectRefused(refused, /several emails to this address/, LIMITS.signup_email.duration)
	expect(refused.body).toContain(`value="${escaped('Rosa Delgado')}"`)
	expect(refused.body).toContain(`value="${escaped(address)}"`)
	expect(refused.body).not.toContain('orchard kettle 51')
	// Another address from the same connection still signs up.
	expect((await post(from, '/signup', { ...fields, email: other })).status).toBe(302)
}, 120_000)

test('sign-up: a hundred accounts an hour from one connection, and another connection is not affected', async () => {
	const from = newConnection()
	const addresses = await confirmedAccounts(LIMITS.signup_ip.points + 1)
	const fields = (address: string) => ({ displayName: 'Ada Lin', email: address, password: 'orchard kettle 51', redirectTo: '' })
	await repeat(LIMITS.signup_ip.points, 302, (n) => post(from, '/signup', fields(addresses[n] ?? '')))
	const typed = email('signup-ip-last')
	const refused = await post(from, '/signup', fields(typed))
	expectRefused(refused, /Too many accounts were created from your connection/, LIMITS.signup_ip.duration)
	expect(refused.body).toContain(`value="${escaped(typed)}"`)
	expect((await post(newConnection(), '/signup', fields(addresses.at(-1) ?? ''))).status).toBe(302)
}, 240_000)

test('password reset: five emails to one address an hour, fifty asks from one connection', async () => {
	const address = email('reset-one')
	await repeat(LIMITS.reset_email.points, [302, 400], () => post(newConnection(), '/forgot-password', { email: address }), 1)
	const perAddress = await post(newConnection(), '/forgot-password', { email: address })
	expectRefused(perAddress, /several reset emails to this address/, LIMITS.reset_email.duration)
	expect(perAddress.body).toContain(`value="${escaped(address)}"`)

	const from = newConnection()
	await repeat(LIMITS.reset_ip.points, 302, () => post(from, '/forgot-password', { email: email('reset-ip') }))
	const typed = email('reset-ip-last')
	const perConnection = await post(from, '/forgot-password', { email: typed })
	expectRefused(perConnection, /Too many password resets were asked for from your connection/, LIMITS.reset_ip.duration)
	expect(perConnection.body).toContain(`value="${escaped(typed)}"`)
	expect((await post(newConnection(), '/forgot-password', { email: typed })).status).toBe(302)
}, 240_000)

test('visitor RSVPs: ten emails to one address per event an hour', async () => {
	const [event = ''] = await newEvents(1)
	onTestFinished(() => dropRsvpEmails([event]))
	// The same address again gets its link again (an email each time), ten times an hour.
	const address = email('rsvp-again')
	const rsvp = { intent: 'rsvp-visitor', name: 'Fiona First', email: address }
	await repeat(LIMITS.rsvp_email.points, 302, () => post(newConnection(), event, rsvp), 1)
	const again = await post(newConnection(), event, rsvp)
	expectRefused(again, /several emails about this event to this address/, LIMITS.rsvp_email.duration)
	expect(again.body).toContain(`value="${escaped('Fiona First')}"`)
	expect(again.body).toContain(`value="${escaped(address)}"`)
}, 120_000)

// Every attempt counts, taken or not. The many attempts below go to meetings
// that are over, which refuse them (a 400 saying so) and email nobody, so the
// test sends no mail for them; the limit counts them all the same.
const rsvp = (name: string, address: string) => ({ intent: 'rsvp-visitor', name, email: address })

test('visitor RSVPs: a hundred an hour from one connection to one event, and another connection is not affected', async () => {
	const [event = ''] = await newEvents(1, { over: true })
	onTestFinished(() => dropRsvpEmails([event]))
	const hall = newConnection()
	await repeat(LIMITS.rsvp_event_ip.points, 400, (n) => post(hall, event, rsvp(`Neighbour ${n}`, email('rsvp-hall'))))
	await reschedule(event)
	const typed = email('rsvp-hall-last')
	const refused = await post(hall, event, rsvp("Ann O'Hara", typed))
	expectRefused(refused, /Too many RSVPs were sent from your connection/, LIMITS.rsvp_event_ip.duration)
	expect(refused.body).toContain(`value="${escaped("Ann O'Hara")}"`)
	expect(refused.body).toContain(`value="${escaped(typed)}"`)
	expect((await post(newConnection(), event, rsvp("Ann O'Hara", typed))).status).toBe(302)
}, 240_000)

test('visitor RSVPs: five hundred an hour from one connection over every event', async () => {
	const perEvent = LIMITS.rsvp_event_ip.points
	const finished = await newEvents(Math.ceil(LIMITS.rsvp_ip.points / perEvent), { over: true })
	const [open = ''] = await newEvents(1)
	onTestFinished(() => dropRsvpEmails([...finished, open]))
	const spray = newConnection()
	await repeat(LIMITS.rsvp_ip.points, 400, (n) =>
		post(spray, finished[Math.floor(n / perEvent)] ?? '', rsvp('Sam Spray', email('rsvp-spray'))),
	)
	const typed = email('rsvp-spray-last')
	const refused = await post(spray, open, rsvp('Sam Spray', typed))
	expectRefused(refused, /Too many RSVPs were sent from your connection/, LIMITS.rsvp_ip.duration)
	expect(refused.body).toContain(`value="${escaped(typed)}"`)
	expect((await post(newConnection(), open, rsvp('Sam Spray', typed))).status).toBe(302)
}, 240_000)

test('petition reports: ten per petition and fifty in all from one connection an hour', async () => {
	const petitions = await Promise.all(
		Array.from(
			{ length: LIMITS.report_ip.points / LIMITS.report_petition_ip.points + 1 },
			async () => (await petitionWithOrganizer()).petition,
		),
	)
	const report = { reason: 'misleading', details: 'The figures <b>do not</b> match the county filing.', email: '' }
	const from = newConnection()
	const [first] = petitions
	await repeat(LIMITS.report_petition_ip.points, 302, () => post(from, `/petitions/${first?.slug}/report`, report))
	const refused = await post(from, `/petitions/${first?.slug}/report`, { ...report, email: 'reporter@example.org' })
	expectRefused(refused, /Too many reports were sent from your connection/, LIMITS.report_petition_ip.duration)
	expect(refused.body).toContain(escaped(report.details))
	expect(refused.body).toContain('value="reporter@example.org"')
	expect(refused.body).toMatch(/value="misleading"[^>]*checked|checked[^>]*value="misleading"/)

	// The other petitions take the rest of the fifty (the refused report counted too), then the connection is stopped everywhere.
	const others = petitions.slice(1, -1)
	await repeat(LIMITS.report_ip.points - LIMITS.report_petition_ip.points - 1, 302, (n) =>
		post(from, `/petitions/${others[n % others.length]?.slug}/report`, report),
	)
	const fresh = `/petitions/${petitions.at(-1)?.slug}/report`
	expectRefused(await post(from, fresh, report), /Too many reports/, LIMITS.report_ip.duration)
	expect((await post(newConnection(), fresh, report)).status).toBe(302)
}, 240_000)

test('the counters are stored under keyed hashes, never an IP or email address', async () => {
	const from = newConnection()
	const address = email('hashed')
	expect((await post(from, '/forgot-password', { email: address })).status).toBe(302)
	expect((await post(from, '/signin', { email: address, password: 'not the password' })).status).toBe(400)
	const keys = await rateLimitKeys()
	expect(keys.some((key) => key.startsWith('reset_email:'))).toBe(true)
	expect(keys.some((key) => key.startsWith('signin_ip:'))).toBe(true)
	for (const key of keys) {
		expect(key).toMatch(/^[a-z_]+:[A-Za-z0-9_-]{43}$/)
		expect(key).not.toContain('@')
		expect(key).not.toMatch(/\d+\.\d+\.\d+\.\d+/)
	}
	expect(keys.join('\n')).not.toContain(from)
}, 60_000)

test("the worker's hourly job deletes counters whose window has ended, and only those", async () => {
	const [ended, running] = [`test_ended:${randomBytes(8).toString('hex')}`, `test_running:${randomBytes(8).toString('hex')}`]
	await withClient((client) =>
		client.query('insert into private.rate_limits (key, points, expire) values ($1, 3, $3), ($2, 3, $4)', [
			ended,
			running,
			Date.now() - 1000,
			Date.now() + 3600_000,
		]),
	)
	expect(await clearExpiredRateLimits()).toBeGreaterThanOrEqual(1)
	const keys = await rateLimitKeys()
	expect(keys).not.toContain(ended)
	expect(keys).toContain(running)
	await withClient((client) => client.query('delete from private.rate_limits where key = $1', [running]))
})
