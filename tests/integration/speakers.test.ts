import { afterAll, beforeAll, expect, test } from 'vitest'
import { anon, db, pool } from '#app/db/db.server'
import { memberHome } from '#app/home/home.server'
import { startWorker } from '#app/jobs/worker.server'
import { bodyRulesSchema } from '#app/siting/edit-schemas'
import { saveBodyRules } from '#app/siting/proceedings.server'
import { emailAboutSpeaker, sendSpeakerReminders } from '#app/speakers/jobs.server'
import { speakersListPdf } from '#app/speakers/list-pdf.server'
import {
	cancelSpeaker,
	confirmSpeaker,
	nextSpeakingDeadlines,
	organizerList,
	setPlaces,
	signUpToSpeak,
	slotByToken,
	speakersPage,
	type SignUpInput,
} from '#app/speakers/speakers.server'
import { committed, createChapter, createJurisdiction, createUser, unique, uniqueSuffix, type User } from '#tests/helpers/factories'
import { waitForEmail } from '#tests/helpers/mailbox'
import { pdfText } from '#tests/helpers/pdf'
import { onlyRow } from '#tests/helpers/rls'

// The speakers' list through the app's own module, committed, with the worker
// sending what the database queues: a visitor confirms by email and gets a
// slot and an estimated time; a full list has a waitlist that a drop-out
// fills, with an email; the refusals a page explains; reminders the day
// before and the morning of, once each; and hearings on one evening heard one
// after another.

let worker: Awaited<ReturnType<typeof startWorker>>
beforeAll(async () => {
	worker = await startWorker({ concurrency: 2 })
})
afterAll(async () => {
	await worker.stop()
})

type World = { organizer: User; projectId: string; bodyId: string; proceedingId: string; proceedingSlug: string }

