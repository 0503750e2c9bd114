import type { AuthenticatedCaller } from '#app/db/db.server'
import { formatDateTime, formatTime, t, zoneName } from '#app/i18n/i18n'
import { finished, FONT, numberPages, pdfDocument, type PdfDocument } from '#app/pdf/document.server'
import { organizerList, type ListedSpeaker } from './speakers.server'

// The speakers' list as a PDF, for the clerk's table and the door: each
// hearing on its own page, the listed speakers by slot with their estimated
// time, who they speak for, their minutes and how, then the waitlist in
// order. It leaves out email addresses (the page on screen has them for the
// organizers), because this copy leaves their hands. Noto Sans, so a name in
// any spelling prints as typed (docs/decisions/051). Organizers only.

function time(at: Date | null, zone: string) {
	return at ? `${formatTime(at, zone)} ${zoneName(at, zone)}` : '—'
}

function speakerLine(doc: PdfDocument, number: number, speaker: ListedSpeaker, zone: string, waitlist: boolean) {
	doc
		.font(FONT.bold)
		.fontSize(12)
		.text(
			waitlist
				? t('speakers.pdf.waiting', { number, name: speaker.name })
				: t('speakers.pdf.listed', { slot: number, time: time(speaker.estimatedAt, zone), name: speaker.name }),
		)
	const details = [
		speaker.organization ?? t('speakers.list.self'),
		speaker.minutes === null ? null : t('speakers.pdf.minutes', { minutes: speaker.minutes }),
		t(`speakers.slot.mode.${speaker.mode}`),
		speaker.hasLetter ? t('speakers.pdf.letter') : null,
	].filter((part): part is string => part !== null)
	doc.font(FONT.regular).fontSize(10).fillColor('#444444').text(details.join(' · '), { indent: 18 }).fillColor('#000000')
	doc.moveDown(0.4)
}

export async function speakersListPdf(caller: AuthenticatedCaller, slug: string, now = new Date()) {
	const list = await organizerList(caller, slug, now)
	if (!list) return null
	const { proceeding } = list
	const zone = proceeding.timeZone
	const title = `${t('speakers.list.heading')}: ${proceeding.title}`
	const doc = await pdfDocument({ title, author: proceeding.bodyName ?? proceeding.projectName })
	const bytes = finished(doc)
	const heading = () => {
		doc
			.font(FONT.regular)
			.fontSize(11)
			.fillColor('#444444')
			.text(proceeding.bodyName ?? proceeding.projectName)
		doc.fillColor('#000000').font(FONT.bold).fontSize(18).text(title)
		doc
			.font(FONT.regular)
			.fontSize(10)
			.fillColor('#444444')
			.text(t('speakers.list.printed', { when: formatDateTime(now, zone) }))
		doc.fillColor('#000000').moveDown()
	}
	if (list.hearings.length === 0) {
		heading()
		doc.fontSize(12).text(t('speakers.pdf.noHearings'))
	}
	list.hearings.forEach((hearing, index) => {
		if (index > 0) doc.addPage()
		heading()
		doc
			.font(FONT.bold)
			.fontSize(14)
			.text(`${hearing.label ?? t('clock.hearing')}: ${formatDateTime(hearing.startsAt, zone)}`)
		doc.font(FONT.regular).fontSize(11)
		if (hearing.place) doc.text(hearing.place)
		if (hearing.after && hearing.schedule.listStartsAt)
			doc.text(t('speakers.hearing.after', { title: hearing.after, time: time(hearing.schedule.listStartsAt, zone) }))
		doc.moveDown()
		const listed = hearing.speakers.filter((speaker) => speaker.status === 'listed')
		const waiting = hearing.speakers.filter((speaker) => speaker.status === 'waitlisted')
		if (listed.length === 0) doc.fontSize(12).text(t('speakers.list.none'))
		for (const speaker of listed) speakerLine(doc, speaker.slot ?? 0, speaker, zone, false)
		doc.moveDown().font(FONT.bold).fontSize(13).text(t('speakers.list.waitlist'))
		doc.font(FONT.regular).moveDown(0.3)
		if (waiting.length === 0) doc.fontSize(12).text(t('speakers.list.waitlist.none'))
		waiting.forEach((speaker, position) => speakerLine(doc, position + 1, speaker, zone, true))
	})
	numberPages(doc, (page, pages) => t('speakers.pdf.page', { page, pages }))
	doc.end()
	return { filename: `${proceeding.slug}-speakers.pdf`, pdf: await bytes }
}
