import { asCaller, type Caller } from '#app/db/db.server'
import { formatDate, t } from '#app/i18n/i18n'
import { finished, FONT, keepRoom, numberPages, pdfDocument, type PdfDocument } from '#app/pdf/document.server'
import { drawMarkdown } from '#app/pdf/markdown.server'
import { placeCounts, type Petition } from './petitions.server'

// The delivery document an organizer prints or emails to the decision
// maker: the petition as written (its Markdown laid out as a document), the
// confirmed count, the count by place, the comments signers wrote, and every
// confirmed signer's name and place, set in the embedded Unicode font so
// names keep every letter (docs/decisions/051, 078). Sections flow one after
// another, and every page is numbered "Page N of M".

export async function deliveryPdf(caller: Caller, userId: string, petition: Petition): Promise<Buffer> {
	const { signers, places } = await asCaller(caller, async (trx) => {
		const signers = await trx
			.selectFrom('signatures')
			.select(['name', 'place_label', 'country_code', 'comment'])
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

	const doc = await pdfDocument({ title: petition.title })
	const done = finished(doc)
	const today = formatDate(new Date())
	const placeOf = (signer: { place_label: string; country_code: string }) => signer.place_label || signer.country_code

	doc.font(FONT.bold).fontSize(20).text(petition.title)
	doc.moveDown(0.4)
	doc
		.font(FONT.regular)
		.fontSize(12)
		.text(t('petitions.pdf.to', { decisionMaker: petition.decisionMaker }))
	if (petition.publishedAt)
		doc
			.fontSize(10)
			.fillColor('#444444')
			.text(t('petitions.pdf.published', { date: formatDate(petition.publishedAt) }))
	doc.fillColor('#000000').moveDown(0.5)
	doc
		.font(FONT.bold)
		.fontSize(14)
		.text(t('petitions.pdf.count', { count: signers.length, date: today }))
	doc
		.font(FONT.regular)
		.fontSize(9)
		.fillColor('#4a534e')
		.text(t('petitions.pdf.footer', { date: today }))
		.fillColor('#000000')

	section(doc, t('petitions.pdf.summary'))
	doc.font(FONT.regular).fontSize(11.5).text(petition.summary)
	if (petition.body.trim()) {
		section(doc, t('petitions.pdf.petition'))
		drawMarkdown(doc, petition.body)
	}

	if (places.states.length > 0 || places.countries.length > 0) {
		section(doc, t('petitions.pdf.byPlace'))
		doc.font(FONT.regular).fontSize(11)
		for (const state of places.states) doc.text(`${state.name}: ${state.count}`)
		for (const country of places.countries.filter((c) => c.code !== 'US')) doc.text(`${country.name}: ${country.count}`)
		if (places.counties.length > 0) {
			doc.moveDown(0.5)
			doc.font(FONT.bold).fontSize(12).text(t('petitions.pdf.byCounty'))
			doc.font(FONT.regular).fontSize(11)
			for (const county of places.counties) doc.text(`${county.name}, ${county.region ?? ''}: ${county.count}`)
		}
	}

	// The form told signers a comment "may go to the decision maker": the ones they wrote go with it.
	const comments = signers.filter((signer) => signer.comment.trim() !== '')
	section(doc, t('petitions.pdf.comments'))
	doc.font(FONT.regular).fontSize(10).fillColor('#444444').text(t('petitions.pdf.commentsNote')).fillColor('#000000')
	doc.moveDown(0.5)
	if (comments.length === 0) doc.fontSize(11).text(t('petitions.pdf.noComments'))
	for (const signer of comments) {
		keepRoom(doc, 3)
		doc
			.font(FONT.bold)
			.fontSize(10.5)
			.text(t('petitions.pdf.commentBy', { name: signer.name, place: placeOf(signer) }))
		doc.font(FONT.regular).fontSize(10.5).text(signer.comment.trim(), { indent: 0 })
		doc.moveDown(0.5)
	}

	section(doc, t('petitions.pdf.signers'))
	doc.font(FONT.regular).fontSize(10).text(t('petitions.pdf.signersNote'))
	doc.moveDown(0.5)
	signers.forEach((signer, index) => {
		doc.text(`${index + 1}. ${signer.name} — ${placeOf(signer)}`)
	})
	numberPages(doc, (page, pages) => t('petitions.pdf.page', { page, pages }))
	doc.end()
	return done
}

/** A section heading in the flow of the document; it starts a new page only when too little of this one is left. */
function section(doc: PdfDocument, title: string) {
	doc.moveDown(1)
	keepRoom(doc, 4)
	doc.x = doc.page.margins.left
	doc.font(FONT.bold).fontSize(15).fillColor('#000000').text(title)
	doc.moveDown(0.3)
}
