import { randomUUID } from 'node:crypto'
import { expect, test } from 'vitest'
import { pool } from '#app/db/db.server'
import { startWorker } from '#app/jobs/worker.server'
import { addGround, approveObjection, getObjection, objectionWorkspace, startObjection } from '#app/objections/objections.server'
import { action as objectionAction, loader as objectionLoader } from '#app/routes/objections+/$id'
import { action as signAction } from '#app/routes/objections+/sign.$token'
import { newAccount } from '#tests/helpers/accounts'
import { startChapter } from '#tests/helpers/factories'
import { armMailFault, clearMailFaults, inbox } from '#tests/helpers/mailbox'
import { getPage, postForm, signIn, siteUrl } from '#tests/helpers/session'

// The objection forms' bad input and edges, through the routes (issue 11): a
// file of the wrong type or too large, an address outside the body's
// jurisdiction, a co-signer who already signed, a deadline that has passed, a
// body with no email address, no grounds or a ground with no argument, and a
// provider outage. Each gets a clear message and keeps what was typed.

type Outcome = { status: number; location: string | null; errors: Record<string, string>; values: Record<string, string>; body: unknown }

async function settled(work: Promise<unknown>): Promise<Outcome> {
	try {
		const result = await work
		if (result instanceof Response)
			return { status: result.status, location: result.headers.get('Location'), errors: {}, values: {}, body: {} }
		if (typeof result === 'object' && result !== null && 'data' in result && 'init' in result) {
			const { data, init } = result as {
				data: { errors?: Record<string, string>; values?: Record<string, string> }
				init: ResponseInit | null
			}
			return { status: init?.status ?? 200, location: null, errors: data.errors ?? {}, values: data.values ?? {}, body: data }
		}
	} catch (thrown) {
		if (thrown instanceof Response)
			return { status: thrown.status, location: thrown.headers.get('Location'), errors: {}, values: {}, body: {} }
		throw thrown
	}
	throw new Error('unexpected result')
}

type WorldOptions = { clerk?: string | null; deadlineDays?: number }

/** A Loudoun chapter with two organizers and an approved objection (one ground) to a rezoning before a county board. */
async function world(options: WorldOptions = {}) {
	const run = randomUUID().slice(0, 8)
	const author = await newAccount('objector')
	const approver = await newAccount('approver')
	const chapter = await startChapter(author)
	const db = pool()
	await db.query(`insert into public.memberships (chapter_id, user_id, role, status) values ($1, $2, 'organizer', 'active')`, [
		chapter.id,
		approver.id,
	])
	const place = (
		await db.query<{ id: number; state: number }>(`select id, parent_id as state from public.jurisdictions where slug = 'us-va-loudoun'`)
	).rows[0]
	if (!place) throw new Error('Loudoun County is not seeded')
	const project = (
		await db.query<{ id: string }>(
			`insert into public.projects (slug, name, state_id, county_id) values ($1, 'Test Campus', $2, $3) returning id`,
			[`bad-input-campus-${run}`, place.state, place.id],
		)
	).rows[0]
	const clerk = options.clerk === undefined ? `clerk-${run}@county.example` : options.clerk
	const body = (
		await db.query<{ id: string }>(
			`insert into public.bodies (slug, name, kind, jurisdiction_id, time_zone, email) values ($1, 'Loudoun County Board of Supervisors', 'county_board', $2, 'America/New_York', $3) returning id`,
			[`bad-input-board-${run}`, place.id, clerk],
		)
	).rows[0]
	const proceeding = (
		await db.query<{ id: string }>(
			`insert into public.proceedings (slug, project_id, body_id, kind, title, case_number) values ($1, $2, $3, 'rezoning', 'Rezoning to planned industrial', 'ZMAP-2026-0042') returning id`,
			[`bad-input-rezoning-${run}`, project?.id, body?.id],
		)
	).rows[0]
	await db.query(
		`insert into public.proceeding_clocks (proceeding_id, kind, due_at) values ($1, 'comment_deadline', now() + make_interval(days => $2))`,
		[proceeding?.id, options.deadlineDays ?? 10],
	)
	const started = await startObjection(author.caller, proceeding?.id ?? '', chapter.id, {
		subject: 'Objection to rezoning ZMAP-2026-0042',
		standingResidents: 'The residents signing live within two miles of the site.',
		standingOrganizations: '',
		relief: ['deny'],
		reliefConditions: [],
		reliefNote: '',
	})
	if (!started.ok) throw new Error('could not start')
	return { author, approver, chapter, clerk, id: started.id, cookie: await signIn(author) }
}

async function withGroundApproved(w: Awaited<ReturnType<typeof world>>) {
	const added = await addGround(w.author.caller, w.id, {
		kind: 'noise',
		title: 'Noise',
		argument: 'The cooling yard is 400 feet from homes.',
		figures: [],
	})
	expect(added.ok).toBe(true)
	const objection = await getObjection(w.author.caller, w.id)
	if (!objection) throw new Error('not found')
	expect(await approveObjection(w.approver.caller, objection)).toEqual({ ok: true })
	const approved = await getObjection(w.author.caller, w.id)
	if (!approved) throw new Error('not found')
	return { objection: approved, token: (await objectionWorkspace(w.author.caller, approved)).signingToken ?? '' }
}

