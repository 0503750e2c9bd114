import { sql } from 'kysely'
import { asJob } from '#app/jobs/queue.server'
import { env } from '#app/utils/env.server'

// Comments to federal dockets through Regulations.gov's API v4
// (docs/decisions/056). Behind REGULATIONS_GOV_POSTING with the key in
// REGULATIONS_GOV_API_KEY. One drainer posts the queue one comment at a time
// and never more than 50 requests a minute or 500 an hour: every request is
// written down before it is made, and counted before the next. A comment is
// marked "sending" in its own transaction before its request and is never
// picked up again from that state, so a crash mid-request cannot post it
// twice; a refusal the service explains (rate limit, outage) puts it back as
// pending with a later attempt; a comment it rejects is marked failed with
// the reason, and its writer still has the hand-off.

export const PER_MINUTE = 50
export const PER_HOUR = 500

export type RegulationsGovConfig = { baseUrl: string; apiKey: string }

export function regulationsGovConfig(): RegulationsGovConfig | null {
	const config = env()
	if (config.REGULATIONS_GOV_POSTING !== 'on' || !config.REGULATIONS_GOV_API_KEY) return null
	return { baseUrl: config.REGULATIONS_GOV_API_URL.replace(/\/+$/, ''), apiKey: config.REGULATIONS_GOV_API_KEY }
}

/**
 * When the next request may go, given the times of the requests already made:
 * now, or the moment the oldest request in a full window leaves it.
 */
export function nextRequestAt(recent: readonly Date[], now: Date, limits = { perMinute: PER_MINUTE, perHour: PER_HOUR }): Date {
	const at = now.getTime()
	const inHour = recent
		.map((time) => time.getTime())
		.filter((time) => time > at - 3_600_000)
		.sort((a, b) => a - b)
	const inMinute = inHour.filter((time) => time > at - 60_000)
	let next = at
	if (inMinute.length >= limits.perMinute) next = Math.max(next, (inMinute[inMinute.length - limits.perMinute] ?? at) + 60_000)
	if (inHour.length >= limits.perHour) next = Math.max(next, (inHour[inHour.length - limits.perHour] ?? at) + 3_600_000)
	return new Date(next)
}

export type FederalComment = {
	documentId: string
	comment: string
	submitterType: 'INDIVIDUAL' | 'ORGANIZATION' | 'ANONYMOUS'
	firstName?: string
	lastName?: string
	organization?: string
	city?: string
	stateProvinceRegion?: string
	zip?: string
	country?: string
	email?: string
	numItemsReceived?: number
	attachment?: { fileName: string; contentType: string; content: string }
}

export type PostResult = { ok: true; trackingNumber: string } | { ok: false; retry: boolean; error: string; retryAfterSeconds?: number }

type Fetch = (input: string, init?: RequestInit) => Promise<Response>

function cut(value: string | undefined, max: number) {
	if (!value) return undefined
	const characters = [...value.trim()]
	return characters.length > max ? characters.slice(0, max).join('') : characters.join('')
}

