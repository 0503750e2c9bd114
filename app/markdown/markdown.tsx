import type { Nodes, Root, RootContent } from 'mdast'
import { Fragment, type ReactNode } from 'react'

// Organizers write petitions and updates in Markdown. The server parses it
// to a syntax tree (markdown.server.ts, so the parser never ships to the
// browser) and this renders it as React elements from a short whitelist: raw
// HTML in the source is shown as text, images become links, and only http,
// https and mailto links are kept. Nothing typed is ever injected as HTML.

const SAFE_URL = /^(https?:\/\/|mailto:)/i

export function safeHref(url: string | null | undefined) {
	const trimmed = (url ?? '').trim()
	return SAFE_URL.test(trimmed) ? trimmed : null
}

/** Markdown as React elements. Headings start at `headingLevel` (the page already has its h1 and h2). */
export function Markdown({ tree, headingLevel = 3, className }: { tree: Root; headingLevel?: 3 | 4; className?: string }) {
	return <div className={className}>{renderChildren(tree.children, headingLevel)}</div>
}

function renderChildren(nodes: RootContent[], headingLevel: number): ReactNode[] {
	return nodes.map((node, index) => <Fragment key={index}>{renderNode(node, headingLevel)}</Fragment>)
}

function renderNode(node: Nodes, headingLevel: number): ReactNode {
	switch (node.type) {
		case 'paragraph':
			return <p>{renderChildren(node.children, headingLevel)}</p>
		case 'heading': {
			const level = Math.min(6, headingLevel + Math.max(0, node.depth - 1))
			const children = renderChildren(node.children, headingLevel)
			if (level <= 3) return <h3 className="text-xl font-bold">{children}</h3>
			if (level === 4) return <h4 className="text-lg font-bold">{children}</h4>
			if (level === 5) return <h5 className="font-bold">{children}</h5>
			return <h6 className="font-bold">{children}</h6>
		}
		case 'text':
			return node.value
		case 'emphasis':
			return <em>{renderChildren(node.children, headingLevel)}</em>
		case 'strong':
			return <strong>{renderChildren(node.children, headingLevel)}</strong>
		case 'delete':
			return <del>{renderChildren(node.children, headingLevel)}</del>
		case 'inlineCode':
			return <code>{node.value}</code>
		case 'code':
			return (
				<pre className="overflow-x-auto rounded bg-paper-sunk p-3">
					<code>{node.value}</code>
				</pre>
			)
		case 'blockquote':
			return <blockquote className="border-l-4 border-line pl-4">{renderChildren(node.children, headingLevel)}</blockquote>
		case 'list': {
			const items = renderChildren(node.children, headingLevel)
			return node.ordered ? (
				<ol className="list-decimal space-y-1 pl-6" start={node.start ?? undefined}>
					{items}
				</ol>
			) : (
				<ul className="list-disc space-y-1 pl-6">{items}</ul>
			)
		}
		case 'listItem':
			// Tight lists put their text straight in the item.
			return (
				<li>
					{node.spread
						? renderChildren(node.children, headingLevel)
						: node.children.map((child, index) =>
								child.type === 'paragraph' ? (
									<Fragment key={index}>{renderChildren(child.children, headingLevel)}</Fragment>
								) : (
									<Fragment key={index}>{renderNode(child, headingLevel)}</Fragment>
								),
							)}
				</li>
			)
		case 'thematicBreak':
			return <hr className="border-line" />
		case 'break':
			return <br />
		case 'link': {
			const href = safeHref(node.url)
			const children = renderChildren(node.children, headingLevel)
			return href ? (
				<a href={href} rel="nofollow ugc noopener noreferrer">
					{children}
				</a>
			) : (
				<>{children}</>
			)
		}
		case 'image': {
			// No remote images: they would tell a third party who reads the page.
			const href = safeHref(node.url)
			const label = node.alt || node.url
			return href ? (
				<a href={href} rel="nofollow ugc noopener noreferrer">
					{label}
				</a>
			) : (
				label
			)
		}
		case 'html':
			return node.value
		case 'linkReference':
		case 'imageReference':
			return 'children' in node ? renderChildren(node.children, headingLevel) : null
		default:
			return null
	}
}

/** The first characters of the text, without Markdown, for descriptions and previews. */
export function plainText(source: string, max = 200) {
	const text = source
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[#>*_`~]+/g, '')
		.replace(/\s+/g, ' ')
		.trim()
	return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text
}
