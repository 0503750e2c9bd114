import { randomUUID } from 'node:crypto'
import { expect, test } from 'vitest'
import type { Caller } from '#app/db/db.server'
import { renderEmail } from '#app/email/email.server'
import { startWorker } from '#app/jobs/worker.server'
import { clearSuspected, invalidateSignatures } from '#app/moderation/moderation.server'
import { RATE_LIMITS } from '#app/petitions/jobs.server'
import { confirmSignature, issueFormToken, MIN_FILL_MS, signAsMember } from '#app/petitions/signatures.server'
import { action as signAction } from '#app/routes/petitions+/$slug._index'
import { loader as signedLoader } from '#app/routes/petitions+/$slug.signed'
import type { SignatureStanding } from '#emails/petition-signature-emails'
import { createUser, makeModerator, type Petition } from '#tests/helpers/factories'
import { emailsTo, type Mail } from '#tests/helpers/mailbox'
import { petitionWithOrganizer, processAll, settledCount, signatureRows, withClient } from '#tests/helpers/petition-flow'

// Signing must not tell anyone what an address has done, and nobody can
// block someone else's signature (issue 8, holes 2 and 3; docs/decisions/032).
// Signatures go in through the petition page's action, as a browser posts them.

function callerOf(user: { id: string }): Caller {
	return { role: 'authenticated', claims: { sub: user.id, role: 'authenticated' } }
}

/** A form token issued long enough ago that a person could have filled the form in. */
function validToken() {
	return issueFormToken(Date.now() - MIN_FILL_MS - 1000)
}

async function post(
	petition: Petition,
	fields: { email: string; name?: string; formToken?: string; postalCode?: string },
	ip = '203.0.113.80',
) {
	const form = new URLSearchParams({
		petitionId: petition.id,
		name: fields.name ?? 'Robin Signer',
		email: fields.email,
		country: 'US',
		postalCode: fields.postalCode ?? '20175',
		comment: '',
		website: '',
		formToken: fields.formToken ?? validToken(),
	})
	const request = new Request(`http://127.0.0.1/petitions/${petition.slug}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: form,
	})
	const response = await signAction({ request, params: { slug: petition.slug }, context: { clientIp: ip } })
	if (!(response instanceof Response)) throw new Error(`the action answered with data: ${JSON.stringify(response)}`)
	return response
}

async function moderator() {
	return withClient(async (client) => {
		const user = await createUser(client)
		await makeModerator(client, user)
		return callerOf(user)
	})
}

/** Emails to `address`, once every email queued for it has been delivered. */
async function settledMail(address: string): Promise<Mail[]> {
	await expect
		.poll(
			async () =>
				withClient(async (client) => {
					const { rows } = await client.query<{ n: number }>(
						`select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
						where t.identifier = 'send_email' and j.payload->>'to' = $1`,
						[address],
					)
					return rows[0]?.n
				}),
			{ timeout: 20_000, interval: 200 },
		)
		.toBe(0)
	return emailsTo(address)
}

function confirmTokenIn(mail: Mail | undefined) {
	return /\/confirm\?token=([0-9a-f-]{36})/.exec(mail?.Text ?? '')?.[1] ?? ''
}

async function withWorker<T>(work: () => Promise<T>) {
	const worker = await startWorker({ concurrency: 2 })
	try {
		return await work()
	} finally {
		await worker.stop()
	}
}

test('every form submission gets the same answer, whatever the address has done before', async () => {
	const { petition } = await petitionWithOrganizer()
	const run = randomUUID().slice(0, 8)
	const addresses = {
		fresh: `fresh-${run}@example.org`,
		pending: `pending-${run}@example.org`,
		confirmed: `confirmed-${run}@example.org`,
		suspected: `suspected-${run}@example.org`,
	}
	await post(petition, { email: addresses.pending })
	await post(petition, { email: addresses.confirmed })
	await post(petition, { email: addresses.suspected, formToken: 'made-up' })
	await processAll(petition.id)
	const confirmedRow = (await signatureRows(petition.id)).find((row) => row.email === addresses.confirmed)
	expect((await confirmSignature(confirmedRow?.token ?? '')).result).toBe('confirmed')

	const answers = []
	for (const email of Object.values(addresses)) {
		const response = await post(petition, { email })
		answers.push({ status: response.status, location: response.headers.get('Location') })
	}
	expect(answers.map((answer) => answer.status)).toEqual([302, 302, 302, 302])
	const [first] = answers
	expect(answers.every((answer) => answer.location === first?.location)).toBe(true)
	expect(first?.location).toBe(`/petitions/${petition.slug}/signed?result=sent`)

	// And the page at that address is the same page for everyone.
	const request = new Request(`http://127.0.0.1${first?.location}`)
	const page = await signedLoader({ request, params: { slug: petition.slug }, context: {} })
	expect(page.result).toBe('sent')
})