async function jsonApi(fetcher: Fetch, config: RegulationsGovConfig, path: string, type: string, attributes: Record<string, unknown>) {
	return fetcher(`${config.baseUrl}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/vnd.api+json', 'X-Api-Key': config.apiKey, Accept: 'application/vnd.api+json' },
		body: JSON.stringify({ data: { type, attributes } }),
	})
}

async function problemOf(response: Response) {
	const body = (await response.json().catch(() => null)) as { errors?: Array<{ detail?: string }>; error?: { message?: string } } | null
	return body?.errors?.map((error) => error.detail).join('; ') || body?.error?.message || `HTTP ${response.status}`
}

/** Makes the requests for one comment (with its attachment, if any). Counts as requests: see `requestsFor`. */
export async function postComment(fetcher: Fetch, config: RegulationsGovConfig, comment: FederalComment): Promise<PostResult> {
	try {
		let submissionKey: string | undefined
		if (comment.attachment) {
			const keyResponse = await jsonApi(fetcher, config, '/v4/submission-keys', 'submission-keys', {})
			if (!keyResponse.ok)
				return { ok: false, retry: keyResponse.status >= 500 || keyResponse.status === 429, error: await problemOf(keyResponse) }
			submissionKey = ((await keyResponse.json()) as { data: { id: string } }).data.id
			const urlResponse = await jsonApi(fetcher, config, '/v4/file-upload-urls', 'file-upload-urls', {
				fileName: comment.attachment.fileName,
				submissionKey,
				contentType: comment.attachment.contentType,
			})
			if (!urlResponse.ok)
				return { ok: false, retry: urlResponse.status >= 500 || urlResponse.status === 429, error: await problemOf(urlResponse) }
			const presignedUrl = ((await urlResponse.json()) as { data: { attributes: { presignedUrl: string } } }).data.attributes.presignedUrl
			const upload = await fetcher(presignedUrl, {
				method: 'PUT',
				headers: { 'Content-Type': comment.attachment.contentType },
				body: comment.attachment.content,
			})
			if (!upload.ok) return { ok: false, retry: true, error: `upload failed: HTTP ${upload.status}` }
		}
		const attributes: Record<string, unknown> = {
			commentOnDocumentId: comment.documentId,
			comment: comment.comment,
			submissionType: 'API',
			submitterType: comment.submitterType,
			firstName: comment.submitterType === 'INDIVIDUAL' ? cut(comment.firstName, 25) : undefined,
			lastName: comment.submitterType === 'INDIVIDUAL' ? cut(comment.lastName, 25) : undefined,
			organization: comment.submitterType === 'ORGANIZATION' ? cut(comment.organization, 120) : undefined,
			city: cut(comment.city, 50),
			stateProvinceRegion: cut(comment.stateProvinceRegion, 50),
			zip: cut(comment.zip, 10),
			country: cut(comment.country, 50),
			email: comment.email && comment.email.length <= 100 ? comment.email : undefined,
			sendEmailReceipt: false,
			numItemsReceived: comment.numItemsReceived,
			submissionKey,
			files: comment.attachment ? [comment.attachment.fileName] : undefined,
		}
		const response = await jsonApi(fetcher, config, '/v4/comments', 'comments', attributes)
		if (response.ok) {
			const body = (await response.json()) as { data?: { id?: string; attributes?: { trackingNumber?: string } } }
			const trackingNumber = body.data?.attributes?.trackingNumber ?? body.data?.id
			if (!trackingNumber) return { ok: false, retry: false, error: 'accepted without a tracking number' }
			return { ok: true, trackingNumber }
		}
		const retryAfter = Number(response.headers.get('Retry-After'))
		return {
			ok: false,
			retry: response.status === 429 || response.status >= 500,
			error: await problemOf(response),
			retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
		}
	} catch (error) {
		return { ok: false, retry: true, error: error instanceof Error ? error.message : String(error) }
	}
}

/** How many rate-limited requests a comment costs: the post, plus two more for an attachment's key and upload address. */
export function requestsFor(comment: Pick<FederalComment, 'attachment'>) {
	return comment.attachment ? 3 : 1
}

type Due = { deliveryId: string; comment: FederalComment }

/** The next comment waiting to go, marked as sending in the same transaction, with the requests it will make written down. */
async function claimNext(now: Date): Promise<Due | { waitUntil: Date } | null> {
	return asJob(async (trx) => {
		// One drainer at a time: two workers would each count the other's requests too late.
		// Only requests up to now count: a clock set elsewhere (a test's) must not hold back today's posts.
		await sql`select pg_advisory_xact_lock(hashtext('groundwork:regulations-gov'))`.execute(trx)
		const { rows: recent } = await sql<{ at: Date }>`
			select at from private.regulations_gov_requests
			where at > ${now}::timestamptz - interval '1 hour' and at <= ${now}::timestamptz`.execute(trx)
		const { rows } = await sql<{
			delivery_id: string
			kind: 'regulations_gov' | 'sign_on_letter'
			document_id: string
			body: string | null
			template: string
			name: string | null
			family_name: string | null
			email: string | null
			organization: string | null
			submitter: 'individual' | 'organization' | 'anonymous' | null
			place_label: string | null
			postal_code: string | null
			drive_id: string
			title: string
		}>`
			select x.id as delivery_id, x.kind, d.regulations_gov_document_id as document_id, c.body, d.template, c.name,
				c.family_name, c.email, c.organization, c.submitter, c.place_label, c.postal_code, d.id as drive_id, d.title
			from public.comment_deliveries x
			join public.comment_drives d on d.id = x.drive_id
			left join public.comments c on c.id = x.comment_id
			where x.status = 'pending' and x.next_attempt_at <= ${now}::timestamptz
				and d.channel = 'regulations_gov' and d.regulations_gov_document_id is not null
				and (x.kind = 'sign_on_letter' or (x.kind = 'regulations_gov' and c.status = 'confirmed'))
			order by x.next_attempt_at, x.created_at
			limit 1
			for update of x skip locked`.execute(trx)
		const row = rows[0]
		if (!row) {
			// Nothing due now: when the earliest waiting one falls due, if any does.
			const { rows: waiting } = await sql<{ next: Date | null }>`
				select min(x.next_attempt_at) as next from public.comment_deliveries x
				join public.comment_drives d on d.id = x.drive_id
				left join public.comments c on c.id = x.comment_id
				where x.status = 'pending' and x.next_attempt_at > ${now}::timestamptz
					and d.channel = 'regulations_gov' and d.regulations_gov_document_id is not null
					and (x.kind = 'sign_on_letter' or (x.kind = 'regulations_gov' and c.status = 'confirmed'))`.execute(trx)
			const next = waiting[0]?.next
			return next ? { waitUntil: new Date(next) } : null
		}
		const comment =
			row.kind === 'sign_on_letter' ? await signOnLetter(trx, row.drive_id, row.document_id, row.template, row.title) : individual(row)
		const cost = requestsFor(comment)
		const times = recent.map((request) => new Date(request.at))
		// Every request this comment makes must fit in both windows.
		let at = now
		for (let i = 0; i < cost; i++) {
			at = nextRequestAt(times, at)
			if (at.getTime() > now.getTime()) return { waitUntil: at }
			times.push(now)
		}
		await sql`
			insert into private.regulations_gov_requests (delivery_id, at)
			select ${row.delivery_id}::uuid, ${now}::timestamptz from generate_series(1, ${cost}::integer)`.execute(trx)
		await trx
			.updateTable('comment_deliveries')
			.set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1) }))
			.where('id', '=', row.delivery_id)
			.execute()
		return { deliveryId: row.delivery_id, comment }
	})
}

function individual(row: {
	document_id: string
	body: string | null
	name: string | null
	family_name: string | null
	email: string | null
	organization: string | null
	submitter: 'individual' | 'organization' | 'anonymous' | null
	place_label: string | null
	postal_code: string | null
}): FederalComment {
	const submitterType = row.submitter === 'anonymous' ? 'ANONYMOUS' : row.submitter === 'organization' ? 'ORGANIZATION' : 'INDIVIDUAL'
	const [city, state] = (row.place_label ?? '').split(', ')
	return {
		documentId: row.document_id,
		comment: row.body ?? '',
		submitterType,
		firstName: row.name ?? undefined,
		lastName: row.family_name ?? undefined,
		organization: row.organization ?? undefined,
		city: submitterType === 'ANONYMOUS' ? undefined : city || undefined,
		stateProvinceRegion: submitterType === 'ANONYMOUS' ? undefined : state || undefined,
		zip: submitterType === 'ANONYMOUS' ? undefined : (row.postal_code ?? undefined),
		country: submitterType === 'ANONYMOUS' || !row.postal_code ? undefined : 'United States',
		email: submitterType === 'ANONYMOUS' ? undefined : (row.email ?? undefined),
	}
}

/** A sign-on letter: the letter once, numItemsReceived the number of signers, the signer list attached. */
async function signOnLetter(
	trx: Parameters<Parameters<typeof asJob>[0]>[0],
	driveId: string,
	documentId: string,
	template: string,
	title: string,
): Promise<FederalComment> {
	const signers = await trx
		.selectFrom('comments')
		.select(['name', 'family_name', 'place_label', 'organization'])
		.where('drive_id', '=', driveId)
		.where('status', '=', 'confirmed')
		.orderBy('created_at')
		.execute()
	const lines = signers.map((signer) =>
		[[signer.name, signer.family_name].filter(Boolean).join(' '), signer.organization, signer.place_label].filter(Boolean).join(', '),
	)
	return {
		documentId,
		comment: [...template].slice(0, 5000).join(''),
		submitterType: 'ORGANIZATION',
		organization: title,
		numItemsReceived: Math.max(1, signers.length),
		attachment: { fileName: 'signers.txt', contentType: 'text/plain', content: `${title}\n\n${lines.join('\n')}\n` },
	}
}

async function recordResult(deliveryId: string, result: PostResult, now: Date) {
	await asJob(async (trx) => {
		if (result.ok) {
			await trx
				.updateTable('comment_deliveries')
				.set({ status: 'delivered', receipt: result.trackingNumber, delivered_at: now, last_error: null })
				.where('id', '=', deliveryId)
				.execute()
			const letter = await trx.selectFrom('comment_deliveries').select(['kind', 'drive_id']).where('id', '=', deliveryId).executeTakeFirst()
			if (letter?.kind === 'sign_on_letter') {
				await trx.updateTable('comment_drives').set({ letter_delivered_at: now }).where('id', '=', letter.drive_id).execute()
			}
			return
		}
		const row = await trx.selectFrom('comment_deliveries').select('attempts').where('id', '=', deliveryId).executeTakeFirst()
		const attempts = row?.attempts ?? 1
		// Backoff: a minute, doubling, at most six hours; or what the service asked for.
		const delay = result.retryAfterSeconds ? result.retryAfterSeconds * 1000 : Math.min(60_000 * 2 ** (attempts - 1), 6 * 3_600_000)
		await trx
			.updateTable('comment_deliveries')
			.set({
				status: result.retry ? 'pending' : 'failed',
				next_attempt_at: new Date(now.getTime() + delay),
				last_error: result.error.slice(0, 2000),
			})
			.where('id', '=', deliveryId)
			.execute()
	})
}

/** What one drain did, and when to drain again (a limit's window, or the next retry), if anything waits. */
export type DrainResult = { posted: number; failed: number; deferred: number; waitUntil: Date | null }

/**
 * Posts what is due, one comment at a time, until the queue is empty or a
 * limit is reached (then `waitUntil` says when to come back). The clock and
 * the network are the caller's, so a test can run an hour of posting in a
 * moment against the local fake.
 */
export async function drainFederalQueue(
	options: { now?: () => Date; fetch?: Fetch; config?: RegulationsGovConfig | null; max?: number } = {},
): Promise<DrainResult> {
	const config = options.config === undefined ? regulationsGovConfig() : options.config
	const result: DrainResult = { posted: 0, failed: 0, deferred: 0, waitUntil: null }
	if (!config) return result
	const now = options.now ?? (() => new Date())
	const fetcher = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init))
	for (let i = 0; i < (options.max ?? 1000); i++) {
		const due = await claimNext(now())
		if (!due) break
		if ('waitUntil' in due) {
			result.waitUntil = due.waitUntil
			break
		}
		const posted = await postComment(fetcher, config, due.comment)
		await recordResult(due.deliveryId, posted, now())
		if (posted.ok) result.posted++
		else if (posted.retry) result.deferred++
		else result.failed++
	}
	return result
}
