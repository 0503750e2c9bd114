import { asCaller, type Caller } from '#app/db/db.server'
import { formatDate, t } from '#app/i18n/i18n'
import { plainText } from '#app/markdown/markdown'
import { placeCounts, type Petition } from './petitions.server'

// The delivery document an organizer prints or emails to the decision
// maker: the petition, the confirmed count, the count by place, and every
// confirmed signer's name and place. Built with pdfkit's standard Helvetica,
// so it needs no font files; characters outside Latin-1 lose their accents
// (docs/decisions/025).

const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')
// Letters whose accent is not a separate mark in Unicode.
const BASE_LETTER: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't' }

/** Text Helvetica can draw: accents outside Latin-1 come off, anything else becomes "?". */
export function printable(text: string) {
	let out = ''
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0
		if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char) || char === '\n') out += char
		else {
			const stripped = BASE_LETTER[char] ?? char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
			out += [...stripped].every((c) => (c.codePointAt(0) ?? 0) <= 0xff) && stripped ? stripped : '?'
		}
	}
	return out
}

export async function deliveryPdf(caller: Caller, userId: string, petition: Petition): Promise<Buffer> {
	const { signers, places } = await asCaller(caller, async (trx) => {
		const signers = await trx
			.selectFrom('signatures')
			.select(['name', 'place_label', 'country_code'])
			.where('petition_id', '=', petition.id)
			.where('status', '=', 'confirmed')
			.orderBy('confirmed_at')
			.orderBy('id')
			.execute()
		const places = await placeCounts(trx, petition.id)
		await trx
			.insertInto('petition_audit_log')
			.values({ petition_id: petition.id, actor_id: userId, action: 'export_pdf', details: { rows: signers.length } })
			.execute()
		return { signers, places }
	})

	// Loaded on first use, like sharp for covers: the signing path never needs it.
	const { default: PDFDocument } = await import('pdfkit')
	const doc = new PDFDocument({ size: 'LETTER', margin: 54, info: { Title: printable(petition.title), Author: 'Groundwork' } })
	const chunks: Buffer[] = []
	doc.on('data', (chunk: Buffer) => chunks.push(chunk))
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)))
		doc.on('error', reject)
	})

	const today = formatDate(new Date())
	doc.font('Helvetica-Bold').fontSize(20).text(printable(petition.title))
	doc.moveDown(0.5)
	doc
		.font('Helvetica')
		.fontSize(12)
		.text(printable(t('petitions.pdf.to', { decisionMaker: petition.decisionMaker })))
	doc.moveDown(0.5)
	doc
		.font('Helvetica-Bold')
		.fontSize(14)
		.text(printable(t('petitions.pdf.count', { count: signers.length, date: today })))
	doc.moveDown()
	doc.font('Helvetica').fontSize(12).text(printable(petition.summary))
	if (petition.body.trim()) {
		doc.moveDown()
		for (const paragraph of petition.body.split(/\n{2,}/)) {
			doc.text(printable(plainText(paragraph, 5000)))
			doc.moveDown(0.5)
		}
	}

	if (places.states.length > 0 || places.countries.length > 0) {
		doc.addPage()
		doc
			.font('Helvetica-Bold')
			.fontSize(16)
			.text(printable(t('petitions.pdf.byPlace')))
		doc.moveDown(0.5)
		doc.font('Helvetica').fontSize(11)
		for (const state of places.states) doc.text(printable(`${state.name}: ${state.count}`))
		for (const country of places.countries.filter((c) => c.code !== 'US')) doc.text(printable(`${country.name}: ${country.count}`))
		if (places.counties.length > 0) {
			doc.moveDown()
			doc
				.font('Helvetica-Bold')
				.fontSize(13)
				.text(printable(t('petitions.pdf.byCounty')))
			doc.font('Helvetica').fontSize(11)
			for (const county of places.counties) doc.text(printable(`${county.name}, ${county.region ?? ''}: ${county.count}`))
		}
	}

	doc.addPage()
	doc
		.font('Helvetica-Bold')
		.fontSize(16)
		.text(printable(t('petitions.pdf.signers')))
	doc
		.font('Helvetica')
		.fontSize(10)
		.text(printable(t('petitions.pdf.signersNote')))
	doc.moveDown(0.5)
	doc.fontSize(10)
	signers.forEach((signer, index) => {
		doc.text(printable(`${index + 1}. ${signer.name} — ${signer.place_label || signer.country_code}`))
	})
	doc.moveDown()
	doc
		.fontSize(9)
		.fillColor('#4a534e')
		.text(printable(t('petitions.pdf.footer', { date: today })))
	doc.end()
	return done
}
