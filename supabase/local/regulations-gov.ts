import { randomBytes, randomUUID } from 'node:crypto'
import { Hono, type Context } from 'hono'

// A stand-in for the posting half of the Regulations.gov API v4, so comment
// drives on federal dockets can be run and tested with no key and no
// internet. It checks what the real service checks for the fields the app
// sends (docs/decisions/056, /work/shared reference "Public comments"):
// X-Api-Key, the JSON:API envelope, commentOnDocumentId, a comment of at
// most 5,000 characters with no emoji, submissionType API, submitterType and
// the names it needs, the length of each field, numItemsReceived, and
// attachments through /v4/submission-keys and /v4/file-upload-urls; and it
// answers 429 past 50 posts a minute or 500 an hour for one key. The clock is
// injectable so the limits can be tested without waiting.

export type FakeComment = { trackingNumber: string; receivedAt: Date; apiKey: string; attributes: Record<string, unknown> }

export type RegulationsGovFake = {
	app: Hono
	comments: FakeComment[]
	/** Every accepted or refused POST /v4/comments, by time, for checking the limits from outside. */
	postTimes: Date[]
	/** Makes the next `count` posts fail with this status (a provider outage). */
	failNext: (count: number, status?: number) => void
}

const EMOJI = /\p{Extended_Pictographic}/u
const LIMITS: Record<string, number> = {
	firstName: 25,
	lastName: 25,
	city: 50,
	stateProvinceRegion: 50,
	country: 50,
	zip: 10,
	organization: 120,
	email: 100,
	phone: 50,
}

type Problem = { status: string; title: string; detail: string }

export function createRegulationsGovFake(options: { now?: () => Date; apiKeys?: string[] } = {}): RegulationsGovFake {
	const now = options.now ?? (() => new Date())
	const comments: FakeComment[] = []
	const postTimes: Date[] = []
	const submissionKeys = new Map<string, { files: Map<string, { contentType: string; uploaded: boolean }> }>()
	const uploads = new Map<string, { submissionKey: string; fileName: string }>()
	let failures: { count: number; status: number } = { count: 0, status: 503 }
	const app = new Hono()

	function refuse(c: Context, status: 400 | 403 | 404 | 429 | 500 | 503, problems: Problem[]) {
		return c.json({ errors: problems }, status)
	}

	function apiKeyOf(c: Context) {
		const key = c.req.header('X-Api-Key') ?? ''
		if (!key || (options.apiKeys && !options.apiKeys.includes(key))) return null
		return key
	}

	app.use('/v4/*', async (c, next) => {
		if (!apiKeyOf(c)) {
			return c.json({ error: { code: 'API_KEY_MISSING', message: 'No api_key was supplied. Get one at https://api.data.gov/signup' } }, 403)
		}
		await next()
	})

	async function envelope(c: Context, type: string) {
		if (!(c.req.header('Content-Type') ?? '').startsWith('application/vnd.api+json')) return null
		const body: unknown = await c.req.json().catch(() => null)
		if (!body || typeof body !== 'object' || !('data' in body)) return null
		const data = body.data
		if (!data || typeof data !== 'object' || !('type' in data) || data.type !== type) return null
		const attributes = 'attributes' in data && data.attributes && typeof data.attributes === 'object' ? data.attributes : {}
		return attributes as Record<string, unknown>
	}

	app.post('/v4/submission-keys', async (c) => {
		const attributes = await envelope(c, 'submission-keys')
		if (!attributes) return refuse(c, 400, [{ status: '400', title: 'Bad request', detail: 'Expected a submission-keys document' }])
		const key = `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`
		submissionKeys.set(key, { files: new Map() })
		return c.json({ data: { id: key, type: 'submission-keys' } }, 201)
	})

	app.post('/v4/file-upload-urls', async (c) => {
		const attributes = await envelope(c, 'file-upload-urls')
		const submissionKey = typeof attributes?.submissionKey === 'string' ? attributes.submissionKey : ''
		const fileName = typeof attributes?.fileName === 'string' ? attributes.fileName : ''
		const contentType = typeof attributes?.contentType === 'string' ? attributes.contentType : ''
		const entry = submissionKeys.get(submissionKey)
		if (!entry || !fileName || fileName.length > 255 || !contentType) {
			return refuse(c, 400, [
				{ status: '400', title: 'Bad request', detail: 'fileName, contentType and a valid submissionKey are required' },
			])
		}
		const id = randomUUID()
		uploads.set(id, { submissionKey, fileName })
		entry.files.set(fileName, { contentType, uploaded: false })
		const presignedUrl = new URL(`../upload/${id}`, new URL(c.req.url)).toString()
		return c.json({ data: { type: 'file-upload-urls', attributes: { fileName, presignedUrl } } }, 201)
	})

	// The presigned URL the file is PUT to.
	app.put('/upload/:id', async (c) => {
		const upload = uploads.get(c.req.param('id'))
		if (!upload) return c.text('NoSuchUpload', 404)
		const bytes = await c.req.arrayBuffer()
		if (bytes.byteLength === 0) return c.text('EmptyBody', 400)
		const file = submissionKeys.get(upload.submissionKey)?.files.get(upload.fileName)
		if (file) file.uploaded = true
		return c.body(null, 200)
	})

	app.post('/v4/comments', async (c) => {
		const apiKey = apiKeyOf(c) ?? ''
		const at = now()
		const minuteAgo = at.getTime() - 60_000
		const hourAgo = at.getTime() - 3_600_000
		const mine = postTimes.filter((time) => time.getTime() > hourAgo)
		if (mine.filter((time) => time.getTime() > minuteAgo).length >= 50 || mine.length >= 500) {
			postTimes.push(at)
			return c.json({ error: { code: 'OVER_RATE_LIMIT', message: 'You have exceeded your rate limit. Try again later.' } }, 429)
		}
		postTimes.push(at)
		if (failures.count > 0) {
			failures = { ...failures, count: failures.count - 1 }
			return refuse(c, failures.status === 500 ? 500 : 503, [
				{ status: String(failures.status), title: 'Unavailable', detail: 'Try again later' },
			])
		}
		const attributes = await envelope(c, 'comments')
		if (!attributes)
			return refuse(c, 400, [{ status: '400', title: 'Bad request', detail: 'Expected a comments document (application/vnd.api+json)' }])
		const problems = checkComment(attributes, submissionKeys)
		if (problems.length > 0) return refuse(c, 400, problems)
		const trackingNumber =
			`${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}-${randomBytes(2).toString('hex')}`.toLowerCase()
		comments.push({ trackingNumber, receivedAt: at, apiKey, attributes })
		return c.json(
			{
				data: {
					id: trackingNumber,
					type: 'comments',
					attributes: { trackingNumber, commentOnDocumentId: attributes.commentOnDocumentId, receiveDate: at.toISOString() },
				},
			},
			201,
		)
	})

	// For tests and the local stack's own pages: what was received.
	app.get('/_fake/comments', (c) =>
		c.json(comments.map((comment) => ({ trackingNumber: comment.trackingNumber, receivedAt: comment.receivedAt, ...comment.attributes }))),
	)

	return {
		app,
		comments,
		postTimes,
		failNext(count, status = 503) {
			failures = { count, status }
		},
	}
}

