import { sql } from 'kysely'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { listAuditLog } from '#app/chapters/audit.server'
import { findState, getChapter, listChapterPoints, listChapters, slugify } from '#app/chapters/chapters.server'
import { acceptInvitation, inviteByEmail, previewInvitation, revokeInvitation } from '#app/chapters/invitations.server'
import { announceChapterUpdate, sendWeeklyDigests, weekStart } from '#app/chapters/jobs.server'
import {
	approveRequest,
	declineRequest,
	joinChapter,
	leaveChapter,
	listMembers,
	removeMember,
	setEmailFrequency,
	setRole,
} from '#app/chapters/members.server'
import { getUpdate, postUpdate } from '#app/chapters/updates.server'
import { anon, asCaller, db } from '#app/db/db.server'
import { startWorker } from '#app/jobs/worker.server'
import { Markdown } from '#app/markdown/markdown'
import { markdownTree } from '#app/markdown/markdown.server'
import { searchPlacesFor } from '#app/places/search.server'
import { addMembers, committed, createUser, startChapter, unique } from '#tests/helpers/factories'
import { headersOf, inbox, settle, waitForEmail } from '#tests/helpers/mailbox'

let worker: Awaited<ReturnType<typeof startWorker>>
beforeAll(async () => {
	worker = await startWorker({ concurrency: 4 })
})
afterAll(async () => {
	await worker.stop()
})

async function statusOf(chapterId: string, userId: string) {
	const row = await db()
		.selectFrom('memberships')
		.select(['role', 'status'])
		.where('chapter_id', '=', chapterId)
		.where('user_id', '=', userId)
		.executeTakeFirst()
	return row ?? null
}

test('a public chapter is joined at once; a private one is asked, then approved or declined; anyone may leave', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const open = await startChapter(organizer, 'public')
	const closed = await startChapter(organizer, 'private')
	const dana = await createUser(committed(), { label: 'dana' })
	const eli = await createUser(committed(), { label: 'eli' })

	expect(await joinChapter(dana.caller, open)).toBe('joined')
	expect(await joinChapter(dana.caller, open)).toBe('already')
	expect(await statusOf(open.id, dana.id)).toEqual({ role: 'member', status: 'active' })

	expect(await joinChapter(dana.caller, closed)).toBe('requested')
	expect(await joinChapter(eli.caller, closed)).toBe('requested')
	expect(await approveRequest(dana.caller, closed, eli.id)).toEqual({ ok: false, reason: 'not_found' })
	expect(await approveRequest(organizer.caller, closed, dana.id)).toEqual({ ok: true })
	expect(await declineRequest(organizer.caller, closed, eli.id)).toEqual({ ok: true })
	expect(await statusOf(closed.id, dana.id)).toEqual({ role: 'member', status: 'active' })
	expect(await statusOf(closed.id, eli.id)).toBeNull()

	expect(await leaveChapter(dana.caller, open.id)).toEqual({ ok: true })
	expect(await statusOf(open.id, dana.id)).toBeNull()
})

test('removing or demoting the last organizer is refused with a reason; with a second organizer it works', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const member = await createUser(committed(), { label: 'member' })
	const chapter = await startChapter(organizer)
	await addMembers(committed(), chapter.id, [member])

	expect(await removeMember(organizer.caller, chapter.id, organizer.id)).toEqual({ ok: false, reason: 'last_organizer' })
	expect(await setRole(organizer.caller, chapter.id, organizer.id, 'member')).toEqual({ ok: false, reason: 'last_organizer' })
	expect(await leaveChapter(organizer.caller, chapter.id)).toEqual({ ok: false, reason: 'last_organizer' })
	expect(await setRole(member.caller, chapter.id, member.id, 'organizer')).toEqual({ ok: false, reason: 'not_found' })

	expect(await setRole(organizer.caller, chapter.id, member.id, 'organizer')).toEqual({ ok: true })
	expect(await setRole(member.caller, chapter.id, organizer.id, 'member')).toEqual({ ok: true })
	expect(await removeMember(member.caller, chapter.id, organizer.id)).toEqual({ ok: true })
	expect(await leaveChapter(member.caller, chapter.id)).toEqual({ ok: false, reason: 'last_organizer' })
})

