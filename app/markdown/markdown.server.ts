import type { Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'

/** Markdown parsed to a syntax tree without source positions: small enough to send to the page. */
export function markdownTree(source: string): Root {
	// A petition's body is the same on every request, so its
	// tree is kept by content (the text itself is the key: no stale tree after an
	// edit). Frozen, since every page that shows that text gets the same object.
	const kept = trees.get(source)
	if (kept) {
		trees.delete(source)
		trees.set(source, kept)
		return kept
	}
	const tree: Root = deepFreeze(
		JSON.parse(JSON.stringify(fromMarkdown(source), (key, value: unknown) => (key === 'position' ? undefined : value))),
	)
	if (source.length <= MAX_KEPT_CHARS) {
		if (trees.size >= MAX_TREES) trees.delete(trees.keys().next().value ?? '')
		trees.set(source, tree)
	}
	return tree
}

/** A bound on memory: at most this many trees (the least recently used goes first), of texts up to this long. */
const MAX_TREES = 500
const MAX_KEPT_CHARS = 64 * 1024
const trees = new Map<string, Root>()

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value)
		for (const child of Object.values(value)) deepFreeze(child)
	}
	return value
}