function checkComment(attributes: Record<string, unknown>, submissionKeys: Map<string, { files: Map<string, { uploaded: boolean }> }>) {
	const problems: Problem[] = []
	const problem = (field: string, detail: string) => problems.push({ status: '400', title: `Invalid ${field}`, detail })
	const documentId = attributes.commentOnDocumentId
	if (typeof documentId !== 'string' || !/^[A-Za-z0-9]+(-[A-Za-z0-9]+)+$/.test(documentId)) {
		problem('commentOnDocumentId', 'commentOnDocumentId is required and must be a document id')
	}
	const comment = attributes.comment
	if (typeof comment !== 'string' || comment.trim() === '') problem('comment', 'comment is required')
	else if ([...comment].length > 5000) problem('comment', 'comment must be at most 5000 characters')
	if (attributes.submissionType !== 'API') problem('submissionType', 'submissionType must be API')
	const submitterType = attributes.submitterType
	if (submitterType !== 'INDIVIDUAL' && submitterType !== 'ORGANIZATION' && submitterType !== 'ANONYMOUS') {
		problem('submitterType', 'submitterType must be INDIVIDUAL, ORGANIZATION or ANONYMOUS')
	}
	if (submitterType === 'INDIVIDUAL') {
		for (const field of ['firstName', 'lastName']) {
			if (typeof attributes[field] !== 'string' || String(attributes[field]).trim() === '') problem(field, `${field} is required`)
		}
	}
	if (submitterType === 'ORGANIZATION' && (typeof attributes.organization !== 'string' || attributes.organization.trim() === '')) {
		problem('organization', 'organization is required for an organization')
	}
	for (const [field, max] of Object.entries(LIMITS)) {
		const value = attributes[field]
		if (value === undefined || value === null) continue
		if (typeof value !== 'string') problem(field, `${field} must be text`)
		else if ([...value].length > max) problem(field, `${field} must be at most ${max} characters`)
	}
	for (const field of ['comment', 'firstName', 'lastName', 'organization', 'city']) {
		const value = attributes[field]
		if (typeof value === 'string' && EMOJI.test(value)) problem(field, `${field} may not contain emoji`)
	}
	const items = attributes.numItemsReceived
	if (items !== undefined && (typeof items !== 'number' || !Number.isInteger(items) || items < 1)) {
		problem('numItemsReceived', 'numItemsReceived must be a whole number of at least 1')
	}
	const files = attributes.files
	if (files !== undefined) {
		const key = typeof attributes.submissionKey === 'string' ? submissionKeys.get(attributes.submissionKey) : undefined
		if (!key) problem('submissionKey', 'files need the submissionKey they were uploaded with')
		else if (!Array.isArray(files) || files.some((name) => typeof name !== 'string' || !key.files.get(name)?.uploaded)) {
			problem('files', 'every file must be uploaded to its presigned URL first')
		}
	}
	return problems
}
