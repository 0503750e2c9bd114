import { randomUUID } from 'node:crypto'
import type { WebSocketLikeConstructor } from '@supabase/realtime-js'
import { createClient } from '@supabase/supabase-js'
import { expect, test } from 'vitest'
import WebSocket from 'ws'
import { pool } from '#app/db/db.server'
import { startWorker } from '#app/jobs/worker.server'
import { fileByEmail } from '#app/objections/filing.server'
import {
	addEvidence,
	addGround,
	approveObjection,
	getObjection,
	objectionWorkspace,
	signObjection,
	startObjection,
} from '#app/objections/objections.server'
import { newAccount, PASSWORD, type Account } from '#tests/helpers/accounts'
import { startChapter } from '#tests/helpers/factories'
import { readEmail, waitForEmail } from '#tests/helpers/mailbox'
import { pdfText } from '#tests/helpers/pdf'

// The whole path through the real stack: an organizer drafts an objection with
// two grounds and evidence (a link and a private file), a second organizer
// approves it, two people and one organization co-sign, the organizer files it
// by email, and the clerk's copy arrives through the Resend SDK at the local
// mail catcher with the letter attached; the letter has every part a body
// expects and every letter of every name.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

async function signedInStorage(account: Account) {
	const client = createClient(process.env.SUPABASE_URL ?? '', process.env.SUPABASE_ANON_KEY ?? '', {
		auth: { persistSession: false, autoRefreshToken: false },
		// Node 20 has no global WebSocket; no channel is opened (as in app/auth/supabase.server.ts).
		realtime: { transport: WebSocket as unknown as WebSocketLikeConstructor },
	})
	const { error } = await client.auth.signInWithPassword({ email: account.email, password: PASSWORD })
	if (error) throw error
	return client
}

async function proceedingWithClerk(clerk: string) {
	const run = randomUUID().slice(0, 8)
	const db = pool()
	const place = (
		await db.query<{ id: number; state: number }>(`select id, parent_id as state from public.jurisdictions where slug = 'us-va-loudoun'`)
	).rows[0]
	if (!place) throw new Error('Loudoun County is not seeded')
	const project = (
		await db.query<{ id: string }>(
			`insert into public.projects (slug, name, state_id, county_id, megawatts) values ($1, 'Test Campus', $2, $3, 300) returning id`,
			[`test-campus-${run}`, place.state, place.id],
		)
	).rows[0]
	const source = (
		await db.query<{ id: string }>(
			`insert into public.project_sources (project_id, url, title) values ($1, 'https://example.org/application', 'The application') returning id`,
			[project?.id],
		)
	).rows[0]
	await db.query(`insert into public.project_figure_sources (project_id, figure, source_id) values ($1, 'megawatts', $2)`, [
		project?.id,
		source?.id,
	])
	const body = (
		await db.query<{ id: string }>(
			`insert into public.bodies (slug, name, kind, jurisdiction_id, time_zone, email, meeting_place)
			values ($1, 'Loudoun County Board of Supervisors', 'county_board', $2, 'America/New_York', $3, '1 Harrison Street SE, Leesburg, VA 20175') returning id`,
			[`test-board-${run}`, place.id, clerk],
		)
	).rows[0]
	const proceeding = (
		await db.query<{ id: string }>(
			`insert into public.proceedings (slug, project_id, body_id, kind, title, case_number) values ($1, $2, $3, 'rezoning', 'Rezoning to planned industrial', 'ZMAP-2026-0042') returning id`,
			[`test-rezoning-${run}`, project?.id, body?.id],
		)
	).rows[0]
	await db.query(`insert into public.proceeding_clocks (proceeding_id, kind, due_at) values ($1, 'hearing', now() + interval '20 days')`, [
		proceeding?.id,
	])
	await db.query(
		`insert into public.proceeding_clocks (proceeding_id, kind, due_at) values ($1, 'comment_deadline', now() + interval '10 days')`,
		[proceeding?.id],
	)
	return { proceedingId: proceeding?.id ?? '' }
}

