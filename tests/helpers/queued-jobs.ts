import { runMigrations } from 'graphile-worker'
import pg from 'pg'

// What the app queued, as the tests see it. A test that asks "was this email
// queued?" cannot read graphile-worker's own table alone: any test file that
// runs a worker (many do, side by side) may have sent and deleted the job in
// between. So the test database keeps a copy of every job as it is queued, in
// a schema of its own that the Data API does not expose and the app never
// reads; `npm test` and a bare `npx vitest` both install it (test-stack.ts).

/** Installs the copy on a freshly migrated test database (graphile-worker's schema first). */
export async function recordQueuedJobs(databaseUrl: string) {
	await runMigrations({ connectionString: databaseUrl })
	const client = new pg.Client({ connectionString: databaseUrl })
	await client.connect()
	try {
		await client.query(`
			create schema if not exists test_support;
			revoke all on schema test_support from public;
			create table if not exists test_support.queued_jobs (
				id bigserial primary key,
				task text not null,
				key text,
				payload json not null,
				queued_at timestamptz not null default now()
			);
			create or replace function test_support.record_queued_job() returns trigger
			language plpgsql security definer set search_path = '' as $$
			begin
				insert into test_support.queued_jobs (task, key, payload)
				select t.identifier, new.key, new.payload from graphile_worker._private_tasks t where t.id = new.task_id;
				return new;
			end $$;
			drop trigger if exists record_queued_job on graphile_worker._private_jobs;
			create trigger record_queued_job after insert on graphile_worker._private_jobs
				for each row execute function test_support.record_queued_job();
		`)
	} finally {
		await client.end()
	}
}

/** The payloads of the `send_email` jobs queued to `address`, oldest first, whether or not a worker has sent them since. */
export async function queuedEmailsTo<Payload = { template: string; props: Record<string, string> }>(address: string) {
	const rows = await readQueued<Payload>(`task = 'send_email' and payload->>'to' = $1`, [address])
	return rows.map((row) => row.payload)
}

/** Every job of `task` queued so far, oldest first, whether or not a worker has run it since. */
export function queuedJobs<Payload = Record<string, unknown>>(task: string) {
	return readQueued<Payload>('task = $1', [task])
}

async function readQueued<Payload>(where: string, params: unknown[]) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'groundwork-queued-jobs' })
	await client.connect()
	try {
		const { rows } = await client.query<{ key: string | null; payload: Payload }>(
			`select key, payload from test_support.queued_jobs where ${where} order by id`,
			params,
		)
		return rows
	} finally {
		await client.end()
	}
}
