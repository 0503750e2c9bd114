import { randomUUID } from 'node:crypto'
import { expect, test } from 'vitest'
import type { Caller } from '#app/db/db.server'
import { startWorker } from '#app/jobs/worker.server'
import { RATE_LIMITS } from '#app/petitions/jobs.server'
import { signatureSchema } from '#app/petitions/schemas'
import { confirmSignature, formSuspicion, issueFormToken, MIN_FILL_MS, signAsMember, signPetition } from '#app/petitions/signatures.server'
import { createUser } from '#tests/helpers/factories'
import { emailsTo } from '#tests/helpers/mailbox'
import { petitionWithOrganizer, processAll, settledCount, signatureInput, signatureRows, withClient } from '#tests/helpers/petition-flow'

const visitor = { ip: '203.0.113.50', suspectReason: null }

test('a signature is pending until the emailed link is opened, and only then counts', async () => {
	const { petition } = await petitionWithOrganizer()
	const input = signatureInput(petition, { name: 'Dana Whitfield' })
	expect((await signPetition(input, visitor)).result).toBe('signed')
	await processAll(petition.id)
	await settledCount(petition.id, 0)

	const worker = await startWorker({ concurrency: 2 })
	try {
		await expect.poll(async () => (await emailsTo(input.email)).length, { timeout: 20_000 }).toBe(1)
	} finally {
		await worker.stop()
	}
	const [email] = await emailsTo(input.email)
	expect(email?.Subject).toBe('Confirm your signature: Keep the county water study public')
	const link = /https?:\/\/\S+\/petitions\/[a-z0-9-]+\/confirm\?token=([0-9a-f-]{36})/.exec(email?.Text ?? '')
	expect(link?.[0]).toContain(`/petitions/${petition.slug}/confirm`)

	expect(await confirmSignature(link?.[1] ?? '')).toEqual({ result: 'confirmed', petitionSlug: petition.slug })
	expect(await confirmSignature(link?.[1] ?? '')).toEqual({ result: 'already_confirmed', petitionSlug: petition.slug })
	await settledCount(petition.id, 1)
	expect(await confirmSignature(randomUUID())).toEqual({ result: 'unknown', petitionSlug: null })
	expect(await confirmSignature('not-a-token')).toEqual({ result: 'unknown', petitionSlug: null })
}, 60_000)

test('the same person signing again adds no second row, whatever the email’s dots, case or +tag', async () => {
	const { petition } = await petitionWithOrganizer()
	const first = await signPetition(signatureInput(petition, { email: 'dana.whitfield+petition@gmail.com' }), visitor)
	expect(first.result).toBe('signed')
	for (const email of ['DanaWhitfield@gmail.com', 'd.a.n.a.whitfield@googlemail.com', 'dana.whitfield+other@gmail.com']) {
		// Nobody has confirmed the row yet, so the latest valid submission holds the details.
		expect((await signPetition(signatureInput(petition, { email }), visitor)).result, email).toBe('replaced')
	}
	const [row] = await signatureRows(petition.id)
	await confirmSignature(row?.token ?? '')
	expect((await signPetition(signatureInput(petition, { email: 'danawhitfield@gmail.com' }), visitor)).result).toBe('existing')
	expect(await signatureRows(petition.id)).toHaveLength(1)
	// Another address at a domain that is not Gmail keeps its dots: a different person.
	expect((await signPetition(signatureInput(petition, { email: 'dana.whitfield@example.org' }), visitor)).result).toBe('signed')
	expect((await signPetition(signatureInput(petition, { email: 'danawhitfield@example.org' }), visitor)).result).toBe('signed')
})