test('members see names only; organizers also see email addresses', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const member = await createUser(committed(), { label: 'member' })
	const chapter = await startChapter(organizer)
	await addMembers(committed(), chapter.id, [member])
	const asMember = await listMembers(member.caller, chapter.id, { withContacts: true })
	expect(asMember.map((row) => row.displayName).sort()).toEqual([member.name, organizer.name].sort())
	expect(asMember.every((row) => row.email === null)).toBe(true)
	const asOrganizer = await listMembers(organizer.caller, chapter.id, { withContacts: true })
	expect(Object.fromEntries(asOrganizer.map((row) => [row.userId, row.email]))).toEqual({
		[member.id]: member.email,
		[organizer.id]: organizer.email,
	})
})

test('an invitation arrives by email, works once for whoever signs in with it, and then says it was used', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer, 'private')
	const invitee = await createUser(committed(), { label: 'invitee' })
	expect(
		await inviteByEmail(organizer.caller, chapter, { email: invitee.email, inviterName: organizer.name, timeZone: 'America/New_York' }),
	).toEqual({
		ok: true,
		email: invitee.email,
	})
	const message = await waitForEmail(invitee.email, /^You are invited to join/)
	expect(message.Text).toContain(organizer.name)
	const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(message.Text)?.[1] ?? ''
	expect(token.length).toBeGreaterThan(40)

	expect(await previewInvitation(anon, token)).toMatchObject({ chapterSlug: chapter.slug, invitedByName: organizer.name, state: 'valid' })
	const [first, second] = await Promise.all([acceptInvitation(invitee.caller, token), acceptInvitation(invitee.caller, token)])
	expect([first.outcome, second.outcome].sort()).toEqual(['accepted', 'used'])
	expect(await statusOf(chapter.id, invitee.id)).toEqual({ role: 'member', status: 'active' })
	const stranger = await createUser(committed(), { label: 'stranger' })
	expect(await acceptInvitation(stranger.caller, token)).toEqual({ outcome: 'used', chapterSlug: chapter.slug })
	expect(await previewInvitation(anon, token)).toMatchObject({ state: 'used' })
})

test('an expired, withdrawn or replaced invitation says so plainly', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer)
	const person = await createUser(committed(), { label: 'late' })
	const tokens: string[] = []
	for (let i = 0; i < 2; i++) {
		await inviteByEmail(organizer.caller, chapter, { email: person.email, inviterName: organizer.name, timeZone: 'UTC' })
		await expect.poll(async () => (await inbox(person.email)).length, { timeout: 30_000 }).toBe(i + 1)
	}
	for (const summary of await inbox(person.email)) {
		const response = await fetch(`${process.env.MAILBOX_URL}/api/v1/message/${summary.ID}`)
		const { Text } = (await response.json()) as { Text: string }
		tokens.push(/\/invitations\/([A-Za-z0-9_-]+)/.exec(Text)?.[1] ?? '')
	}
	const states = await Promise.all(tokens.map(async (token) => (await previewInvitation(anon, token))?.state))
	// Inviting the same address again withdraws the older link.
	expect([...states].sort()).toEqual(['revoked', 'valid'])
	const valid = tokens[states.indexOf('valid')] ?? ''
	await db()
		.updateTable('chapter_invitations')
		.set({ created_at: sql`now() - interval '8 days'`, expires_at: sql`now() - interval '1 day'` })
		.where('email', '=', person.email)
		.execute()
	expect(await acceptInvitation(person.caller, valid)).toEqual({ outcome: 'expired', chapterSlug: chapter.slug })
	expect(await acceptInvitation(person.caller, 'no-such-invitation-token-at-all')).toEqual({ outcome: 'not_found', chapterSlug: null })

	const other = await createUser(committed(), { label: 'other' })
	await inviteByEmail(organizer.caller, chapter, { email: other.email, inviterName: '', timeZone: 'UTC' })
	const invitation = await db().selectFrom('chapter_invitations').select('id').where('email', '=', other.email).executeTakeFirstOrThrow()
	expect(await revokeInvitation(organizer.caller, chapter.id, invitation.id)).toBe(true)
	const message = await waitForEmail(other.email, /^You are invited/)
	const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(message.Text)?.[1] ?? ''
	expect((await acceptInvitation(other.caller, token)).outcome).toBe('revoked')
	expect(await statusOf(chapter.id, other.id)).toBeNull()
})

