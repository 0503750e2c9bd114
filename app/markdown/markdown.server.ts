import type { Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'

/** Markdown parsed to a syntax tree without source positions: small enough to send to the page. */
export function markdownTree(source: string): Root {
	const tree: Root = JSON.parse(JSON.stringify(fromMarkdown(source), (key, value: unknown) => (key === 'position' ? undefined : value)))
	return tree
}
