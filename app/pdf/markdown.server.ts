import type { Nodes, PhrasingContent, RootContent } from 'mdast'
import { markdownTree } from '#app/markdown/markdown.server'
import { FONT, keepRoom, type PdfDocument } from './document.server'

// Markdown as a printed document: the same syntax tree the web page renders
// (app/markdown), drawn with pdfkit. Paragraphs, headings, bulleted and
// numbered lists (nested), block quotes, bold, italics and code keep their
// shape; a link prints its words and, after them, its address, because paper
// cannot be clicked. Raw HTML prints as the text it is, as on the page.

const INDENT = 18

type Style = { bold: boolean; italic: boolean; link: string | null }
type Run = Style & { text: string }

export type MarkdownOptions = { fontSize?: number; color?: string }

/** Draws `source` at the document's current position, flowing onto new pages as needed. */
export function drawMarkdown(doc: PdfDocument, source: string, options: MarkdownOptions = {}) {
	const fontSize = options.fontSize ?? 11.5
	const left = doc.page.margins.left
	const context = { doc, fontSize, left, color: options.color ?? '#000000' }
	for (const node of markdownTree(source).children) drawBlock(context, node, 0)
	doc.x = left
}

type Context = { doc: PdfDocument; fontSize: number; left: number; color: string }

function width(context: Context, level: number) {
	const { doc } = context
	return doc.page.width - doc.page.margins.right - context.left - level * INDENT
}

function drawBlock(context: Context, node: RootContent, level: number, prefix = '') {
	const { doc, fontSize } = context
	switch (node.type) {
		case 'paragraph':
			drawRuns(context, runsOf(node.children), level, prefix)
			doc.moveDown(0.5)
			return
		case 'heading': {
			const size = fontSize + Math.max(0, 4 - node.depth) * 1.2
			doc.fontSize(size)
			keepRoom(doc, 3)
			doc.moveDown(0.3)
			drawRuns({ ...context, fontSize: size }, runsOf(node.children, { bold: true, italic: false, link: null }), level, prefix)
			doc.fontSize(fontSize).moveDown(0.3)
			return
		}
		case 'list': {
			const start = node.start ?? 1
			node.children.forEach((item, index) => {
				const marker = node.ordered ? `${start + index}. ` : '• '
				keepRoom(doc, 2)
				item.children.forEach((child, childIndex) => {
					drawBlock(context, child, level + 1, childIndex === 0 ? marker : '')
					// Tight lists keep their items together.
					if (!node.spread && child.type === 'paragraph') doc.moveUp(0.35)
				})
			})
			if (!node.spread) doc.moveDown(0.35)
			doc.moveDown(0.2)
			return
		}
		case 'blockquote':
			for (const child of node.children) drawBlock({ ...context, color: '#333333' }, child, level + 1, prefix)
			return
		case 'code':
			drawRuns(context, [{ text: node.value, bold: false, italic: false, link: null }], level + 1, prefix)
			doc.moveDown(0.5)
			return
		case 'thematicBreak': {
			doc.moveDown(0.3)
			const y = doc.y
			doc
				.moveTo(context.left, y)
				.lineTo(context.left + width(context, 0), y)
				.strokeColor('#888888')
				.stroke()
			doc.moveDown(0.6)
			return
		}
		case 'html':
			drawRuns(context, [{ text: node.value, bold: false, italic: false, link: null }], level, prefix)
			doc.moveDown(0.5)
			return
		default:
			if ('children' in node && Array.isArray(node.children)) {
				for (const child of node.children as RootContent[]) drawBlock(context, child, level, prefix)
			}
	}
}

/** The inline content of a block as runs of one style each. */
function runsOf(nodes: PhrasingContent[], style: Style = { bold: false, italic: false, link: null }): Run[] {
	return nodes.flatMap((node) => runsOfNode(node, style))
}

function runsOfNode(node: Nodes, style: Style): Run[] {
	switch (node.type) {
		case 'text':
		case 'inlineCode':
		case 'html':
			return [{ ...style, text: node.value }]
		case 'strong':
			return runsOf(node.children, { ...style, bold: true })
		case 'emphasis':
			return runsOf(node.children, { ...style, italic: true })
		case 'delete':
			return runsOf(node.children, style)
		case 'break':
			return [{ ...style, text: '\n' }]
		case 'link': {
			const url = node.url.trim()
			const words = runsOf(node.children as PhrasingContent[], { ...style, link: safeUrl(url) })
			const said = words.map((run) => run.text).join('')
			// Paper cannot be clicked: the address follows the words, unless they are the address.
			return said.trim() === url || said.trim() === url.replace(/^mailto:/, '') ? words : [...words, { ...style, text: ` (${url})` }]
		}
		case 'image':
			return [{ ...style, text: node.alt ? `${node.alt} (${node.url})` : node.url }]
		case 'linkReference':
		case 'imageReference':
			return 'children' in node ? runsOf(node.children as PhrasingContent[], style) : []
		default:
			return []
	}
}

function safeUrl(url: string) {
	return /^(https?:\/\/|mailto:)/i.test(url) ? url : null
}

function fontOf(run: Style) {
	if (run.bold && run.italic) return FONT.boldItalic
	if (run.bold) return FONT.bold
	if (run.italic) return FONT.italic
	return FONT.regular
}

/** One block's runs, wrapped within its indent, each in its own face, links clickable in a PDF reader. */
function drawRuns(context: Context, runs: Run[], level: number, prefix: string) {
	const { doc, fontSize } = context
	const x = context.left + level * INDENT
	const all: Run[] = prefix ? [{ text: prefix, bold: false, italic: false, link: null }, ...runs] : runs
	const drawn = all.filter((run) => run.text !== '')
	if (drawn.length === 0) return
	doc.x = x
	doc.fillColor(context.color).fontSize(fontSize)
	drawn.forEach((run, index) => {
		const last = index === drawn.length - 1
		doc.font(fontOf(run))
		const options = { continued: !last, link: run.link ?? undefined, underline: run.link !== null, lineGap: 1.5 }
		if (index === 0) doc.text(run.text, x, doc.y, { ...options, width: width(context, level) })
		else doc.text(run.text, options)
	})
	doc.font(FONT.regular).fillColor('#000000')
}
