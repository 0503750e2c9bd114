import { expect, test } from 'vitest'
import { db } from '#app/db/db.server'
import { action as accountCalendarAction, loader as accountCalendarLoader } from '#app/routes/account+/calendar'
import { loader as feedLoader } from '#app/routes/account+/calendar_.$token'
import { loader as bodyLoader } from '#app/routes/bodies+/$slug'
import { action as newOfficialAction } from '#app/routes/bodies+/$slug_.officials.new'
import { action as newEventAction } from '#app/routes/chapters.$slug_.events+/new'
import { loader as chapterLoader } from '#app/routes/chapters+/$slug'
import { loader as officialLoader } from '#app/routes/officials+/$slug'
import { action as newPetitionAction } from '#app/routes/petitions+/new'
import { action as newVoteAction } from '#app/routes/proceedings+/$slug_.votes.new'
import { loader as projectLoader } from '#app/routes/projects+/$slug'
import { action as editRecordsAction } from '#app/routes/projects+/$slug_.records.$requestId'
import { action as newRecordsAction } from '#app/routes/projects+/$slug_.records.new'
import { newAccount, type Account } from '#tests/helpers/accounts'
import { startChapter, unique } from '#tests/helpers/factories'
import { getPage, postForm, signIn } from '#tests/helpers/session'

// Bodies, officials and votes, records requests, calendar feeds and a
// chapter's week, through the routes as each kind of person sends them.

type Outcome = { status: number; location: string | null; errors: Record<string, string>; values: Record<string, string> }

/** A route's answer, whichever way Remix carries it: a redirect, a thrown 404, or data with a status. */
async function outcome(work: () => Promise<unknown>): Promise<Outcome> {
	let result: unknown
	try {
		result = await work()
	} catch (thrown) {
		result = thrown
	}
	if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), errors: {}, values: {} }
	if (result && typeof result === 'object' && 'init' in result && 'data' in result) {
		const { init, data } = result as {
			init: { status?: number } | null
			data: { errors?: Record<string, string>; values?: Record<string, string> }
		}
		return { status: init?.status ?? 200, location: null, errors: data.errors ?? {}, values: data.values ?? {} }
	}
	throw new Error(`unexpected route result: ${String(result)}`)
}

/** The loader's data (whatever data() or a plain object carries). */
async function loaded<T>(work: () => Promise<T>) {
	const result = (await work()) as unknown
	return (result && typeof result === 'object' && 'data' in result ? (result as { data: unknown }).data : result) as never
}

async function world() {
	const [organizer, member, outsider, moderator] = await Promise.all([
		newAccount('organizer'),
		newAccount('member'),
		newAccount('outsider'),
		newAccount('moderator'),
	])
	const chapter = await startChapter(organizer)
	const otherChapter = await startChapter(outsider)
	await db().insertInto('memberships').values({ chapter_id: chapter.id, user_id: member.id, role: 'member', status: 'active' }).execute()
	await db().insertInto('site_roles').values({ user_id: moderator.id, role: 'moderator' }).execute()
	const loudoun = await db()
		.selectFrom('jurisdictions')
		.select(['id', 'parent_id'])
		.where('slug', '=', 'us-va-loudoun')
		.executeTakeFirstOrThrow()
	const project = await db()
		.insertInto('projects')
		.values({ slug: unique('project'), name: `Test campus ${unique('p')}`, state_id: loudoun.parent_id ?? 0, county_id: loudoun.id })
		.returning(['id', 'slug'])
		.executeTakeFirstOrThrow()
	await db().insertInto('project_chapters').values({ project_id: project.id, chapter_id: chapter.id }).execute()
	const body = await db()
		.insertInto('bodies')
		.values({
			slug: unique('board'),
			name: `Test Board ${unique('b')}`,
			kind: 'county_board',
			jurisdiction_id: loudoun.id,
			time_zone: 'America/New_York',
		})
		.returning(['id', 'slug', 'name'])
		.executeTakeFirstOrThrow()
	const proceeding = await db()
		.insertInto('proceedings')
		.values({ slug: unique('rezoning'), project_id: project.id, body_id: body.id, kind: 'rezoning', title: 'Rezoning for the test campus' })
		.returning(['id', 'slug'])
		.executeTakeFirstOrThrow()
	// The hearing was on 10 November 2026 at 7 pm; comments close in three days.
	await db()
		.insertInto('proceeding_clocks')
		.values([
			{ proceeding_id: proceeding.id, kind: 'hearing', due_at: new Date('2026-11-11T00:00:00Z') },
			{ proceeding_id: proceeding.id, kind: 'comment_deadline', due_at: new Date(Date.now() + 3 * 86400_000) },
		])
		.execute()
	const cookies = Object.fromEntries(
		await Promise.all(
			Object.entries({ organizer, member, outsider, moderator }).map(async ([role, account]) => [role, await signIn(account)] as const),
		),
	) as Record<'organizer' | 'member' | 'outsider' | 'moderator', string>
	return { organizer, member, outsider, moderator, chapter, otherChapter, project, body, proceeding, cookies }
}