test('a row planted with a made-up form token does not block the real person: their signature replaces it and they can confirm', async () => {
	const { petition } = await petitionWithOrganizer()
	const email = `planted-${randomUUID().slice(0, 8)}@example.org`
	await post(petition, { email, name: 'Someone Else', formToken: 'made-up' }, '198.51.100.200')
	await processAll(petition.id)
	await post(petition, { email, name: 'Dana Whitfield' })
	await processAll(petition.id)

	const mail = await withWorker(async () => {
		await expect.poll(async () => (await emailsTo(email)).length, { timeout: 20_000 }).toBeGreaterThan(0)
		return settledMail(email)
	})
	const token = confirmTokenIn(mail.at(-1))
	expect((await confirmSignature(token)).result).toBe('confirmed')
	await settledCount(petition.id, 1)
	const rows = await signatureRows(petition.id)
	expect(rows.map((row) => [row.status, row.suspect_reason])).toEqual([['confirmed', null]])
	const names = await withClient(
		async (client) => (await client.query('select name, host(ip) as ip from public.signatures where petition_id = $1', [petition.id])).rows,
	)
	expect(names).toEqual([{ name: 'Dana Whitfield', ip: '203.0.113.80' }])
}, 60_000)

test('someone who fills the form in a second (browser autofill) still gets the link, and opening it counts the signature', async () => {
	const { petition } = await petitionWithOrganizer()
	const email = `autofill-${randomUUID().slice(0, 8)}@example.org`
	await post(petition, { email, formToken: issueFormToken() })
	await processAll(petition.id)
	expect((await signatureRows(petition.id)).map((row) => [row.status, row.suspect_reason])).toEqual([['suspected', 'too_fast']])

	const mail = await withWorker(async () => {
		await expect.poll(async () => (await emailsTo(email)).length, { timeout: 20_000 }).toBe(1)
		return emailsTo(email)
	})
	expect(mail[0]?.Subject).toBe('Confirm your signature: Keep the county water study public')
	expect(await confirmSignature(confirmTokenIn(mail[0]))).toEqual({ result: 'confirmed', petitionSlug: petition.slug })
	await settledCount(petition.id, 1)
}, 60_000)

test('a member whose address was planted through a +tag variant signs for real and is counted, never told “already confirmed”', async () => {
	const { petition } = await petitionWithOrganizer()
	const member = await withClient(async (client) => {
		const user = await createUser(client, { email: `grace-${randomUUID().slice(0, 8)}@example.org`, displayName: 'Grace Okafor' })
		await client.query(`update public.profile_settings set postal_code = '20176' where user_id = $1`, [user.id])
		return user
	})
	await post(petition, { email: member.email.replace('@', '+planted@'), name: 'Not Grace', formToken: 'made-up' })
	await processAll(petition.id)
	expect(await signAsMember(callerOf(member), { petitionId: petition.id, comment: '', showName: false, wantsUpdates: false })).toBe(
		'signed',
	)
	await settledCount(petition.id, 1)
	const rows = await withClient(
		async (client) =>
			(await client.query('select name, email, status::text, user_id from public.signatures where petition_id = $1', [petition.id])).rows,
	)
	expect(rows).toEqual([{ name: 'Grace Okafor', email: member.email, status: 'confirmed', user_id: member.id }])
	// Signing again is the member's own truth, and now it is true.
	expect(await signAsMember(callerOf(member), { petitionId: petition.id, comment: '', showName: false, wantsUpdates: false })).toBe(
		'already_confirmed',
	)
})

