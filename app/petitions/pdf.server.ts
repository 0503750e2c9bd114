import { asCaller, type Caller } from '#app/db/db.server'
import { formatDate, t } from '#app/i18n/i18n'
import { plainText } from '#app/markdown/markdown'
import { finished, FONT, pdfDocument } from '#app/pdf/document.server'
import { placeCounts, type Petition } from './petitions.server'

// The delivery document an organizer prints or emails to the decision
// maker: the petition, the confirmed count, the count by place, and every
// confirmed signer's name and place, set in the embedded Unicode font so
// names keep every letter (docs/decisions/051, which replaces 025's PDF).

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

	const doc = await pdfDocument({ title: petition.title })
	const done = finished(doc)

	const today = formatDate(new Date())
	doc.font(FONT.bold).fontSize(20).text(petition.title)
	doc.moveDown(0.5)
	doc
		.font(FONT.regular)
		.fontSize(12)
		.text(t('petitions.pdf.to', { decisionMaker: petition.decisionMaker }))
	doc.moveDown(0.5)
	doc
		.font(FONT.bold)
		.fontSize(14)
		.text(t('petitions.pdf.count', { count: signers.length, date: today }))
	doc.moveDown()
	doc.font(FONT.regular).fontSize(12).text(petition.summary)
	if (petition.body.trim()) {
		doc.moveDown()
		for (const paragraph of petition.body.split(/\n{2,}/)) {
			doc.text(plainText(paragraph, 5000))
			doc.moveDown(0.5)
		}
	}

	if (places.states.length > 0 || places.countries.length > 0) {
		doc.addPage()
		doc.font(FONT.bold).fontSize(16).text(t('petitions.pdf.byPlace'))
		doc.moveDown(0.5)
		doc.font(FONT.regular).fontSize(11)
		for (const state of places.states) doc.text(`${state.name}: ${state.count}`)
		for (const country of places.countries.filter((c) => c.code !== 'US')) doc.text(`${country.name}: ${country.count}`)
		if (places.counties.length > 0) {
			doc.moveDown()
			doc.font(FONT.bold).fontSize(13).text(t('petitions.pdf.byCounty'))
			doc.font(FONT.regular).fontSize(11)
			for (const county of places.counties) doc.text(`${county.name}, ${county.region ?? ''}: ${county.count}`)
		}
	}

	doc.addPage()
	doc.font(FONT.bold).fontSize(16).text(t('petitions.pdf.signers'))
	doc.font(FONT.regular).fontSize(10).text(t('petitions.pdf.signersNote'))
	doc.moveDown(0.5)
	doc.fontSize(10)
	signers.forEach((signer, index) => {
		doc.text(`${index + 1}. ${signer.name} — ${signer.place_label || signer.country_code}`)
	})
	doc.moveDown()
	doc
		.fontSize(9)
		.fillColor('#4a534e')
		.text(t('petitions.pdf.footer', { date: today }))
	doc.end()
	return done
}
