import { randomUUID } from 'node:crypto'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'
import type { Caller } from '#app/db/db.server'
import { renderEmail } from '#app/email/email.server'
import { startWorker } from '#app/jobs/worker.server'
import { Markdown } from '#app/markdown/markdown'
import { markdownTree } from '#app/markdown/markdown.server'
import { csvCell, toCsv } from '#app/petitions/csv'
import { emailPetitionUpdate } from '#app/petitions/jobs.server'
import { deliveryPdf } from '#app/petitions/pdf.server'
import { getPetition, milestoneThresholds, postUpdate, slugify } from '#app/petitions/petitions.server'
import { confirmSignature, setUpdatesByToken, signaturesCsv, signPetition } from '#app/petitions/signatures.server'
import { loader as countsLoader } from '#app/routes/petitions+/$slug.counts[.json]'
import { createUser } from '#tests/helpers/factories'
import { emailsTo, headersOf } from '#tests/helpers/mailbox'
import { pdfText } from '#tests/helpers/pdf'
import { petitionWithOrganizer, processAll, settledCount, signatureInput, signatureRows, withClient } from '#tests/helpers/petition-flow'

const visitor = { ip: '203.0.113.60', suspectReason: null }

function callerOf(user: { id: string }): Caller {
	return { role: 'authenticated', claims: { sub: user.id, role: 'authenticated' } }
}

/** Whether the update's email went out, and to how many signers. */
async function updateDelivery(updateId: string) {
	return withClient(async (client) => {
		const { rows } = await client.query<{ emailed: boolean; recipients: number }>(
			'select emailed_at is not null as emailed, recipients from public.petition_updates where id = $1',
			[updateId],
		)
		return rows[0]
	})
}

async function confirmedSignatures(petitionId: string, inputs: Array<Parameters<typeof signatureInput>[1]>) {
	const petition = { id: petitionId, slug: '', chapterId: null, createdBy: '' }
	for (const [n, input] of inputs.entries()) {
		await signPetition(signatureInput(petition, input), { ip: `198.51.100.${(n % 200) + 1}`, suspectReason: null })
	}
	await processAll(petitionId)
	for (const row of await signatureRows(petitionId)) await confirmSignature(row.token)
}

test('milestones: a quarter, half, three quarters and all of the goal, plus the organizers’ own numbers', () => {
	expect(milestoneThresholds(1000, [])).toEqual([250, 500, 750, 1000])
	expect(milestoneThresholds(10, [3, 250])).toEqual([3, 5, 8, 10, 250])
})

test('passing a milestone emails the chapter’s organizers once, and the page lists it', async () => {
	const { organizer, petition } = await petitionWithOrganizer({ goal: 12, customMilestones: [5] })
	await confirmedSignatures(
		petition.id,
		Array.from({ length: 6 }, () => ({})),
	)
	await settledCount(petition.id, 6)
	const reached = await withClient(
		async (client) =>
			(
				await client.query<{ threshold: number }>(
					'select threshold from public.petition_milestones where petition_id = $1 order by threshold',
					[petition.id],
				)
			).rows,
	)
	expect(reached.map((row) => row.threshold)).toEqual([3, 5, 6])

	const worker = await startWorker({ concurrency: 2 })
	try {
		await expect
			.poll(async () => (await emailsTo(organizer.email)).map((m) => m.Subject).sort(), { timeout: 20_000 })
			.toEqual([
				'3 signatures: Keep the county water study public',
				'5 signatures: Keep the county water study public',
				'6 signatures: Keep the county water study public',
			])
		// More signatures below the next milestone send nothing new.
		await confirmedSignatures(petition.id, [{}])
		await settledCount(petition.id, 7)
		await new Promise((resolve) => setTimeout(resolve, 1500))
		expect(await emailsTo(organizer.email)).toHaveLength(3)
	} finally {
		await worker.stop()
	}
}, 60_000)

