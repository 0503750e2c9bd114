import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { db, pool } from '#app/db/db.server'
import { startWorker } from '#app/jobs/worker.server'
import { action as chapterAction } from '#app/routes/chapters+/$slug'
import { action as membersAction, loader as membersLoader } from '#app/routes/chapters+/$slug_.members'
import { newAccount, type Account } from '#tests/helpers/accounts'
import { addMembers, startChapter } from '#tests/helpers/factories'
import { headersOf, inbox, settle, waitForEmail } from '#tests/helpers/mailbox'
import { queryAs, withRollback } from '#tests/helpers/rls'
import { getPage, outcome, postForm, signIn } from '#tests/helpers/session'

// Issue 15, item 5: a request to join a private chapter carries a note only
// its organizers read; it emails the organizers (the first of the day at
// once, later ones in one daily digest, docs/decisions/077); approving or
// declining emails the person the decision with the organizer's message.

let worker: Awaited<ReturnType<typeof startWorker>>
beforeAll(async () => {
	worker = await startWorker({ concurrency: 4 })
})
afterAll(async () => {
	await worker.stop()
})

async function ask(chapter: { slug: string }, person: Account, note: string) {
	const cookie = await signIn(person)
	return outcome(() =>
		chapterAction({
			request: postForm(`/chapters/${chapter.slug}`, cookie, { intent: 'join', note }),
			params: { slug: chapter.slug },
			context: {},
		}),
	)
}

async function decide(chapter: { slug: string }, cookie: string, intent: 'approve' | 'decline', userId: string, message: string) {
	return outcome(() =>
		membersAction({
			request: postForm(`/chapters/${chapter.slug}/members`, cookie, { intent, userId, message }),
			params: { slug: chapter.slug },
			context: {},
		}),
	)
}

async function noteOf(chapterId: string, userId: string) {
	const row = await db()
		.selectFrom('memberships')
		.select(['status', 'request_note'])
		.where('chapter_id', '=', chapterId)
		.where('user_id', '=', userId)
		.executeTakeFirst()
	return row ?? null
}

async function digestJobs(chapterId: string) {
	const { rows } = await pool().query<{ key: string; run_at: Date; payload: { props: { laterCount: number } } }>(
		`select key, run_at, payload from graphile_worker._private_jobs where key like $1`,
		[`email:join-digest:${chapterId}:%`],
	)
	return rows
}

test('a note goes with a request, is kept on error, and only organizers read it; the organizers are emailed once', async () => {
	const organizer = await newAccount('organizer')
	const chapter = await startChapter(organizer, 'private')
	const member = await newAccount('member')
	await addMembers(pool(), chapter.id, [member])
	const asker = await newAccount('asker')

	const tooLong = await ask(chapter, asker, 'x'.repeat(501))
	expect(tooLong.status).toBe(400)
	expect(tooLong.errors.note).toMatch(/500 characters/)
	expect(tooLong.values.note).toBe('x'.repeat(501))
	expect(await noteOf(chapter.id, asker.id)).toBeNull()

	const note = 'I live on <b>Ridge Road</b> & went to the March hearing.'
	const asked = await ask(chapter, asker, `  ${note}  `)
	expect(asked.status).toBe(302)
	expect(await noteOf(chapter.id, asker.id)).toEqual({ status: 'pending', request_note: note })

	// Organizers see the note on the requests list, as text.
	const organizerCookie = await signIn(organizer)
	const page = (await membersLoader({
		request: getPage(`/chapters/${chapter.slug}/members`, organizerCookie),
		params: { slug: chapter.slug },
		context: {},
	})) as unknown as { data: { members: Array<{ userId: string; requestNote: string | null }> } }
	expect(page.data.members.find((row) => row.userId === asker.id)?.requestNote).toBe(note)

	// RLS: the person and organizers read the note; a fellow member, an outsider and visitors do not.
	await withRollback(async (client) => {
		const read = `select request_note from public.memberships where chapter_id = $1 and user_id = $2`
		const outsider = await newAccount('outsider')
		expect((await queryAs(client, organizer, read, [chapter.id, asker.id])).rows).toEqual([{ request_note: note }])
		expect((await queryAs(client, asker, read, [chapter.id, asker.id])).rows).toEqual([{ request_note: note }])
		expect((await queryAs(client, member, read, [chapter.id, asker.id])).rows).toEqual([])
		expect((await queryAs(client, outsider, read, [chapter.id, asker.id])).rows).toEqual([])
		expect((await queryAs(client, 'anon', read, [chapter.id, asker.id])).rows).toEqual([])
	})

	const email = await waitForEmail(organizer.email, /asked to join/)
	expect(email.HTML).toContain('I live on &lt;b&gt;Ridge Road&lt;/b&gt; &amp; went to the March hearing.')
	expect(email.HTML).toContain(`/chapters/${chapter.slug}/members`)
	expect((await headersOf(email.ID))['Reply-To']?.[0]).toContain(asker.email)
	await settle()
	expect(await inbox(organizer.email)).toHaveLength(1)
	expect(await inbox(member.email)).toHaveLength(0)

	// Approved: the note is cleared, so it never becomes readable by the members they join.
	expect((await decide(chapter, organizerCookie, 'approve', asker.id, '')).status).toBe(302)
	expect(await noteOf(chapter.id, asker.id)).toEqual({ status: 'active', request_note: null })
})

