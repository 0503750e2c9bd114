import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { db } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { startWorker } from '#app/jobs/worker.server'
import { loader as confirmLoader } from '#app/routes/_follows+/follows.confirm'
import { action as stopAction } from '#app/routes/_follows+/follows.stop'
import { loader as proceedingCalendar } from '#app/routes/proceedings+/$slug.calendar[.ics]'
import { loader as listLoader } from '#app/routes/projects+/_index'
import { action as projectAction, loader as projectLoader } from '#app/routes/projects+/$slug'
import { loader as csvLoader } from '#app/routes/projects+/registry[.csv]'
import { loader as jsonLoader } from '#app/routes/projects+/registry[.json]'
import { notifyClockMoved, sendDueReminders } from '#app/siting/jobs.server'
import { unique } from '#tests/helpers/factories'
import { inbox, settle, waitForEmail } from '#tests/helpers/mailbox'
import { getPage, postForm } from '#tests/helpers/session'

// The siting pages through their routes, on the seeded demo data (the
// tracker's 1,231 projects and the demo proceedings), and following a
// project by email: the confirmation, the reminder, the date-change note.

let worker: Awaited<ReturnType<typeof startWorker>>
beforeAll(async () => {
	worker = await startWorker({ concurrency: 2 })
})
afterAll(async () => {
	await worker.stop()
})

/** What a loader or action answered: a Response, or Remix's data() with its init. */
function answer(result: unknown): { status: number; body: Promise<Record<string, unknown>>; headers: Headers } {
	if (result instanceof Response)
		return { status: result.status, body: result.json() as Promise<Record<string, unknown>>, headers: result.headers }
	if (typeof result === 'object' && result !== null && 'data' in result && 'init' in result) {
		const init = (result.init ?? {}) as ResponseInit
		return { status: init.status ?? 200, body: Promise.resolve(result.data as Record<string, unknown>), headers: new Headers(init.headers) }
	}
	throw new Error('expected a Response or data()')
}

async function json(result: unknown) {
	return answer(result).body
}

type ListData = {
	projects: Array<{ slug: string; name: string; place: string; nextDeadline: { kind: string } | null; distanceKm: number | null }>
	total: number
	nearError: string | null
	placeLabel: string | null
}

async function list(query: string) {
	const response = await listLoader({ request: getPage(`/projects${query}`, ''), params: {}, context: {} })
	return (await json(response)) as unknown as ListData
}

async function page(slug: string, cookie = '') {
	return projectLoader({ request: getPage(`/projects/${slug}`, cookie), params: { slug }, context: {} })
}

test('the registry lists every seeded project, and a ZIP sorts them by distance with the Loudoun hearing near the top', async () => {
	const all = await list('')
	expect(all.total).toBeGreaterThanOrEqual(1231)
	// Soonest deadline first when no place is given.
	expect(all.projects[0]?.nextDeadline).not.toBeNull()

	const near = await list('?near=20147')
	expect(near.placeLabel).toMatch(/Ashburn, VA 20147/)
	const distances = near.projects.map((project) => project.distanceKm ?? Infinity)
	expect(distances).toEqual([...distances].sort((a, b) => a - b))
	const loudoun = near.projects.findIndex((project) => project.slug === 'loudoun-county-va-amazon-aws')
	expect(loudoun).toBeGreaterThanOrEqual(0)
	expect(loudoun).toBeLessThan(20)
	expect(near.projects[loudoun]?.nextDeadline?.kind).toBe('comment_deadline')
})

test('filters narrow the list, and nonsense in them is ignored rather than an error', async () => {
	const virginia = await list('?state=VA&status=under_review')
	expect(virginia.total).toBeGreaterThan(0)
	expect(virginia.projects.every((project) => project.place.endsWith('VA'))).toBe(true)
	const search = await list('?q=project+blue')
	expect(search.projects.map((project) => project.slug)).toContain('project-blue-az')
	const bogus = await list(`?status=<script>&issue=drop+table&size=9999&page=-4&state=${'x'.repeat(500)}&near=${'%00'.repeat(5)}`)
	expect(bogus.total).toBeGreaterThan(0)
	const unknown = await list('?near=00000')
	expect(unknown.nearError).toBe(t('placeSearch.unknownZip', { zip: '00000' }))
})

test('a project page leads with the next deadline, the body that decides and how to take part', async () => {
	const data = (await json(await page('loudoun-county-va-amazon-aws'))) as {
		project: {
			upcoming: Array<{ kind: string; proceedingSlug: string }>
			proceedings: Array<{ body: { name: string; rules: { speakingMinutes: number | null } | null } | null }>
			chapters: Array<{ slug: string }>
			figures: Array<{ figure: string; sources: unknown[] }>
		}
	}
	expect(data.project.upcoming[0]).toMatchObject({ kind: 'comment_deadline', proceedingSlug: 'loudoun-amazon-campus-rezoning' })
	const proceeding = data.project.proceedings.find((item) => item.body?.name === 'Loudoun County Board of Supervisors')
	expect(proceeding?.body?.rules?.speakingMinutes).toBe(3)
	expect(data.project.chapters.map((chapter) => chapter.slug)).toContain('loudoun-residents-for-responsible-siting')
	// Every figure shown has at least one source.
	expect(data.project.figures.length).toBeGreaterThan(0)
	expect(data.project.figures.every((figure) => figure.sources.length > 0)).toBe(true)
})

