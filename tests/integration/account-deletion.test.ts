import { sql } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createAdminSupabase } from '#app/auth/supabase.server'
import { listAuditLog } from '#app/chapters/audit.server'
import { inviteByEmail } from '#app/chapters/invitations.server'
import { anon, db } from '#app/db/db.server'
import { createEvent, rsvpToEvent } from '#app/events/events.server'
import type { EventInput } from '#app/events/schemas'
import { startWorker } from '#app/jobs/worker.server'
import { reportPetition } from '#app/moderation/moderation.server'
import { getPetition, setStatus } from '#app/petitions/petitions.server'
import { action as deleteAccountAction } from '#app/routes/account+/delete'
import { loader as exportLoader } from '#app/routes/account+/export'
import { newAccount, type Account } from '#tests/helpers/accounts'
import { newYorkTime as soon } from '#tests/helpers/event-factories'
import {
	addMembers,
	committed,
	createPetition,
	createSignature,
	createUser,
	makeModerator,
	startChapter,
	unique,
	type User,
} from '#tests/helpers/factories'
import { waitForEmail } from '#tests/helpers/mailbox'
import { petitionWithOrganizer, settledCount, withClient } from '#tests/helpers/petition-flow'
import { getPage, postForm, signIn } from '#tests/helpers/session'

// Deleting an account through the page, and what it does to each kind of
// record the person left behind (docs/decisions/036).

let worker: Awaited<ReturnType<typeof startWorker>>
beforeAll(async () => {
	worker = await startWorker({ concurrency: 2 })
})
afterAll(async () => {
	await worker.stop()
})

/** Signs in and deletes the account on /account/delete, as the person would. */
async function deleteThroughPage(account: Account) {
	const cookie = await signIn(account)
	return deleteAccountAction({ request: postForm('/account/delete', cookie, { confirm: 'DELETE' }), params: {}, context: {} })
}

async function expectDeleted(account: Account) {
	const result = await deleteThroughPage(account)
	expect(result instanceof Response ? result.headers.get('Location') : result).toBe('/?deleted=1')
	const { rows } = await sql<{ n: number }>`select count(*)::int as n from auth.users where id = ${account.id}`.execute(db())
	expect(rows[0]?.n).toBe(0)
}

async function downloadMyData(account: Account) {
	const response = await exportLoader({ request: getPage('/account/export', await signIn(account)), params: {}, context: {} })
	expect(response.status).toBe(200)
	return (await response.json()) as Record<string, unknown>
}

async function newEvent(organizer: User, capacity: string) {
	const chapter = await startChapter(organizer)
	const input: EventInput = {
		kind: 'meeting',
		title: `Meeting ${unique('e')}`,
		description: '',
		startsAt: soon(4),
		endsAt: soon(4, 2),
		timeZone: 'America/New_York',
		locationName: 'Library, Room B',
		address: '',
		onlineUrl: '',
		capacity,
	}
	const created = await createEvent(organizer.caller, chapter.id, input)
	if (!created.ok) throw new Error('event not created')
	return { id: created.eventId, chapterSlug: chapter.slug, chapterName: chapter.name }
}

async function seats(eventId: string) {
	const event = await db()
		.selectFrom('events')
		.select(['going_count', 'waitlist_count'])
		.where('id', '=', eventId)
		.executeTakeFirstOrThrow()
	const rows = await db().selectFrom('event_rsvps').select(['email', 'status']).where('event_id', '=', eventId).execute()
	return {
		going: event.going_count,
		waitlisted: event.waitlist_count,
		goingRows: rows.filter((row) => row.status === 'going').length,
		waitlistedRows: rows.filter((row) => row.status === 'waitlisted').length,
		emails: rows.map((row) => row.email),
	}
}

test('deleting an account frees its seat, moves the first person waiting up and emails them, and erases every answer it gave', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const full = await newEvent(organizer, '3')
	const open = await newEvent(organizer, '')
	const leaving = await newAccount('leaving')
	const waiting = `${unique('waiting')}@example.org`
	expect(await rsvpToEvent(leaving.caller, full, { name: '', email: '' })).toMatchObject({ ok: true, status: 'going' })
	for (const name of ['Ana', 'Ben']) await rsvpToEvent(anon, full, { name, email: `${unique(name.toLowerCase())}@example.org` })
	expect(await rsvpToEvent(anon, full, { name: 'Wendy', email: waiting })).toMatchObject({ ok: true, status: 'waitlisted' })
	// Before they had an account, they answered another event with the same address.
	expect(await rsvpToEvent(anon, open, { name: 'Me, before my account', email: leaving.email })).toMatchObject({
		ok: true,
		status: 'going',
	})

	await expectDeleted(leaving)

	expect(await seats(full.id)).toMatchObject({ going: 3, waitlisted: 0, goingRows: 3, waitlistedRows: 0 })
	expect((await seats(full.id)).emails).not.toContain(leaving.email)
	const promoted = await waitForEmail(waiting, /^A place opened up for you/)
	expect(promoted.Text).toContain('/rsvp/')
	expect(await seats(open.id)).toEqual({ going: 0, waitlisted: 0, goingRows: 0, waitlistedRows: 0, emails: [] })
})

