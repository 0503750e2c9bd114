import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { serve } from '@hono/node-server'
import { Resend } from 'resend'
import { expect, test } from 'vitest'
import { createMailApp } from '#supabase/local/mail/index'

// The mail catcher driven by the real `resend` SDK, which reads its API
// address from RESEND_BASE_URL when constructed. Each test gets its own
// catcher on an ephemeral port.

type Catcher = { url: string; resend: Resend; close: () => Promise<void> }

type Summary = {
	ID: string
	From: { Name: string; Address: string }
	To: Array<{ Name: string; Address: string }>
	Subject: string
	Created: string
	Snippet: string
	Read: boolean
}

type MessageList = { total: number; count: number; messages_count: number; unread: number; messages: Summary[] }

test('an email sent with the SDK lands in the inbox with its addresses, subject, bodies, headers and tags', async () => {
	const catcher = await startCatcher()
	try {
		const { data, error } = await catcher.resend.emails.send({
			from: 'Riverbend Chapter <organizers@riverbend.test>',
			to: ['ana@example.test', 'Ben Ortiz <ben@example.test>'],
			cc: 'clerk@county.test',
			bcc: ['archive@riverbend.test'],
			replyTo: 'replies@riverbend.test',
			subject: 'Hearing on the Ridgeline data center',
			html: '<p>The hearing is <strong>Tuesday</strong>.</p>',
			text: 'The hearing is Tuesday.',
			headers: { 'X-Entity-Ref-ID': 'hearing-42' },
			tags: [{ name: 'kind', value: 'hearing_notice' }],
		})
		expect(error).toBeNull()
		expect(data?.id).toMatch(/^[0-9a-f-]{36}$/)

		const list = await getJson<MessageList>(catcher, '/api/v1/messages')
		expect(list).toMatchObject({ total: 1, count: 1, messages_count: 1, unread: 1 })
		expect(list.messages[0]).toMatchObject({
			ID: data?.id,
			From: { Name: 'Riverbend Chapter', Address: 'organizers@riverbend.test' },
			To: [
				{ Name: '', Address: 'ana@example.test' },
				{ Name: 'Ben Ortiz', Address: 'ben@example.test' },
			],
			Subject: 'Hearing on the Ridgeline data center',
			Snippet: 'The hearing is Tuesday.',
			Read: false,
		})
		expect(Date.parse(list.messages[0]?.Created ?? '')).not.toBeNaN()

		const message = await getJson<Record<string, unknown>>(catcher, `/api/v1/message/${data?.id}`)
		expect(message).toMatchObject({
			ID: data?.id,
			Cc: [{ Name: '', Address: 'clerk@county.test' }],
			Bcc: [{ Name: '', Address: 'archive@riverbend.test' }],
			ReplyTo: [{ Name: '', Address: 'replies@riverbend.test' }],
			HTML: '<p>The hearing is <strong>Tuesday</strong>.</p>',
			Text: 'The hearing is Tuesday.',
			Tags: ['kind:hearing_notice'],
			Headers: expect.objectContaining({
				From: ['Riverbend Chapter <organizers@riverbend.test>'],
				To: ['ana@example.test, Ben Ortiz <ben@example.test>'],
				Subject: ['Hearing on the Ridgeline data center'],
				'X-Entity-Ref-ID': ['hearing-42'],
			}),
		})
		expect(await getJson<MessageList>(catcher, '/api/v1/messages')).toMatchObject({ unread: 0 })

		const fetched = await catcher.resend.emails.get(data?.id ?? '')
		expect(fetched.data).toMatchObject({ object: 'email', id: data?.id, subject: 'Hearing on the Ridgeline data center' })
	} finally {
		await catcher.close()
	}
})

test('a batch send returns one id per email, and the inbox lists them newest first', async () => {
	const catcher = await startCatcher()
	try {
		const { data, error } = await catcher.resend.batch.send([
			{ from: 'hello@groundwork.test', to: 'first@example.test', subject: 'First', text: 'one' },
			{ from: 'hello@groundwork.test', to: 'second@example.test', subject: 'Second', html: '<p>two</p>' },
		])
		expect(error).toBeNull()
		expect(data?.data).toHaveLength(2)

		const list = await getJson<MessageList>(catcher, '/api/v1/messages')
		expect(list.messages.map((message) => [message.ID, message.Subject])).toEqual([
			[data?.data[1]?.id, 'Second'],
			[data?.data[0]?.id, 'First'],
		])
		expect(list.messages[0]?.Snippet).toBe('two')
	} finally {
		await catcher.close()
	}
})

