import type { Context, Hono } from 'hono'
import { formatAddress } from './addresses'
import { escapeHtml, htmlPage, linkify, timeElement } from './html'
import type { Mailbox, StoredMessage } from './mailbox'
import { addressLine, headersOf } from './message-views'

// Email HTML is shown only inside a sandboxed srcdoc frame, which inherits
// this policy: inline styles and remote images render, scripts never run.
const CONTENT_SECURITY_POLICY = [
	"default-src 'none'",
	"style-src 'unsafe-inline'",
	'img-src * data:',
	'font-src * data:',
	"frame-src 'self'",
	"form-action 'self'",
	"frame-ancestors 'none'",
].join('; ')

const EMPTY_INBOX = '<p>No mail yet. Mail the app sends in development lands here.</p>'
const NOT_FOUND = '<main><p>That message is not here. <a href="/">Back to the inbox</a></p></main>'

/** A small web inbox for reading caught mail in a browser, phones included. */
export function registerInboxPages(app: Hono, mailbox: Mailbox) {
	app.get('/', (c) => {
		const messages = mailbox.messages()
		const items = messages.map(listItem).join('\n')
		const body = `<header>
<h1>Local inbox <span class="meta">(${messages.length} ${messages.length === 1 ? 'message' : 'messages'})</span></h1>
<a href="/">Refresh</a>
<form method="post" action="/messages/delete"><button type="submit">Delete all</button></form>
</header>
<main>
${messages.length === 0 ? EMPTY_INBOX : `<ol class="messages">\n${items}\n</ol>`}
</main>`
		return page(c, htmlPage('Local inbox', body))
	})

	app.get('/message/:id', async (c) => {
		const message = mailbox.find(c.req.param('id'))
		if (!message) return page(c, htmlPage('Message not found', NOT_FOUND), 404)
		await mailbox.markRead(message.id)
		return page(c, htmlPage(message.subject, messageBody(message)))
	})

	app.post('/messages/delete', async (c) => {
		if (!isSameOrigin(c)) return c.text('Cross-site request refused', 403)
		await mailbox.remove()
		return c.redirect('/', 303)
	})
}

function page(c: Context, html: string, status: 200 | 404 = 200) {
	c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
	c.header('Referrer-Policy', 'no-referrer')
	c.header('X-Content-Type-Options', 'nosniff')
	return c.html(html, status)
}

function listItem(message: StoredMessage) {
	return `<li${message.read ? '' : ' class="unread"'}>
<a class="subject" href="/message/${encodeURIComponent(message.id)}">${escapeHtml(message.subject)}</a>
<div class="meta">From ${escapeHtml(formatAddress(message.from))} · To ${escapeHtml(addressLine(message.to))} ·
${timeElement(message.created)}</div>
</li>`
}

function messageBody(message: StoredMessage) {
	const rows: Array<[string, string]> = [
		['From', formatAddress(message.from)],
		['To', addressLine(message.to)],
	]
	if (message.cc.length > 0) rows.push(['Cc', addressLine(message.cc)])
	if (message.bcc.length > 0) rows.push(['Bcc', addressLine(message.bcc)])
	if (message.replyTo.length > 0) rows.push(['Reply-To', addressLine(message.replyTo)])
	if (message.tags.length > 0) rows.push(['Tags', message.tags.map((tag) => `${tag.name}: ${tag.value}`).join(', ')])
	const summary = rows.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`).join('')
	const allHeaders = Object.entries(headersOf(message))
		.flatMap(([name, values]) => values.map((value) => `${name}: ${value}`))
		.join('\n')
	const attachmentItems = message.attachments.map(
		(attachment) =>
			`<li>${escapeHtml(attachment.filename)} <span class="meta">(${escapeHtml(attachment.contentType)}, ` +
			`${attachment.size} bytes)</span></li>`,
	)
	const attachments = attachmentItems.length ? `<h2>Attachments</h2><ul>${attachmentItems.join('')}</ul>` : ''
	// Links in the email open in a new tab: the frame may open pop-ups but not run scripts.
	const preview =
		message.html !== null
			? `<h2>HTML</h2>
<iframe title="HTML version of the email" sandbox="allow-popups allow-popups-to-escape-sandbox"
referrerpolicy="no-referrer" srcdoc="${escapeHtml(`<base target="_blank">${message.html}`)}"></iframe>`
			: ''
	const text = message.text !== null ? `<h2>Plain text</h2><pre>${linkify(message.text)}</pre>` : ''
	return `<header>
<h1>${escapeHtml(message.subject)}</h1>
<a href="/">Back to the inbox</a>
<a href="/api/v1/message/${encodeURIComponent(message.id)}">JSON</a>
</header>
<main>
<dl class="headers">${summary}<dt>Date</dt><dd>${timeElement(message.created)}</dd></dl>
<details><summary>All headers</summary><pre>${escapeHtml(allHeaders)}</pre></details>
${preview}
${text}
${attachments}
</main>`
}

/** Deleting mail is a POST from this inbox's own page; refuse it from other sites. */
function isSameOrigin(c: Context) {
	const origin = c.req.header('origin')
	if (!origin) return c.req.header('sec-fetch-site') !== 'cross-site'
	try {
		return new URL(origin).host === c.req.header('host')
	} catch {
		return false
	}
}
