import type { Context, Hono } from 'hono'
import type { Address } from './addresses'
import { isFaultStatus, type Faults } from './faults'
import type { Mailbox, StoredMessage } from './mailbox'
import { headersOf, messageDetail, messageSummary } from './message-views'
import { isRecord } from './resend-payload'

const DEFAULT_LIMIT = 50

/**
 * The part of Mailpit's JSON API that tests and tools read mail with, plus
 * `/api/v1/faults` for making the next sends fail on purpose: every send, or
 * only those to one address (`to`).
 */
export function registerMailpitRoutes(app: Hono, mailbox: Mailbox, faults: Faults) {
	app.get('/api/v1/messages', (c) => c.json(page(c, mailbox.messages(), mailbox.messages())))

	app.get('/api/v1/search', (c) => {
		const matches = search(mailbox.messages(), c.req.query('query') ?? '')
		return c.json(page(c, matches, mailbox.messages()))
	})

	app.delete('/api/v1/messages', async (c) => {
		const body: unknown = await c.req.json().catch(() => null)
		const ids = isRecord(body) && Array.isArray(body.IDs) ? body.IDs.filter((id): id is string => typeof id === 'string') : []
		await mailbox.remove(ids.length > 0 ? ids : undefined)
		return c.text('ok')
	})

	app.get('/api/v1/message/:id', async (c) => {
		const message = mailbox.find(c.req.param('id'))
		if (!message) return c.text('message not found', 404)
		await mailbox.markRead(message.id)
		return c.json(messageDetail(message))
	})

	// An attachment's bytes, by the PartID the message lists (Mailpit numbers them from 2).
	app.get('/api/v1/message/:id/part/:part', (c) => {
		const message = mailbox.find(c.req.param('id'))
		const attachment = message?.attachments[Number(c.req.param('part')) - 2]
		if (!attachment?.content) return c.text('part not found', 404)
		return c.body(new Uint8Array(Buffer.from(attachment.content, 'base64')), 200, {
			'Content-Type': attachment.contentType,
			'Content-Disposition': `attachment; filename="${attachment.filename.replace(/["\\\r\n]/g, '_')}"`,
		})
	})

	app.get('/api/v1/message/:id/headers', (c) => {
		const message = mailbox.find(c.req.param('id'))
		if (!message) return c.text('message not found', 404)
		return c.json(headersOf(message))
	})

	app.get('/api/v1/faults', (c) => c.json(faults.current(c.req.query('to'))))

	app.post('/api/v1/faults', async (c) => {
		const body: unknown = await c.req.json().catch(() => null)
		if (!isRecord(body) || !isFaultStatus(body.status)) {
			return c.json({ error: '`status` must be 500 or 429' }, 400)
		}
		const count = body.count === undefined ? 1 : body.count
		if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
			return c.json({ error: '`count` must be a whole number' }, 400)
		}
		if (body.to !== undefined && (typeof body.to !== 'string' || !body.to.includes('@'))) {
			return c.json({ error: '`to` must be an email address' }, 400)
		}
		const to = typeof body.to === 'string' ? body.to : undefined
		faults.arm(body.status, count, to)
		return c.json(faults.current(to))
	})

	app.delete('/api/v1/faults', (c) => {
		const to = c.req.query('to')
		faults.clear(to)
		return c.json(faults.current(to))
	})
}

/**
 * Mailpit's list envelope, newest first, paged with `start` and `limit`:
 * `total` and `unread` count the mailbox, `messages_count` and
 * `messages_unread` what matched.
 */
function page(c: Context, matches: readonly StoredMessage[], all: readonly StoredMessage[]) {
	const start = Math.max(0, Number.parseInt(c.req.query('start') ?? '0', 10) || 0)
	const limit = Math.max(1, Number.parseInt(c.req.query('limit') ?? String(DEFAULT_LIMIT), 10) || DEFAULT_LIMIT)
	const messages = matches.slice(start, start + limit).map(messageSummary)
	return {
		total: all.length,
		unread: all.filter((message) => !message.read).length,
		count: messages.length,
		messages_count: matches.length,
		messages_unread: matches.filter((message) => !message.read).length,
		start,
		tags: [...new Set(matches.flatMap((message) => message.tags.map((tag) => `${tag.name}:${tag.value}`)))],
		messages,
	}
}

/**
 * A small subset of Mailpit's search: `to:`, `from:`, `subject:`, `tag:`,
 * `is:read`/`is:unread`, and bare words or "quoted phrases" matched against
 * subject, addresses and body. All terms must match; case is ignored.
 */
export function search(messages: readonly StoredMessage[], query: string) {
	const terms = [...query.matchAll(/(\w+:)?(?:"([^"]*)"|(\S+))/g)].map((match) => ({
		field: (match[1] ?? '').slice(0, -1).toLowerCase(),
		value: (match[2] ?? match[3] ?? '').toLowerCase(),
	}))
	return messages.filter((message) => terms.every((term) => matches(message, term.field, term.value)))
}

function matches(message: StoredMessage, field: string, value: string) {
	const addresses = (list: readonly Address[]) => list.some((address) => `${address.Name} ${address.Address}`.toLowerCase().includes(value))
	switch (field) {
		case 'to':
			return addresses([...message.to, ...message.cc, ...message.bcc])
		case 'from':
			return addresses([message.from])
		case 'subject':
			return message.subject.toLowerCase().includes(value)
		case 'tag':
			return message.tags.some((tag) => `${tag.name}:${tag.value}`.toLowerCase() === value)
		case 'is':
			return value === 'read' ? message.read : value === 'unread' ? !message.read : false
		default:
			return (
				message.subject.toLowerCase().includes(value) ||
				addresses([message.from, ...message.to, ...message.cc]) ||
				(message.text ?? '').toLowerCase().includes(value) ||
				(message.html ?? '').toLowerCase().includes(value)
			)
	}
}
