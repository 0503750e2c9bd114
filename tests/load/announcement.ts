// `npm run bench:announce`: how long posting an update to a chapter of
// 20,000 members keeps the request waiting, against a single-row insert
// measured in the same run, then how long the job takes to pick the
// recipients and queue their batches, and how fast the worker sends them
// (to a stand-in for Resend's batch endpoint on this machine, so the
// figures are ours, not the network's).
//
// Runs on a throwaway database: TEST_DATABASE_URL's server when set (any
// PostgreSQL 15+), else embedded PostgreSQL in TEST_DATA_DIR (default
// .data/test; set TEST_DATA_DIR and TEST_POSTGRES_PORT to run beside tests).
// Prints medians of several runs and a final JSON line. Not part of npm test.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { startTestDatabase } from '../helpers/test-database'

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 15)

function median(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b)
	const middle = Math.floor(sorted.length / 2)
	return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

const round = (ms: number) => Math.round(ms * 100) / 100

/** A stand-in for Resend's POST /emails/batch that counts what it receives. */
async function fakeResend() {
	let emails = 0
	let calls = 0
	const server = createServer((request, response) => {
		let body = ''
		request.on('data', (chunk: Buffer) => {
			body += chunk.toString()
		})
		request.on('end', () => {
			const batch: unknown = JSON.parse(body || '[]')
			const count = Array.isArray(batch) ? batch.length : 1
			emails += count
			calls++
			response.writeHead(200, { 'Content-Type': 'application/json' })
			response.end(JSON.stringify(Array.isArray(batch) ? { data: batch.map(() => ({ id: randomUUID() })) } : { id: randomUUID() }))
		})
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const address = server.address()
	const port = typeof address === 'object' && address ? address.port : 0
	return {
		url: `http://127.0.0.1:${port}`,
		counts: () => ({ emails, calls }),
		close: () => new Promise((resolve) => server.close(resolve)),
	}
}

async function main() {
	const log = (line: string) => console.log(line)
	log(`Setting up a throwaway database with a chapter of ${MEMBERS.toLocaleString('en')} members…`)
	const database = await startTestDatabase()
	const resend = await fakeResend()
	Object.assign(process.env, {
		DATABASE_URL: database.url,
		SITE_URL: 'https://groundwork.example',
		SUPABASE_URL: 'http://127.0.0.1:9',
		SUPABASE_ANON_KEY: 'bench-anon-key-not-used-000000',
		SUPABASE_SERVICE_ROLE_KEY: 'bench-service-key-not-used-000',
		RESEND_API_KEY: 're_bench',
		RESEND_BASE_URL: resend.url,
	})
	// Imported after the environment is set: the app reads it on first use.
	const { sql } = await import('kysely')
	const { db, asCaller, pool } = await import('#app/db/db.server')
	const { postUpdate } = await import('#app/chapters/updates.server')
	const { announceChapterUpdate } = await import('#app/chapters/jobs.server')
	const { startWorker } = await import('#app/jobs/worker.server')
	const { releaseJobQueue } = await import('#app/jobs/queue.server')

	try {
		const organizerId = randomUUID()
		const started = performance.now()
		await sql`insert into public.jurisdictions (kind, name, country_code, slug) values ('country', 'Benchland', 'US', 'benchland')`.execute(
			db(),
		)
		await sql`insert into auth.users (id, aud, role, email, email_confirmed_at, raw_user_meta_data, created_at, updated_at)
			values (${organizerId}, 'authenticated', 'authenticated', 'organizer@bench.example', now(), '{"display_name":"Olive Organizer"}', now(), now())`.execute(
			db(),
		)
		await sql`insert into public.chapters (slug, name, jurisdiction_id, visibility, created_by)
			select 'bench-chapter', 'Bench Chapter', id, 'public', ${organizerId} from public.jurisdictions where slug = 'benchland'`.execute(db())
		const chapter = await db().selectFrom('chapters').select('id').where('slug', '=', 'bench-chapter').executeTakeFirstOrThrow()
		await sql`insert into auth.users (id, aud, role, email, email_confirmed_at, raw_user_meta_data, created_at, updated_at)
			select gen_random_uuid(), 'authenticated', 'authenticated', 'member' || n || '@bench.example', now(), '{}', now(), now()
			from generate_series(1, ${MEMBERS - 1}) as n`.execute(db())
		await sql`insert into public.memberships (chapter_id, user_id, role, status)
			select ${chapter.id}, id, 'member', 'active' from auth.users where email like 'member%@bench.example'`.execute(db())
		// A tenth chose the weekly digest and a tenth no email, as real chapters do.
		await sql`update public.chapter_subscriptions set frequency = case when random() < 0.5 then 'weekly'::public.email_frequency else 'none'::public.email_frequency end
			where chapter_id = ${chapter.id} and user_id in (select user_id from public.chapter_subscriptions where chapter_id = ${chapter.id} order by user_id limit ${Math.floor(MEMBERS / 5)})`.execute(
			db(),
		)
		await sql`analyze`.execute(db())
		const members = await db().selectFrom('chapters').select('member_count').where('id', '=', chapter.id).executeTakeFirstOrThrow()
		log(`Seeded ${members.member_count.toLocaleString('en')} active members in ${Math.round(performance.now() - started)} ms.`)

		const organizer = { role: 'authenticated' as const, claims: { sub: organizerId, role: 'authenticated' as const } }
		const baseline = () =>
			asCaller(organizer, (trx) =>
				trx
					.insertInto('chapter_updates')
					.values({ chapter_id: chapter.id, author_id: organizerId, title: 'Baseline row', body: 'One row.' })
					.execute(),
			)
		const post = () => postUpdate(organizer, chapter.id, { title: 'Written comments close Thursday', body: 'Send **yours** before 5 pm.' })

		// Warm up both paths (connections, graphile-worker's schema, query plans).
		for (let i = 0; i < 3; i++) {
			await baseline()
			await post()
		}
		const baselineTimes: number[] = []
		const requestTimes: number[] = []
		const posted: string[] = []
		for (let i = 0; i < RUNS; i++) {
			// Alternate, so drift on a noisy machine hits both the same.
			let t = performance.now()
			await baseline()
			baselineTimes.push(performance.now() - t)
			t = performance.now()
			posted.push(await post())
			requestTimes.push(performance.now() - t)
		}
		const requestMs = median(requestTimes)
		const baselineMs = median(baselineTimes)
		log(`\nPosting an update (what the action awaits), median of ${RUNS}: ${round(requestMs)} ms`)
		log(`Single-row insert as the organizer (baseline), median of ${RUNS}: ${round(baselineMs)} ms`)
		log(`Ratio: ${round(requestMs / baselineMs)}× the baseline`)

		// The job's part: choose the recipients and queue their batches, in one transaction.
		await sql`select graphile_worker.remove_job(key) from graphile_worker.jobs where key like 'announce:%'`.execute(db())
		const fanoutTimes: number[] = []
		let recipients = 0
		const fanoutRuns = Math.min(5, posted.length)
		for (const updateId of posted.slice(0, fanoutRuns)) {
			const t = performance.now()
			recipients = await announceChapterUpdate(updateId)
			fanoutTimes.push(performance.now() - t)
		}
		const batchesQueued = Math.ceil(recipients / 100)
		const { rows: queuedRows } = await sql<{
			n: number
		}>`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'send_email_batch'`.execute(db())
		log(
			`\nFan-out job (pick ${recipients.toLocaleString('en')} recipients, queue ${batchesQueued} batches of ≤100), median of ${fanoutRuns}: ${round(median(fanoutTimes))} ms`,
		)

		// Delivery: the worker renders each batch once and sends it in one call.
		const toSend = queuedRows[0]?.n ?? 0
		const t = performance.now()
		const worker = await startWorker({ concurrency: 4 })
		while (resend.counts().calls < toSend) await new Promise((resolve) => setTimeout(resolve, 50))
		const deliveryMs = performance.now() - t
		await worker.stop()
		const { emails, calls } = resend.counts()
		log(
			`Delivery of ${fanoutRuns} updates: ${emails.toLocaleString('en')} emails in ${calls} batch calls, ${Math.round(deliveryMs)} ms (${Math.round(emails / (deliveryMs / 1000))} emails/s, worker concurrency 4)`,
		)

		console.log(
			JSON.stringify({
				benchmark: 'announcement',
				members: members.member_count,
				recipients_per_update: recipients,
				runs: RUNS,
				request_ms_median: round(requestMs),
				baseline_insert_ms_median: round(baselineMs),
				request_to_baseline_ratio: round(requestMs / baselineMs),
				fanout_job_ms_median: round(median(fanoutTimes)),
				batches_per_update: batchesQueued,
				delivery_emails: emails,
				delivery_batch_calls: calls,
				delivery_ms: Math.round(deliveryMs),
				emails_per_second: Math.round(emails / (deliveryMs / 1000)),
			}),
		)
	} finally {
		await releaseJobQueue()
		// The database stops next; a connection still open in the pool may hear it go.
		pool().on('error', () => {})
		await pool()
			.end()
			.catch(() => {})
		await resend.close()
		await database.stop()
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error)
		process.exit(1)
	},
)