test('organizers cannot invite an existing member, and members cannot invite at all', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const member = await createUser(committed(), { label: 'member' })
	const chapter = await startChapter(organizer)
	await addMembers(committed(), chapter.id, [member])
	expect(await inviteByEmail(organizer.caller, chapter, { email: member.email, inviterName: '', timeZone: 'UTC' })).toEqual({
		ok: false,
		reason: 'already_member',
	})
	expect(await inviteByEmail(member.caller, chapter, { email: `${unique('x')}@example.org`, inviterName: '', timeZone: 'UTC' })).toEqual({
		ok: false,
		reason: 'not_allowed',
	})
})

test('an update is emailed in batches with a one-click unsubscribe for that chapter only', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer)
	const members = await Promise.all(Array.from({ length: 120 }, (_, i) => createUser(committed(), { label: `reader${i}` })))
	await addMembers(committed(), chapter.id, members)
	const [weekly, quiet, ...immediate] = members
	if (!weekly || !quiet) throw new Error('setup')
	await setEmailFrequency(weekly.caller, chapter.id, 'weekly')
	await setEmailFrequency(quiet.caller, chapter.id, 'none')

	const updateId = await postUpdate(organizer.caller, chapter.id, {
		title: `Comments close Friday ${unique('u')}`,
		body: 'Write **yours** now.',
	})
	const first = immediate[0]
	const last = immediate.at(-1)
	if (!first || !last) throw new Error('setup')
	const message = await waitForEmail(first.email, /Comments close Friday/)
	await waitForEmail(last.email, /Comments close Friday/)
	expect(message.HTML).toContain('<strong>yours</strong>')
	const headers = await headersOf(message.ID)
	const unsubscribe = /^<(https?:\/\/[^>]+\/unsubscribe\/[0-9a-f-]{36})>$/.exec(headers['List-Unsubscribe']?.[0] ?? '')?.[1]
	expect(unsubscribe).toBeDefined()
	expect(headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click'])
	expect(message.Text).toContain(unsubscribe)

	// 118 immediate recipients plus the organizer: two batches of at most 100.
	const update = await db().selectFrom('chapter_updates').select('emailed_at').where('id', '=', updateId).executeTakeFirstOrThrow()
	expect(update.emailed_at).not.toBeNull()
	expect(await announceChapterUpdate(updateId)).toBe(0)
	await settle()
	expect(await inbox(weekly.email)).toEqual([])
	expect(await inbox(quiet.email)).toEqual([])
	expect((await inbox(first.email)).length).toBe(1)

	// One click, as a mail app does it (RFC 8058), from outside the site.
	const token = unsubscribe?.split('/').at(-1) ?? ''
	const unsubscribed = await asCaller(anon, (trx) =>
		sql<{ chapter_slug: string }>`select * from private.unsubscribe_by_token(${token}::uuid)`.execute(trx),
	)
	expect(unsubscribed.rows[0]?.chapter_slug).toBe(chapter.slug)
	const settings = await db()
		.selectFrom('chapter_subscriptions')
		.select('frequency')
		.where('user_id', '=', first.id)
		.where('chapter_id', '=', chapter.id)
		.executeTakeFirstOrThrow()
	expect(settings.frequency).toBe('none')
	await postUpdate(organizer.caller, chapter.id, { title: `Second update ${unique('u')}`, body: 'More.' })
	await waitForEmail(last.email, /Second update/)
	await settle()
	expect((await inbox(first.email)).length).toBe(1)
}, 90_000)

test('the weekly digest gathers last week’s updates for members who chose it, once', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer)
	const reader = await createUser(committed(), { label: 'weekly' })
	await addMembers(committed(), chapter.id, [reader])
	await setEmailFrequency(reader.caller, chapter.id, 'weekly')
	const week = weekStart(new Date(Date.now() + 7 * 86400_000))
	const first = await postUpdate(organizer.caller, chapter.id, { title: `Digest one ${unique('d')}`, body: 'First.' })
	await postUpdate(organizer.caller, chapter.id, { title: `Digest two ${unique('d')}`, body: 'Second.' })
	expect(await sendWeeklyDigests(week)).toBeGreaterThanOrEqual(1)
	expect(await sendWeeklyDigests(week)).toBe(0)
	const digest = await waitForEmail(reader.email, /2 updates from the week of/)
	expect(digest.Text).toContain(`/updates/${first}`)
	const headers = await headersOf(digest.ID)
	expect(headers['List-Unsubscribe']?.[0]).toMatch(/\/unsubscribe\//)
	await settle()
	expect(await inbox(reader.email)).toHaveLength(1)
})