test('later requests that day are summed up in one digest per organizer, not one email each', async () => {
	const organizer = await newAccount('organizer')
	const chapter = await startChapter(organizer, 'private')
	const first = await newAccount('first')
	const second = await newAccount('second')
	const third = await newAccount('third')

	expect((await ask(chapter, first, '')).status).toBe(302)
	await waitForEmail(organizer.email, /asked to join/)
	expect((await ask(chapter, second, 'Hello')).status).toBe(302)
	expect((await ask(chapter, third, '')).status).toBe(302)
	await settle()
	expect(await inbox(organizer.email)).toHaveLength(1)

	const jobs = await digestJobs(chapter.id)
	expect(jobs).toHaveLength(1)
	expect(jobs[0]?.payload.props.laterCount).toBe(2)
	const midnight = new Date()
	midnight.setUTCHours(24, 0, 0, 0)
	expect(jobs[0]?.run_at.getTime()).toBe(midnight.getTime())
})

test('approving or declining emails the person once, with the organizer’s message, kept when too long', async () => {
	const organizer = await newAccount('organizer')
	const chapter = await startChapter(organizer, 'private')
	const welcome = await newAccount('welcome')
	const turned = await newAccount('turned')
	await ask(chapter, welcome, '')
	await ask(chapter, turned, '')
	const cookie = await signIn(organizer)

	const long = await decide(chapter, cookie, 'approve', welcome.id, 'y'.repeat(1001))
	expect(long.status).toBe(400)
	expect(long.errors.message).toMatch(/1,000 characters/)
	expect(long.values.message).toBe('y'.repeat(1001))
	expect((await noteOf(chapter.id, welcome.id))?.status).toBe('pending')

	expect((await decide(chapter, cookie, 'approve', welcome.id, 'Welcome! We meet <Thursday> at the library.')).status).toBe(302)
	const yes = await waitForEmail(welcome.email, /You are in/)
	expect(yes.HTML).toContain('Welcome! We meet &lt;Thursday&gt; at the library.')
	expect((await headersOf(yes.ID))['Reply-To']?.[0]).toContain(organizer.email)

	expect((await decide(chapter, cookie, 'decline', turned.id, 'We are only open to Loudoun residents.')).status).toBe(302)
	const no = await waitForEmail(turned.email, /Your request to join/)
	expect(no.HTML).toContain('We are only open to Loudoun residents.')
	expect(await noteOf(chapter.id, turned.id)).toBeNull()

	// Deciding again changes nothing and sends nothing.
	expect((await decide(chapter, cookie, 'decline', turned.id, 'again')).status).toBe(400)
	await settle()
	expect(await inbox(welcome.email)).toHaveLength(1)
	expect(await inbox(turned.email)).toHaveLength(1)
})

test('the emails render as text what people typed', async () => {
	const { JoinRequestEmail } = await import('#emails/chapter-emails')
	const html = renderToStaticMarkup(
		JoinRequestEmail({ chapterName: 'C', requesterName: '<i>x</i>', note: '<script>', laterCount: 0, membersUrl: 'http://x/m' }),
	)
	expect(html).not.toContain('<script>')
	expect(html).not.toContain('<i>x</i>')
})
