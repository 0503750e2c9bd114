// Issue 14, goal 7: the organizer's signature CSV export, for a petition
// with 1,000 and with 1,000,000 confirmed signatures (built with
// generate_series). Each export runs in a process of its own through the
// code the route runs (signaturesCsv, as the petition's organizer), read to
// the end as fast as it comes; the figures are the time, the bytes and the
// process's peak RSS over what it had before the export. The last line is
// one JSON object.
//
//   BENCH_BIG_SIGNATURES=1000000   the size of the big petition
//   BENCH_POSTGRES_PORT=56680      the embedded PostgreSQL's port
//   DATABASE_URL=postgresql://…    use that server (a throwaway database is made on it)
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { projectRoot } from '../../supabase/local/config'
import { migrate } from '../../supabase/local/migrate'
import { benchAppEnv, startBenchDatabase } from './harness'

const BIG = Number(process.env.BENCH_BIG_SIGNATURES ?? 1_000_000)
const PG_PORT = Number(process.env.BENCH_POSTGRES_PORT ?? 56680)
const log = (line: string) => console.error(`bench: ${line}`)

type Export = { rows: number; bytes: number; ms: number; rowsPerS: number; peakRssMb: number; rssGrowthMb: number }

const peakRssMb = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024

/** In the child: export one petition as its organizer and print the figures. */
async function exportOnce(petitionId: string, organizerId: string): Promise<Export> {
	const { signaturesCsv } = await import('../../app/petitions/signatures.server')
	const caller = { role: 'authenticated', claims: { sub: organizerId, role: 'authenticated' } } as const
	const before = peakRssMb()
	const started = performance.now()
	const reader = (await signaturesCsv(caller, petitionId)).getReader()
	let bytes = 0
	let lines = 0
	for (;;) {
		const { done, value } = await reader.read()
		if (done) break
		bytes += value.byteLength
		for (const byte of value) if (byte === 10) lines++
	}
	const ms = performance.now() - started
	const rows = lines - 1
	const peak = peakRssMb()
	return {
		rows,
		bytes,
		ms: Math.round(ms),
		rowsPerS: Math.round(rows / (ms / 1000)),
		peakRssMb: Math.round(peak),
		rssGrowthMb: Math.round(peak - before),
	}
}

async function main() {
	const database = await startBenchDatabase('bench-csv', PG_PORT)
	try {
		log('migrating')
		await migrate(database.url)
		const made = await petitions(database.url, [1_000, BIG])
		const results: Record<string, Export> = {}
		for (const { size, id, organizer } of made) {
			log(`exporting ${size.toLocaleString('en')} signatures`)
			const child = spawnSync(
				path.join(projectRoot, 'node_modules/.bin/tsx'),
				[path.join(projectRoot, 'tests/load/csv-export.ts'), '--export', id, organizer],
				{ cwd: projectRoot, env: benchAppEnv(database.url, 0), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
			)
			if (child.status !== 0) throw new Error('the export failed')
			results[String(size)] = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Export
		}
		const small = results['1000']
		const big = results[String(BIG)]
		console.log(
			JSON.stringify({
				exports: results,
				bigOverSmall:
					small && big
						? { rssGrowthMb: [small.rssGrowthMb, big.rssGrowthMb], peakRssRatio: +(big.peakRssMb / small.peakRssMb).toFixed(2) }
						: null,
			}),
		)
	} finally {
		await database.stop()
	}
}

async function petitions(url: string, sizes: number[]) {
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		const made: Array<{ size: number; id: string; organizer: string }> = []
		for (const size of sizes) {
			log(`building a petition with ${size.toLocaleString('en')} signatures`)
			const organizer = (
				await client.query<{ id: string }>(
					`insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
					values (gen_random_uuid(), 'authenticated', 'authenticated', $1, now(), '{"provider":"email"}', '{}', now(), now()) returning id`,
					[`organizer-${size}@example.org`],
				)
			).rows[0]?.id
			const id = (
				await client.query<{ id: string }>(
					`insert into public.petitions (slug, title, decision_maker, summary, signature_goal, created_by)
					values ($1, $2, 'The benchmark', 'A petition the benchmark fills with signatures to export them.', $3, $4) returning id`,
					[`csv-bench-${size}`, `CSV benchmark with ${size} signatures`, size * 2, organizer],
				)
			).rows[0]?.id
			await client.query(
				`insert into public.signatures (petition_id, name, email, email_normalized, email_domain, country_code, postal_code,
					place_label, status, confirmed_at, processed_at, confirmation_sent_at, wants_updates, comment)
				select $1, 'Signer ' || n, 'signer' || n || '@example.org', 'signer' || n || '@example.org', 'example.org', 'US',
					'20175', 'Leesburg, VA', 'confirmed', now() - make_interval(secs => n), now(), now(), n % 2 = 0,
					case when n % 5 = 0 then 'Our water, our say.' else '' end
				from generate_series(1, $2::int) n`,
				[id, size],
			)
			made.push({ size, id: id ?? '', organizer: organizer ?? '' })
		}
		await client.query('analyze public.signatures')
		return made
	} finally {
		await client.end()
	}
}

const at = process.argv.indexOf('--export')
if (at >= 0) {
	const result = await exportOnce(process.argv[at + 1] ?? '', process.argv[at + 2] ?? '')
	console.log(JSON.stringify(result))
	process.exit(0)
} else {
	await main()
}