type World = Awaited<ReturnType<typeof world>>

function addOfficial(w: World, cookie: string, fields: Record<string, string>, bodySlug = w.body.slug) {
	const path = `/bodies/${bodySlug}/officials/new`
	return outcome(() => newOfficialAction({ request: postForm(path, cookie, fields), params: { slug: bodySlug }, context: {} }))
}

const official = (name: string) => ({
	name,
	title: 'Supervisor',
	district: 'Ashburn District',
	termStartsOn: '2024-01-01',
	termEndsOn: '2027-12-31',
	sourceUrl: 'https://www.loudoun.gov/bos',
})

test('organizers and moderators add a body’s members; a member who organizes nothing cannot', async () => {
	const w = await world()
	const added = await addOfficial(w, w.cookies.organizer, official('Ada Quill'))
	expect(added.status).toBe(302)
	expect(added.location).toMatch(/^\/officials\/ada-quill/)
	// Bodies are shared reference data: any chapter's organizer keeps them, linked or not.
	expect((await addOfficial(w, w.cookies.outsider, official('Ben Ortiz'))).status).toBe(302)
	expect((await addOfficial(w, w.cookies.moderator, official('Cy Mendez'))).status).toBe(302)
	const refused = await addOfficial(w, w.cookies.member, official('Dee Park'))
	expect(refused.status).toBe(403)
	expect(refused.errors.form).toMatch(/Only chapter organizers and site moderators/)
	expect(refused.values.name).toBe('Dee Park')
	const body = await loaded(() =>
		bodyLoader({ request: getPage(`/bodies/${w.body.slug}`, ''), params: { slug: w.body.slug }, context: {} }),
	)
	const page = body as { body: { officials: Array<{ name: string; termStartsOn: string }>; rules: unknown } }
	expect(page.body.officials.map((o) => o.name)).toEqual(['Ada Quill', 'Ben Ortiz', 'Cy Mendez'])
	expect(page.body.officials[0]?.termStartsOn).toBe('2024-01-01')
	// No rules recorded: the page is told so, never given a guess.
	expect(page.body.rules).toBeNull()
})

