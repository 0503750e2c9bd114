import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import type { Caller } from '#app/db/db.server'
import { deliveryPdf } from '#app/petitions/pdf.server'
import { getPetition } from '#app/petitions/petitions.server'
import { confirmSignature, signPetition } from '#app/petitions/signatures.server'
import { pdfPages, pdfPngs, pdfText } from '#tests/helpers/pdf'
import { petitionWithOrganizer, processAll, signatureInput, signatureRows, withClient } from '#tests/helpers/petition-flow'

// The delivery PDF (issue 15, item 7) as a clerk's software reads it back:
// the petition's Markdown with its lists, emphasis, links (with their
// address) and headings; sections that flow instead of each taking a page;
// "Page N of M" on every page; every name whole; and the comments signers
// wrote, which the form told them may go to the decision maker.

const BODY = `## What we ask

The county must:

- publish the **full** water study
- hold a *public* hearing before any vote
- answer in writing

1. First, the study.
2. Then, the hearing.

Read the [draft ordinance](https://example.org/ordinance) first.

> Water is not a side issue.`

test('the delivery PDF sets the petition as a document, with page numbers, whole names and the signers’ comments', async () => {
	const { petition, organizer } = await petitionWithOrganizer()
	await withClient((client) => client.query('update public.petitions set body = $2 where id = $1', [petition.id, BODY]))
	const run = randomUUID().slice(0, 8)
	const signers = [
		{ name: 'Nguyễn Thị Lan', comment: 'Our well went dry last summer.' },
		{ name: 'Zoë Ångström-Łukasiewicz', comment: '' },
		{ name: 'Dana Whitfield', comment: 'Please hold the hearing in the evening.' },
	]
	for (const [n, signer] of signers.entries())
		await signPetition(signatureInput(petition, { name: signer.name, comment: signer.comment, email: `pdf-${n}-${run}@example.org` }), {
			ip: `198.51.100.${200 + n}`,
			suspectReason: null,
		})
	await processAll(petition.id)
	for (const row of await signatureRows(petition.id)) await confirmSignature(row.token)
	const caller: Caller = { role: 'authenticated', claims: { sub: organizer.id, role: 'authenticated' } }
	const full = await getPetition(caller, petition.slug)
	if (!full) throw new Error('petition not found')
	const pdf = await deliveryPdf(caller, organizer.id, full)
	const text = await pdfText(pdf)
	const flat = text.replace(/\s+/g, ' ')

	// Markdown: a heading, list items on lines of their own with their markers, the link's address.
	expect(text).toContain('What we ask')
	expect(text).toMatch(/• publish the full water study\n/)
	expect(text).toMatch(/• hold a public hearing before any vote\n/)
	expect(text).toMatch(/1\. First, the study\.\n/)
	expect(text).toMatch(/2\. Then, the hearing\./)
	expect(flat).toContain('Read the draft ordinance (https://example.org/ordinance) first.')
	expect(flat).toContain('Water is not a side issue.')
	expect(text).not.toContain('**')
	expect(text).not.toContain('## ')

	// For a person to look at (pdftoppm): test-results/delivery-pdf/.
	const dir = join(process.cwd(), 'test-results', 'delivery-pdf')
	await mkdir(dir, { recursive: true })
	await pdfPngs(pdf, dir)

	// Names whole; the comments that were written, with who wrote them; no empty one.
	for (const signer of signers) expect(text).toContain(signer.name)
	expect(flat).toContain('What signers wrote')
	expect(flat).toContain('Nguyễn Thị Lan, Leesburg, VA Our well went dry last summer.')
	expect(flat).toContain('Dana Whitfield, Leesburg, VA Please hold the hearing in the evening.')
	expect(flat).not.toContain('Zoë Ångström-Łukasiewicz, Leesburg, VA')

	// A short petition fits on one page instead of a page a section, and that page is numbered.
	const pages = await pdfPages(pdf)
	expect(pages).toBe(1)
	expect(text).toContain('Page 1 of 1')

	// Bold and italic faces are embedded (the text layer alone cannot show them).
	expect(pdf.toString('latin1')).toMatch(/NotoSans-Bold\b/)
	expect(pdf.toString('latin1')).toMatch(/NotoSans-Italic\b/)
})

test('a long delivery PDF numbers every page “Page N of M”', async () => {
	const { petition, organizer } = await petitionWithOrganizer()
	const run = randomUUID().slice(0, 8)
	await withClient(async (client) => {
		for (let n = 0; n < 120; n++)
			await client.query(
				`insert into public.signatures (petition_id, name, email, email_normalized, email_domain, country_code, postal_code, place_label, comment, status, confirmed_at)
				values ($1, $2, $3, $3, 'example.org', 'US', '20175', 'Leesburg, VA', $4, 'confirmed', now())`,
				[petition.id, `Signer Number ${n}`, `long-${n}-${run}@example.org`, n % 3 === 0 ? `Comment number ${n}, written with care.` : ''],
			)
	})
	const caller: Caller = { role: 'authenticated', claims: { sub: organizer.id, role: 'authenticated' } }
	const full = await getPetition(caller, petition.slug)
	if (!full) throw new Error('petition not found')
	const pdf = await deliveryPdf(caller, organizer.id, full)
	const pages = await pdfPages(pdf)
	expect(pages).toBeGreaterThan(2)
	const text = await pdfText(pdf)
	for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`)
	expect(text).toContain('Comment number 99, written with care.')
	expect(text).toContain('120. Signer Number 119')
})