test('an objection is drafted, approved by another organizer, co-signed, filed by email with the letter, and never sent twice', async () => {
	const author = await newAccount('objector')
	const approver = await newAccount('approver')
	const chapter = await startChapter(author)
	await pool().query(`insert into public.memberships (chapter_id, user_id, role, status) values ($1, $2, 'organizer', 'active')`, [
		chapter.id,
		approver.id,
	])
	const clerk = `clerk-${randomUUID().slice(0, 8)}@county.example`
	const { proceedingId } = await proceedingWithClerk(clerk)

	const started = await startObjection(author.caller, proceedingId, chapter.id, {
		subject: 'Objection to rezoning ZMAP-2026-0042',
		standingResidents: 'The residents signing live within two miles of the site.',
		standingOrganizations: '',
		relief: ['deny', 'conditions'],
		reliefConditions: ['No generator testing before 9 am'],
		reliefNote: '',
	})
	if (!started.ok) throw new Error('could not start')
	const id = started.id
	const draft = await getObjection(author.caller, id)
	if (!draft) throw new Error('not found')
	const megawatts = draft.project.figures.find((figure) => figure.figure === 'megawatts')
	expect(
		(
			await addGround(author.caller, id, {
				kind: 'noise',
				title: 'Noise',
				argument: 'The cooling yard is 400 feet from homes.',
				figures: [],
			})
		).ok,
	).toBe(true)
	expect(
		(
			await addGround(author.caller, id, {
				kind: 'electricity_rates',
				title: 'Electricity rates and cost shifting',
				argument: 'Households would pay for the new lines.',
				figures: megawatts
					? [
							{
								figure: 'megawatts',
								value: Number(megawatts.value),
								sources: [{ url: 'https://example.org/application', title: 'The application' }],
							},
						]
					: [],
			})
		).ok,
	).toBe(true)
	const withGrounds = await getObjection(author.caller, id)
	const [noise, rates] = withGrounds?.grounds ?? []
	if (!noise || !rates) throw new Error('grounds missing')
	await addEvidence(author.caller, id, { groundId: noise.id, title: 'County noise ordinance', url: 'https://example.org/noise-ordinance' })
	const storage = await signedInStorage(author)
	const path = `${id}/evidence/${randomUUID()}.png`
	const uploaded = await storage.storage.from('objection-files').upload(path, PNG, { contentType: 'image/png' })
	expect(uploaded.error).toBeNull()
	await addEvidence(author.caller, id, {
		groundId: rates.id,
		title: 'Site photograph',
		file: { path, contentType: 'image/png', byteSize: PNG.length },
	})

	// The author cannot approve their own draft while another organizer can; the other organizer does.
	const before = await getObjection(author.caller, id)
	if (!before) throw new Error('not found')
	expect(await approveObjection(author.caller, before)).toEqual({ ok: false, reason: 'needs_other_organizer' })
	expect(await approveObjection(approver.caller, before)).toEqual({ ok: true })

	const approved = await getObjection(author.caller, id)
	const token = (await objectionWorkspace(author.caller, approved ?? before)).signingToken ?? ''
	const email = {
		subject: before.subject,
		chapter: chapter.name,
		manageUrl: (manage: string) => `http://127.0.0.1/objections/signature/${manage}`,
	}
	const person = (name: string, address: string, showAddress: boolean) => ({
		kind: 'person' as const,
		name,
		email: `${randomUUID().slice(0, 8)}@example.org`,
		address,
		showAddress,
		showName: true,
		organization: '',
		representativeTitle: '',
		authorizationPath: null,
		outsideJurisdiction: false,
		version: approved?.currentVersion ?? 0,
	})
	const anon = { role: 'anon' } as const
	const first = person('Nguyễn Thị Minh Khai', '12 Oak Lane, Ashburn, VA 20147', true)
	expect((await signObjection(anon, token, first, email)).outcome).toBe('signed')
	expect((await signObjection(anon, token, { ...first, name: 'Again' }, email)).outcome).toBe('already_signed')
	expect((await signObjection(anon, token, person('Begoña Muñoz', '4 Elm Court, Leesburg, VA 20175', false), email)).outcome).toBe('signed')
	expect(
		(
			await signObjection(
				anon,
				token,
				{
					...person('Zażółć Gęślą', '9 Market Street, Leesburg, VA 20176', true),
					kind: 'organization',
					organization: 'Łódź Sister City Association',
					representativeTitle: 'Chair',
				},
				email,
			)
		).outcome,
	).toBe('signed')

	const ready = await getObjection(author.caller, id)
	if (!ready) throw new Error('not found')
	const { signers } = await objectionWorkspace(author.caller, ready)
	expect(await fileByEmail(author.caller, storage, ready, signers, { replyTo: author.email, confirmLate: false })).toEqual({ ok: true })

	const worker = await startWorker({ concurrency: 2 })
	try {
		const received = await waitForEmail(clerk, /Objection/, 60_000)
		const detail = (await readEmail(received.ID)) as unknown as {
			Attachments: Array<{ PartID: string; FileName: string; ContentType: string }>
		}
		expect(detail.Attachments).toHaveLength(1)
		expect(detail.Attachments[0]).toMatchObject({ FileName: 'objection-ZMAP-2026-0042.pdf', ContentType: 'application/pdf' })
		const part = await fetch(`${process.env.MAILBOX_URL}/api/v1/message/${received.ID}/part/${detail.Attachments[0]?.PartID}`)
		const text = (await pdfText(Buffer.from(await part.arrayBuffer()))).normalize('NFC')
		for (const expected of [
			'Loudoun County Board of Supervisors',
			'1 Harrison Street SE, Leesburg, VA 20175',
			'Case number: ZMAP-2026-0042',
			'Hearing:',
			'Re: Objection to rezoning ZMAP-2026-0042',
			'The objectors and their standing',
			'1. Noise',
			'2. Electricity rates and cost shifting',
			'See Exhibit 1: County noise ordinance.',
			'See Exhibit 2: Site photograph.',
			'Relief requested',
			'Deny the application',
			'1. No generator testing before 9 am',
			'Signatures',
			'1. Nguyễn Thị Minh Khai — 12 Oak Lane, Ashburn, VA 20147',
			'2. Begoña Muñoz — address on file with',
			'Zażółć Gęślą, Chair, for Łódź Sister City Association',
			'Exhibit index',
			'Exhibit 1: County noise ordinance — https://example.org/noise-ordinance',
			'Exhibit 2: Site photograph — appended',
			'Date:',
		]) {
			expect(text.replace(/\s+/g, ' '), expected).toContain(expected)
		}
		expect(text).not.toContain('4 Elm Court')
		// Each co-signer gets a copy with the letter.
		for (const signer of signers) expect((await waitForEmail(signer.email, /Filed:/, 30_000)).Subject).toContain(before.subject)
		await expect
			.poll(
				async () =>
					(await pool().query(`select delivery_status, provider_message_id from public.objection_filings where objection_id = $1`, [id]))
						.rows[0],
				{
					timeout: 30_000,
				},
			)
			.toMatchObject({ delivery_status: 'sent', provider_message_id: expect.any(String) })
	} finally {
		await worker.stop()
	}
	const filed = await getObjection(author.caller, id)
	if (!filed) throw new Error('not found')
	expect(filed.status).toBe('filed')
	expect(await fileByEmail(author.caller, storage, filed, signers, { replyTo: author.email, confirmLate: false })).toEqual({
		ok: false,
		reason: 'already_filed',
	})
	const inbox = await fetch(`${process.env.MAILBOX_URL}/api/v1/search?query=${encodeURIComponent(`to:${clerk}`)}`)
	expect(((await inbox.json()) as { messages: unknown[] }).messages).toHaveLength(1)
})
