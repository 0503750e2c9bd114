import { expect, test } from 'vitest'
import { finished, FONT, pdfDocument } from '#app/pdf/document.server'
import { pdfText } from '#tests/helpers/pdf'

const NAMES = ['Nguyễn Thị Minh Khai', 'Begoña Muñoz', 'Łódź', 'Zażółć gęślą jaźń', 'Ελένη Παπαδοπούλου', 'Дмитрий Шостакович']

test('a document sets Vietnamese, Spanish, Polish, Greek and Cyrillic names intact, in both faces', async () => {
	const doc = await pdfDocument({ title: 'Nguyễn Thị Minh Khai — Łódź' })
	const bytes = finished(doc)
	doc.font(FONT.bold).fontSize(16).text(NAMES.join(', '))
	doc.font(FONT.regular).fontSize(11)
	for (const name of NAMES) doc.text(name)
	doc.end()
	const text = (await pdfText(await bytes)).normalize('NFC')
	for (const name of NAMES) expect(text.split(name).length - 1, name).toBe(2)
	expect(text).not.toContain('Nguyen')
	expect(text).not.toContain('Lodz')
})

test('a document embeds its font: no standard Helvetica is referenced', async () => {
	const doc = await pdfDocument({ title: 'Fonts' })
	const bytes = finished(doc)
	doc.text('Begoña Muñoz')
	doc.end()
	const raw = (await bytes).toString('latin1')
	expect(raw).toContain('/FontFile2')
	expect(raw).toContain('NotoSans')
	expect(raw).not.toContain('/Helvetica')
})
