import { PDFDocument as PdfLibDocument } from 'pdf-lib'
import type { createSupabase } from '#app/auth/supabase.server'
import { formatDate, formatDateTime, t } from '#app/i18n/i18n'
import { finished, FONT, pdfDocument, type PdfDocument } from '#app/pdf/document.server'
import type { Figure, Objection, Signer } from './objections.server'

// The objection letter (docs/decisions/052): the body and its address, case
// number, hearing date, subject, the objectors and their standing, numbered
// grounds citing their exhibits, the relief requested, the signature list,
// the date, and an exhibit index, with the evidence files appended (images
// drawn on their own pages, PDFs copied in whole with pdf-lib).

type Supabase = ReturnType<typeof createSupabase>['supabase']

export type Exhibit = { number: number; title: string; url: string | null; storagePath: string | null; contentType: string | null }

/** Exhibits numbered in the order the grounds cite them. */
export function exhibitsOf(objection: Pick<Objection, 'grounds'>): Exhibit[] {
	let number = 0
	return objection.grounds.flatMap((ground) =>
		ground.evidence.map((item) => ({
			number: ++number,
			title: item.title,
			url: item.url,
			storagePath: item.storagePath,
			contentType: item.contentType,
		})),
	)
}

export function figureText(figure: Figure) {
	return t('objection.pdf.figure', {
		label: t(`project.figure.${figure.figure}`),
		value: t(`project.figure.value.${figure.figure}`, { value: figure.value.toLocaleString('en-US') }),
		source: figure.sources.map((source) => `${source.title} <${source.url}>`).join('; ') || '—',
	})
}

/** Files read as the caller: Storage policies decide, so only the chapter's people can build the letter. */
export async function loadExhibitFiles(supabase: Supabase, exhibits: Exhibit[]) {
	const files = new Map<number, Uint8Array>()
	for (const exhibit of exhibits) {
		if (!exhibit.storagePath) continue
		const { data, error } = await supabase.storage.from('objection-files').download(exhibit.storagePath)
		if (error || !data) throw new Error(`evidence file ${exhibit.storagePath} could not be read: ${error?.message ?? 'no data'}`)
		files.set(exhibit.number, new Uint8Array(await data.arrayBuffer()))
	}
	return files
}

function heading(doc: PdfDocument, text: string) {
	doc.moveDown(0.8)
	doc.font(FONT.bold).fontSize(13).text(text)
	doc.moveDown(0.3)
	doc.font(FONT.regular).fontSize(11)
}

