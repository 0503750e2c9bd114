import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'
import { db } from '#app/db/db.server'
import { action as clockAction } from '#app/routes/proceedings+/$slug.edit'
import { action as newProceedingAction, loader as newProceedingLoader } from '#app/routes/projects+/$slug_.proceedings.new'
import { NoticeCheckView } from '#app/siting/notice-check-view'
import { newAccount } from '#tests/helpers/accounts'
import { startChapter, unique } from '#tests/helpers/factories'
import { queuedJobs } from '#tests/helpers/queued-jobs'
import { getPage, postForm, signIn } from '#tests/helpers/session'

// Editors add proceedings and keep their dates through the routes
// (docs/decisions/046, 049): order problems and past dates are form errors
// with nothing stored; the body's rules compute the sign-up cut-off and the
// appeal deadline, moved in place (and so announced) when a date moves.

type Outcome = { status: number; location: string | null; errors: Record<string, string> }

async function settled(work: Promise<unknown>): Promise<Outcome> {
	try {
		const result = await work
		if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), errors: {} }
		if (typeof result === 'object' && result !== null && 'data' in result && 'init' in result) {
			const { data, init } = result as { data: { errors?: Record<string, string> }; init: ResponseInit | null }
			return { status: init?.status ?? 200, location: null, errors: data.errors ?? {} }
		}
	} catch (thrown) {
		if (thrown instanceof Response) return { status: thrown.status, location: null, errors: {} }
		throw thrown
	}
	throw new Error('unexpected result')
}

function inDays(days: number) {
	return new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10)
}

async function world() {
	const county = await db()
		.selectFrom('jurisdictions')
		.select(['id', 'parent_id'])
		.where('slug', '=', 'us-va-loudoun')
		.executeTakeFirstOrThrow()
	const project = await db()
		.insertInto('projects')
		.values({ slug: unique('project'), name: `Project ${unique('p')}`, state_id: county.parent_id ?? 0, county_id: county.id })
		.returning(['id', 'slug'])
		.executeTakeFirstOrThrow()
	const body = await db()
		.insertInto('bodies')
		.values({
			slug: unique('board'),
			name: `Board ${unique('b')}`,
			kind: 'county_board',
			jurisdiction_id: county.id,
			time_zone: 'America/New_York',
		})
		.returning('id')
		.executeTakeFirstOrThrow()
	await db()
		.insertInto('body_rules')
		.values({
			body_id: body.id,
			signup_closes_hours_before: '24',
			appeal_days: 30,
			appeal_day_count: 'calendar',
			source_url: 'https://example.org/rules',
		})
		.execute()
	const organizer = await newAccount('organizer')
	const chapter = await startChapter(organizer)
	await db().insertInto('project_chapters').values({ project_id: project.id, chapter_id: chapter.id }).execute()
	return { project, body, organizer: { account: organizer, cookie: await signIn(organizer) } }
}

function addClock(slug: string, cookie: string, fields: Record<string, string>) {
	return settled(
		clockAction({ request: postForm(`/proceedings/${slug}/edit`, cookie, { intent: 'save', ...fields }), params: { slug }, context: {} }),
	)
}

async function clocksOf(proceedingSlug: string) {
	return db()
		.selectFrom('proceeding_clocks as k')
		.innerJoin('proceedings as p', 'p.id', 'k.proceeding_id')
		.select(['k.id', 'k.kind', 'k.due_at', 'k.computed', 'k.explanation'])
		.where('p.slug', '=', proceedingSlug)
		.orderBy('k.due_at')
		.execute()
}

