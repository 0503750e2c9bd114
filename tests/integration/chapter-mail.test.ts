import { afterAll, beforeAll, expect, test } from 'vitest'
import { chapterContact, chapterReplyTo, setChapterContact } from '#app/chapters/contact.server'
import { readInvitationList } from '#app/chapters/invitation-list'
import { previewInvitation } from '#app/chapters/invitations.server'
import { anon, asCaller, db, serviceRole } from '#app/db/db.server'
import { startWorker } from '#app/jobs/worker.server'
import { action as editChapterAction } from '#app/routes/chapters+/$slug_.edit'
import { action as membersAction } from '#app/routes/chapters+/$slug_.members'
import { action as newUpdateAction, loader as newUpdateLoader } from '#app/routes/chapters+/$slug_.updates.new'
import { newAccount } from '#tests/helpers/accounts'
import { addMembers, committed, createUser, startChapter, unique } from '#tests/helpers/factories'
import { headersOf, inbox, settle, waitForEmail } from '#tests/helpers/mailbox'
import { getPage, postForm, signIn } from '#tests/helpers/session'

// Issue 15, items 3 and 9: an update or an invitation is a message an
// organizer writes, so replies reach the chapter (or the organizer who sent
// it), and invitations go to a pasted list with each address's result.

let worker: Awaited<ReturnType<typeof startWorker>>
beforeAll(async () => {
	worker = await startWorker({ concurrency: 4 })
})
afterAll(async () => {
	await worker.stop()
})

/** A route's answer: a redirect's location, or the data it sent back. */
async function answer(work: () => Promise<unknown>): Promise<{ status: number; location: string | null; data: Record<string, unknown> }> {
	const result = await work()
	if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), data: {} }
	if (result && typeof result === 'object' && 'data' in result) {
		const { init, data } = result as { init: { status?: number } | null; data: Record<string, unknown> }
		return { status: init?.status ?? 200, location: null, data }
	}
	throw new Error(`unexpected route result: ${String(result)}`)
}

async function postUpdate(slug: string, cookie: string, title: string) {
	return answer(() =>
		newUpdateAction({
			request: postForm(`/chapters/${slug}/updates/new`, cookie, { intent: 'post', title, body: 'Questions? Reply to this email.' }),
			params: { slug },
			context: {},
		}),
	)
}

test('an update carries the writing organizer as Reply-To, then the chapter’s address once set, and the compose page says so', async () => {
	const organizer = await newAccount('organizer')
	const member = await createUser(committed(), { label: 'member' })
	const chapter = await startChapter(organizer)
	await addMembers(committed(), chapter.id, [member])
	const cookie = await signIn(organizer)

	const compose = await answer(() =>
		newUpdateLoader({ request: getPage(`/chapters/${chapter.slug}/updates/new`, cookie), params: { slug: chapter.slug }, context: {} }),
	)
	expect(compose.data.replyTo).toEqual({ email: organizer.email, source: 'sender' })
	const first = `First ${unique('u')}`
	expect((await postUpdate(chapter.slug, cookie, first)).status).toBe(302)
	const mail = await waitForEmail(member.email, new RegExp(first))
	expect((await headersOf(mail.ID))['Reply-To']?.[0]).toContain(organizer.email)

	// The organizer sets the chapter's own address on its edit page; a bad one is refused and kept.
	const contact = `${unique('inbox')}@example.org`
	const fields = { name: chapter.name, place: 'Loudoun County, VA', description: '', visibility: 'public' }
	const refused = await answer(() =>
		editChapterAction({
			request: postForm(`/chapters/${chapter.slug}/edit`, cookie, { ...fields, contactEmail: 'not an address' }),
			params: { slug: chapter.slug },
			context: {},
		}),
	)
	expect(refused.status).toBe(400)
	expect(refused.data).toMatchObject({
		errors: { contactEmail: 'Enter an email address like name@example.org' },
		values: { contactEmail: 'not an address' },
	})
	const saved = await answer(() =>
		editChapterAction({
			request: postForm(`/chapters/${chapter.slug}/edit`, cookie, { ...fields, contactEmail: ` ${contact.toUpperCase()} ` }),
			params: { slug: chapter.slug },
			context: {},
		}),
	)
	expect(saved.location).toBe(`/chapters/${chapter.slug}?notice=edited`)
	const composeAgain = await answer(() =>
		newUpdateLoader({ request: getPage(`/chapters/${chapter.slug}/updates/new`, cookie), params: { slug: chapter.slug }, context: {} }),
	)
	expect(composeAgain.data.replyTo).toEqual({ email: contact, source: 'chapter' })
	const second = `Second ${unique('u')}`
	await postUpdate(chapter.slug, cookie, second)
	const next = await waitForEmail(member.email, new RegExp(second))
	const replyTo = (await headersOf(next.ID))['Reply-To']?.[0] ?? ''
	expect(replyTo).toContain(contact)
	expect(replyTo).not.toContain(organizer.email)
})