test('an update is emailed only to confirmed signers who asked for updates, with a one-click unsubscribe that works', async () => {
	const { organizer, petition } = await petitionWithOrganizer()
	const run = randomUUID().slice(0, 8)
	const wants = `wants-${run}@example.org`
	const quiet = `quiet-${run}@example.org`
	const unconfirmed = `unconfirmed-${run}@example.org`
	await confirmedSignatures(petition.id, [
		{ email: wants, wantsUpdates: true },
		{ email: quiet, wantsUpdates: false },
	])
	await signPetition(signatureInput(petition, { email: unconfirmed, wantsUpdates: true }), visitor)

	const worker = await startWorker({ concurrency: 2 })
	try {
		// Posting queues the update's email job with it; the worker sends it to one signer.
		const first = await postUpdate(callerOf(organizer), petition.id, organizer.id, {
			title: 'Hearing moved to Tuesday',
			body: 'The board meets **Tuesday** at 7 pm.',
		})
		await expect.poll(() => updateDelivery(first.id), { timeout: 20_000 }).toEqual({ emailed: true, recipients: 1 })
		// Running the job again (a retry) sends nothing more.
		expect(await emailPetitionUpdate(first.id)).toBe(0)
		await expect
			.poll(async () => (await emailsTo(wants)).filter((m) => m.Subject.startsWith('Hearing moved')).length, { timeout: 20_000 })
			.toBe(1)
		const [message] = (await emailsTo(wants)).filter((m) => m.Subject.startsWith('Hearing moved'))
		const headers = await headersOf(message?.ID ?? '')
		const unsubscribe = /<(.+)>/.exec(headers['List-Unsubscribe']?.[0] ?? '')?.[1] ?? ''
		expect(unsubscribe).toMatch(/\/petitions\/unsubscribe\/[0-9a-f-]{36}$/)
		expect(headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click'])
		expect(message?.Text).toContain(unsubscribe)
		expect((await emailsTo(quiet)).filter((m) => m.Subject.startsWith('Hearing moved'))).toEqual([])
		expect((await emailsTo(unconfirmed)).filter((m) => m.Subject.startsWith('Hearing moved'))).toEqual([])

		const token = unsubscribe.split('/').pop() ?? ''
		expect(await setUpdatesByToken(token, false)).toEqual({ slug: petition.slug, title: 'Keep the county water study public' })
		const second = await postUpdate(callerOf(organizer), petition.id, organizer.id, { title: 'We delivered it', body: 'Thank you.' })
		await expect.poll(() => updateDelivery(second.id), { timeout: 20_000 }).toEqual({ emailed: true, recipients: 0 })
		expect(await emailPetitionUpdate(second.id)).toBe(0)
	} finally {
		await worker.stop()
	}
	expect(await setUpdatesByToken(randomUUID(), false)).toBeNull()
}, 60_000)

test('the update email renders Markdown safely and carries List-Unsubscribe headers', async () => {
	const rendered = await renderEmail('petition_update', {
		petitionTitle: 'Keep the water study public',
		title: 'News',
		body: 'Hello <script>alert(1)</script> [click](javascript:alert(1)) [real](https://example.org)',
		petitionUrl: 'http://127.0.0.1/petitions/x',
		unsubscribeUrl: 'http://127.0.0.1/petitions/unsubscribe/abc',
	})
	expect(rendered.html).not.toContain('<script>')
	expect(rendered.html).toContain('&lt;script&gt;')
	expect(rendered.html).not.toContain('javascript:')
	expect(rendered.html).toContain('href="https://example.org"')
	expect(rendered.headers).toEqual({
		'List-Unsubscribe': '<http://127.0.0.1/petitions/unsubscribe/abc>',
		'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
	})
	expect(rendered.text).toContain('http://127.0.0.1/petitions/unsubscribe/abc')
})

test('petition Markdown is rendered from a whitelist: raw HTML as text, unsafe links dropped, images as links', () => {
	const html = renderToStaticMarkup(
		Markdown({
			tree: markdownTree(
				'# Heading\n\n<img src=x onerror=alert(1)> **bold** [x](javascript:alert(1)) [ok](https://example.org)\n\n![photo](http://tracker.example/p.png)',
			),
		}),
	)
	expect(html).toContain('<h3 class="text-xl font-bold">Heading</h3>')
	expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
	expect(html).toContain('<strong>bold</strong>')
	expect(html).not.toContain('javascript:')
	expect(html).toContain('<a href="https://example.org" rel="nofollow ugc noopener noreferrer">ok</a>')
	expect(html).not.toContain('<img')
})

test('the CSV export has confirmed signatures only, consented fields only, no live formulas, and is logged', async () => {
	const { organizer, petition } = await petitionWithOrganizer()
	const run = randomUUID().slice(0, 8)
	await confirmedSignatures(petition.id, [
		{ name: 'Ana Diaz', email: `ana-${run}@example.org`, wantsUpdates: true, comment: '=HYPERLINK("http://evil.example")' },
		{ name: 'Ben Brooks', email: `ben-${run}@example.org`, wantsUpdates: false },
	])
	await signPetition(signatureInput(petition, { name: 'Pending Person', email: `pending-${run}@example.org` }), visitor)
	const bytes = new Uint8Array(await new Response(await signaturesCsv(callerOf(organizer), petition.id)).arrayBuffer())
	// UTF-8 with a byte-order mark, so spreadsheets read the names right.
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
	const csv = new TextDecoder().decode(bytes)
	const lines = csv.trim().split('\r\n')
	expect(lines).toHaveLength(3)
	expect(lines[1]).toContain('"Ana Diaz","Leesburg, VA","20175","US"')
	expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"")"`)
	expect(lines[1]).toContain(`"ana-${run}@example.org"`)
	expect(lines[2]).toContain('"Ben Brooks"')
	expect(lines[2]).not.toContain(`ben-${run}@example.org`)
	expect(csv).not.toContain('Pending Person')
	const audit = await withClient(
		async (client) =>
			(await client.query('select actor_id, action, details from public.petition_audit_log where petition_id = $1', [petition.id])).rows,
	)
	expect(audit).toEqual([{ actor_id: organizer.id, action: 'export_csv', details: { rows: 2 } }])

	// Someone who does not run the petition gets nothing from it.
	const outsider = await withClient((client) => createUser(client))
	await expect(signaturesCsv(callerOf(outsider), petition.id)).rejects.toMatchObject({ code: '42501' })
})