test('a petition of no chapter goes to the chapter its creator organized, whose organizers run it; the drafts only they saw are erased', async () => {
	const lead = await newAccount('lead')
	const co = await createUser(committed(), { label: 'co' })
	const chapter = await startChapter(co)
	await db().insertInto('memberships').values({ chapter_id: chapter.id, user_id: lead.id, role: 'organizer', status: 'active' }).execute()
	const { published, draft } = await withClient(async (client) => ({
		published: await createPetition(client, { organizer: lead, chapter: null }),
		draft: await createPetition(client, { organizer: lead, chapter: null, status: 'draft' }),
	}))

	await expectDeleted(lead)

	const row = await db()
		.selectFrom('petitions')
		.select(['chapter_id', 'created_by'])
		.where('id', '=', published.id)
		.executeTakeFirstOrThrow()
	expect(row).toEqual({ chapter_id: chapter.id, created_by: null })
	expect((await getPetition(co.caller, published.slug))?.canManage).toBe(true)
	expect(await setStatus(co.caller, published.id, 'closed')).toBe(true)
	expect(await db().selectFrom('petitions').select('id').where('id', '=', draft.id).executeTakeFirst()).toBeUndefined()
	const { entries } = await listAuditLog(co.caller, chapter.id)
	expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['petition.handed_over', 'member.account_deleted']))
	expect(entries.find((entry) => entry.action === 'petition.handed_over')?.details.title).toBe('Keep the county water study public')
})

test('a petition nobody runs any more is run by the moderators', async () => {
	const former = await newAccount('former')
	const moderator = await createUser(committed(), { label: 'moderator' })
	const bystander = await createUser(committed(), { label: 'bystander' })
	const petition = await withClient(async (client) => {
		await makeModerator(client, moderator)
		// Started while they organized a chapter; they have stepped down since.
		return createPetition(client, { organizer: former, chapter: null })
	})
	expect((await getPetition(moderator.caller, petition.slug))?.canManage).toBe(false)

	await expectDeleted(former)

	expect((await getPetition(moderator.caller, petition.slug))?.canManage).toBe(true)
	expect((await getPetition(bystander.caller, petition.slug))?.canManage).toBe(false)
	expect(await setStatus(moderator.caller, petition.id, 'closed')).toBe(true)
	expect(await setStatus(bystander.caller, petition.id, 'published')).toBe(false)
})

test('signatures lose name, email, postal code and IP address; the confirmed ones keep counting, the rest are gone', async () => {
	const signer = await newAccount('signer')
	const { petition: signedAsVisitor } = await petitionWithOrganizer()
	const { petition: neverConfirmed } = await petitionWithOrganizer()
	const { petition: signedAsMember } = await petitionWithOrganizer()
	const [localPart, domain] = signer.email.split('@')
	await withClient(async (client) => {
		await createSignature(client, signedAsVisitor, {
			name: 'Sam Signer',
			email: signer.email,
			status: 'confirmed',
			ip: '198.51.100.23',
			showName: true,
			wantsUpdates: true,
		})
		// The same mailbox, written with a +tag: one person.
		await createSignature(client, neverConfirmed, {
			name: 'Sam Signer',
			email: `${localPart}+petitions@${domain}`,
			status: 'pending',
			ip: '198.51.100.23',
		})
		await createSignature(client, signedAsMember, {
			name: 'Sam Signer',
			email: `old-${signer.email}`,
			status: 'confirmed',
			userId: signer.id,
		})
	})
	await reportPetition(signer.caller, {
		petitionId: signedAsVisitor.id,
		reason: 'misleading',
		details: 'The map is out of date.',
		email: signer.email,
	})
	await settledCount(signedAsVisitor.id, 1)
	await settledCount(signedAsMember.id, 1)

	await expectDeleted(signer)

	const rows = await db()
		.selectFrom('signatures')
		.select([
			'petition_id',
			'name',
			'email',
			'email_domain',
			'postal_code',
			'place_label',
			'ip',
			'user_id',
			'show_name',
			'wants_updates',
			'status',
		])
		.where('petition_id', 'in', [signedAsVisitor.id, neverConfirmed.id, signedAsMember.id])
		.orderBy('petition_id')
		.execute()
	const erased = {
		name: '',
		email: '',
		email_domain: '',
		postal_code: '',
		place_label: '',
		ip: null,
		user_id: null,
		show_name: false,
		wants_updates: false,
		status: 'confirmed',
	}
	expect(rows.sort((a, b) => a.petition_id.localeCompare(b.petition_id))).toEqual(
		[
			{ petition_id: signedAsVisitor.id, ...erased },
			{ petition_id: signedAsMember.id, ...erased },
		].sort((a, b) => a.petition_id.localeCompare(b.petition_id)),
	)
	await settledCount(signedAsVisitor.id, 1)
	await settledCount(signedAsMember.id, 1)
	const report = await db()
		.selectFrom('petition_reports')
		.select(['reporter_email', 'reporter_id', 'details'])
		.where('petition_id', '=', signedAsVisitor.id)
		.executeTakeFirstOrThrow()
	expect(report).toEqual({ reporter_email: null, reporter_id: null, details: 'The map is out of date.' })
})

