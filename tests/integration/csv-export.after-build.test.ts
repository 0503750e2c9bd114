import { afterAll, beforeAll, expect, test } from 'vitest'
import { newAccount } from '#tests/helpers/accounts'
import { createChapter, createPetition } from '#tests/helpers/factories'
import { withClient } from '#tests/helpers/petition-flow'
import { freePort, hasProductionBuild, peakRss, startServer, stopServer, waitForHttp, type Server } from '#tests/helpers/production-server'
import { signIn } from '#tests/helpers/session'

// Issue 14, goal 7: the organizer's signature CSV streams through a
// server-side cursor, so the production server's memory does not grow with
// the petition. A petition with ROWS confirmed signatures is exported over
// HTTP; the server's peak RSS may grow by at most MAX_GROWTH while it does.
// Holding every row at once (as the export did before) grows it by several
// times that. Needs the production build (`npm test` runs it after
// `remix vite:build`); traffic goes to 127.0.0.1 only.

const ROWS = 200_000
const MAX_GROWTH = 40 * 1024 * 1024

let server: Server | undefined

beforeAll(async () => {
	expect(hasProductionBuild(), 'run `npx remix vite:build` first').toBe(true)
	server = startServer(await freePort(), { WORKER: 'off' })
	await waitForHttp(`${server.base}/`, server)
})

afterAll(() => stopServer(server))

test(`a ${ROWS.toLocaleString('en')}-signature CSV export streams to the organizer without the server's memory growing with it`, async () => {
	const organizer = await newAccount('csv-organizer')
	const petition = await withClient(async (client) => {
		const chapter = await createChapter(client, { organizer })
		const made = await createPetition(client, { organizer, chapter })
		await client.query(
			`insert into public.signatures (petition_id, name, email, email_normalized, email_domain, country_code, postal_code,
				place_label, status, confirmed_at, processed_at, confirmation_sent_at, wants_updates)
			select $1, 'Signer ' || n, 'signer' || n || '@example.org', 'signer' || n || '@example.org', 'example.org', 'US',
				'20175', 'Leesburg, VA', 'confirmed', now() - make_interval(secs => n), now(), now(), n % 2 = 0
			from generate_series(1, $2::int) n`,
			[made.id, ROWS],
		)
		return made
	})
	const cookie = await signIn(organizer)
	const pid = server?.child.pid ?? 0
	const url = `${server?.base}/petitions/${petition.slug}/signatures.csv`
	// Warm the route and the connection pool, so the figure is the export's own.
	const refused = await fetch(url, { redirect: 'manual' })
	await refused.arrayBuffer()
	const before = peakRss(pid)

	const response = await fetch(url, { headers: { Cookie: cookie } })
	expect(response.status).toBe(200)
	expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
	const reader = response.body?.getReader()
	if (!reader) throw new Error('no body')
	const decoder = new TextDecoder()
	let lines = 0
	let chunks = 0
	let head = ''
	let bom: number[] = []
	let tail = ''
	for (;;) {
		const { done, value } = await reader.read()
		if (done) break
		if (chunks++ === 0) bom = [...value.subarray(0, 3)]
		const text = decoder.decode(value, { stream: true })
		if (head.length < 200) head += text
		tail = (tail + text).slice(-200)
		lines += text.split('\n').length - 1
	}
	const growth = peakRss(pid) - before

	expect(bom).toEqual([0xef, 0xbb, 0xbf])
	expect(head.startsWith('"Name","Place"')).toBe(true)
	expect(lines).toBe(ROWS + 1)
	expect(tail).toMatch(/"Signer \d+","Leesburg, VA","20175","US","[^"]+","",("signer\d+@example.org"|"")\r\n$/)
	expect(chunks).toBeGreaterThan(10)
	console.log(`csv export: peak RSS grew by ${(growth / 1024 / 1024).toFixed(1)} MB`)
	expect(growth, `peak RSS grew by ${(growth / 1024 / 1024).toFixed(1)} MB`).toBeLessThan(MAX_GROWTH)
	const audit = await withClient(
		async (client) =>
			(await client.query(`select details from public.petition_audit_log where petition_id = $1 and action = 'export_csv'`, [petition.id]))
				.rows,
	)
	expect(audit).toEqual([{ details: { rows: ROWS } }])
}, 180_000)