function post(id: string, cookie: string, fields: Record<string, string>) {
	return settled(objectionAction({ request: postForm(`/objections/${id}`, cookie, fields), params: { id }, context: {} }))
}

function postMultipart(id: string, cookie: string, form: FormData) {
	const url = new URL(siteUrl(`/objections/${id}`))
	const request = new Request(url, { method: 'POST', headers: { Origin: url.origin, Host: url.host, Cookie: cookie }, body: form })
	return settled(objectionAction({ request, params: { id }, context: {} }))
}

function sign(token: string, fields: Record<string, string>, cookie = '') {
	return settled(signAction({ request: postForm(`/objections/sign/${token}`, cookie, fields), params: { token }, context: {} }))
}

async function filing(id: string) {
	return (
		await pool().query<{ delivery_status: string; after_cutoff: boolean; method: string; provider_message_id: string | null }>(
			`select delivery_status, after_cutoff, method, provider_message_id from public.objection_filings where objection_id = $1`,
			[id],
		)
	).rows[0]
}

async function pageFiling(id: string, cookie: string) {
	const loaded = (await objectionLoader({ request: getPage(`/objections/${id}`, cookie), params: { id }, context: {} })) as unknown as {
		data: { workspace: { filing: { delivery_status: string } | null } | null }
	}
	return loaded.data.workspace?.filing?.delivery_status ?? null
}

test('an objection with no grounds cannot be approved; a ground with no argument is refused and keeps its title', async () => {
	const w = await world()
	const approve = await post(w.id, await signIn(w.approver), { intent: 'approve' })
	expect(approve.status).toBe(400)
	expect(approve.errors.form).toMatch(/^Add at least one ground with its argument/)

	const empty = await post(w.id, w.cookie, { intent: 'add-ground', kind: 'custom', title: 'Light pollution', argument: '   ' })
	expect(empty.status).toBe(400)
	expect(empty.errors.argument).toMatch(/^Write the argument for this ground/)
	expect(empty.values).toMatchObject({ intent: 'add-ground', kind: 'custom', title: 'Light pollution' })
	expect((await getObjection(w.author.caller, w.id))?.grounds).toHaveLength(0)

	const untitled = await post(w.id, w.cookie, { intent: 'add-ground', kind: 'custom', title: '', argument: 'Floodlights all night.' })
	expect(untitled.errors.title).toMatch(/^Name this ground/)
	expect(untitled.values.argument).toBe('Floodlights all night.')
})

test('an evidence file of the wrong type or over 10 MB is refused with its reason, keeping the title', async () => {
	const w = await world()
	await addGround(w.author.caller, w.id, {
		kind: 'noise',
		title: 'Noise',
		argument: 'The cooling yard is 400 feet from homes.',
		figures: [],
	})
	const groundId = (await getObjection(w.author.caller, w.id))?.grounds[0]?.id ?? ''
	const upload = (file: File) => {
		const form = new FormData()
		form.set('intent', 'add-file')
		form.set('groundId', groundId)
		form.set('title', 'County noise study, 2024')
		form.set('file', file)
		return postMultipart(w.id, w.cookie, form)
	}
	const text = await upload(new File(['not a pdf'], 'study.txt', { type: 'text/plain' }))
	expect(text.status).toBe(400)
	expect(text.errors.file).toBe('Attach a PDF, PNG or JPEG file. Other kinds of file cannot go into the filing.')
	expect(text.values).toMatchObject({ intent: 'add-file', groundId, title: 'County noise study, 2024' })

	const huge = await upload(new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'study.pdf', { type: 'application/pdf' }))
	expect(huge.status).toBe(400)
	expect(huge.errors.file).toMatch(/^That file is larger than 10 MB/)
	expect(huge.values.title).toBe('County noise study, 2024')
	expect((await getObjection(w.author.caller, w.id))?.grounds[0]?.evidence).toHaveLength(0)
})

test('a co-signer outside the jurisdiction is warned, not refused; one who already signed is told so and keeps what they typed', async () => {
	const w = await world()
	const { token, objection } = await withGroundApproved(w)
	const email = `signer-${randomUUID().slice(0, 8)}@example.org`
	const fields = {
		kind: 'person',
		name: 'Begoña Muñoz',
		email,
		address: '100 Congress Avenue, Austin, TX 78701',
		showName: 'on',
		consent: 'on',
		version: String(objection.currentVersion),
	}
	const outside = await sign(token, fields)
	expect(outside.status).toBe(200)
	expect(outside.body).toMatchObject({ signed: { name: 'Begoña Muñoz', outside: true } })
	const signers = (await objectionWorkspace(w.author.caller, objection)).signers
	expect(signers).toHaveLength(1)
	expect(signers[0]).toMatchObject({ outsideJurisdiction: true, current: true })

	const inside = await sign(token, { ...fields, email: `in-${email}`, address: '12 Oak Lane, Ashburn, VA 20147' })
	expect(inside.body).toMatchObject({ signed: { outside: false } })

	const again = await sign(token, { ...fields, name: 'Begoña Muñoz Ortiz', email: email.toUpperCase() })
	expect(again.status).toBe(400)
	expect(again.errors.email).toMatch(/^You have already signed this objection/)
	expect(again.values).toMatchObject({ name: 'Begoña Muñoz Ortiz', address: '100 Congress Avenue, Austin, TX 78701', consent: 'on' })
	expect((await objectionWorkspace(w.author.caller, objection)).signers).toHaveLength(2)
})