test('an invitation to the person, and their address in the chapter’s audit log, are erased', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer)
	const invitee = await newAccount('invitee')
	expect(
		await inviteByEmail(organizer.caller, chapter, { email: invitee.email, inviterName: organizer.name, timeZone: 'UTC' }),
	).toMatchObject({ ok: true })
	expect((await listAuditLog(organizer.caller, chapter.id)).entries.some((entry) => entry.details.email === invitee.email)).toBe(true)

	await expectDeleted(invitee)

	expect(await db().selectFrom('chapter_invitations').select('id').where('email', '=', invitee.email).execute()).toEqual([])
	const { entries } = await listAuditLog(organizer.caller, chapter.id)
	expect(entries.map((entry) => entry.action)).toContain('invitation.sent')
	expect(JSON.stringify(entries)).not.toContain(invitee.email)
})

test('the only organizer of a chapter cannot be deleted, by the page or by Auth directly', async () => {
	const sole = await newAccount('sole')
	const chapter = await startChapter(sole)
	const member = await createUser(committed(), { label: 'member' })
	await addMembers(committed(), chapter.id, [member])

	const result = await deleteThroughPage(sole)
	expect(result instanceof Response).toBe(false)
	expect(JSON.stringify(result)).toContain('You are the only organizer of these chapters')

	const { error } = await createAdminSupabase().auth.admin.deleteUser(sole.id)
	expect(error).not.toBeNull()
	const { rows } = await sql<{ n: number }>`select count(*)::int as n from auth.users where id = ${sole.id}`.execute(db())
	expect(rows[0]?.n).toBe(1)
})

test('“download my data” includes signatures by account and by address, event answers made before the account, and reports', async () => {
	const person = await newAccount('exporter')
	const organizer = await createUser(committed(), { label: 'organizer' })
	const event = await newEvent(organizer, '')
	const { petition: first } = await petitionWithOrganizer()
	const { petition: second } = await petitionWithOrganizer()
	await withClient(async (client) => {
		await createSignature(client, first, {
			name: 'Ex Porter',
			email: person.email,
			status: 'pending',
			ip: '198.51.100.41',
			postalCode: '20175',
		})
		await createSignature(client, second, {
			name: 'Ex Porter',
			email: `someone-else-${person.email}`,
			status: 'confirmed',
			userId: person.id,
		})
	})
	await rsvpToEvent(anon, event, { name: 'Ex Porter', email: person.email })
	await reportPetition(person.caller, { petitionId: second.id, reason: 'spam', details: 'Looks copied.', email: '' })

	const data = await downloadMyData(person)

	expect(data.signatures).toEqual(
		expect.arrayContaining([
			expect.objectContaining({
				slug: first.slug,
				name: 'Ex Porter',
				email: person.email,
				postalCode: '20175',
				ipAddress: '198.51.100.41',
				status: 'pending',
			}),
			expect.objectContaining({ slug: second.slug, email: `someone-else-${person.email}`, status: 'confirmed' }),
		]),
	)
	expect(data.eventAnswers).toEqual([expect.objectContaining({ name: 'Ex Porter', email: person.email, status: 'going' })])
	expect(data.reportsFiled).toEqual([expect.objectContaining({ reason: 'spam', details: 'Looks copied.' })])
	expect(data).toMatchObject({ profile: { display_name: person.name }, memberships: [], account: { email: person.email } })
})
