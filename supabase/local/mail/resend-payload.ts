import { parseAddress, type Address } from './addresses'

/** An error body as Resend sends it, which the SDK hands back as `error`. */
export type ResendError = { statusCode: number; name: string; message: string }

export type Tag = { name: string; value: string }
/** An attachment as sent; `content` is the base64 Resend received (null when Resend was to fetch a `path`). */
export type AttachmentInfo = { filename: string; contentType: string; size: number; content?: string | null }

/** A send request that passed validation. */
export type OutgoingEmail = {
	from: Address
	to: Address[]
	cc: Address[]
	bcc: Address[]
	replyTo: Address[]
	subject: string
	html: string | null
	text: string | null
	headers: Record<string, string>
	tags: Tag[]
	attachments: AttachmentInfo[]
	scheduledAt: string | null
}

const MAX_RECIPIENTS = 50
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/
const ADDRESS_FORMAT = 'The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.'

export function missingField(field: string): ResendError {
	return { statusCode: 422, name: 'missing_required_field', message: `Missing \`${field}\` field.` }
}

export function validationError(message: string): ResendError {
	return { statusCode: 422, name: 'validation_error', message }
}

/**
 * Checks one email of a send or batch request the way Resend does: `from`,
 * `to` and `subject` are required; addresses may be `Name <addr>`; `to`,
 * `cc`, `bcc` and `reply_to` take a string or a list.
 */
export function readEmail(value: unknown, options: { batch: boolean }): { email: OutgoingEmail } | { error: ResendError } {
	if (!isRecord(value)) return { error: validationError('The email must be a JSON object.') }
	if (value.template !== undefined) {
		return { error: validationError('Resend templates are not available in the local mail catcher; send `html` or `text`.') }
	}
	if (!hasText(value.from)) return { error: missingField('from') }
	if (value.to === undefined || value.to === null || (Array.isArray(value.to) && value.to.length === 0) || value.to === '') {
		return { error: missingField('to') }
	}
	if (!hasText(value.subject)) return { error: missingField('subject') }

	const from = typeof value.from === 'string' ? parseAddress(value.from) : null
	if (!from) return { error: validationError(`Invalid \`from\` field. ${ADDRESS_FORMAT}`) }
	const lists: Record<'to' | 'cc' | 'bcc' | 'reply_to', Address[]> = { to: [], cc: [], bcc: [], reply_to: [] }
	for (const field of ['to', 'cc', 'bcc', 'reply_to'] as const) {
		const addresses = addressList(value[field])
		if (!addresses) return { error: validationError(`Invalid \`${field}\` field. ${ADDRESS_FORMAT}`) }
		if (addresses.length > MAX_RECIPIENTS) {
			return { error: validationError(`Invalid \`${field}\` field. It accepts at most ${MAX_RECIPIENTS} addresses.`) }
		}
		lists[field] = addresses
	}
	for (const field of ['html', 'text', 'scheduled_at'] as const) {
		const fieldValue = value[field]
		if (fieldValue !== undefined && fieldValue !== null && typeof fieldValue !== 'string') {
			return { error: validationError(`Invalid \`${field}\` field. It must be a string.`) }
		}
	}
	const headers = readHeaders(value.headers)
	if (!headers) return { error: validationError('Invalid `headers` field. It must map header names to string values.') }
	const tags = readTags(value.tags)
	if (!tags) {
		return {
			error: validationError(
				'Invalid `tags` field. Tag names and values may contain only ASCII letters, numbers, underscores or dashes, up to 256 characters.',
			),
		}
	}
	if (options.batch && value.attachments !== undefined) {
		return { error: validationError('Attachments are not supported in batch emails.') }
	}
	if (options.batch && value.scheduled_at !== undefined && value.scheduled_at !== null) {
		return { error: validationError('`scheduled_at` is not supported in batch emails.') }
	}
	const attachments = readAttachments(value.attachments)
	if ('error' in attachments) return attachments

	return {
		email: {
			from,
			to: lists.to,
			cc: lists.cc,
			bcc: lists.bcc,
			replyTo: lists.reply_to,
			subject: String(value.subject),
			html: typeof value.html === 'string' ? value.html : null,
			text: typeof value.text === 'string' ? value.text : null,
			headers,
			tags,
			attachments: attachments.list,
			scheduledAt: typeof value.scheduled_at === 'string' ? value.scheduled_at : null,
		},
	}
}

function hasText(value: unknown) {
	return typeof value === 'string' && value.trim() !== ''
}

function addressList(value: unknown): Address[] | null {
	if (value === undefined || value === null) return []
	const items = Array.isArray(value) ? value : [value]
	const addresses: Address[] = []
	for (const item of items) {
		const address = typeof item === 'string' ? parseAddress(item) : null
		if (!address) return null
		addresses.push(address)
	}
	return addresses
}

function readHeaders(value: unknown): Record<string, string> | null {
	if (value === undefined || value === null) return {}
	if (!isRecord(value)) return null
	const headers: Record<string, string> = {}
	for (const [name, headerValue] of Object.entries(value)) {
		if (!/^[!-9;-~]+$/.test(name) || typeof headerValue !== 'string' || /[\r\n]/.test(headerValue)) return null
		headers[name] = headerValue
	}
	return headers
}

function readTags(value: unknown): Tag[] | null {
	if (value === undefined || value === null) return []
	if (!Array.isArray(value)) return null
	const tags: Tag[] = []
	for (const tag of value) {
		if (!isRecord(tag) || typeof tag.name !== 'string' || typeof tag.value !== 'string') return null
		if (!TAG_PART.test(tag.name) || !TAG_PART.test(tag.value)) return null
		tags.push({ name: tag.name, value: tag.value })
	}
	return tags
}

function readAttachments(value: unknown): { list: AttachmentInfo[] } | { error: ResendError } {
	if (value === undefined || value === null) return { list: [] }
	const invalid = { error: { statusCode: 422, name: 'invalid_attachment', message: 'Attachment must have either a `content` or `path`.' } }
	if (!Array.isArray(value)) return invalid
	const list: AttachmentInfo[] = []
	for (const attachment of value) {
		if (!isRecord(attachment)) return invalid
		const { content, path, filename, content_type: contentType } = attachment
		if (typeof content !== 'string' && typeof path !== 'string') return invalid
		const name = typeof filename === 'string' ? filename : typeof path === 'string' ? (path.split('/').pop() ?? '') : ''
		list.push({
			filename: name || 'attachment',
			contentType: typeof contentType === 'string' ? contentType : 'application/octet-stream',
			// Content arrives base64-encoded; a path is fetched by Resend, not here.
			size: typeof content === 'string' ? Math.floor((content.replace(/=+$/, '').length * 3) / 4) : 0,
			content: typeof content === 'string' ? content : null,
		})
	}
	return { list }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
}