test('after the written-comment deadline, filing asks whether the record is still open, then records that it was late', async () => {
	const w = await world({ deadlineDays: -1 })
	await withGroundApproved(w)
	const late = await post(w.id, w.cookie, { intent: 'file-email', replyTo: 'contact@chapter.example' })
	expect(late.status).toBe(400)
	expect(late.errors.confirmLate).toMatch(/^The written-comment deadline has passed/)
	expect(late.values.replyTo).toBe('contact@chapter.example')
	expect(await filing(w.id)).toBeUndefined()

	const confirmed = await post(w.id, w.cookie, { intent: 'file-email', replyTo: 'contact@chapter.example', confirmLate: 'on' })
	expect(confirmed.status).toBe(302)
	expect(await filing(w.id)).toMatchObject({ method: 'email', after_cutoff: true, delivery_status: 'pending' })
})

test('a body with no email address on record: filing by email says so, and a filing made by hand is recorded instead', async () => {
	const w = await world({ clerk: null })
	await withGroundApproved(w)
	const byEmail = await post(w.id, w.cookie, { intent: 'file-email', replyTo: 'contact@chapter.example' })
	expect(byEmail.status).toBe(400)
	expect(byEmail.errors.form).toMatch(/^The body has no email address on record\. Record a filing made by hand/)
	expect(byEmail.values.replyTo).toBe('contact@chapter.example')

	const badDate = await post(w.id, w.cookie, {
		intent: 'record-filing',
		method: 'hand',
		confirmationNumber: 'R-1182',
		filedOn: 'yesterday',
	})
	expect(badDate.errors.filedOn).toMatch(/^Enter the date as a day, month and year/)
	expect(badDate.values.confirmationNumber).toBe('R-1182')

	const byHand = await post(w.id, w.cookie, {
		intent: 'record-filing',
		method: 'hand',
		confirmationNumber: 'R-1182',
		filedOn: '2026-12-01',
	})
	expect(byHand.status).toBe(302)
	expect(await filing(w.id)).toMatchObject({ method: 'hand', delivery_status: 'recorded', provider_message_id: null })
})

test('a provider outage leaves the filing pending on the page; it is sent exactly once when the provider is back', async () => {
	const w = await world()
	await withGroundApproved(w)
	// Every send to the clerk fails as if Resend were down, until the test says it is back.
	await armMailFault(w.clerk ?? '', 100_000)
	const filed = await post(w.id, w.cookie, { intent: 'file-email', replyTo: 'contact@chapter.example' })
	expect(filed.status).toBe(302)
	// The organizer clicks again (a double submit, a reload): it is already filed, nothing more is queued.
	const again = await post(w.id, w.cookie, { intent: 'file-email', replyTo: 'contact@chapter.example' })
	expect(again.errors.form).toBe('This objection has already been filed. It is never sent twice.')

	expect(await pageFiling(w.id, w.cookie)).toBe('pending')
	const worker = await startWorker({ concurrency: 2 })
	try {
		// The provider has refused the filing's own send, and the retries are still to come: the page says pending.
		const refusedAttempts = async () => {
			const { rows } = await pool().query<{ attempts: number; last_error: string | null }>(
				`select j.attempts, j.last_error from graphile_worker.jobs j
				join public.objection_filings f on j.key = 'objection-filing:' || f.id
				where f.objection_id = $1`,
				[w.id],
			)
			return rows[0]?.last_error ? rows[0].attempts : 0
		}
		await expect.poll(refusedAttempts, { timeout: 30_000, interval: 100 }).toBeGreaterThan(0)
		expect(await pageFiling(w.id, w.cookie)).toBe('pending')
		expect(await inbox(w.clerk ?? '')).toHaveLength(0)
		// The provider is back.
		await clearMailFaults(w.clerk ?? '')
		await expect.poll(async () => (await filing(w.id))?.delivery_status, { timeout: 120_000, interval: 500 }).toBe('sent')
		expect(await pageFiling(w.id, w.cookie)).toBe('sent')
		await new Promise((resolve) => setTimeout(resolve, 1500))
		expect(await inbox(w.clerk ?? '')).toHaveLength(1)
	} finally {
		await worker.stop()
		await clearMailFaults(w.clerk ?? '')
	}
}, 180_000)
