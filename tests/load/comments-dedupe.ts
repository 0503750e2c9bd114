// `npm run bench:comments-dedupe`: how long the personalization meter and the
// near-duplicate check take on a drive of 5,000 comments (the work done each
// time someone writes, and every few seconds while they type), against two
// queries measured in the same run on the same database:
//   floor     a primary-key read of one comment (what any request pays)
//   exhaustive  the exact similarity to every comment in the drive (what the
//               meter cost before the MinHash bands, docs/decisions/055)
// Medians over many calls with texts the drive has not seen, after a warm-up;
// ratios to the floor. Traffic goes to 127.0.0.1 only. The last line is one
// JSON object.
//
//   BENCH_CALLS=100 npm run bench:comments-dedupe
//   BENCH_COMMENTS=5000                  comments in the drive
//   DATABASE_URL=postgresql://…          use that server (a throwaway database is made on it)
import pg from 'pg'
import { migrate } from '../../supabase/local/migrate'
import { DRIVE_TEMPLATE, insertComments, nearCopy, personalComment } from '../helpers/comment-texts'
import { startBenchDatabase } from './harness'

const CALLS = Number(process.env.BENCH_CALLS ?? 100)
const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 5000)
const PG_PORT = Number(process.env.BENCH_POSTGRES_PORT ?? 56670)
const log = (line: string) => console.error(`bench: ${line}`)

function median(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b)
	const middle = Math.floor(sorted.length / 2)
	return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

async function timed(client: pg.Client, text: string, values: unknown[]) {
	const start = process.hrtime.bigint()
	await client.query(text, values)
	return Number(process.hrtime.bigint() - start) / 1e6
}

async function world(client: pg.Client) {
	const { rows } = await client.query<{ drive_id: string }>(
		`
		with country as (
			insert into public.jurisdictions (kind, name, country_code, slug) values ('country', 'Bench Country', 'US', 'bench-country') returning id
		), state as (
			insert into public.jurisdictions (kind, name, country_code, slug, parent_id)
			select 'state', 'Bench State', 'US', 'bench-state', id from country returning id
		), chapter as (
			insert into public.chapters (slug, name, jurisdiction_id) select 'bench-chapter', 'Bench chapter', id from state returning id
		), project as (
			insert into public.projects (slug, name, state_id) select 'bench-project', 'Bench project', id from state returning id
		), proceeding as (
			insert into public.proceedings (slug, project_id, kind, title) select 'bench-proceeding', id, 'rezoning', 'Rezoning' from project returning id
		)
		insert into public.comment_drives (slug, chapter_id, proceeding_id, title, template, deadline, channel)
		select 'bench-drive', chapter.id, proceeding.id, 'Bench drive', $1, now() + interval '30 days', 'email' from chapter, proceeding
		returning id as drive_id`,
		[DRIVE_TEMPLATE],
	)
	const driveId = rows[0]?.drive_id
	if (!driveId) throw new Error('no drive')
	return driveId
}

async function main() {
	const database = await startBenchDatabase('bench-comments', PG_PORT)
	const client = new pg.Client({ connectionString: database.url })
	try {
		log('migrating')
		await migrate(database.url)
		await client.connect()
		const driveId = await world(client)
		const personal = Math.round(COMMENTS * 0.8)
		log(`inserting ${personal} personal comments and ${COMMENTS - personal} near-copies of the template`)
		await insertComments(
			client,
			driveId,
			[
				...Array.from({ length: personal }, (_, i) => personalComment(i)),
				...Array.from({ length: COMMENTS - personal }, (_, i) => nearCopy(i)),
			],
			'bench',
		)
		await client.query('analyze public.comments')
		const { rows: ids } = await client.query<{ id: string }>('select id from public.comments where drive_id = $1 limit 1000', [driveId])
		// Texts the drive has not seen: half a writer's own, half a lightly edited copy of one already in it.
		const probes = Array.from({ length: CALLS }, (_, i) =>
			i % 2 ? personalComment(1_000_000 + i) : (personalComment(i * 13).replace('Please deny', 'Please, deny') ?? ''),
		)
		const meter = 'select * from private.comment_similarity($1, $2, null, 0.5)'
		const floor = 'select body from public.comments where id = $1'
		log('warming up')
		for (const probe of probes.slice(0, 10)) await client.query(meter, [driveId, probe])

		const meterTimes: number[] = []
		const floorTimes: number[] = []
		for (const [i, probe] of probes.entries()) {
			meterTimes.push(await timed(client, meter, [driveId, probe]))
			floorTimes.push(await timed(client, floor, [ids[i % ids.length]?.id]))
		}
		const bandTimes: number[] = []
		const candidates: number[] = []
		for (const probe of probes.slice(0, 20)) {
			bandTimes.push(await timed(client, 'select * from private.comment_bands_of($1)', [probe]))
			const { rows } = await client.query<{ n: string }>(
				`select count(distinct cb.comment_id) as n from private.comment_bands cb
				join private.comment_bands_of($2) b on b.band = cb.band and b.hash = cb.hash where cb.drive_id = $1`,
				[driveId, probe],
			)
			candidates.push(Number(rows[0]?.n ?? 0))
		}
		log(`bands ${median(bandTimes).toFixed(2)} ms, candidates median ${median(candidates)}`)
		// What the meter cost before the bands: every comment in the drive compared exactly.
		const exhaustiveTimes: number[] = []
		for (const probe of probes.slice(0, Math.min(CALLS, 10))) {
			exhaustiveTimes.push(
				await timed(client, 'select max(extensions.similarity(body, $2)) from public.comments where drive_id = $1', [driveId, probe]),
			)
		}
		const flagged = await client.query<{ n: string }>(
			`select count(*) as n from unnest($2::text[]) p(body), lateral private.comment_similarity($1, p.body, null, 0.5) s where s.nearest_similarity >= 0.8`,
			[driveId, probes],
		)

		const result = {
			bench: 'comments-dedupe',
			comments: COMMENTS,
			calls: CALLS,
			medianMs: { meter: median(meterTimes), bands: median(bandTimes), floor: median(floorTimes), exhaustive: median(exhaustiveTimes) },
			medianCandidatesSharingABand: median(candidates),
			ratioToFloor: { meter: median(meterTimes) / median(floorTimes), exhaustive: median(exhaustiveTimes) / median(floorTimes) },
			speedupOverExhaustive: median(exhaustiveTimes) / median(meterTimes),
			// Half the probes are copies: this should be about 0.5.
			flaggedShare: Number(flagged.rows[0]?.n ?? 0) / probes.length,
		}
		log(
			`meter ${result.medianMs.meter.toFixed(2)} ms, floor ${result.medianMs.floor.toFixed(3)} ms, exhaustive ${result.medianMs.exhaustive.toFixed(2)} ms`,
		)
		console.log(JSON.stringify(result))
	} finally {
		await client.end().catch(() => {})
		await database.stop()
	}
}

await main()