test('a US ZIP is placed in its county and state; an unknown ZIP stores nothing; other countries sign with their own postal code', async () => {
	const { petition } = await petitionWithOrganizer()
	await signPetition(signatureInput(petition, { postalCode: '20175-1234', email: 'leesburg@example.org' }), visitor)
	expect((await signPetition(signatureInput(petition, { postalCode: '00000', email: 'nowhere@example.org' }), visitor)).result).toBe(
		'unknown_postal_code',
	)
	await signPetition(signatureInput(petition, { country: 'IE', postalCode: 'D02 X285', email: 'dublin@example.org' }), visitor)
	const rows = await signatureRows(petition.id)
	expect(rows.map((row) => [row.email, row.country_code, row.postal_code, row.county_fips, row.state_abbreviation])).toEqual([
		['leesburg@example.org', 'US', '20175', '51107', 'VA'],
		['dublin@example.org', 'IE', 'D02 X285', null, null],
	])
	// The form says what is wrong with the ZIP before the database is asked.
	const bad = signatureSchema.safeParse({ ...signatureInput(petition), postalCode: '2017' })
	expect(bad.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([['postalCode', 'Enter a 5-digit ZIP code, like 20175']])
})

test('names with web addresses or starting with = + - @ are refused by the form and by the database', async () => {
	const { petition } = await petitionWithOrganizer()
	for (const name of [
		'=HYPERLINK("http://x")',
		'+1 555',
		'-2+3',
		'@SUM(A1)',
		'Visit https://spam.example',
		'www.cheap-pills.example',
		'  =cmd',
	]) {
		const parsed = signatureSchema.safeParse(signatureInput(petition, { name }))
		expect(parsed.success, name).toBe(false)
		expect(parsed.error?.issues[0]?.path, name).toEqual(['name'])
		await expect(signPetition(signatureInput(petition, { name }), visitor), name).rejects.toMatchObject({ code: '23514' })
	}
	for (const name of ['Mary-Jane O’Neil', 'J.R. Smith', 'Zoë 李']) {
		expect(signatureSchema.safeParse(signatureInput(petition, { name })).success, name).toBe(true)
	}
	expect(await signatureRows(petition.id)).toEqual([])
})

test('the form token says how long the form was open and cannot be made up', () => {
	const shownAt = Date.now()
	const token = issueFormToken(shownAt)
	expect(formSuspicion(token, '', shownAt + MIN_FILL_MS + 1)).toBeNull()
	expect(formSuspicion(token, '', shownAt + 1000)).toBe('too_fast')
	expect(formSuspicion(`${shownAt - 60_000}.${token.split('.')[1]}`, '', shownAt + 60_000)).toBe('too_fast')
	expect(formSuspicion('', '', shownAt)).toBe('too_fast')
	expect(formSuspicion(token, 'http://bot.example', shownAt + 60_000)).toBe('honeypot')
})

// Until issue 8 this asserted that such signatures were never emailed and
// their link did nothing: a person using browser autofill was silently
// dropped. The link is the proof of a person (docs/decisions/032).
test('a filled honeypot or a form sent too fast is stored as suspected and not counted, but still emailed; opening the link counts it', async () => {
	const { petition } = await petitionWithOrganizer()
	expect(
		(await signPetition(signatureInput(petition, { email: 'bot-1@example.org' }), { ip: '203.0.113.51', suspectReason: 'honeypot' }))
			.result,
	).toBe('signed')
	expect(
		(await signPetition(signatureInput(petition, { email: 'bot-2@example.org' }), { ip: '203.0.113.51', suspectReason: 'too_fast' }))
			.result,
	).toBe('signed')
	await processAll(petition.id)
	const rows = await signatureRows(petition.id)
	expect(rows.map((row) => [row.status, row.suspect_reason, row.confirmation_sent_at !== null])).toEqual([
		['suspected', 'honeypot', true],
		['suspected', 'too_fast', true],
	])
	await settledCount(petition.id, 0)
	expect((await confirmSignature(rows[0]?.token ?? '')).result).toBe('confirmed')
	await settledCount(petition.id, 1)
	// A suspected submission cannot take over the row of an address that has one.
	expect(
		(
			await signPetition(signatureInput(petition, { email: 'bot-2@example.org', name: 'Someone Else' }), {
				ip: '203.0.113.52',
				suspectReason: 'too_fast',
			})
		).result,
	).toBe('existing')
	const names = await withClient(
		async (client) => (await client.query('select name from public.signatures where petition_id = $1 order by id', [petition.id])).rows,
	)
	expect(names).toEqual([{ name: 'Robin Signer' }, { name: 'Robin Signer' }])
})

test('over the limit per IP address on one petition, signatures are quietly held; the same address on another petition is not', async () => {
	const { petition } = await petitionWithOrganizer()
	const { petition: other } = await petitionWithOrganizer()
	const ip = `203.0.113.${Math.floor(Math.random() * 200) + 20}`
	const burst = RATE_LIMITS.ipBurst.points
	for (let n = 0; n < burst + 3; n++) {
		expect((await signPetition(signatureInput(petition), { ip, suspectReason: null })).result).toBe('signed')
	}
	await signPetition(signatureInput(other), { ip, suspectReason: null })
	await processAll(petition.id)
	await processAll(other.id)
	const rows = await signatureRows(petition.id)
	expect(rows.filter((row) => row.status === 'pending' && row.confirmation_sent_at !== null)).toHaveLength(burst)
	expect(rows.slice(burst).map((row) => [row.status, row.suspect_reason, row.confirmation_sent_at])).toEqual(
		Array.from({ length: 3 }, () => ['suspected', 'rate_ip', null]),
	)
	expect((await signatureRows(other.id)).map((row) => row.status)).toEqual(['pending'])
})

test('over the limit per email domain, signatures are held; big mailbox providers have no such limit', async () => {
	const { petition } = await petitionWithOrganizer()
	const domain = `bulk-${randomUUID().slice(0, 8)}.example`
	const limit = RATE_LIMITS.domain.points
	const inputs = Array.from({ length: limit + 2 }, (_, n) => signatureInput(petition, { email: `person${n}@${domain}` }))
	const gmail = Array.from({ length: 3 }, (_, n) =>
		signatureInput(petition, { email: `gmail-user-${randomUUID().slice(0, 6)}${n}@gmail.com` }),
	)
	// Each from its own address, so only the domain limit applies.
	for (const [n, input] of [...inputs, ...gmail].entries()) {
		await signPetition(input, { ip: `2001:db8::${(n + 1).toString(16)}`, suspectReason: null })
	}
	await processAll(petition.id)
	const rows = await signatureRows(petition.id)
	const fromDomain = rows.filter((row) => row.email.endsWith(`@${domain}`))
	expect(fromDomain.filter((row) => row.status === 'suspected' && row.suspect_reason === 'rate_domain')).toHaveLength(2)
	expect(rows.filter((row) => row.email.endsWith('@gmail.com')).map((row) => row.status)).toEqual(['pending', 'pending', 'pending'])
}, 60_000)

test('a signed-in member signs with one click and is counted at once; a second click changes nothing', async () => {
	const { petition } = await petitionWithOrganizer()
	const member = await withClient(async (client) => {
		const user = await createUser(client, { displayName: 'Grace Okafor' })
		await client.query(`update public.profile_settings set postal_code = '20176' where user_id = $1`, [user.id])
		return user
	})
	const caller: Caller = { role: 'authenticated', claims: { sub: member.id, role: 'authenticated' } }
	const choice = { petitionId: petition.id, comment: '', showName: true, wantsUpdates: false }
	expect(await signAsMember(caller, choice)).toBe('signed')
	expect(await signAsMember(caller, choice)).toBe('already_confirmed')
	await settledCount(petition.id, 1)
	// The same address typed into the public form is recognised too (the email to it says so).
	expect((await signPetition(signatureInput(petition, { email: member.email }), visitor)).result).toBe('existing')

	const noZip = await withClient((client) => createUser(client, { displayName: 'Tom' }))
	expect(await signAsMember({ role: 'authenticated', claims: { sub: noZip.id, role: 'authenticated' } }, choice)).toBe('needs_postal_code')
})

test('a closed petition, a draft and a petition past its deadline take no signatures', async () => {
	const { petition: closed } = await petitionWithOrganizer({ status: 'closed' })
	const { petition: draft } = await petitionWithOrganizer({ status: 'draft' })
	const { petition: late } = await petitionWithOrganizer({ deadline: new Date(Date.now() - 60_000) })
	for (const petition of [closed, draft, late]) {
		expect((await signPetition(signatureInput(petition), visitor)).result).toBe('closed')
		expect(await signatureRows(petition.id)).toEqual([])
	}
})

test('signing and confirming never update the petition row or its count row: counts move only in batches', async () => {
	const { petition } = await petitionWithOrganizer()
	const before = await withClient(
		async (client) =>
			(
				await client.query(
					`select p.updated_at as petition, n.updated_at as counted from public.petitions p join public.petition_counts n on n.petition_id = p.id where p.id = $1`,
					[petition.id],
				)
			).rows[0],
	)
	for (let n = 0; n < 5; n++) await signPetition(signatureInput(petition), { ip: `198.51.100.${n + 100}`, suspectReason: null })
	const tokens = await withClient(
		async (client) =>
			(await client.query<{ token: string }>('select token from public.signatures where petition_id = $1', [petition.id])).rows,
	)
	for (const { token } of tokens) await confirmSignature(token)
	const after = await withClient(
		async (client) =>
			(
				await client.query(
					`select p.updated_at as petition, n.updated_at as counted from public.petitions p join public.petition_counts n on n.petition_id = p.id where p.id = $1`,
					[petition.id],
				)
			).rows[0],
	)
	expect(after).toEqual(before)
	await settledCount(petition.id, 5)
})