test('unknown and malformed project addresses are 404s', async () => {
	for (const slug of ['no-such-project-zz', '../etc', 'A B', 'x'.repeat(200)]) {
		const outcome = await page(slug).catch((error: unknown) => error)
		expect(outcome).toBeInstanceOf(Response)
		expect((outcome as Response).status).toBe(404)
	}
})

test('following by email: bad input keeps what was typed; a good one sends one confirmation, and the link starts reminders', async () => {
	const slug = 'project-blue-az'
	const post = (fields: Record<string, string>) =>
		projectAction({ request: postForm(`/projects/${slug}`, '', { intent: 'follow', ...fields }), params: { slug }, context: {} })

	const badEmail = answer(await post({ email: 'not an email <b>', remind7: 'on' }))
	expect(badEmail.status).toBe(400)
	const failure = (await badEmail.body) as { errors: Record<string, string>; values: Record<string, string> }
	expect(failure.errors.email).toMatch(/email address/)
	expect(failure.values.email).toBe('not an email <b>')

	const noReminder = answer(await post({ email: 'someone@example.org' }))
	expect(noReminder.status).toBe(400)
	expect(((await noReminder.body) as { errors: Record<string, string> }).errors.remind7).toMatch(/at least one/)

	const email = `${unique('follower')}@example.org`
	const first = (await post({ email, remind7: 'on', remind0: 'on' })) as Response
	expect(first.status).toBe(302)
	expect(first.headers.get('Location')).toBe(`/projects/${slug}?follow=sent#follow`)
	const again = (await post({ email: email.toUpperCase(), remind2: 'on' })) as Response
	// The same answer whatever the address's history.
	expect(again.headers.get('Location')).toBe(first.headers.get('Location'))

	const message = await waitForEmail(email, /Confirm: reminders for Project Blue/)
	await settle()
	expect((await inbox(email)).filter((item) => /Confirm/.test(item.Subject))).toHaveLength(1)
	const link = /href="([^"]*\/follows\/confirm\?token=[^"]+)"/.exec(message.HTML)?.[1]?.replaceAll('&amp;', '&')
	expect(link).toBeTruthy()
	const confirmed = await json(await confirmLoader({ request: new Request(link ?? ''), params: {}, context: {} }))
	expect(confirmed.project).toEqual({ slug, name: 'Project Blue' })
	const stored = await db()
		.selectFrom('follows')
		.select(['confirmed_at', 'remind_days'])
		.where(sql<boolean>`lower(email) = ${email}`)
		.executeTakeFirst()
	expect(stored?.confirmed_at).not.toBeNull()
	// The second request changed the schedule before the link was opened.
	expect(stored?.remind_days).toEqual([2])

	const unknown = await json(await confirmLoader({ request: new Request(`${link?.split('=')[0]}=bogus`), params: {}, context: {} }))
	expect(unknown.project).toBeNull()
})

async function projectWithClock(inHours: number) {
	const project = await db()
		.insertInto('projects')
		.values({
			slug: unique('reminder-test')
				.toLowerCase()
				.replace(/[^a-z0-9]+/g, '-'),
			name: 'Reminder Test Campus',
			state_id: sql<number>`(select id from public.jurisdictions where kind = 'state' and abbreviation = 'VA')`,
		})
		.returning(['id', 'slug'])
		.executeTakeFirstOrThrow()
	const proceeding = await db()
		.insertInto('proceedings')
		.values({
			slug: `${project.slug}-rezoning`,
			project_id: project.id,
			body_id: sql<string>`(select id from public.bodies where slug = 'loudoun-county-board-of-supervisors')`,
			kind: 'rezoning',
			title: 'Rezoning of the test campus',
		})
		.returning('id')
		.executeTakeFirstOrThrow()
	const clock = await db()
		.insertInto('proceeding_clocks')
		.values({ proceeding_id: proceeding.id, kind: 'comment_deadline', due_at: new Date(Date.now() + inHours * 3600_000) })
		.returning(['id', 'due_at'])
		.executeTakeFirstOrThrow()
	return { project, proceedingId: proceeding.id, clock }
}

async function confirmedFollower(projectId: string, remindDays: number[], since: Date) {
	const email = `${unique('reminded')}@example.org`
	const id = randomUUID()
	await db()
		.insertInto('follows')
		.values({ id, email, project_id: projectId, remind_days: remindDays, token_hash: Buffer.from(id), confirmed_at: since })
		.execute()
	return { id, email }
}

