import { createRequire } from 'node:module'
import type PDFKit from 'pdfkit'

// Every PDF Groundwork prints (petition delivery documents, objection
// letters, comment packets) starts here: a pdfkit document with Noto Sans
// embedded as its regular and bold faces, so a name in any Latin, Greek,
// Cyrillic or Vietnamese spelling comes out as typed (docs/decisions/051).
// The fonts are resolved from node_modules at run time, so the production
// build needs no copy of them.

export const FONT = { regular: 'Regular', bold: 'Bold', italic: 'Italic', boldItalic: 'BoldItalic' } as const

const require = createRequire(import.meta.url)
const FONT_FILES = {
	[FONT.regular]: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
	[FONT.bold]: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
	[FONT.italic]: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
	[FONT.boldItalic]: '@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf',
}

export type PdfDocument = PDFKit.PDFDocument

export type PdfOptions = {
	title: string
	author?: string
	size?: 'LETTER' | 'A4'
	margin?: number
}

/**
 * A new pdfkit document with the Unicode faces registered and the regular
 * one selected. Use `doc.font(FONT.bold)` / `doc.font(FONT.regular)`; never
 * pdfkit's built-in Helvetica, which has no letters beyond Latin-1.
 * `finished(doc)` gives the bytes once `doc.end()` is called.
 */
export async function pdfDocument(options: PdfOptions): Promise<PdfDocument> {
	// Loaded on first use: pages that never print a PDF never load pdfkit.
	const { default: PDFDocument } = await import('pdfkit')
	const doc = new PDFDocument({
		size: options.size ?? 'LETTER',
		margin: options.margin ?? 54,
		info: { Title: options.title, Author: options.author ?? 'Groundwork' },
		bufferPages: true,
	})
	for (const [name, file] of Object.entries(FONT_FILES)) doc.registerFont(name, require.resolve(file))
	doc.font(FONT.regular)
	return withUnicodeText(doc)
}

// Two things keep the text layer right, so a clerk's search, copy and
// screen reader get the letters that are drawn: text is composed (NFC), and
// the font's glyph-composition feature (ccmp) is off. With ccmp on, fontkit
// draws "ị" as the glyph of "i" plus a dot, and pdfkit then maps that "i"
// glyph back to "ị" everywhere ("Minh" came out of pdftotext as "Mịnh").
const TEXT_FEATURES = { ccmp: false }

function withUnicodeText(doc: PdfDocument): PdfDocument {
	const draw = doc.text
	// @types/pdfkit types `features` as a list of features to turn on; pdfkit
	// hands it to fontkit, which also takes the { feature: on/off } map needed
	// to turn one off, hence Reflect.apply rather than a typed call.
	function text(content: string | number, x?: number | PDFKit.Mixins.TextOptions, y?: number, options?: PDFKit.Mixins.TextOptions) {
		const composed = String(content).normalize('NFC')
		const args =
			typeof x === 'object' || x === undefined
				? [composed, { features: TEXT_FEATURES, ...x }]
				: [composed, x, y, { features: TEXT_FEATURES, ...options }]
		Reflect.apply(draw, doc, args)
		return doc
	}
	return Object.assign(doc, { text })
}

/** Starts a new page when fewer than `lines` lines are left on this one (a heading is never left alone at its foot). */
export function keepRoom(doc: PdfDocument, lines: number) {
	if (doc.y + doc.currentLineHeight(true) * lines > doc.page.height - doc.page.margins.bottom) doc.addPage()
}

/**
 * Writes "Page N of M" (as `label` words it) at the foot of every page. Call
 * once everything is drawn, just before `doc.end()`; needs the buffered pages
 * pdfDocument() turns on.
 */
export function numberPages(doc: PdfDocument, label: (page: number, pages: number) => string) {
	const range = doc.bufferedPageRange()
	for (let index = range.start; index < range.start + range.count; index++) {
		doc.switchToPage(index)
		// The foot is below the bottom margin; without lifting it, pdfkit would start a new page to write there.
		const margin = doc.page.margins.bottom
		doc.page.margins.bottom = 0
		doc
			.font(FONT.regular)
			.fontSize(9)
			.fillColor('#444444')
			.text(label(index + 1, range.count), doc.page.margins.left, doc.page.height - margin + 16, {
				width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
				align: 'center',
				lineBreak: false,
			})
		doc.page.margins.bottom = margin
	}
	doc.fillColor('#000000')
}

/** The document's bytes, once `doc.end()` has been called. Call before `end()`. */
export function finished(doc: PdfDocument): Promise<Buffer> {
	const chunks: Buffer[] = []
	doc.on('data', (chunk: Buffer) => chunks.push(chunk))
	return new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)))
		doc.on('error', reject)
	})
}
