import { formatAddress, type Address } from './addresses'
import type { StoredMessage } from './mailbox'

/** A message in a Mailpit list: `GET /api/v1/messages` items. */
export function messageSummary(message: StoredMessage) {
	return {
		ID: message.id,
		MessageID: message.messageId,
		Read: message.read,
		From: message.from,
		To: message.to,
		Cc: message.cc,
		Bcc: message.bcc,
		ReplyTo: message.replyTo,
		Subject: message.subject,
		Created: message.created,
		Username: '',
		Tags: tagsOf(message),
		Size: sizeOf(message),
		Attachments: message.attachments.length,
		Snippet: snippetOf(message),
	}
}

/** A whole message: `GET /api/v1/message/{ID}`. */
export function messageDetail(message: StoredMessage) {
	return {
		...messageSummary(message),
		ReturnPath: message.from.Address,
		Date: message.created,
		Text: message.text ?? '',
		HTML: message.html ?? '',
		Headers: headersOf(message),
		Inline: [],
		Attachments: message.attachments.map((attachment, index) => ({
			PartID: String(index + 2),
			FileName: attachment.filename,
			ContentType: attachment.contentType,
			ContentID: '',
			Size: attachment.size,
		})),
	}
}

/** The headers the message would have carried, Mailpit-style: name to values. */
export function headersOf(message: StoredMessage): Record<string, string[]> {
	const headers: Record<string, string[]> = {
		Date: [new Date(message.created).toUTCString()],
		From: [formatAddress(message.from)],
		To: [addressLine(message.to)],
		Subject: [message.subject],
		'Message-ID': [message.messageId],
		'MIME-Version': ['1.0'],
		'Content-Type': [contentTypeOf(message)],
	}
	if (message.cc.length > 0) headers.Cc = [addressLine(message.cc)]
	if (message.replyTo.length > 0) headers['Reply-To'] = [addressLine(message.replyTo)]
	if (message.tags.length > 0) headers['X-Tags'] = [tagsOf(message).join(', ')]
	for (const [name, value] of Object.entries(message.headers)) {
		const existing = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase())
		headers[existing ?? name] = [value]
	}
	return headers
}

export function addressLine(addresses: readonly Address[]) {
	return addresses.map(formatAddress).join(', ')
}

function contentTypeOf(message: StoredMessage) {
	if (message.html !== null && message.text !== null) return 'multipart/alternative'
	return message.html !== null ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8'
}

function tagsOf(message: StoredMessage) {
	return message.tags.map((tag) => `${tag.name}:${tag.value}`)
}

function sizeOf(message: StoredMessage) {
	return Buffer.byteLength(`${message.subject}${message.html ?? ''}${message.text ?? ''}`)
}

/** The start of the readable text, for lists. */
export function snippetOf(message: StoredMessage) {
	const text = message.text ?? textFromHtml(message.html ?? '')
	const collapsed = text.replace(/\s+/g, ' ').trim()
	return collapsed.length > 250 ? `${collapsed.slice(0, 250)}…` : collapsed
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" }

function textFromHtml(html: string) {
	return html
		.replace(/<(style|script|head|title)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, entity: string) => ENTITIES[entity] ?? ' ')
}