test('only editors add a proceeding; its dates are checked for order and the past; rules compute the rest', async () => {
	const { project, body, organizer } = await world()
	const member = await newAccount('member')
	const memberCookie = await signIn(member)
	const refused = await settled(
		newProceedingLoader({
			request: getPage(`/projects/${project.slug}/proceedings/new`, memberCookie),
			params: { slug: project.slug },
			context: {},
		}),
	)
	expect(refused.status).toBe(403)
	const memberPost = await settled(
		newProceedingAction({
			request: postForm(`/projects/${project.slug}/proceedings/new`, memberCookie, { kind: 'rezoning', title: 'Rezoning', stage: 'filed' }),
			params: { slug: project.slug },
			context: {},
		}),
	)
	expect(memberPost.status).toBe(400)
	expect(memberPost.errors.form).toMatch(/Only organizers/)

	const bad = await settled(
		newProceedingAction({
			request: postForm(`/projects/${project.slug}/proceedings/new`, organizer.cookie, {
				kind: 'nonsense',
				title: 'x\u0000',
				stage: 'filed',
			}),
			params: { slug: project.slug },
			context: {},
		}),
	)
	expect(bad.status).toBe(400)
	expect(Object.keys(bad.errors).sort()).toEqual(['kind', 'title'])

	const created = await settled(
		newProceedingAction({
			request: postForm(`/projects/${project.slug}/proceedings/new`, organizer.cookie, {
				kind: 'rezoning',
				title: 'Rezoning of the Heron tract',
				stage: 'hearing_scheduled',
				bodyId: body.id,
				caseNumber: 'ZMAP-2026-0042',
			}),
			params: { slug: project.slug },
			context: {},
		}),
	)
	expect(created.status).toBe(302)
	const slug = (created.location ?? '').replace(/^\/proceedings\//, '').replace(/\/edit$/, '')

	expect(await addClock(slug, organizer.cookie, { kind: 'hearing', date: inDays(20), time: '19:00' })).toMatchObject({ status: 302 })
	// A vote before the hearing is refused, with the engine's words.
	const early = await addClock(slug, organizer.cookie, { kind: 'vote', date: inDays(10), time: '19:00' })
	expect(early.status).toBe(400)
	expect(early.errors.date).toBeTruthy()
	// A date in the past needs "this already happened".
	const past = await addClock(slug, organizer.cookie, { kind: 'notice_published', date: inDays(-3) })
	expect(past.errors.date).toMatch(/already happened/)
	expect(await addClock(slug, organizer.cookie, { kind: 'notice_published', date: inDays(-3), confirmPast: 'on' })).toMatchObject({
		status: 302,
	})
	expect(await addClock(slug, organizer.cookie, { kind: 'vote', date: inDays(30), time: '19:00' })).toMatchObject({ status: 302 })

	const clocks = await clocksOf(slug)
	const hearing = clocks.find((clock) => clock.kind === 'hearing')
	const signup = clocks.find((clock) => clock.kind === 'signup_cutoff')
	const appeal = clocks.find((clock) => clock.kind === 'appeal_deadline')
	expect(signup?.computed).toBe(true)
	expect((hearing?.due_at.getTime() ?? 0) - (signup?.due_at.getTime() ?? 0)).toBe(24 * 3600_000)
	expect(appeal).toMatchObject({ computed: true })
	expect(appeal?.explanation).toMatch(/30/)

	// Moving the hearing moves the cut-off in place (same row), which queues the "date changed" job.
	const moved = await addClock(slug, organizer.cookie, { clockId: hearing?.id ?? '', kind: 'hearing', date: inDays(21), time: '18:00' })
	expect(moved.status).toBe(302)
	const after = await clocksOf(slug)
	const signupAfter = after.find((clock) => clock.kind === 'signup_cutoff')
	expect(signupAfter?.id).toBe(signup?.id)
	expect((after.find((clock) => clock.kind === 'hearing')?.due_at.getTime() ?? 0) - (signupAfter?.due_at.getTime() ?? 0)).toBe(
		24 * 3600_000,
	)
	// Read from the copy of what was queued: a worker of another test file may already have run it.
	const jobs = (await queuedJobs('siting_clock_moved')).filter((job) => job.key?.startsWith(`clock-moved:${signup?.id ?? ''}:`))
	expect(new Set(jobs.map((job) => job.key)).size).toBe(1)
})

test('the notice check beside a proceeding says met, or names each defect, under the body’s rule', () => {
	const zone = 'America/New_York'
	const at = (date: string) => new Date(`${date}T16:00:00Z`)
	const met = renderToStaticMarkup(
		createElement(NoticeCheckView, {
			noticeRule: 'va-15.2-2204',
			timeZone: zone,
			clocks: [
				{ kind: 'notice_published', dueAt: at('2026-11-04') },
				{ kind: 'notice_published', dueAt: at('2026-11-11') },
				{ kind: 'hearing', dueAt: at('2026-11-20') },
			],
		}),
	)
	expect(met).toContain('The notice met Va. Code')
	const late = renderToStaticMarkup(
		createElement(NoticeCheckView, {
			noticeRule: 'va-15.2-2204',
			timeZone: zone,
			clocks: [
				{ kind: 'notice_published', dueAt: at('2026-10-01') },
				{ kind: 'notice_published', dueAt: at('2026-10-08') },
				{ kind: 'hearing', dueAt: at('2026-11-20') },
			],
		}),
	)
	expect(late).toContain('may not have met')
	// No rule recorded: nothing is guessed.
	expect(renderToStaticMarkup(createElement(NoticeCheckView, { noticeRule: null, timeZone: zone, clocks: [] }))).toBe('')
})

test('an editor records a body’s rules with a source; the dates they define are then computed', async () => {
	const { project, organizer } = await world()
	const county = await db().selectFrom('jurisdictions').select('id').where('slug', '=', 'us-va-loudoun').executeTakeFirstOrThrow()
	const bare = await db()
		.insertInto('bodies')
		.values({
			slug: unique('commission'),
			name: `Commission ${unique('c')}`,
			kind: 'planning_commission',
			jurisdiction_id: county.id,
			time_zone: 'America/New_York',
		})
		.returning('id')
		.executeTakeFirstOrThrow()
	const slug = unique('proceeding')
	await db()
		.insertInto('proceedings')
		.values({ slug, project_id: project.id, body_id: bare.id, kind: 'special_use_permit', title: 'Special-use permit' })
		.execute()
	expect(await addClock(slug, organizer.cookie, { kind: 'hearing', date: inDays(15), time: '19:00' })).toMatchObject({ status: 302 })
	// No rules yet: nothing is computed, nothing guessed.
	expect((await clocksOf(slug)).map((clock) => clock.kind)).toEqual(['hearing'])

	const post = (fields: Record<string, string>) =>
		settled(
			clockAction({
				request: postForm(`/proceedings/${slug}/edit`, organizer.cookie, { intent: 'rules', ...fields }),
				params: { slug },
				context: {},
			}),
		)
	const noSource = await post({ signupClosesHoursBefore: '48', rulesSourceUrl: '' })
	expect(noSource.errors.rulesSourceUrl).toMatch(/web address/)
	const halfAppeal = await post({ appealDays: '30', appealDayCount: '', rulesSourceUrl: 'https://example.org/bylaws' })
	expect(halfAppeal.errors.appealDayCount).toMatch(/both/)
	const huge = await post({ signupClosesHoursBefore: '99999999', rulesSourceUrl: 'https://example.org/bylaws' })
	expect(huge.errors.signupClosesHoursBefore).toMatch(/from 0 to 720/)

	expect(await post({ signupClosesHoursBefore: '48', rulesSourceUrl: 'https://example.org/bylaws' })).toMatchObject({ status: 302 })
	const clocks = await clocksOf(slug)
	const hearing = clocks.find((clock) => clock.kind === 'hearing')
	const signup = clocks.find((clock) => clock.kind === 'signup_cutoff')
	expect((hearing?.due_at.getTime() ?? 0) - (signup?.due_at.getTime() ?? 0)).toBe(48 * 3600_000)
	expect(await db().selectFrom('body_rules').select('source_url').where('body_id', '=', bare.id).executeTakeFirst()).toEqual({
		source_url: 'https://example.org/bylaws',
	})
})
