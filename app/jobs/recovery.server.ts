import { randomInt } from 'node:crypto'
import type { WorkerEvents } from 'graphile-worker'
import pg from 'pg'
import { env } from '#app/utils/env.server'

// graphile-worker 0.16 leaves a job locked for four hours when the process
// running it dies (SIGKILL, out of memory, a host that vanishes), so a
// confirmation email in flight at a crash would wait that long. Each worker
// process holds a session advisory lock for as long as it lives and records
// its graphile worker ids; a process that starts, and every running one now
// and then, releases the jobs of recorded processes whose lock is gone
// (docs/decisions/033). Whatever a released job had done is safe to do again:
// emails carry the provider's idempotency key.

/** The first half of every worker process's advisory lock key; the second half is the process's own. */
const LOCK_NAMESPACE = 704_215
const SWEEP_MS = 10_000

export type WorkerProcess = { stop: () => Promise<void> }

/**
 * Registers this process's graphile workers (collected from `events`, the
 * emitter passed to graphile-worker's `run`) and releases the jobs of dead
 * processes now and every SWEEP_MS.
 */
export async function registerWorkerProcess(
	workerIds: () => string[],
	log: (message: string) => void = console.log,
): Promise<WorkerProcess> {
	// Its own connection, outside the pool: the lock lives exactly as long as this process's session.
	const client = new pg.Client({ connectionString: env().DATABASE_URL, application_name: 'groundwork-worker' })
	await client.connect()
	let key = 0
	for (let attempt = 0; attempt < 10 && key === 0; attempt++) {
		const candidate = randomInt(1, 2 ** 31 - 1)
		const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1, $2) as locked', [LOCK_NAMESPACE, candidate])
		if (rows[0]?.locked) key = candidate
	}
	if (key === 0) throw new Error('could not take a worker process lock')
	await client.query('insert into private.job_worker_processes (process_key, worker_ids) values ($1, $2)', [key, workerIds()])

	async function sweep() {
		const { rows } = await client.query<{ released: number; processes: number }>(
			`with gone as (
				delete from private.job_worker_processes p
				where not exists (
					select 1 from pg_catalog.pg_locks l
					where l.locktype = 'advisory' and l.granted and l.objsubid = 2
						and l.classid = $1::bigint::oid and l.objid = p.process_key::bigint::oid
				)
				returning p.worker_ids
			), ids as (
				select count(distinct gone.worker_ids)::int as processes, coalesce(array_agg(id), '{}') as worker_ids
				from gone, unnest(gone.worker_ids) as id
			), locked as (
				select count(*)::int as jobs from graphile_worker.jobs j, ids where j.locked_by = any(ids.worker_ids)
			)
			select locked.jobs as released, ids.processes, graphile_worker.force_unlock_workers(ids.worker_ids)
			from ids, locked`,
			[LOCK_NAMESPACE],
		)
		const { released = 0, processes = 0 } = rows[0] ?? {}
		if (processes > 0)
			log(`jobs: ${released} job(s) locked by ${processes} worker process(es) that stopped without finishing are back in the queue`)
	}

	let timer: ReturnType<typeof setInterval> | undefined
	const failed = (error: unknown) =>
		log(`jobs: releasing crashed workers' jobs failed: ${error instanceof Error ? error.message : String(error)}`)
	await sweep()
	timer = setInterval(() => void sweep().catch(failed), SWEEP_MS)
	timer.unref()
	return {
		async stop() {
			clearInterval(timer)
			timer = undefined
			await client.query('delete from private.job_worker_processes where process_key = $1', [key]).catch(failed)
			await client.end()
		},
	}
}

/** Collects the ids of the workers graphile-worker creates, from the emitter passed to `run`. */
export function collectWorkerIds(events: WorkerEvents) {
	const ids: string[] = []
	events.on('worker:create', ({ worker }) => ids.push(worker.workerId))
	return () => [...ids]
}