test('the email says what happened: a second signature from a confirmed address gets “you had already signed”', async () => {
	const { petition } = await petitionWithOrganizer()
	const email = `twice-${randomUUID().slice(0, 8)}@example.org`
	await post(petition, { email })
	await processAll(petition.id)
	const [row] = await signatureRows(petition.id)
	await confirmSignature(row?.token ?? '')
	await post(petition, { email: email.toUpperCase() })
	await processAll(petition.id)
	const mail = await withWorker(async () => {
		await expect.poll(async () => (await emailsTo(email)).length, { timeout: 20_000 }).toBe(2)
		return settledMail(email)
	})
	expect(mail.map((m) => m.Subject).sort()).toEqual([
		'Confirm your signature: Keep the county water study public',
		'You have already signed: Keep the county water study public',
	])
	const already = mail.find((m) => m.Subject.startsWith('You have already'))
	expect(already?.Text).toContain('already signed')
	expect(already?.Text).not.toMatch(/confirm\?token=/)
	expect(already?.Text).toContain(`/petitions/${petition.slug}`)
	expect(await signatureRows(petition.id)).toHaveLength(1)
}, 60_000)

test('a flood of submissions for one address mails it once, then again only after 10 minutes, 20, 40 …', async () => {
	const { petition } = await petitionWithOrganizer()
	const email = `flooded-${randomUUID().slice(0, 8)}@example.org`
	const delivered = async () => {
		await processAll(petition.id)
		return (await settledMail(email)).length
	}
	// As if the last email had gone `minutes` ago.
	const lastEmailAgo = (minutes: number) =>
		withClient((client) =>
			client.query(`update public.signatures set confirmation_sent_at = now() - make_interval(mins => $2) where petition_id = $1`, [
				petition.id,
				minutes,
			]),
		)
	await withWorker(async () => {
		for (let n = 0; n < 30; n++) await post(petition, { email, name: `Flood ${n}` })
		expect(await delivered()).toBe(1)
		await lastEmailAgo(11)
		for (let n = 0; n < 5; n++) await post(petition, { email })
		expect(await delivered()).toBe(2)
		// The third waits twice as long.
		await lastEmailAgo(11)
		await post(petition, { email })
		expect(await delivered()).toBe(2)
		await lastEmailAgo(21)
		await post(petition, { email })
		expect(await delivered()).toBe(3)
	})
	expect(await signatureRows(petition.id)).toHaveLength(1)
}, 60_000)

test('moderators can release every kind of hold, not only the rate limits', async () => {
	const { petition } = await petitionWithOrganizer()
	const caller = await moderator()
	const run = randomUUID().slice(0, 8)
	await post(petition, { email: `fast-${run}@example.org`, formToken: issueFormToken() })
	const honeypot = new URLSearchParams({
		petitionId: petition.id,
		name: 'Honey Pot',
		email: `pot-${run}@example.org`,
		country: 'US',
		postalCode: '20175',
		website: 'http://bot.example',
		formToken: validToken(),
	})
	await signAction({
		request: new Request(`http://127.0.0.1/petitions/${petition.slug}`, { method: 'POST', body: honeypot }),
		params: { slug: petition.slug },
		context: { clientIp: '203.0.113.81' },
	})
	await processAll(petition.id)
	expect((await signatureRows(petition.id)).map((row) => row.suspect_reason).sort()).toEqual(['honeypot', 'too_fast'])
	expect(await clearSuspected(caller, petition.id, { ip: '', domain: '', reason: 'honeypot' })).toBe(1)
	expect(await clearSuspected(caller, petition.id, { ip: '', domain: '', reason: '' })).toBe(1)
	expect((await signatureRows(petition.id)).map((row) => [row.status, row.suspect_reason])).toEqual([
		['pending', null],
		['pending', null],
	])
})

test('a signature held by the rate limits whose owner opens a link is held, the person is told, and a moderator’s release counts it', async () => {
	const { petition } = await petitionWithOrganizer()
	const caller = await moderator()
	const ip = '198.51.100.90'
	for (let n = 0; n < RATE_LIMITS.ipBurst.points + 1; n++)
		await post(petition, { email: `office-${randomUUID().slice(0, 8)}@example.org` }, ip)
	await processAll(petition.id)
	const held = (await signatureRows(petition.id)).find((row) => row.status === 'suspected')
	expect(held?.suspect_reason).toBe('rate_ip')
	// Only a moderator's release sends it the link; here the test reads it from the database.
	expect(await confirmSignature(held?.token ?? '')).toEqual({ result: 'held', petitionSlug: petition.slug })
	await settledCount(petition.id, 0)
	expect(await clearSuspected(caller, petition.id, { ip, domain: '', reason: 'rate_ip' })).toBe(1)
	await settledCount(petition.id, 1)
	expect((await signatureRows(petition.id)).find((row) => row.id === held?.id)?.status).toBe('confirmed')
})