async function world(rules: Record<string, unknown> | null = {}): Promise<World> {
	const client = committed()
	const place = await createJurisdiction(client)
	const organizer = await createUser(client, { label: 'organizer' })
	const chapter = await createChapter(client, { organizer, jurisdiction: place })
	const suffix = uniqueSuffix()
	const project = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.projects (slug, name, state_id, county_id, created_by) values ($1, 'Test campus', $2, $3, $4) returning id`,
			[`test-project-${suffix}`, place.stateId, place.id, organizer.id],
		),
	)
	await client.query('insert into public.project_chapters (project_id, chapter_id, added_by) values ($1, $2, $3)', [
		project.id,
		chapter.id,
		organizer.id,
	])
	const body = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.bodies (slug, name, kind, jurisdiction_id, time_zone) values ($1, 'Board of Supervisors', 'county_board', $2, 'America/New_York') returning id`,
			[`test-body-${suffix}`, place.id],
		),
	)
	if (rules) {
		const values = { speaking_minutes: 3, representative_minutes: 5, signup_closes_hours_before: 2, ...rules }
		const columns = Object.keys(values)
		await client.query(
			`insert into public.body_rules (body_id, source_url, ${columns.join(', ')}) values ($1, 'https://example.org/rules', ${columns
				.map((_, index) => `$${index + 2}`)
				.join(', ')})`,
			[body.id, ...Object.values(values)],
		)
	}
	const slug = `test-proceeding-${suffix}`
	const proceeding = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.proceedings (slug, project_id, body_id, kind, title) values ($1, $2, $3, 'rezoning', 'Rezoning to data center') returning id`,
			[slug, project.id, body.id],
		),
	)
	return { organizer, projectId: project.id, bodyId: body.id, proceedingId: proceeding.id, proceedingSlug: slug }
}

/** A hearing at `hour`:00 New York time, `days` from today there. */
async function hearing(target: World, days: number, hour = 18, options: { allDay?: boolean; label?: string } = {}) {
	return onlyRow(
		await committed().query<{ id: string; due_at: Date }>(
			`insert into public.proceeding_clocks (proceeding_id, kind, label, due_at, all_day)
			values ($1, 'hearing', $2, ((((now() at time zone 'America/New_York')::date + $3::int) + make_time($4, 0, 0)) at time zone 'America/New_York'), $5)
			returning id, due_at`,
			[target.proceedingId, options.label ?? null, days, hour, options.allDay ?? false],
		),
	)
}

function visitor(clockId: string, overrides: Partial<SignUpInput> = {}): SignUpInput {
	return {
		clockId,
		name: 'Dana Resident',
		email: `${unique('dana')}@example.org`,
		organization: null,
		letterPath: null,
		mode: 'in_person',
		...overrides,
	}
}

function tokenIn(text: string, path: 'confirm' | 'slot') {
	const token = new RegExp(`/speakers/${path}\\?token=([A-Za-z0-9_%-]+)`).exec(text)?.[1]
	if (!token) throw new Error(`no ${path} link in: ${text}`)
	return decodeURIComponent(token)
}

async function confirmedVisitor(clockId: string, overrides: Partial<SignUpInput> = {}, subject = /^Confirm your place to speak/) {
	const input = visitor(clockId, overrides)
	expect(await signUpToSpeak(anon, input)).toEqual({ ok: true, kind: 'confirm' })
	const confirm = await waitForEmail(input.email, subject)
	const token = tokenIn(confirm.Text, 'confirm')
	const confirmed = await confirmSpeaker(anon, token)
	expect(confirmed?.outcome).toBe('confirmed')
	return { email: input.email, token, status: confirmed?.status }
}

test('a visitor confirms by email and gets a slot with an estimated time; the next one is called after their three minutes', async () => {
	const target = await world()
	const clock = await hearing(target, 4)
	const first = await confirmedVisitor(clock.id)
	expect(first.status).toBe('listed')
	const listed = await waitForEmail(first.email, /^Slot 1 to speak: Public hearing/)
	expect(listed.Text).toMatch(/Expected to be called at about 6:00/)
	expect(listed.Text).toMatch(/You have 3 minutes/)

	const second = await confirmedVisitor(clock.id, { name: 'Sam Second' })
	await waitForEmail(second.email, /^Slot 2 to speak/)
	const slot = await slotByToken(anon, second.token)
	expect(slot?.speaker).toMatchObject({ name: 'Sam Second', status: 'listed', slot: 2 })
	expect(slot?.estimatedAt?.getTime()).toBe(clock.due_at.getTime() + 3 * 60_000)
	// Opening the link again changes nothing.
	expect((await confirmSpeaker(anon, first.token))?.outcome).toBe('already')
	// The public sees the count, never who.
	const page = await speakersPage(anon, target.proceedingSlug)
	expect(page?.hearings[0]).toMatchObject({ listed: 2, waitlisted: 0, open: true })
	expect(JSON.stringify(page)).not.toContain(first.email)
})

test('a full list offers its waitlist; when someone drops out the first person waiting takes the slot and is emailed', async () => {
	const target = await world()
	const clock = await hearing(target, 5)
	expect(await setPlaces(target.organizer.caller, clock.id, 1)).toBe(true)
	const seated = await createUser(committed(), { label: 'seated' })
	const mine = await signUpToSpeak(seated.caller, visitor(clock.id, { name: 'Sara Seated', email: '' }))
	expect(mine).toMatchObject({ ok: true, kind: 'created', status: 'listed', slot: 1 })
	const waiting = await confirmedVisitor(clock.id, { name: 'Wendy Waiting' })
	expect(waiting.status).toBe('waitlisted')
	await waitForEmail(waiting.email, /^Waitlist to speak/)
	const third = await confirmedVisitor(clock.id, { name: 'Theo Third' })
	expect(third.status).toBe('waitlisted')
	expect((await slotByToken(anon, third.token))?.speaker.waitlistPosition).toBe(2)

	const seatedToken = tokenIn((await waitForEmail(seated.email, /^Slot 1 to speak/)).Text, 'slot')
	expect(await cancelSpeaker(anon, seatedToken)).toEqual({ ok: true, already: false })
	const promoted = await waitForEmail(waiting.email, /^A place opened up: slot 1/)
	expect(promoted.Text).toMatch(/Expected to be called at about 6:00/)
	expect((await slotByToken(anon, waiting.token))?.speaker).toMatchObject({ status: 'listed', slot: 1 })
	// Dropping out twice changes nothing and promotes nobody else.
	expect(await cancelSpeaker(anon, seatedToken)).toEqual({ ok: true, already: true })
	const list = await organizerList(target.organizer.caller, target.proceedingSlug)
	expect(list?.hearings[0]?.speakers.map((speaker) => [speaker.name, speaker.status, speaker.slot])).toEqual([
		['Wendy Waiting', 'listed', 1],
		['Theo Third', 'waitlisted', null],
	])
	// More places move the next person up, with an email.
	expect(await setPlaces(target.organizer.caller, clock.id, 2)).toBe(true)
	await waitForEmail(third.email, /^A place opened up: slot 2/)
})

test('only the project’s organizers get the list with contact details, or set its places', async () => {
	const target = await world()
	const clock = await hearing(target, 6)
	await confirmedVisitor(clock.id)
	const stranger = await createUser(committed(), { label: 'stranger' })
	expect(await organizerList(stranger.caller, target.proceedingSlug)).toBeNull()
	expect(await setPlaces(stranger.caller, clock.id, 1)).toBe(false)
	const list = await organizerList(target.organizer.caller, target.proceedingSlug)
	expect(list?.hearings[0]?.speakers[0]?.email).toMatch(/@example\.org$/)
})

test('refusals the page explains: after the cut-off, a hearing with no time, remote where the body takes none, a missing letter', async () => {
	const target = await world({ representative_authorization: 'a letter on the organization’s letterhead' })
	const soon = await hearing(target, 0, 23)
	// The cut-off is two hours before; a hearing today at 11 pm has closed only if it is past 9 pm in New York.
	const closesAt = soon.due_at.getTime() - 2 * 3_600_000
	const expected = Date.now() >= closesAt ? { ok: false, reason: 'signup_closed' } : { ok: true, kind: 'confirm' }
	expect(await signUpToSpeak(anon, visitor(soon.id))).toEqual(expected)
	const past = onlyRow(
		await committed().query<{ id: string }>(
			`insert into public.proceeding_clocks (proceeding_id, kind, due_at) values ($1, 'hearing', now() + interval '1 hour') returning id`,
			[target.proceedingId],
		),
	)
	expect(await signUpToSpeak(anon, visitor(past.id))).toEqual({ ok: false, reason: 'signup_closed' })
	const dayOnly = await hearing(target, 9, 0, { allDay: true })
	expect(await signUpToSpeak(anon, visitor(dayOnly.id))).toEqual({ ok: false, reason: 'no_time' })
	const later = await hearing(target, 9)
	expect(await signUpToSpeak(anon, visitor(later.id, { mode: 'remote' }))).toEqual({ ok: false, reason: 'remote_not_taken' })
	const rep = await createUser(committed(), { label: 'rep' })
	expect(await signUpToSpeak(rep.caller, visitor(later.id, { email: '', organization: 'Friends of the Creek' }))).toEqual({
		ok: false,
		reason: 'letter_missing',
	})
	const notAHearing = onlyRow(
		await committed().query<{ id: string }>(
			`insert into public.proceeding_clocks (proceeding_id, kind, due_at) values ($1, 'vote', now() + interval '9 days') returning id`,
			[target.proceedingId],
		),
	)
	expect(await signUpToSpeak(anon, visitor(notAHearing.id))).toEqual({ ok: false, reason: 'not_a_hearing' })
	// Nothing was listed by any of these.
	const rows = await db()
		.selectFrom('speakers')
		.select('id')
		.where('proceeding_id', '=', target.proceedingId)
		.where('status', '<>', 'pending')
		.execute()
	expect(rows).toEqual([])
})

test('signing up twice says so and keeps the first slot; a visitor typing a listed address emails its owner', async () => {
	const target = await world()
	const clock = await hearing(target, 7)
	const member = await createUser(committed(), { label: 'twice' })
	const first = await signUpToSpeak(member.caller, visitor(clock.id, { email: '' }))
	const again = await signUpToSpeak(member.caller, visitor(clock.id, { email: '', name: 'Other name' }))
	expect(first).toMatchObject({ ok: true, kind: 'created', slot: 1 })
	expect(again).toMatchObject({ ok: true, kind: 'already', slot: 1 })
	expect(first.ok && again.ok && 'slotPath' in first && 'slotPath' in again && first.slotPath === again.slotPath).toBe(true)
	// The page answers a visitor the same either way; the email tells the owner.
	expect(await signUpToSpeak(anon, visitor(clock.id, { email: member.email.toUpperCase() }))).toEqual({ ok: true, kind: 'confirm' })
	await waitForEmail(member.email, /^You are already signed up to speak/)
	expect((await speakersPage(anon, target.proceedingSlug))?.hearings[0]?.listed).toBe(1)
})

test('reminders go the day before and the morning of, at 7 am in the body’s zone, once each', async () => {
	const target = await world()
	const clock = await hearing(target, 3)
	const speaker = await confirmedVisitor(clock.id)
	const localDay = (offset: number) => {
		const day = new Date(clock.due_at.getTime() + offset * 86_400_000)
		return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(day)
	}
	// 7 am New York is 12:00 UTC in winter and 11:00 UTC in summer; the hearing's own offset says which.
	const offsetHours = clock.due_at.getUTCHours() - 18
	const at = (day: string, hour: number) => new Date(`${day}T${String(hour + offsetHours).padStart(2, '0')}:00:00Z`)
	const dayBefore = at(localDay(-1), 7)
	expect(await sendSpeakerReminders(new Date(dayBefore.getTime() - 60_000))).toBe(0)
	expect(await sendSpeakerReminders(dayBefore)).toBeGreaterThanOrEqual(1)
	const tomorrow = await waitForEmail(speaker.email, /^You speak tomorrow: Public hearing/)
	expect(tomorrow.Text).toMatch(/Your slot: 1\. Expected to be called at about 6:00/)
	expect(await sendSpeakerReminders(new Date(dayBefore.getTime() + 15 * 60_000))).toBe(0)
	const morning = at(localDay(0), 7)
	expect(await sendSpeakerReminders(morning)).toBeGreaterThanOrEqual(1)
	await waitForEmail(speaker.email, /^You speak today: Public hearing/)
	expect(await sendSpeakerReminders(morning)).toBe(0)
	const sent = await pool().query(
		'select which from private.speaker_reminders_sent r join public.speakers s on s.id = r.speaker_id where s.email = $1',
		[speaker.email],
	)
	expect(sent.rows.map((row: { which: string }) => row.which).sort()).toEqual(['day_before', 'morning_of'])
})

test('a job for an email whose moment has passed sends nothing', async () => {
	const target = await world()
	const clock = await hearing(target, 8)
	const speaker = await confirmedVisitor(clock.id)
	expect(await cancelSpeaker(anon, speaker.token)).toEqual({ ok: true, already: false })
	const row = await db().selectFrom('speakers').select('id').where('email', '=', speaker.email).executeTakeFirstOrThrow()
	expect(await emailAboutSpeaker(row.id, 'listed', `test:${row.id}`)).toBe(false)
})

test('two hearings before the body on one evening are heard in order: a person on both lists has times that do not overlap', async () => {
	const target = await world()
	const first = await hearing(target, 10, 18, { label: 'Rezoning hearing' })
	const second = await hearing(target, 10, 18, { label: 'Special use permit hearing' })
	const [earlier, later] = [first, second].sort((a, b) => a.id.localeCompare(b.id))
	const both = `${unique('both')}@example.org`
	await confirmedVisitor(earlier?.id ?? '')
	await confirmedVisitor(earlier?.id ?? '')
	const [firstLabel, secondLabel] =
		earlier === first ? ['Rezoning hearing', 'Special use permit hearing'] : ['Special use permit hearing', 'Rezoning hearing']
	const onFirst = await confirmedVisitor(earlier?.id ?? '', { email: both }, new RegExp(`^Confirm your place to speak: ${firstLabel}`))
	const onSecond = await confirmedVisitor(later?.id ?? '', { email: both }, new RegExp(`^Confirm your place to speak: ${secondLabel}`))
	const a = await slotByToken(anon, onFirst.token)
	const b = await slotByToken(anon, onSecond.token)
	expect(a?.speaker.slot).toBe(3)
	expect(b?.speaker.slot).toBe(1)
	const aStarts = a?.estimatedAt?.getTime() ?? 0
	const bStarts = b?.estimatedAt?.getTime() ?? 0
	expect(bStarts).toBeGreaterThanOrEqual(aStarts + 3 * 60_000)
	expect(b?.hearing.after).toBe(firstLabel)
})

test('the project page gets each proceeding’s next speaking deadline, and none once sign-up has closed', async () => {
	const target = await world()
	expect(await nextSpeakingDeadlines(anon, target.projectId)).toEqual([])
	const clock = await hearing(target, 12)
	const deadlines = await nextSpeakingDeadlines(anon, target.projectId)
	expect(deadlines).toEqual([
		expect.objectContaining({
			proceedingSlug: target.proceedingSlug,
			hearingAt: clock.due_at,
			closesAt: new Date(clock.due_at.getTime() - 2 * 3_600_000),
			listed: 0,
			full: false,
		}),
	])
})

test('an editor records a representative’s time, the letter the body asks for and remote testimony; sign-up follows them', async () => {
	const target = await world(null)
	const clock = await hearing(target, 11)
	const saved = await saveBodyRules(
		target.organizer.caller,
		target.proceedingSlug,
		bodyRulesSchema.parse({
			intent: 'rules',
			speakingMinutes: '2',
			representativeMinutes: '4',
			representativeAuthorization: 'a signed letter from the organization’s board',
			remoteTestimony: 'yes',
			rulesSourceUrl: 'https://example.org/board-rules',
		}),
	)
	expect(saved).toEqual({ ok: true, outcome: 'rules' })
	const page = await speakersPage(anon, target.proceedingSlug)
	expect(page?.rules).toMatchObject({
		speakingMinutes: 2,
		representativeMinutes: 4,
		representativeAuthorization: 'a signed letter from the organization’s board',
		remoteTestimony: true,
	})
	const remote = await confirmedVisitor(clock.id, { mode: 'remote' })
	expect((await slotByToken(anon, remote.token))?.speaker).toMatchObject({ mode: 'remote', slot: 1 })
	const rep = await createUser(committed(), { label: 'representative' })
	expect(await signUpToSpeak(rep.caller, visitor(clock.id, { email: '', organization: 'Creek Alliance' }))).toEqual({
		ok: false,
		reason: 'letter_missing',
	})
})

test('a member’s home lists their places on speakers’ lists, signed up with the account or from its confirmed address', async () => {
	const target = await world()
	const clock = await hearing(target, 6, 18, { label: 'Rezoning public hearing' })
	const member = await createUser(committed(), { label: 'speaker' })
	// First in line, signed up without an account from the address the account later confirmed.
	const byEmail = await confirmedVisitor(clock.id, { name: 'Mo Member', email: member.email })
	expect(byEmail.status).toBe('listed')
	const stranger = await createUser(committed(), { label: 'stranger' })
	expect(await signUpToSpeak(stranger.caller, visitor(clock.id, { name: 'Stan Stranger', email: '' }))).toMatchObject({ slot: 2 })
	// Unconfirmed, from the member's other address: not theirs to see.
	expect(await signUpToSpeak(anon, visitor(clock.id, { email: `other-${member.email}` }))).toEqual({ ok: true, kind: 'confirm' })
	const later = await hearing(target, 9, 18, { label: 'Second hearing' })
	const signedIn = await signUpToSpeak(member.caller, visitor(later.id, { name: 'Mo Member', email: '' }))
	expect(signedIn).toMatchObject({ ok: true, status: 'listed', slot: 1 })

	const home = await memberHome(member.caller)
	const speaking = home.upcoming.filter((item) => item.kind === 'speaking')
	expect(speaking.map((item) => [item.title, item.at.getTime(), item.answer])).toEqual([
		['Speaker 1: Rezoning public hearing', clock.due_at.getTime(), null],
		['Speaker 1: Second hearing', later.due_at.getTime(), null],
	])
	expect(speaking[0]?.href).toMatch(/^\/speakers\/slot\?token=/)
	expect(decodeURIComponent(speaking[0]?.href.split('token=')[1] ?? '')).toBe(byEmail.token)
	// The stranger's home has their own slot only, at its estimated time after the first speaker's three minutes.
	const theirs = (await memberHome(stranger.caller)).upcoming.filter((item) => item.kind === 'speaking')
	expect(theirs.map((item) => [item.title, item.at.getTime()])).toEqual([
		['Speaker 2: Rezoning public hearing', clock.due_at.getTime() + 3 * 60_000],
	])
	// A cancelled place leaves the home page.
	expect(await cancelSpeaker(anon, byEmail.token)).toEqual({ ok: true, already: false })
	expect((await memberHome(member.caller)).upcoming.filter((item) => item.kind === 'speaking').map((item) => item.title)).toEqual([
		'Speaker 1: Second hearing',
	])
})

test('the speakers’ list as a PDF: each name as typed, slots with their times, the waitlist in order, no email addresses, organizers only', async () => {
	const target = await world()
	const clock = await hearing(target, 7, 18, { label: 'Rezoning public hearing' })
	expect(await setPlaces(target.organizer.caller, clock.id, 2)).toBe(true)
	const minh = await createUser(committed(), { label: 'minh' })
	expect(await signUpToSpeak(minh.caller, visitor(clock.id, { name: 'Nguyễn Thị Minh', email: '' }))).toMatchObject({ slot: 1 })
	const rep = await confirmedVisitor(clock.id, { name: 'Олена Коваль', organization: 'Friends of Goose Creek' })
	expect(rep.status).toBe('listed')
	const waiting = await confirmedVisitor(clock.id, { name: 'Zoë Ångström' })
	expect(waiting.status).toBe('waitlisted')

	expect(await speakersListPdf(minh.caller, target.proceedingSlug)).toBeNull()
	const pdf = await speakersListPdf(target.organizer.caller, target.proceedingSlug)
	expect(pdf?.filename).toBe(`${target.proceedingSlug}-speakers.pdf`)
	const text = await pdfText(pdf?.pdf ?? Buffer.alloc(0))
	expect(text).toContain('Speakers’ list: Rezoning to data center')
	expect(text).toMatch(/Rezoning public hearing: .*6:00/)
	expect(text).toMatch(/1\. About 6:00 PM E[SD]T — Nguyễn Thị Minh/)
	expect(text).toMatch(/Themselves · 3 minutes · In person/)
	// The representative's longer time follows the first speaker's three minutes.
	expect(text).toMatch(/2\. About 6:03 PM E[SD]T — Олена Коваль/)
	expect(text).toMatch(/Friends of Goose Creek · 5 minutes/)
	expect(text.indexOf('Waitlist')).toBeLessThan(text.indexOf('1. Zoë Ångström'))
	expect(text).not.toContain('@')
})