test('CSV cells starting with = + - @ or a tab are neutralised; quotes are doubled', () => {
	expect(['=1+1', '+1', '-1', '@A1', '\tx', 'plain', 'say "hi"', null].map(csvCell)).toEqual([
		`"'=1+1"`,
		`"'+1"`,
		`"'-1"`,
		`"'@A1"`,
		`"'\tx"`,
		'"plain"',
		'"say ""hi"""',
		'""',
	])
	expect(toCsv([['a', 'b']])).toBe('\uFEFF"a","b"\r\n')
})

test('the delivery PDF has the petition, the count and every confirmed signer with every letter, and is logged', async () => {
	const { organizer, petition } = await petitionWithOrganizer()
	const names = ['Ana Diaz', 'Nguyễn Thị Minh Khai', 'Begoña Muñoz', 'Zażółć Gęślą z Łodzi']
	await confirmedSignatures(
		petition.id,
		names.map((name) => ({ name })),
	)
	const full = await getPetition(callerOf(organizer), petition.slug)
	if (!full) throw new Error('petition not found')
	const pdf = await deliveryPdf(callerOf(organizer), organizer.id, full)
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
	expect(pdf.length).toBeGreaterThan(1000)
	const text = await pdfText(pdf)
	expect(text).toContain(full.title)
	names.forEach((name, index) => expect(text).toContain(`${index + 1}. ${name}`))
	const audit = await withClient(
		async (client) =>
			(await client.query('select action, details from public.petition_audit_log where petition_id = $1', [petition.id])).rows,
	)
	expect(audit).toEqual([{ action: 'export_pdf', details: { rows: 4 } }])
})

test('the public JSON has counts by place and no personal details, with cache headers that follow the count', async () => {
	const { petition } = await petitionWithOrganizer()
	const run = randomUUID().slice(0, 8)
	await confirmedSignatures(petition.id, [
		{ name: 'Secret Name', email: `secret-${run}@example.org`, postalCode: '20175' },
		{ email: `other-${run}@example.org`, postalCode: '31029' },
	])
	await settledCount(petition.id, 2)
	const request = new Request(`http://127.0.0.1/petitions/${petition.slug}/counts.json`)
	const response = await countsLoader({ request, params: { slug: petition.slug }, context: {} })
	const body = await response.text()
	expect(body).not.toContain('@')
	expect(body).not.toContain('Secret')
	expect(body).not.toContain('20175')
	const json = JSON.parse(body)
	expect(json.signature_count).toBe(2)
	expect(json.by_state.map((s: { name: string; signature_count: number }) => [s.name, s.signature_count]).sort()).toEqual([
		['Georgia', 1],
		['Virginia', 1],
	])
	expect(json.by_county.map((c: { fips: string }) => c.fips).sort()).toEqual(['13207', '51107'])
	const etag = response.headers.get('ETag')
	expect(response.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+/)

	const again = await countsLoader({
		request: new Request(request.url, { headers: { 'If-None-Match': etag ?? '' } }),
		params: { slug: petition.slug },
		context: {},
	})
	expect(again.status).toBe(304)
	await confirmedSignatures(petition.id, [{}])
	await settledCount(petition.id, 3)
	const moved = await countsLoader({
		request: new Request(request.url, { headers: { 'If-None-Match': etag ?? '' } }),
		params: { slug: petition.slug },
		context: {},
	})
	expect(moved.status).toBe(200)
	expect(moved.headers.get('ETag')).not.toBe(etag)
})

test('petition addresses come from the title and avoid the reserved words', () => {
	expect(slugify('Pause new data-center zoning — now!')).toBe('pause-new-data-center-zoning-now')
	expect(slugify('Café Niño')).toBe('cafe-nino')
	expect(slugify('New')).toBe('petition-new')
	expect(slugify('!!!')).toBe('petition-new')
})
