import { randomBytes, randomUUID } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { expect, test, vi } from 'vitest'
import { pool } from '#app/db/db.server'
import { action } from '#app/routes/hooks.resend'
import { newAccount } from '#tests/helpers/accounts'
import { startChapter } from '#tests/helpers/factories'

// Resend's delivery events (docs/decisions/070), through the route: Svix-signed
// events move an objection filing's delivery status forward and keep the
// bounce's reason; a forged, unsigned or stale event is refused and changes
// nothing; a filing recorded by hand is never touched.

const secret = vi.hoisted(() => {
	const value = `whsec_${Buffer.from('groundwork-test-resend-webhook-secret').toString('base64')}`
	process.env.RESEND_WEBHOOK_SECRET = value
	return value
})

const site = process.env.SITE_URL ?? 'http://localhost:3000'

function event(type: string, filingId: string, emailId: string, extra: Record<string, unknown> = {}) {
	return {
		type,
		created_at: new Date().toISOString(),
		data: {
			email_id: emailId,
			created_at: new Date().toISOString(),
			from: 'Groundwork <hello@groundwork.local>',
			to: ['clerk@county.example'],
			subject: 'Objection: rezoning',
			tags: { objection_filing: filingId },
			...extra,
		},
	}
}

function hook(payload: unknown, options: { key?: string; timestamp?: Date; tamper?: boolean; headers?: boolean } = {}) {
	const body = JSON.stringify(payload)
	const id = `msg_${randomUUID()}`
	const timestamp = options.timestamp ?? new Date()
	const signature = new Webhook(options.key ?? secret).sign(id, timestamp, body)
	const headers: Record<string, string> = { 'Content-Type': 'application/json' }
	if (options.headers !== false) {
		headers['svix-id'] = id
		headers['svix-timestamp'] = String(Math.floor(timestamp.getTime() / 1000))
		headers['svix-signature'] = signature
	}
	return action({
		request: new Request(new URL('/hooks/resend', site), {
			method: 'POST',
			headers,
			body: options.tamper ? body.replace('email.', 'email.x') : body,
		}),
		params: {},
		context: {},
	})
}

async function filedObjection(method: 'email' | 'hand') {
	const organizer = await newAccount('filer')
	const chapter = await startChapter(organizer)
	const db = pool()
	const place = (
		await db.query<{ id: number; state: number }>(`select id, parent_id as state from public.jurisdictions where slug = 'us-va-loudoun'`)
	).rows[0]
	const run = randomUUID().slice(0, 8)
	const project = (
		await db.query<{ id: string }>(
			`insert into public.projects (slug, name, state_id, county_id) values ($1, 'Campus', $2, $3) returning id`,
			[`webhook-campus-${run}`, place?.state, place?.id],
		)
	).rows[0]
	const proceeding = (
		await db.query<{ id: string }>(
			`insert into public.proceedings (slug, project_id, kind, title) values ($1, $2, 'rezoning', 'Rezoning') returning id`,
			[`webhook-rezoning-${run}`, project?.id],
		)
	).rows[0]
	const objection = (
		await db.query<{ id: string }>(
			`insert into public.objections (proceeding_id, chapter_id, author_id, subject) values ($1, $2, $3, 'Objection') returning id`,
			[proceeding?.id, chapter.id, organizer.id],
		)
	).rows[0]
	const emailId = randomUUID()
	const filing = (
		await db.query<{ id: string }>(
			`insert into public.objection_filings (objection_id, method, version, to_address, subject, pdf_path, signer_count, filed_by, provider_message_id, delivery_status)
			values ($1, $2, 1, 'clerk@county.example', 'Objection', $6, 0, $3, $4, $5) returning id`,
			[
				objection?.id,
				method,
				organizer.id,
				method === 'email' ? emailId : null,
				method === 'email' ? 'sent' : 'pending',
				`${objection?.id}/filings/a.pdf`,
			],
		)
	).rows[0]
	return { filingId: filing?.id ?? '', emailId }
}

async function status(filingId: string) {
	return (
		await pool().query<{ delivery_status: string; delivery_detail: string | null; delivered_at: Date | null }>(
			'select delivery_status, delivery_detail, delivered_at from public.objection_filings where id = $1',
			[filingId],
		)
	).rows[0]
}

test('a forged, unsigned, tampered or stale event is refused and changes nothing', async () => {
	const { filingId, emailId } = await filedObjection('email')
	const delivered = event('email.delivered', filingId, emailId)
	const forged = await hook(delivered, { key: `whsec_${randomBytes(24).toString('base64')}` })
	expect(forged.status).toBe(401)
	expect((await hook(delivered, { headers: false })).status).toBe(401)
	expect((await hook(delivered, { tamper: true })).status).toBe(401)
	expect((await hook(delivered, { timestamp: new Date(Date.now() - 60 * 60_000) })).status).toBe(401)
	expect(await status(filingId)).toMatchObject({ delivery_status: 'sent', delivered_at: null })
})

test('signed events move the filing forward: delivered, a late "delayed" ignored, a bounce with its reason', async () => {
	const { filingId, emailId } = await filedObjection('email')
	const delayed = await hook(event('email.delivery_delayed', filingId, emailId))
	expect(delayed.status).toBe(200)
	expect(await delayed.json()).toEqual({ applied: true })
	expect((await status(filingId))?.delivery_status).toBe('delivery_delayed')

	expect(await (await hook(event('email.delivered', filingId, emailId))).json()).toEqual({ applied: true })
	expect(await status(filingId)).toMatchObject({ delivery_status: 'delivered', delivered_at: expect.any(Date) })
	// Resend retries and reorders: a replay or an older "delayed" never moves it back.
	expect(await (await hook(event('email.delivered', filingId, emailId))).json()).toEqual({ applied: false })
	expect(await (await hook(event('email.delivery_delayed', filingId, emailId))).json()).toEqual({ applied: false })
	expect((await status(filingId))?.delivery_status).toBe('delivered')

	const other = await filedObjection('email')
	const bounce = { bounce: { type: 'Permanent', subType: 'General', message: 'The mailbox clerk@county.example does not exist' } }
	expect(await (await hook(event('email.bounced', other.filingId, other.emailId, bounce))).json()).toEqual({ applied: true })
	expect(await status(other.filingId)).toMatchObject({
		delivery_status: 'bounced',
		delivery_detail: 'Permanent: General: The mailbox clerk@county.example does not exist',
	})
})

test('events for other mail, other event types and filings recorded by hand are accepted and change nothing', async () => {
	const { filingId } = await filedObjection('hand')
	expect((await status(filingId))?.delivery_status).toBe('recorded')
	expect(await (await hook(event('email.delivered', filingId, randomUUID()))).json()).toEqual({ applied: false })
	expect((await status(filingId))?.delivery_status).toBe('recorded')
	const untagged = event('email.delivered', filingId, randomUUID())
	untagged.data.tags = {} as never
	expect(await (await hook(untagged)).json()).toEqual({ applied: false })
	const opened = await hook(event('email.opened', filingId, randomUUID()))
	expect(opened.status).toBe(200)
	expect(await opened.json()).toEqual({ applied: false })
	expect((await hook({ type: 'domain.updated', created_at: new Date().toISOString(), data: { id: 'd_1' } })).status).toBe(200)
})