test('only organizers read or set the chapter’s reply address; the email jobs read it', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const member = await createUser(committed(), { label: 'member' })
	const chapter = await startChapter(organizer)
	await addMembers(committed(), chapter.id, [member])
	const contact = `${unique('inbox')}@example.org`
	await asCaller(organizer.caller, (trx) => setChapterContact(trx, chapter.id, contact))
	expect(await asCaller(organizer.caller, (trx) => chapterContact(trx, chapter.id))).toBe(contact)
	expect(await asCaller(serviceRole, (trx) => chapterReplyTo(trx, chapter.id, member.id))).toBe(contact)
	for (const caller of [member.caller, anon]) {
		expect(await asCaller(caller, (trx) => chapterContact(trx, chapter.id)).catch(() => 'refused')).toSatisfy(
			(value) => value === null || value === 'refused',
		)
		expect(await asCaller(caller, (trx) => chapterReplyTo(trx, chapter.id, organizer.id)).catch(() => 'refused')).toSatisfy(
			(value) => value === null || value === 'refused',
		)
	}
	await expect(asCaller(member.caller, (trx) => setChapterContact(trx, chapter.id, 'evil@example.org'))).rejects.toThrow()
	await expect(asCaller(anon, (trx) => setChapterContact(trx, chapter.id, 'evil@example.org'))).rejects.toThrow()
	// An organizer asks about their own address only, never another person's.
	await asCaller(organizer.caller, (trx) => setChapterContact(trx, chapter.id, ''))
	expect(await asCaller(organizer.caller, (trx) => chapterReplyTo(trx, chapter.id, member.id))).toBeNull()
	expect(await asCaller(organizer.caller, (trx) => chapterReplyTo(trx, chapter.id, organizer.id))).toBe(organizer.email)
	expect(await asCaller(serviceRole, (trx) => chapterContact(trx, chapter.id))).toBeNull()
})

test('a pasted list invites each new address once and reports every entry; invitations reply to the organizer', async () => {
	const organizer = await newAccount('organizer')
	const member = await createUser(committed(), { label: 'member' })
	const chapter = await startChapter(organizer, 'private')
	await addMembers(committed(), chapter.id, [member])
	const cookie = await signIn(organizer)
	const ana = `${unique('ana')}@example.org`
	const ben = `${unique('ben')}@example.org`
	const list = `Ana Díaz <${ana.toUpperCase()}>, ${ben}\n${member.email}; not-an-address\n\n"Ben again" <${ben}>`
	const sent = await answer(() =>
		membersAction({
			request: postForm(`/chapters/${chapter.slug}/members`, cookie, { intent: 'invite', emails: list }),
			params: { slug: chapter.slug },
			context: {},
		}),
	)
	expect(sent.data.invited).toEqual([
		{ address: ana, outcome: 'invited' },
		{ address: ben, outcome: 'invited' },
		{ address: member.email, outcome: 'already_member' },
		{ address: 'not-an-address', outcome: 'not_an_email' },
	])
	const invitation = await waitForEmail(ana, /^You are invited to join/)
	expect((await headersOf(invitation.ID))['Reply-To']?.[0]).toContain(organizer.email)
	// The same list again: nobody is invited twice while their link works.
	const again = await answer(() =>
		membersAction({
			request: postForm(`/chapters/${chapter.slug}/members`, cookie, { intent: 'invite', emails: `${ana}, ${ben}` }),
			params: { slug: chapter.slug },
			context: {},
		}),
	)
	expect(again.data.invited).toEqual([
		{ address: ana, outcome: 'already_invited' },
		{ address: ben, outcome: 'already_invited' },
	])
	await settle()
	expect(await inbox(ana)).toHaveLength(1)
	expect(await db().selectFrom('chapter_invitations').select('id').where('chapter_id', '=', chapter.id).execute()).toHaveLength(2)

	// The invited person's link leads to a sign-up form with their address in it.
	const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(invitation.Text)?.[1] ?? ''
	expect(await previewInvitation(anon, token)).toMatchObject({ state: 'valid', email: ana })
})

test('a list with no address, or past the cap, is refused with what was typed kept', async () => {
	const organizer = await newAccount('organizer')
	const chapter = await startChapter(organizer)
	const cookie = await signIn(organizer)
	const post = (emails: string) =>
		answer(() =>
			membersAction({
				request: postForm(`/chapters/${chapter.slug}/members`, cookie, { intent: 'invite', emails }),
				params: { slug: chapter.slug },
				context: {},
			}),
		)
	const none = await post('nobody, at all')
	expect(none.status).toBe(400)
	expect(none.data).toMatchObject({
		errors: { emails: 'Enter an email address like name@example.org' },
		values: { emails: 'nobody, at all' },
	})
	const many = Array.from({ length: 51 }, (_, n) => `person${n}@example.org`).join('\n')
	const tooMany = await post(many)
	expect(tooMany.status).toBe(400)
	expect(tooMany.data).toMatchObject({
		errors: { emails: expect.stringContaining('This list has 51 entries. Invite at most 50') },
		values: { emails: many },
	})
	expect(await db().selectFrom('chapter_invitations').select('id').where('chapter_id', '=', chapter.id).execute()).toEqual([])
	expect(readInvitationList('a@example.org,,\r\n A@EXAMPLE.ORG ; mailto:b@example.org')).toEqual([
		{ text: 'a@example.org', email: 'a@example.org' },
		{ text: 'mailto:b@example.org', email: 'b@example.org' },
	])
})