test('the same idempotency key twice stores one message and returns the same id', async () => {
	const catcher = await startCatcher()
	try {
		const email = { from: 'hello@groundwork.test', to: 'ana@example.test', subject: 'Confirm your signature', text: 'Confirm' }
		const first = await catcher.resend.emails.send(email, { idempotencyKey: 'signature-confirm/123' })
		const second = await catcher.resend.emails.send(email, { idempotencyKey: 'signature-confirm/123' })
		expect(first.error).toBeNull()
		expect(second.data?.id).toBe(first.data?.id)
		expect((await getJson<MessageList>(catcher, '/api/v1/messages')).total).toBe(1)

		const changed = await catcher.resend.emails.send({ ...email, subject: 'Something else' }, { idempotencyKey: 'signature-confirm/123' })
		expect(changed.error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' })

		const batch = [
			{ from: 'hello@groundwork.test', to: 'a@example.test', subject: 'A', text: 'a' },
			{ from: 'hello@groundwork.test', to: 'b@example.test', subject: 'B', text: 'b' },
		]
		const firstBatch = await catcher.resend.batch.send(batch, { idempotencyKey: 'digest/2026-11-26' })
		const secondBatch = await catcher.resend.batch.send(batch, { idempotencyKey: 'digest/2026-11-26' })
		expect(secondBatch.data).toEqual(firstBatch.data)
		expect((await getJson<MessageList>(catcher, '/api/v1/messages')).total).toBe(3)
	} finally {
		await catcher.close()
	}
})

test('an email without from, to or subject, or with a malformed address, is refused as Resend refuses it', async () => {
	const catcher = await startCatcher()
	try {
		const valid = { from: 'hello@groundwork.test', to: 'ana@example.test', subject: 'Hello', text: 'Hi' }
		const send = (email: Record<string, unknown>) => fetchJson(catcher, '/emails', email)

		expect(await send({ ...valid, from: undefined })).toEqual({
			status: 422,
			body: { statusCode: 422, name: 'missing_required_field', message: 'Missing `from` field.' },
		})
		expect((await send({ ...valid, to: [] })).body).toMatchObject({ name: 'missing_required_field', message: 'Missing `to` field.' })
		expect((await send({ ...valid, subject: '' })).body).toMatchObject({ message: 'Missing `subject` field.' })

		const badFrom = await catcher.resend.emails.send({ ...valid, from: 'Groundwork <not-an-address>' })
		expect(badFrom.error).toMatchObject({ statusCode: 422, name: 'validation_error' })
		expect(badFrom.error?.message).toContain('Invalid `from` field.')
		const badTo = await catcher.resend.emails.send({ ...valid, to: ['ana@example.test', 'nobody'] })
		expect(badTo.error).toMatchObject({ statusCode: 422, name: 'validation_error' })
		const badTag = await catcher.resend.emails.send({ ...valid, tags: [{ name: 'has space', value: 'x' }] })
		expect(badTag.error).toMatchObject({ name: 'validation_error' })

		const strict = await catcher.resend.batch.send([valid, { ...valid, to: 'nobody' }])
		expect(strict.error).toMatchObject({ statusCode: 422, name: 'validation_error' })
		expect((await getJson<MessageList>(catcher, '/api/v1/messages')).total).toBe(0)

		const permissive = await catcher.resend.batch.send([valid, { ...valid, to: 'nobody' }], { batchValidation: 'permissive' })
		expect(permissive.data?.data).toHaveLength(1)
		expect(permissive.data?.errors).toEqual([{ index: 1, message: expect.stringContaining('Invalid `to` field.') }])
		expect((await getJson<MessageList>(catcher, '/api/v1/messages')).total).toBe(1)

		const noKey = await fetch(`${catcher.url}/emails`, { method: 'POST', body: JSON.stringify(valid) })
		expect(noKey.status).toBe(401)
		expect(await noKey.json()).toMatchObject({ name: 'missing_api_key' })
	} finally {
		await catcher.close()
	}
})

test('armed faults fail the next sends with 500 or 429, then sending recovers', async () => {
	const catcher = await startCatcher()
	try {
		const email = { from: 'hello@groundwork.test', to: 'ana@example.test', subject: 'Retry me', text: 'x' }

		expect(await fetchJson(catcher, '/api/v1/faults', { status: 500, count: 2 })).toEqual({
			status: 200,
			body: { status: 500, remaining: 2 },
		})
		for (let attempt = 0; attempt < 2; attempt++) {
			const failed = await catcher.resend.emails.send(email)
			expect(failed.error).toMatchObject({ statusCode: 500, name: 'internal_server_error' })
		}
		expect((await catcher.resend.emails.send(email)).error).toBeNull()

		await fetchJson(catcher, '/api/v1/faults', { status: 429, count: 1 })
		const limited = await catcher.resend.batch.send([email])
		expect(limited.error).toMatchObject({ statusCode: 429, name: 'rate_limit_exceeded' })
		expect(limited.headers?.['retry-after']).toBe('1')
		expect((await catcher.resend.batch.send([email])).error).toBeNull()

		expect((await getJson<MessageList>(catcher, '/api/v1/messages')).total).toBe(2)
	} finally {
		await catcher.close()
	}
})

test('a fault armed for one address fails only the sends to it, in a single send or a batch', async () => {
	const catcher = await startCatcher()
	try {
		const to = (address: string) => ({ from: 'hello@groundwork.test', to: address, subject: 'Targeted', text: 'x' })
		const armed = await fetchJson(catcher, '/api/v1/faults', { status: 500, count: 2, to: 'Clerk@County.example' })
		expect(armed).toEqual({ status: 200, body: { status: 500, remaining: 2 } })
		expect(await fetchJson(catcher, '/api/v1/faults', { status: 500, to: 'not an address' })).toMatchObject({ status: 400 })

		// Someone else's mail goes through, and the fault is still there.
		expect((await catcher.resend.emails.send(to('ana@example.test'))).error).toBeNull()
		expect(await getJson(catcher, '/api/v1/faults')).toEqual({ status: null, remaining: 0 })
		expect(await getJson(catcher, '/api/v1/faults?to=clerk@county.example')).toEqual({ status: 500, remaining: 2 })

		// A send naming the address ("Name <address>", any case) fails; so does a batch holding it.
		const failed = await catcher.resend.emails.send(to('Clerk to the Board <clerk@county.example>'))
		expect(failed.error).toMatchObject({ statusCode: 500 })
		const batch = await catcher.resend.batch.send([to('ben@example.test'), to('clerk@county.example')])
		expect(batch.error).toMatchObject({ statusCode: 500 })
		expect((await catcher.resend.emails.send(to('clerk@county.example'))).error).toBeNull()

		// Cleared for one address, or all.
		await fetchJson(catcher, '/api/v1/faults', { status: 429, count: 5, to: 'dee@example.test' })
		await fetch(`${catcher.url}/api/v1/faults?to=dee@example.test`, { method: 'DELETE' })
		expect((await catcher.resend.emails.send(to('dee@example.test'))).error).toBeNull()
		expect((await getJson<MessageList>(catcher, '/api/v1/messages')).total).toBe(3)
	} finally {
		await catcher.close()
	}
})

test('the Mailpit API lists with a limit, finds by search, shows headers and deletes', async () => {
	const catcher = await startCatcher()
	try {
		for (const subject of ['One', 'Two', 'Three']) {
			await catcher.resend.emails.send({
				from: 'hello@groundwork.test',
				to: `${subject.toLowerCase()}@example.test`,
				subject,
				text: subject,
			})
		}
		const limited = await getJson<MessageList>(catcher, '/api/v1/messages?limit=2')
		expect(limited).toMatchObject({ total: 3, count: 2, messages_count: 3 })
		expect(limited.messages.map((message) => message.Subject)).toEqual(['Three', 'Two'])

		const found = await getJson<MessageList>(catcher, `/api/v1/search?query=${encodeURIComponent('to:two@example.test')}`)
		expect(found.messages.map((message) => message.Subject)).toEqual(['Two'])
		expect(found).toMatchObject({ total: 3, messages_count: 1 })

		const id = limited.messages[0]?.ID ?? ''
		const headers = await getJson<Record<string, string[]>>(catcher, `/api/v1/message/${id}/headers`)
		expect(headers).toMatchObject({ Subject: ['Three'], To: ['three@example.test'] })
		expect((await fetch(`${catcher.url}/api/v1/message/no-such-id`)).status).toBe(404)

		const one = await fetch(`${catcher.url}/api/v1/messages`, { method: 'DELETE', body: JSON.stringify({ IDs: [id] }) })
		expect(one.status).toBe(200)
		expect((await getJson<MessageList>(catcher, '/api/v1/messages')).messages.map((message) => message.Subject)).toEqual(['Two', 'One'])
		await fetch(`${catcher.url}/api/v1/messages`, { method: 'DELETE' })
		expect((await getJson<MessageList>(catcher, '/api/v1/messages')).total).toBe(0)
	} finally {
		await catcher.close()
	}
})

test('with a data directory, messages and idempotency keys survive a restart', async () => {
	const dataDir = await mkdtemp(path.join(tmpdir(), 'groundwork-mail-'))
	try {
		const email = { from: 'hello@groundwork.test', to: 'ana@example.test', subject: 'Kept', text: 'Kept' }
		const before = await startCatcher({ dataDir })
		const sent = await before.resend.emails.send(email, { idempotencyKey: 'kept-1' })
		await before.close()
		const saved = JSON.parse(await readFile(path.join(dataDir, 'mail', 'messages.json'), 'utf8'))
		expect(saved.messages).toHaveLength(1)

		const after = await startCatcher({ dataDir })
		try {
			const list = await getJson<MessageList>(after, '/api/v1/messages')
			expect(list.messages.map((message) => message.ID)).toEqual([sent.data?.id])
			const replay = await after.resend.emails.send(email, { idempotencyKey: 'kept-1' })
			expect(replay.data?.id).toBe(sent.data?.id)
			expect((await getJson<MessageList>(after, '/api/v1/messages')).total).toBe(1)
		} finally {
			await after.close()
		}
	} finally {
		await rm(dataDir, { recursive: true, force: true })
	}
})

test('the web inbox escapes what it shows, sandboxes HTML and makes links clickable', async () => {
	const catcher = await startCatcher()
	try {
		const { data } = await catcher.resend.emails.send({
			from: 'Mallory <mallory@evil.test>',
			to: 'ana@example.test',
			subject: '<script>alert("subject")</script>',
			html: '<p onclick="steal()">Click <a href="https://example.test/confirm">here</a></p><script>steal()</script>',
			text: 'Confirm at https://example.test/confirm?token=a&b=<c>. Thanks',
		})
		const inbox = await fetch(`${catcher.url}/`)
		expect(inbox.headers.get('content-type')).toContain('text/html')
		const list = await inbox.text()
		expect(list).toContain('&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;')
		expect(list).not.toContain('<script>')
		expect(list).toContain('<meta name="viewport"')
		expect(list).toContain(`href="/message/${data?.id}"`)

		const page = await fetch(`${catcher.url}/message/${data?.id}`)
		expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
		const html = await page.text()
		expect(html).not.toContain('<script>')
		expect(html).not.toContain('<p onclick')
		expect(html).toMatch(/<iframe [^>]*sandbox="allow-popups allow-popups-to-escape-sandbox"/)
		expect(html).not.toContain('allow-scripts')
		expect(html).toContain('srcdoc="&lt;base target=&quot;_blank&quot;&gt;&lt;p onclick=&quot;steal()&quot;&gt;')
		expect(html).toContain(
			'<a href="https://example.test/confirm?token=a&amp;b=" target="_blank" rel="noopener noreferrer">https://example.test/confirm?token=a&amp;b=</a>&lt;c&gt;. Thanks',
		)
	} finally {
		await catcher.close()
	}
})

test('deleting all mail from the inbox page works only from the inbox itself', async () => {
	const catcher = await startCatcher()
	try {
		await catcher.resend.emails.send({ from: 'hello@groundwork.test', to: 'ana@example.test', subject: 'Keep me', text: 'x' })
		const crossSite = await fetch(`${catcher.url}/messages/delete`, {
			method: 'POST',
			headers: { origin: 'https://evil.test' },
			redirect: 'manual',
		})
		expect(crossSite.status).toBe(403)
		expect((await getJson<MessageList>(catcher, '/api/v1/messages')).total).toBe(1)

		const sameSite = await fetch(`${catcher.url}/messages/delete`, {
			method: 'POST',
			headers: { origin: catcher.url },
			redirect: 'manual',
		})
		expect(sameSite.status).toBe(303)
		expect(sameSite.headers.get('location')).toBe('/')
		expect((await getJson<MessageList>(catcher, '/api/v1/messages')).total).toBe(0)
	} finally {
		await catcher.close()
	}
})

// ---------------------------------------------------------------- helpers

async function startCatcher(options: { dataDir?: string } = {}): Promise<Catcher> {
	const app = createMailApp(options)
	const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
	await new Promise<void>((resolve) => server.once('listening', () => resolve()))
	const address = server.address()
	if (typeof address !== 'object' || address === null) throw new Error('server has no address')
	const url = `http://127.0.0.1:${address.port}`
	process.env.RESEND_BASE_URL = url
	return {
		url,
		resend: new Resend('re_local'),
		close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
	}
}

async function getJson<T>(catcher: Catcher, requestPath: string): Promise<T> {
	const response = await fetch(`${catcher.url}${requestPath}`)
	if (!response.ok) throw new Error(`GET ${requestPath}: ${response.status}`)
	return response.json()
}

async function fetchJson(catcher: Catcher, requestPath: string, body: unknown) {
	const response = await fetch(`${catcher.url}${requestPath}`, {
		method: 'POST',
		headers: { authorization: 'Bearer re_local', 'content-type': 'application/json' },
		body: JSON.stringify(body),
	})
	return { status: response.status, body: await response.json() }
}