test('the audit log that organizers read names no IP address after a moderator removes or releases signatures by IP', async () => {
	const { organizer, petition } = await petitionWithOrganizer()
	const caller = await moderator()
	const ip = '198.51.100.7'
	await post(petition, { email: `by-ip-${randomUUID().slice(0, 8)}@example.org` }, ip)
	await processAll(petition.id)
	const none = { ip: '', domain: '', postalCode: '', from: '', to: '', onlySuspected: false }
	expect(await clearSuspected(caller, petition.id, { ip, domain: '', reason: '' })).toBe(0)
	expect(await invalidateSignatures(caller, petition.id, { ...none, ip }, false)).toBe(1)

	// What the Data API would answer the organizer: the same query, run as them.
	const asOrganizer = await withClient(async (client) => {
		await client.query('begin')
		await client.query(
			`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true), set_config('request.jwt.claim.sub', $2, true)`,
			[JSON.stringify({ sub: organizer.id, role: 'authenticated' }), organizer.id],
		)
		const audit = await client.query('select * from public.petition_audit_log where petition_id = $1', [petition.id])
		const ipColumn = await client
			.query('select ip from public.signatures where petition_id = $1', [petition.id])
			.catch((error: { code?: string }) => error.code)
		await client.query('rollback')
		return { audit: audit.rows, ipColumn }
	})
	expect(asOrganizer.audit.map((row) => row.action).sort()).toEqual(['clear_signatures', 'invalidate_signatures'])
	expect(JSON.stringify(asOrganizer.audit)).not.toContain(ip)
	expect(asOrganizer.audit.every((row) => row.details.by_ip === true)).toBe(true)
	expect(asOrganizer.ipColumn).toBe('42501')
})

test('a planted batch a moderator removed before anyone confirmed it does not block the real people; a removal after confirming stands', async () => {
	const { petition } = await petitionWithOrganizer()
	const caller = await moderator()
	const none = { ip: '', domain: '', postalCode: '', from: '', to: '', onlySuspected: false }
	const planted = `removed-early-${randomUUID().slice(0, 8)}@example.org`
	await post(petition, { email: planted, name: 'Bot Batch', formToken: 'made-up' }, '198.51.100.150')
	await processAll(petition.id)
	expect(await invalidateSignatures(caller, petition.id, { ...none, ip: '198.51.100.150' }, false)).toBe(1)
	await post(petition, { email: planted, name: 'Real Person' })
	await processAll(petition.id)
	const [row] = await signatureRows(petition.id)
	expect([row?.status, row?.suspect_reason]).toEqual(['pending', null])
	expect((await confirmSignature(row?.token ?? '')).result).toBe('confirmed')
	await settledCount(petition.id, 1)

	// Removed after its owner confirmed it: that is a moderator's judgement of a real signature, and it stands.
	expect(await invalidateSignatures(caller, petition.id, { ...none, ip: '203.0.113.80' }, false)).toBe(1)
	await settledCount(petition.id, 0)
	await post(petition, { email: planted, name: 'Real Person' })
	await processAll(petition.id)
	expect((await signatureRows(petition.id)).map((r) => r.status)).toEqual(['invalidated'])
	const member = await withClient(async (client) => {
		const user = await createUser(client, { email: planted, displayName: 'Real Person' })
		await client.query(`update public.profile_settings set postal_code = '20176' where user_id = $1`, [user.id])
		return user
	})
	expect(await signAsMember(callerOf(member), { petitionId: petition.id, comment: '', showName: false, wantsUpdates: false })).toBe(
		'removed',
	)
	await settledCount(petition.id, 0)
})

test('the “already signed” email has a plain-text part, says where the signature stands, and has no confirmation link', async () => {
	const props = { name: 'Dana Whitfield', petitionTitle: 'Keep the water study public', petitionUrl: 'http://127.0.0.1/petitions/keep-it' }
	const standings: Array<[SignatureStanding, string]> = [
		['counted', 'your signature is counted'],
		['held', 'A moderator is checking'],
		['removed', 'A moderator had removed the signature'],
	]
	for (const [standing, says] of standings) {
		const rendered = await renderEmail('petition_already_signed', { ...props, standing })
		expect(rendered.subject).toBe('You have already signed: Keep the water study public')
		expect(rendered.text, standing).toContain(says)
		expect(rendered.text).toContain('http://127.0.0.1/petitions/keep-it')
		expect(rendered.text).toContain('You got this email because your address was used to sign a petition on Groundwork.')
		expect(rendered.html).not.toContain('confirm?token=')
	}
})