export async function objectionLetter(
	objection: Objection,
	signers: Signer[],
	files: Map<number, Uint8Array>,
	options: { now?: Date; draft?: boolean } = {},
): Promise<Buffer> {
	const now = options.now ?? new Date()
	const proceeding = objection.proceeding
	const body = proceeding.body
	const timeZone = body?.timeZone ?? 'America/New_York'
	const exhibits = exhibitsOf(objection)
	const current = signers.filter((signer) => signer.current)
	const people = current.filter((signer) => signer.kind === 'person')
	const organizations = current.filter((signer) => signer.kind === 'organization')

	const doc = await pdfDocument({ title: objection.subject, author: objection.chapter.name })
	const done = finished(doc)

	if (options.draft) {
		doc
			.font(FONT.bold)
			.fontSize(10)
			.fillColor('#a61b1b')
			.text(t('objection.pdf.draft', { version: objection.currentVersion }))
		doc.fillColor('#000000').moveDown(0.5)
	}
	// Addressee block.
	doc.font(FONT.regular).fontSize(11)
	doc.text(t('objection.pdf.to'))
	doc.font(FONT.bold).text(body?.name ?? proceeding.title)
	doc.font(FONT.regular)
	if (body?.meetingPlace) doc.text(body.meetingPlace)
	if (body?.email) doc.text(body.email)
	doc.moveDown(0.6)
	doc.text(t('objection.pdf.date', { date: formatDate(now, 'en', timeZone) }))
	if (proceeding.caseNumber) doc.text(t('objection.pdf.case', { number: proceeding.caseNumber }))
	doc.text(t('objection.pdf.proceeding', { title: proceeding.title }))
	const hearing = proceeding.clocks.find((clock) => clock.kind === 'hearing')
	if (hearing)
		doc.text(
			t('objection.pdf.hearing', {
				date: hearing.allDay ? formatDate(hearing.dueAt, 'en', timeZone) : formatDateTime(hearing.dueAt, timeZone),
			}),
		)
	doc.moveDown(0.6)
	doc
		.font(FONT.bold)
		.fontSize(13)
		.text(t('objection.pdf.re', { subject: objection.subject }))

	heading(doc, t('objection.pdf.objectors'))
	doc.text(t('objection.pdf.objectorsIntro', { chapter: objection.chapter.name, count: current.length }))
	if (objection.standingResidents) doc.moveDown(0.3).text(objection.standingResidents)
	if (objection.standingOrganizations) doc.moveDown(0.3).text(objection.standingOrganizations)

	heading(doc, t('objection.pdf.grounds'))
	let exhibitNumber = 0
	objection.grounds.forEach((ground, index) => {
		doc.font(FONT.bold).text(t('objection.pdf.ground', { number: index + 1, title: ground.title }))
		doc.font(FONT.regular)
		for (const paragraph of ground.argument.split(/\n{2,}/)) doc.text(paragraph).moveDown(0.3)
		for (const figure of ground.figures) doc.text(`• ${figureText(figure)}`)
		for (const item of ground.evidence) doc.text(t('objection.pdf.seeExhibit', { number: ++exhibitNumber, title: item.title }))
		doc.moveDown(0.5)
	})

	heading(doc, t('objection.pdf.relief'))
	for (const relief of objection.relief) doc.text(`• ${t(`objection.relief.${relief}`)}`)
	if (objection.reliefConditions.length) {
		doc.moveDown(0.3).text(t('objection.pdf.conditions'))
		objection.reliefConditions.forEach((condition, index) => doc.text(`${index + 1}. ${condition}`, { indent: 14 }))
	}
	if (objection.reliefNote) doc.moveDown(0.3).text(objection.reliefNote)

	heading(doc, t('objection.pdf.signatures'))
	if (current.length === 0) doc.text(t('objection.pdf.noSigners'))
	if (people.length) {
		doc.font(FONT.bold).text(t('objection.pdf.people')).font(FONT.regular)
		people.forEach((signer, index) => {
			const address = signer.showAddress ? signer.address : t('objection.pdf.addressWithheld', { chapter: objection.chapter.name })
			doc.text(`${index + 1}. ${signer.name} — ${address}`)
		})
		doc.moveDown(0.4)
	}
	if (organizations.length) {
		doc.font(FONT.bold).text(t('objection.pdf.organizations')).font(FONT.regular)
		organizations.forEach((signer, index) => {
			const who = signer.representativeTitle
				? t('objection.signers.as', { name: signer.name, title: signer.representativeTitle, organization: signer.organization ?? '' })
				: t('objection.signers.forOrg', { name: signer.name, organization: signer.organization ?? '' })
			const address = signer.showAddress ? signer.address : t('objection.pdf.addressWithheld', { chapter: objection.chapter.name })
			doc.text(`${index + 1}. ${who} — ${address}`)
		})
	}

	if (exhibits.length) {
		heading(doc, t('objection.pdf.exhibits'))
		for (const exhibit of exhibits) {
			const where = exhibit.url ?? t('objection.pdf.exhibitAppended')
			doc.text(`${t('objection.pdf.exhibit', { number: exhibit.number, title: exhibit.title })} — ${where}`)
		}
	}
	doc.moveDown(1)
	doc
		.fontSize(9)
		.fillColor('#4a534e')
		.text(t('objection.pdf.footer', { date: formatDate(now, 'en', timeZone), version: objection.currentVersion }))
	if (objection.selfApproved) doc.text(t('objection.pdf.selfApproved'))
	doc.fillColor('#000000')

	// Image exhibits get a page each, inside the letter.
	for (const exhibit of exhibits) {
		const bytes = files.get(exhibit.number)
		if (!bytes || exhibit.contentType === 'application/pdf') continue
		doc.addPage()
		doc
			.font(FONT.bold)
			.fontSize(13)
			.text(t('objection.pdf.exhibitImage', { number: exhibit.number, title: exhibit.title }))
		doc.moveDown(0.5)
		doc.image(Buffer.from(bytes), { fit: [doc.page.width - 108, doc.page.height - 180], align: 'center' })
	}
	doc.end()
	const letter = await done

	const pdfExhibits = exhibits.filter((exhibit) => exhibit.contentType === 'application/pdf' && files.has(exhibit.number))
	if (pdfExhibits.length === 0) return letter
	// PDF exhibits are copied in whole after the letter.
	const merged = await PdfLibDocument.load(letter)
	for (const exhibit of pdfExhibits) {
		const source = await PdfLibDocument.load(files.get(exhibit.number) ?? new Uint8Array(), { ignoreEncryption: true })
		const pages = await merged.copyPages(source, source.getPageIndices())
		for (const page of pages) merged.addPage(page)
	}
	return Buffer.from(await merged.save())
}