test('a private chapter’s updates are for its members; Markdown is rendered through a whitelist', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer, 'private')
	const body =
		'<script>alert(1)</script>\n\n[click](javascript:alert(1)) ![pixel](https://tracker.example/p.gif) <img src=x onerror=alert(1)>'
	const id = await postUpdate(organizer.caller, chapter.id, { title: 'Members only', body })
	const outsider = await createUser(committed(), { label: 'outsider' })
	expect(await getUpdate(anon, chapter.id, id)).toBeNull()
	expect(await getUpdate(outsider.caller, chapter.id, id)).toBeNull()
	const update = await getUpdate(organizer.caller, chapter.id, id)
	const html = renderToStaticMarkup(Markdown({ tree: markdownTree(update?.body ?? '') }))
	for (const unsafe of [/<script/i, /<img/i, /href="javascript/i, /<[^>]+\son\w+=/i]) expect(html).not.toMatch(unsafe)
	expect(html).toContain('&lt;script&gt;')
	expect(html).toContain('href="https://tracker.example/p.gif"')
})

test('every change is in the audit log, which only organizers read', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const member = await createUser(committed(), { label: 'member' })
	const chapter = await startChapter(organizer, 'private')
	await joinChapter(member.caller, chapter)
	await approveRequest(organizer.caller, chapter, member.id)
	await setRole(organizer.caller, chapter.id, member.id, 'organizer')
	const { entries } = await listAuditLog(organizer.caller, chapter.id)
	expect(entries.map((entry) => [entry.action, entry.actorName, entry.subjectName]).slice(0, 3)).toEqual([
		['member.promoted', organizer.name, member.name],
		['member.approved', organizer.name, member.name],
		['member.requested', member.name, member.name],
	])
	const other = await createUser(committed(), { label: 'other' })
	expect((await listAuditLog(other.caller, chapter.id)).entries).toEqual([])
})

test('an archived chapter leaves the list, the search and the map, and keeps its page', async () => {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer, 'public')
	const listed = async () => ({
		list: (await listChapters(anon, { limit: 1000 })).some((found) => found.slug === chapter.slug),
		search: (await listChapters(anon, { query: chapter.name })).some((found) => found.slug === chapter.slug),
		map: (await listChapterPoints(anon)).some((point) => point.slug === chapter.slug),
	})
	expect(await listed()).toEqual({ list: true, search: true, map: true })
	await asCaller(organizer.caller, (trx) =>
		trx
			.updateTable('chapters')
			.set({ archived_at: sql`now()` })
			.where('id', '=', chapter.id)
			.execute(),
	)
	expect(await listed()).toEqual({ list: false, search: false, map: false })
	expect((await getChapter(anon, chapter.slug))?.name).toBe(chapter.name)
})

test('chapters are listed near a place and by state', async () => {
	const search = await searchPlacesFor(anon, '20147')
	if (search.status !== 'found') throw new Error(`20147: ${search.status}`)
	const { label, latitude, longitude } = search.place
	const near = latitude !== null && longitude !== null ? { label, latitude, longitude } : null
	const chapters = await listChapters(anon, { near })
	expect(chapters[0]?.place).toMatch(/, VA$/)
	expect((chapters[0]?.distanceKm ?? 99) < 40).toBe(true)
	const virginia = await findState(anon, 'va')
	expect(virginia?.name).toBe('Virginia')
	const inVirginia = await listChapters(anon, { stateId: virginia?.id })
	expect(inVirginia.length).toBeGreaterThan(0)
	expect(inVirginia.every((chapter) => chapter.place.endsWith(', VA'))).toBe(true)
	expect(slugify('Friends of the Watershed!')).toBe('friends-of-the-watershed')
	expect(slugify('Doña Ana Neighbors')).toBe('dona-ana-neighbors')
})
