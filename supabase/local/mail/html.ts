const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(value: string) {
	return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character)
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/g

/** Escaped plain text in which http(s) URLs are links that open in a new tab. */
export function linkify(text: string) {
	let html = ''
	let last = 0
	for (const match of text.matchAll(URL_IN_TEXT)) {
		const start = match.index
		// Sentence punctuation after a URL is not part of it.
		const url = match[0].replace(/[.,;:!?)\]}]+$/, '')
		html += escapeHtml(text.slice(last, start))
		html += `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(url)}</a>`
		last = start + url.length
	}
	return html + escapeHtml(text.slice(last))
}

/** `2026-11-26 06:00:00 UTC` in a <time> element. */
export function timeElement(iso: string) {
	const date = new Date(iso)
	const readable = Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
	return `<time datetime="${escapeHtml(iso)}">${escapeHtml(readable)}</time>`
}

const STYLES = `
:root { color-scheme: light dark; --muted: #5b6470; --line: #d5dae0; --accent: #0b5cad; }
@media (prefers-color-scheme: dark) { :root { --muted: #a3acb8; --line: #3a4048; --accent: #7fb4ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
header, main { max-width: 60rem; margin: 0 auto; padding: 0.75rem 1rem; }
header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; border-bottom: 1px solid var(--line); }
header h1 { font-size: 1.1rem; margin: 0; flex: 1 1 auto; }
a { color: var(--accent); }
button { font: inherit; padding: 0.35rem 0.8rem; border: 1px solid var(--line); border-radius: 0.4rem; background: transparent; color: inherit; cursor: pointer; }
ol.messages { list-style: none; margin: 0; padding: 0; }
ol.messages li { border-bottom: 1px solid var(--line); padding: 0.6rem 0; overflow-wrap: anywhere; }
ol.messages .subject { font-weight: 600; text-decoration: none; display: block; }
ol.messages .unread .subject::before { content: "● "; }
.meta { color: var(--muted); font-size: 0.9rem; }
dl.headers { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
dl.headers dt { color: var(--muted); }
dl.headers dd { margin: 0; }
h2 { font-size: 1rem; margin: 1.5rem 0 0.5rem; }
iframe { width: 100%; height: 70vh; border: 1px solid var(--line); border-radius: 0.4rem; background: #fff; resize: vertical; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid var(--line); border-radius: 0.4rem; padding: 0.75rem; font-size: 0.9rem; }
details pre { margin-top: 0.5rem; }
`

/** A complete page around already-escaped `body` HTML. */
export function htmlPage(title: string, body: string) {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
${body}
</body>
</html>`
}