test('adding a member: a missing source, a term ending before it starts, NUL and huge input each get a message and keep what was typed', async () => {
	const w = await world()
	const noSource = await addOfficial(w, w.cookies.organizer, { ...official('Eve Lang'), sourceUrl: '' })
	expect(noSource).toMatchObject({ status: 400, values: { name: 'Eve Lang', district: 'Ashburn District' } })
	expect(noSource.errors.sourceUrl).toMatch(/link to the public source/)
	const badSource = await addOfficial(w, w.cookies.organizer, { ...official('Eve Lang'), sourceUrl: 'javascript:alert(1)' })
	expect(badSource.errors.sourceUrl).toMatch(/https:\/\//)
	const order = await addOfficial(w, w.cookies.organizer, { ...official('Eve Lang'), termStartsOn: '2027-01-01', termEndsOn: '2024-01-01' })
	expect(order).toMatchObject({ status: 400, errors: { termEndsOn: 'The term cannot end before it starts.' } })
	// NUL bytes are dropped where every form is read (docs/decisions/043): no error for them, and none kept.
	const nul = await addOfficial(w, w.cookies.organizer, { ...official('Eve\u0000Lang'), sourceUrl: '' })
	expect(nul.status).toBe(400)
	expect(nul.errors.name).toBeUndefined()
	expect(nul.values.name).toBe('EveLang')
	const huge = await addOfficial(w, w.cookies.organizer, official('E'.repeat(100_000)))
	expect(huge).toMatchObject({ status: 400, errors: { name: 'This is too long. Shorten it and try again.' } })
	const badDate = await addOfficial(w, w.cookies.organizer, { ...official('Eve Lang'), termStartsOn: '2024-02-31x' })
	expect(badDate.errors.termStartsOn).toMatch(/Enter the date/)
	expect((await addOfficial(w, w.cookies.organizer, official('Eve Lang'), 'no-such-body')).status).toBe(404)
	const { count } = await db()
		.selectFrom('officials')
		.select((eb) => eb.fn.countAll<string>().as('count'))
		.where('body_id', '=', w.body.id)
		.executeTakeFirstOrThrow()
	expect(Number(count)).toBe(0)
})

async function withOfficials(w: World) {
	await addOfficial(w, w.cookies.organizer, official('Ada Quill'))
	await addOfficial(w, w.cookies.organizer, official('Ben Ortiz'))
	return db().selectFrom('officials').select(['id', 'slug', 'name']).where('body_id', '=', w.body.id).orderBy('name').execute()
}

function recordVote(w: World, cookie: string, fields: Record<string, string>) {
	const path = `/proceedings/${w.proceeding.slug}/votes/new`
	return outcome(() => newVoteAction({ request: postForm(path, cookie, fields), params: { slug: w.proceeding.slug }, context: {} }))
}

test('the linked organizer and a moderator record a vote with each member’s position; it shows on each official’s record', async () => {
	const w = await world()
	const [ada, ben] = await withOfficials(w)
	if (!ada || !ben) throw new Error('officials missing')
	const vote = {
		heldOn: '2026-11-10',
		motion: 'Motion to approve the rezoning',
		result: 'Approved 5–4',
		sourceUrl: 'https://example.org/minutes/2026-11-10',
		[`position-${ada.id}`]: 'yes',
		[`position-${ben.id}`]: 'no',
	}
	const recorded = await recordVote(w, w.cookies.organizer, vote)
	expect(recorded.status).toBe(302)
	expect(recorded.location).toBe(`/projects/${w.project.slug}?vote=recorded#proceeding-${w.proceeding.slug}`)
	expect(
		(
			await recordVote(w, w.cookies.moderator, {
				...vote,
				motion: 'Motion to reconsider',
				[`position-${ada.id}`]: 'abstain',
				[`position-${ben.id}`]: '',
			})
		).status,
	).toBe(302)

	const record = (await loaded(() =>
		officialLoader({ request: getPage(`/officials/${ada.slug}`, ''), params: { slug: ada.slug }, context: {} }),
	)) as {
		official: {
			counts: Record<string, number>
			votes: Array<{ motion: string; position: string; heldOn: string; project: { slug: string } }>
		}
	}
	expect(record.official.counts).toEqual({ yes: 1, no: 0, abstain: 1, absent: 0 })
	expect(record.official.votes.map((v) => [v.motion, v.position, v.heldOn])).toEqual(
		expect.arrayContaining([
			['Motion to approve the rezoning', 'yes', '2026-11-10'],
			['Motion to reconsider', 'abstain', '2026-11-10'],
		]),
	)
	expect(record.official.votes[0]?.project.slug).toBe(w.project.slug)
	const benRecord = (await loaded(() =>
		officialLoader({ request: getPage(`/officials/${ben.slug}`, ''), params: { slug: ben.slug }, context: {} }),
	)) as { official: { counts: Record<string, number> } }
	// Ben was not recorded on the second vote: "Not recorded" stores nothing.
	expect(benRecord.official.counts).toEqual({ yes: 0, no: 1, abstain: 0, absent: 0 })
})

test('a member and an organizer of an unlinked chapter cannot record a vote; nothing is stored', async () => {
	const w = await world()
	const [ada] = await withOfficials(w)
	const vote = {
		heldOn: '2026-11-10',
		motion: 'Motion to deny',
		result: '',
		sourceUrl: 'https://example.org/minutes',
		[`position-${ada?.id}`]: 'no',
	}
	for (const cookie of [w.cookies.member, w.cookies.outsider]) {
		const refused = await recordVote(w, cookie, vote)
		expect(refused.status).toBe(403)
		expect(refused.errors.form).toMatch(/Only organizers of a chapter working on this project/)
		expect(refused.values.motion).toBe('Motion to deny')
	}
	const votes = await db().selectFrom('proceeding_votes').select('id').where('proceeding_id', '=', w.proceeding.id).execute()
	expect(votes).toEqual([])
})

test('recording a vote: before the hearing, in the future, without a source, a made-up position, NUL or huge text each get a message', async () => {
	const w = await world()
	const [ada] = await withOfficials(w)
	const vote = { heldOn: '2026-11-10', motion: 'Motion to approve', result: '', sourceUrl: 'https://example.org/minutes' }
	const early = await recordVote(w, w.cookies.organizer, { ...vote, heldOn: '2026-11-09' })
	expect(early.status).toBe(400)
	expect(early.errors.heldOn).toBe('The vote is dated before the hearing on Tuesday, November 10, 2026. Check the date.')
	expect(early.values).toMatchObject({ heldOn: '2026-11-09', motion: 'Motion to approve' })
	const future = await recordVote(w, w.cookies.organizer, { ...vote, heldOn: '2099-01-01' })
	expect(future.errors.heldOn).toMatch(/before it happens/)
	const noSource = await recordVote(w, w.cookies.organizer, { ...vote, sourceUrl: ' ' })
	expect(noSource.errors.sourceUrl).toMatch(/link to the public source/)
	const noDate = await recordVote(w, w.cookies.organizer, { ...vote, heldOn: '' })
	expect(noDate.errors.heldOn).toBe('Enter the date of the vote.')
	const position = await recordVote(w, w.cookies.organizer, { ...vote, [`position-${ada?.id}`]: 'maybe' })
	expect(position.errors[`position-${ada?.id}`]).toMatch(/Choose Yes, No/)
	// NUL bytes are dropped where every form is read (docs/decisions/043).
	const nul = await recordVote(w, w.cookies.organizer, { ...vote, motion: 'Motion\u0000', sourceUrl: ' ' })
	expect(nul.errors.motion).toBeUndefined()
	expect(nul.errors.sourceUrl).toMatch(/link to the public source/)
	const huge = await recordVote(w, w.cookies.organizer, { ...vote, motion: 'M'.repeat(50_000) })
	expect(huge.errors.motion).toMatch(/too long/)
	expect(await db().selectFrom('proceeding_votes').select('id').where('proceeding_id', '=', w.proceeding.id).execute()).toEqual([])
	const unknown = await outcome(() =>
		newVoteAction({
			request: postForm('/proceedings/no-such/votes/new', w.cookies.organizer, vote),
			params: { slug: 'no-such' },
			context: {},
		}),
	)
	expect(unknown.status).toBe(404)
})

function trackRequest(w: World, cookie: string, fields: Record<string, string>) {
	const path = `/projects/${w.project.slug}/records/new`
	return outcome(() => newRecordsAction({ request: postForm(path, cookie, fields), params: { slug: w.project.slug }, context: {} }))
}

const request = {
	bodyName: 'Loudoun County Department of Economic Development',
	askedFor: 'The non-disclosure agreement with the developer',
	sentOn: '2026-11-24',
	status: 'sent',
	chapterId: '',
	outcome: '',
	documents: '',
}

test('a Virginia request sent before Thanksgiving is due five working days later; updating it keeps the documents received', async () => {
	const w = await world()
	const saved = await trackRequest(w, w.cookies.organizer, { ...request, chapterId: w.chapter.id })
	expect(saved.status).toBe(302)
	const row = await db()
		.selectFrom('records_requests')
		.select(['id', 'response_due_on', 'chapter_id', 'created_by'])
		.where('project_id', '=', w.project.id)
		.executeTakeFirstOrThrow()
	expect(saved.location).toBe(`/projects/${w.project.slug}?records=saved#records-${row.id}`)
	expect(row).toMatchObject({ chapter_id: w.chapter.id, created_by: w.organizer.id })
	expect(row.response_due_on?.getDate()).toBe(3)
	expect(row.response_due_on?.getMonth()).toBe(11)

	const path = `/projects/${w.project.slug}/records/${row.id}`
	const update = (cookie: string, fields: Record<string, string>) =>
		outcome(() =>
			editRecordsAction({ request: postForm(path, cookie, fields), params: { slug: w.project.slug, requestId: row.id }, context: {} }),
		)
	const answered = await update(w.cookies.moderator, {
		...request,
		status: 'answered',
		outcome: 'Released with redactions',
		documents: 'Signed NDA | https://example.org/nda.pdf\nhttps://example.org/letter.pdf',
	})
	expect(answered.status).toBe(302)
	expect((await update(w.cookies.outsider, { ...request, status: 'closed' })).status).toBe(403)

	const page = (await loaded(() =>
		projectLoader({ request: getPage(`/projects/${w.project.slug}`, ''), params: { slug: w.project.slug }, context: {} }),
	)) as {
		records: Array<{
			status: string
			outcome: string
			responseDueOn: string
			deadline: { kind: string; date?: string; statute?: string }
			documents: Array<{ title: string; url: string }>
		}>
	}
	expect(page.records).toHaveLength(1)
	expect(page.records[0]).toMatchObject({
		status: 'answered',
		outcome: 'Released with redactions',
		responseDueOn: '2026-12-03',
		deadline: { kind: 'date', date: '2026-12-03', statute: 'Va. Code § 2.2-3704(B)' },
		documents: [
			{ title: 'Signed NDA', url: 'https://example.org/nda.pdf' },
			{ title: 'https://example.org/letter.pdf', url: 'https://example.org/letter.pdf' },
		],
	})
})

test('only the project’s editors track its records requests', async () => {
	const w = await world()
	expect((await trackRequest(w, w.cookies.moderator, request)).status).toBe(302)
	for (const cookie of [w.cookies.member, w.cookies.outsider]) {
		const refused = await trackRequest(w, cookie, request)
		expect(refused.status).toBe(403)
		expect(refused.errors.form).toMatch(/Only organizers of a chapter working on this project/)
		expect(refused.values.askedFor).toBe(request.askedFor)
	}
	const rows = await db().selectFrom('records_requests').select('created_by').where('project_id', '=', w.project.id).execute()
	expect(rows).toEqual([{ created_by: w.moderator.id }])
})

test('a records request: sent with no date, dated in the future, a line that is not a link, a chapter not on the project, NUL or huge text', async () => {
	const w = await world()
	const cases: Array<[Record<string, string>, string, RegExp]> = [
		[{ sentOn: '' }, 'sentOn', /date the request was sent/],
		[{ sentOn: '2099-01-01' }, 'sentOn', /cannot be in the future/],
		[{ documents: 'https://example.org/a.pdf\nnot a link' }, 'documents', /Line 2 is not a link/],
		[{ chapterId: w.otherChapter.id }, 'chapterId', /chapters working on this project/],
		[{ chapterId: 'nope' }, 'chapterId', /chapters working on this project/],
		// NUL bytes are dropped where every form is read (docs/decisions/043): this one fails only for its missing body.
		[{ askedFor: 'A\u0000B', bodyName: '' }, 'bodyName', /which public body/],
		[{ askedFor: 'x'.repeat(200_000) }, 'askedFor', /too long/],
		[{ bodyName: '' }, 'bodyName', /which public body/],
		[{ status: 'lost' }, 'status', /Choose a status/],
	]
	for (const [change, field, message] of cases) {
		const refused = await trackRequest(w, w.cookies.organizer, { ...request, ...change })
		expect(refused.status, field).toBe(400)
		expect(refused.errors[field], field).toMatch(message)
		expect(refused.values.bodyName, field).toBe(change.bodyName ?? request.bodyName)
	}
	expect(await db().selectFrom('records_requests').select('id').where('project_id', '=', w.project.id).execute()).toEqual([])
	// A draft needs no date; its deadline waits for the request to go out.
	expect((await trackRequest(w, w.cookies.organizer, { ...request, sentOn: '', status: 'drafted' })).status).toBe(302)
	const draft = await db()
		.selectFrom('records_requests')
		.select('response_due_on')
		.where('project_id', '=', w.project.id)
		.executeTakeFirstOrThrow()
	expect(draft.response_due_on).toBeNull()
})

async function feedOf(account: Account, cookie: string) {
	const page = (await loaded(() => accountCalendarLoader({ request: getPage('/account/calendar', cookie), params: {}, context: {} }))) as {
		feed: { url: string | null }
	}
	return page.feed.url
}

function fetchFeed(url: string) {
	const token = new URL(url).pathname.split('/').pop() ?? ''
	return outcome(async () => {
		const response = await feedLoader({ request: new Request(url), params: { token }, context: {} })
		return response
	})
}

test('a personal calendar feed carries every followed project’s dates at a secret address that can be turned off', async () => {
	const w = await world()
	await db()
		.insertInto('follows')
		.values({ user_id: w.member.id, project_id: w.project.id, token_hash: Buffer.from(unique('hash')), confirmed_at: new Date() })
		.execute()
	expect(await feedOf(w.member, w.cookies.member)).toBeNull()
	const make = () =>
		outcome(() =>
			accountCalendarAction({ request: postForm('/account/calendar', w.cookies.member, { intent: 'create' }), params: {}, context: {} }),
		)
	expect((await make()).location).toBe('/account/calendar?feed=created')
	const url = await feedOf(w.member, w.cookies.member)
	expect(url).toMatch(/\/account\/calendar\/[A-Za-z0-9_-]{40,}\.ics$/)
	if (!url) throw new Error('no feed')
	// Only a hash of the secret is kept.
	const stored = await db().selectFrom('calendar_feeds').select('token_hash').where('user_id', '=', w.member.id).executeTakeFirstOrThrow()
	expect(stored.token_hash.toString('base64url')).not.toBe(url.split('/').pop()?.replace('.ics', ''))

	const token = new URL(url).pathname.split('/').pop() ?? ''
	const response = await feedLoader({ request: new Request(url), params: { token }, context: {} })
	expect(response.status).toBe(200)
	expect(response.headers.get('Content-Type')).toMatch(/text\/calendar/)
	expect(response.headers.get('Cache-Control')).toMatch(/private/)
	const ics = await response.text()
	expect(ics).toContain('BEGIN:VCALENDAR')
	expect(ics).toMatch(/SUMMARY:Written comments close: Test campus/)
	// Someone else's feed shows none of it; a guessed token finds nothing.
	expect((await fetchFeed(url.replace(/[A-Za-z0-9_-]{6}\.ics$/, 'aaaaaa.ics'))).status).toBe(404)

	const revoke = await outcome(() =>
		accountCalendarAction({ request: postForm('/account/calendar', w.cookies.member, { intent: 'revoke' }), params: {}, context: {} }),
	)
	expect(revoke.location).toBe('/account/calendar?feed=revoked')
	expect((await fetchFeed(url)).status).toBe(404)
	await make()
	expect(await feedOf(w.member, w.cookies.member)).not.toBe(url)
})

test('the chapter page shows what is due this week on the projects it works on', async () => {
	const w = await world()
	const page = (await loaded(() =>
		chapterLoader({ request: getPage(`/chapters/${w.chapter.slug}`, ''), params: { slug: w.chapter.slug }, context: {} }),
	)) as { due: { projectCount: number; items: Array<{ kind: string; project: { slug: string } }> } }
	expect(page.due.projectCount).toBe(1)
	// The comment deadline in three days; the November hearing has passed.
	expect(page.due.items.map((item) => [item.kind, item.project.slug])).toEqual([['comment_deadline', w.project.slug]])
	const other = (await loaded(() =>
		chapterLoader({ request: getPage(`/chapters/${w.otherChapter.slug}`, ''), params: { slug: w.otherChapter.slug }, context: {} }),
	)) as { due: { projectCount: number; items: unknown[] } }
	expect(other.due).toEqual({ projectCount: 0, items: [] })
})

test('a body’s page lists its proceedings with their next date, and an unknown body is a 404', async () => {
	const w = await world()
	const page = (await loaded(() =>
		bodyLoader({ request: getPage(`/bodies/${w.body.slug}`, ''), params: { slug: w.body.slug }, context: {} }),
	)) as {
		body: { jurisdiction: string; proceedings: Array<{ slug: string; projectSlug: string; next: { kind: string } | null }> }
	}
	expect(page.body.jurisdiction).toBe('Loudoun County, VA')
	expect(page.body.proceedings).toEqual([
		expect.objectContaining({
			slug: w.proceeding.slug,
			projectSlug: w.project.slug,
			next: expect.objectContaining({ kind: 'comment_deadline' }),
		}),
	])
	const missing = await outcome(() => bodyLoader({ request: getPage('/bodies/nope', ''), params: { slug: 'nope' }, context: {} }))
	expect(missing.status).toBe(404)
})

function localIn(days: number, hour: number) {
	const date = new Date(Date.now() + days * 86400_000)
	const pad = (n: number) => String(n).padStart(2, '0')
	return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(hour)}:00`
}

test('petitions and events say which project and proceeding they are about: only one their chapter works on', async () => {
	const w = await world()
	const event = {
		kind: 'hearing',
		title: `Pack the hearing ${unique('e')}`,
		description: '',
		startsAt: localIn(5, 18),
		endsAt: localIn(5, 20),
		timeZone: 'America/New_York',
		locationName: 'Government Center',
		address: '',
		onlineUrl: '',
		capacity: '',
	}
	const postEvent = (cookie: string, slug: string, about: string) =>
		outcome(() =>
			newEventAction({ request: postForm(`/chapters/${slug}/events/new`, cookie, { ...event, about }), params: { slug }, context: {} }),
		)
	const created = await postEvent(w.cookies.organizer, w.chapter.slug, `proceeding:${w.proceeding.id}`)
	expect(created.status).toBe(302)
	const row = await db()
		.selectFrom('events')
		.select(['project_id', 'proceeding_id'])
		.where('title', '=', event.title)
		.executeTakeFirstOrThrow()
	expect(row).toEqual({ project_id: w.project.id, proceeding_id: w.proceeding.id })
	// The other chapter does not work on this project: its organizer cannot tie an event to it.
	const refused = await postEvent(w.cookies.outsider, w.otherChapter.slug, `project:${w.project.id}`)
	expect(refused).toMatchObject({ status: 400, errors: { about: 'Choose one of the projects your chapter works on.' } })
	expect(refused.values.title).toBe(event.title)

	const petition = {
		title: `Stop the rezoning ${unique('p')}`,
		decisionMaker: 'The Board of Supervisors',
		summary: 'Deny the rezoning for the test campus next to the school.',
		body: '',
		signatureGoal: '500',
		deadline: '',
		chapterId: w.chapter.id,
		customMilestones: '',
		coverAlt: '',
	}
	const postPetition = (about: string, chapterId = w.chapter.id) =>
		outcome(() =>
			newPetitionAction({
				request: postForm('/petitions/new', w.cookies.organizer, { ...petition, chapterId, about }),
				params: {},
				context: {},
			}),
		)
	expect((await postPetition(`project:${w.project.id}`)).status).toBe(302)
	const saved = await db()
		.selectFrom('petitions')
		.select(['project_id', 'proceeding_id'])
		.where('title', '=', petition.title)
		.executeTakeFirstOrThrow()
	expect(saved).toEqual({ project_id: w.project.id, proceeding_id: null })
	expect((await postPetition('project:00000000-0000-4000-8000-000000000000')).errors.about).toMatch(/projects your chapter works on/)
	// A petition with no chapter cannot be about a project.
	expect((await postPetition(`project:${w.project.id}`, '')).errors.about).toMatch(/projects your chapter works on/)
})