test('a reminder goes once, at its time, to confirmed followers only; a moved date is told to them', async () => {
	const { project, clock } = await projectWithClock(36)
	const follower = await confirmedFollower(project.id, [2, 0], new Date(Date.now() - 3 * 86400_000))
	const unconfirmed = `${unique('unconfirmed')}@example.org`
	await db()
		.insertInto('follows')
		.values({ email: unconfirmed, project_id: project.id, remind_days: [2], token_hash: Buffer.from(randomUUID()) })
		.execute()

	// Two days before (at 7 am local) has passed: one reminder, the next run sends nothing more.
	expect(await sendDueReminders()).toBeGreaterThanOrEqual(1)
	expect(await sendDueReminders()).toBe(0)
	const reminder = await waitForEmail(follower.email, /Written comments close/)
	expect(reminder.Text).toMatch(/Rezoning of the test campus/)
	expect(reminder.HTML).toContain('/follows/stop?token=')
	await settle()
	expect(await inbox(unconfirmed)).toHaveLength(0)

	// Moving the date queues the note with the change (a trigger), and the job tells the follower.
	const to = new Date(clock.due_at.getTime() + 5 * 86400_000)
	await db().updateTable('proceeding_clocks').set({ due_at: to }).where('id', '=', clock.id).execute()
	const queued = await db()
		.selectFrom(sql<{ key: string }>`graphile_worker.jobs`.as('j'))
		.select(sql<string>`key`.as('key'))
		.where(sql<boolean>`key like ${`clock-moved:${clock.id}:%`}`)
		.execute()
		.catch(() => [])
	expect(queued.length + (await inbox(follower.email)).length).toBeGreaterThan(0)
	expect(await notifyClockMoved(clock.id, clock.due_at.toISOString(), to.toISOString())).toBeGreaterThanOrEqual(1)
	await waitForEmail(follower.email, /Date changed/)
})

test('a follower who joined after a reminder time gets no late reminder for it', async () => {
	const { project } = await projectWithClock(36)
	// Followed an hour ago: the two-day reminder time (yesterday or today at 7 am) is before that.
	const late = await confirmedFollower(project.id, [7], new Date(Date.now() - 3600_000))
	await sendDueReminders()
	await settle()
	expect(await inbox(late.email)).toHaveLength(0)
})

test('the stop link ends reminders, once', async () => {
	const { project } = await projectWithClock(100)
	const follower = await confirmedFollower(project.id, [2], new Date())
	const { followToken } = await import('#app/siting/follows.server')
	// Stored hashes come from the real token in this case.
	const { createHash } = await import('node:crypto')
	await db()
		.updateTable('follows')
		.set({ token_hash: createHash('sha256').update(followToken(follower.id)).digest() })
		.where('id', '=', follower.id)
		.execute()
	const stop = (token: string) =>
		stopAction({ request: postForm(`/follows/stop?token=${encodeURIComponent(token)}`, '', {}), params: {}, context: {} })
	expect(await json(await stop(followToken(follower.id)))).toEqual({ stopped: true })
	expect(await json(await stop(followToken(follower.id)))).toEqual({ stopped: false })
	expect(await db().selectFrom('follows').select('id').where('id', '=', follower.id).executeTakeFirst()).toBeUndefined()
})

test('a proceeding’s dates come as a calendar file', async () => {
	const response = (await proceedingCalendar({
		request: getPage('/proceedings/loudoun-amazon-campus-rezoning/calendar.ics', ''),
		params: { slug: 'loudoun-amazon-campus-rezoning' },
		context: {},
	})) as Response
	expect(response.headers.get('Content-Type')).toMatch(/text\/calendar/)
	const body = await response.text()
	expect(body).toMatch(/BEGIN:VCALENDAR/)
	expect(body.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThanOrEqual(3)
	expect(body).toMatch(/SUMMARY:Public hearing: /)
	const missing = await proceedingCalendar({
		request: getPage('/proceedings/nope/calendar.ics', ''),
		params: { slug: 'nope' },
		context: {},
	}).catch((error: unknown) => error)
	expect((missing as Response).status).toBe(404)
})

test('the registry is open data, as JSON and as formula-safe CSV, with the credit line', async () => {
	const data = await json(await jsonLoader())
	expect(data.credit).toMatch(/Data Center Opposition Tracker \(datacentertracker\.org\), CC BY 4\.0/)
	expect(data.count).toBeGreaterThanOrEqual(1231)
	const projects = data.projects as Array<{ slug: string; figure_sources: Array<{ url: string }>; megawatts: number | null }>
	const blue = projects.find((project) => project.slug === 'project-blue-az')
	expect(blue?.figure_sources.length).toBeGreaterThan(0)
	const csv = await ((await csvLoader()) as Response).text()
	const [credit, header] = csv.split('\r\n')
	expect(credit).toMatch(/CC BY 4\.0/)
	expect(header).toMatch(/^"slug","name","scope","status"/)
	// No text cell starts a formula; numbers (longitudes) stay numbers.
	expect(csv).not.toMatch(/(^|,)"[=+@]/m)
	expect(csv).toMatch(/,"-\d+\.\d+",/)
})
