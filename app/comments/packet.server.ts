import { asCaller, type AuthenticatedCaller } from '#app/db/db.server'
import { formatDateTime, t } from '#app/i18n/i18n'
import { finished, FONT, numberPages, pdfDocument } from '#app/pdf/document.server'
import { driveCounts, findDrive } from './drives.server'

// The printed packet for a hearing: a cover sheet with the counts and how
// every comment was attributed, then each confirmed comment with its
// writer's name and place (never an email address). Near-duplicates are
// printed and marked, never dropped. Held and removed comments are left out
// and counted on the cover. Organizers of the drive and moderators only.

export async function commentPacket(caller: AuthenticatedCaller, slug: string, now = new Date()) {
	const data = await asCaller(caller, async (trx) => {
		const drive = await findDrive(trx, slug)
		if (!drive || !drive.canManage) return null
		const counts = (await driveCounts(trx, [drive.id])).get(drive.id)
		const comments = await trx
			.selectFrom('comments')
			.select(['name', 'family_name', 'organization', 'place_label', 'postal_code', 'submitter', 'body', 'confirmed_at', 'near_duplicate'])
			.where('drive_id', '=', drive.id)
			.where('status', '=', 'confirmed')
			.orderBy('confirmed_at')
			.execute()
		return { drive, counts, comments }
	})
	if (!data || !data.counts) return null
	const { drive, counts, comments } = data
	const bodyName = drive.body_name ?? drive.regulations_gov_document_id ?? ''
	const matter = [drive.case_number, drive.proceeding_title ?? drive.regulations_gov_document_id].filter(Boolean).join(' — ')
	const doc = await pdfDocument({ title: t('comments.packet.title', { title: drive.title }), author: drive.chapter_name })
	const bytes = finished(doc)

	doc
		.font(FONT.bold)
		.fontSize(22)
		.text(t('comments.packet.title', { title: drive.title }))
	doc.moveDown(0.5).font(FONT.regular).fontSize(13)
	if (bodyName) doc.text(t('comments.packet.for', { body: bodyName }))
	if (matter) doc.text(t('comments.packet.matter', { matter }))
	doc.moveDown()
	doc.fontSize(12).text(
		t('comments.packet.counts', {
			confirmed: counts.confirmed,
			unique: counts.unique,
			nearDuplicates: counts.nearDuplicates,
			held: counts.held,
		}),
	)
	doc.moveDown().text(t('comments.packet.attribution'))
	doc
		.moveDown()
		.fillColor('#444444')
		.text(t('comments.packet.prepared', { when: formatDateTime(now, drive.timeZone), chapter: drive.chapter_name }))
	doc.fillColor('#000000')

	for (const comment of comments) {
		doc.addPage()
		const name = comment.submitter === 'anonymous' ? t('comments.anonymous') : [comment.name, comment.family_name].filter(Boolean).join(' ')
		const place = [comment.organization, comment.place_label, comment.postal_code].filter(Boolean).join(', ')
		doc
			.font(FONT.bold)
			.fontSize(14)
			.text(place && comment.submitter !== 'anonymous' ? t('comments.packet.from', { name, place }) : name)
		doc.font(FONT.regular).fontSize(10).fillColor('#444444')
		if (comment.confirmed_at) doc.text(t('comments.packet.confirmed', { when: formatDateTime(comment.confirmed_at, drive.timeZone) }))
		if (comment.near_duplicate) doc.text(t('comments.packet.nearDuplicate'))
		doc.fillColor('#000000').moveDown(0.5).fontSize(12).text(comment.body, { align: 'left' })
	}

	numberPages(doc, (page, pages) => t('comments.packet.page', { page, pages }))
	doc.end()
	return { filename: `${drive.slug}-comments.pdf`, pdf: await bytes }
}
