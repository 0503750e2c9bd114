import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'
import { db } from '#app/db/db.server'
import { action as editAction, loader as editLoader } from '#app/routes/proceedings+/$slug.edit'
import { action as newProceedingAction } from '#app/routes/projects+/$slug_.proceedings.new'
import { getBody } from '#app/siting/bodies.server'
import { RulesList } from '#app/siting/community-views'
import { notifyDecisionRecorded } from '#app/siting/jobs.server'
import { newAccount } from '#tests/helpers/accounts'
import { startChapter, unique } from '#tests/helpers/factories'
import { queuedEmailsTo, queuedJobs } from '#tests/helpers/queued-jobs'
import { getPage, postForm, signIn } from '#tests/helpers/session'

// The rest of the proceeding forms (issue 10), through the routes: a new
// deciding body from the proceeding form, a proceeding's decision (which
// still reaches followers through the trigger and the job), and the rarer
// participation rules, shown on the body's page.

type Outcome = { status: number; location: string | null; errors: Record<string, string>; body: Record<string, unknown> }

async function settled(work: Promise<unknown>): Promise<Outcome> {
	try {
		const result = await work
		if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), errors: {}, body: {} }
		if (typeof result === 'object' && result !== null && 'data' in result && 'init' in result) {
			const { data, init } = result as { data: Record<string, unknown> & { errors?: Record<string, string> }; init: ResponseInit | null }
			return { status: init?.status ?? 200, location: null, errors: data.errors ?? {}, body: data }
		}
	} catch (thrown) {
		if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), errors: {}, body: {} }
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
	const organizer = await newAccount('organizer')
	const chapter = await startChapter(organizer)
	await db().insertInto('project_chapters').values({ project_id: project.id, chapter_id: chapter.id }).execute()
	return { county, project, organizer: { account: organizer, cookie: await signIn(organizer) } }
}

function newProceeding(projectSlug: string, cookie: string, fields: Record<string, string>) {
	return settled(
		newProceedingAction({
			request: postForm(`/projects/${projectSlug}/proceedings/new`, cookie, {
				kind: 'rezoning',
				title: 'Rezoning',
				stage: 'filed',
				...fields,
			}),
			params: { slug: projectSlug },
			context: {},
		}),
	)
}

function edit(slug: string, cookie: string, fields: Record<string, string>) {
	return settled(editAction({ request: postForm(`/proceedings/${slug}/edit`, cookie, fields), params: { slug }, context: {} }))
}

test('an editor adds a new deciding body from the proceeding form; a member cannot; a same-named body is linked, not doubled', async () => {
	const { project, organizer } = await world()
	const name = `Board of Supervisors ${unique('b')}`
	const body = {
		bodyId: 'new',
		bodyName: name,
		bodyKind: 'county_board',
		bodyPlace: 'Loudoun County, VA',
		bodyTimeZone: 'America/New_York',
		bodyWebsite: 'https://www.loudoun.gov/bos',
		bodyEmail: 'clerk@example.org',
		bodyPhone: '703-777-0200',
	}

	// A member of nothing may not add one: nothing is stored.
	const member = await signIn(await newAccount('member'))
	const refused = await newProceeding(project.slug, member, body)
	expect(refused.status).toBe(400)
	expect(refused.errors.form).toMatch(/Only organizers/)
	expect(await db().selectFrom('bodies').select('id').where('name', '=', name).execute()).toEqual([])

	// Every field is checked, and what was typed comes back.
	const bad = await newProceeding(project.slug, organizer.cookie, {
		...body,
		bodyName: 'x',
		bodyKind: 'parliament',
		bodyPlace: '',
		bodyTimeZone: 'Mars/Olympus',
		bodyWebsite: 'not a link',
		bodyEmail: 'nobody',
	})
	expect(bad.status).toBe(400)
	expect(Object.keys(bad.errors).sort()).toEqual(['bodyEmail', 'bodyKind', 'bodyName', 'bodyPlace', 'bodyTimeZone', 'bodyWebsite'].sort())
	expect((bad.body.values as Record<string, string>).bodyWebsite).toBe('not a link')

	const nowhere = await newProceeding(project.slug, organizer.cookie, { ...body, bodyPlace: 'Atlantis, ZZ' })
	expect(nowhere.errors.bodyPlace).toMatch(/could not find “Atlantis, ZZ”/)
	expect((nowhere.body.values as Record<string, string>).bodyName).toBe(name)

	const created = await newProceeding(project.slug, organizer.cookie, body)
	expect(created.status).toBe(302)
	const stored = await db()
		.selectFrom('bodies as b')
		.innerJoin('jurisdictions as j', 'j.id', 'b.jurisdiction_id')
		.select(['b.id', 'b.slug', 'b.kind', 'b.time_zone', 'b.website', 'b.email', 'b.phone', 'b.created_by', 'j.slug as place'])
		.where('b.name', '=', name)
		.execute()
	expect(stored).toEqual([
		expect.objectContaining({
			kind: 'county_board',
			time_zone: 'America/New_York',
			website: 'https://www.loudoun.gov/bos',
			email: 'clerk@example.org',
			phone: '703-777-0200',
			created_by: organizer.account.id,
			place: 'us-va-loudoun',
		}),
	])
	const proceeding = await db().selectFrom('proceedings').select('body_id').where('project_id', '=', project.id).executeTakeFirstOrThrow()
	expect(proceeding.body_id).toBe(stored[0]?.id)

	// The same name again (any case or punctuation) warns and links the body on the list.
	const again = await newProceeding(project.slug, organizer.cookie, { ...body, bodyName: name.toUpperCase().replace(/ /g, '  ') })
	expect(again.status).toBe(400)
	expect(again.errors.differentBody).toMatch(/already on the list/)
	expect(again.body.duplicateBody).toEqual({ slug: stored[0]?.slug, name })
	// Saying it is a different body goes on, with a slug of its own.
	const different = await newProceeding(project.slug, organizer.cookie, { ...body, differentBody: 'on' })
	expect(different.status).toBe(302)
	const both = await db().selectFrom('bodies').select('slug').where('name', '=', name).orderBy('created_at').execute()
	expect(both.map((row) => row.slug)).toEqual([stored[0]?.slug, `${stored[0]?.slug ?? ''}-2`])
})

test('a place the search finds more than once is a choice, and the chosen one is the body’s jurisdiction', async () => {
	const { project, organizer } = await world()
	const name = `Council ${unique('c')}`
	const form = { bodyId: 'new', bodyName: name, bodyKind: 'county_board', bodyTimeZone: 'America/Chicago', bodyPlace: 'Washington' }
	const ambiguous = await newProceeding(project.slug, organizer.cookie, form)
	expect(ambiguous.errors.bodyPlaceId).toBeTruthy()
	const choices = ambiguous.body.bodyChoices as Array<{ id: number; label: string }>
	expect(choices.length).toBeGreaterThan(1)
	const chosen = choices[1]
	const picked = await newProceeding(project.slug, organizer.cookie, { ...form, bodyPlaceId: String(chosen?.id) })
	expect(picked.status).toBe(302)
	const body = await db().selectFrom('bodies').select('jurisdiction_id').where('name', '=', name).executeTakeFirstOrThrow()
	expect(body.jurisdiction_id).toBe(chosen?.id)
})

test('a decision is recorded after its hearing with a source, moves the stage, computes the appeal window, and reaches followers', async () => {
	const { county, project, organizer } = await world()
	const body = await db()
		.insertInto('bodies')
		.values({
			slug: unique('board'),
			name: unique('Board'),
			kind: 'county_board',
			jurisdiction_id: county.id,
			time_zone: 'America/New_York',
		})
		.returning('id')
		.executeTakeFirstOrThrow()
	await db()
		.insertInto('body_rules')
		.values({ body_id: body.id, appeal_days: 30, appeal_day_count: 'calendar', source_url: 'https://example.org/rules' })
		.execute()
	const slug = unique('proceeding')
	const proceeding = await db()
		.insertInto('proceedings')
		.values({ slug, project_id: project.id, body_id: body.id, kind: 'rezoning', title: 'Rezoning', stage: 'hearing_scheduled' })
		.returning('id')
		.executeTakeFirstOrThrow()
	const hearingOn = inDays(-10)
	expect(
		await edit(slug, organizer.cookie, { intent: 'save', kind: 'hearing', date: hearingOn, time: '19:00', confirmPast: 'on' }),
	).toMatchObject({
		status: 302,
	})
	const follower = await newAccount('follower')
	await db()
		.insertInto('follows')
		.values({ user_id: follower.id, project_id: project.id, confirmed_at: new Date(), token_hash: randomBytes(32) })
		.execute()

	const decide = (fields: Record<string, string>) => edit(slug, organizer.cookie, { intent: 'decision', ...fields })
	// The form's own checks: a date and a source come with an outcome.
	const half = await decide({ outcome: 'Approved 5–3', decidedOn: '', decisionSourceUrl: '' })
	expect(half.errors).toMatchObject({ decidedOn: expect.stringMatching(/date/), decisionSourceUrl: expect.stringMatching(/minutes/) })
	expect(
		(await decide({ outcome: 'Approved', decidedOn: '2026-02-30', decisionSourceUrl: 'https://example.org/m' })).errors.decidedOn,
	).toBeTruthy()
	// A decision before its hearing, or one in the future, is refused and nothing is stored.
	const early = await decide({ outcome: 'Approved 5–3', decidedOn: inDays(-12), decisionSourceUrl: 'https://example.org/minutes' })
	expect(early.errors.decidedOn).toMatch(/after this date/)
	const future = await decide({ outcome: 'Approved 5–3', decidedOn: inDays(3), decisionSourceUrl: 'https://example.org/minutes' })
	expect(future.errors.decidedOn).toMatch(/after today/)
	expect(
		(await db().selectFrom('proceedings').select(['decided_on', 'stage']).where('id', '=', proceeding.id).executeTakeFirstOrThrow())
			.decided_on,
	).toBeNull()

	// A member may not record one.
	const member = await signIn(await newAccount('member'))
	const memberPost = await edit(slug, member, {
		intent: 'decision',
		outcome: 'Denied',
		decidedOn: inDays(-1),
		decisionSourceUrl: 'https://x.org/m',
	})
	expect(memberPost.errors.form).toMatch(/Only organizers/)

	const decidedOn = inDays(-2)
	const saved = await decide({ outcome: 'Approved 5–3 with conditions', decidedOn, decisionSourceUrl: 'https://example.org/minutes' })
	expect(saved).toMatchObject({ status: 302, location: `/proceedings/${slug}/edit?notice=decision#decision` })
	const row = await db()
		.selectFrom('proceedings')
		.select(['outcome', 'stage', 'decision_source_url', sql<string>`decided_on::text`.as('decided')])
		.where('id', '=', proceeding.id)
		.executeTakeFirstOrThrow()
	expect(row).toEqual({
		outcome: 'Approved 5–3 with conditions',
		stage: 'decided',
		decision_source_url: 'https://example.org/minutes',
		decided: decidedOn,
	})
	// The appeal window of the body's rules counts from the decision.
	const appeal = await db()
		.selectFrom('proceeding_clocks')
		.select(['due_at', 'computed', 'explanation'])
		.where('proceeding_id', '=', proceeding.id)
		.where('kind', '=', 'appeal_deadline')
		.executeTakeFirstOrThrow()
	expect(appeal.computed).toBe(true)
	expect(appeal.explanation).toMatch(/30/)

	// The trigger queued the "decision recorded" job in the same transaction; the job emails the follower the outcome.
	const jobs = (await queuedJobs('siting_decision_recorded')).filter((job) => job.key === `decision:${proceeding.id}`)
	expect(jobs.length).toBe(1)
	expect(await notifyDecisionRecorded(proceeding.id)).toBeGreaterThanOrEqual(1)
	// A worker of another test file may have run the job too, queuing the same email under the same
	// idempotency key (the provider sends it once): one email, whoever queued it.
	const emails = await queuedEmailsTo<{ props: { kind: string; outcome: string }; idempotencyKey: string }>(follower.email)
	expect(emails.length).toBeGreaterThanOrEqual(1)
	for (const email of emails)
		expect(email.props).toEqual(expect.objectContaining({ kind: 'decided', outcome: 'Approved 5–3 with conditions' }))
	expect(new Set(emails.map((email) => email.idempotencyKey)).size).toBe(1)

	// The edit page shows the decision as saved.
	const page = await settled(editLoader({ request: getPage(`/proceedings/${slug}/edit`, organizer.cookie), params: { slug }, context: {} }))
	expect(page.body.decision).toEqual({
		outcome: 'Approved 5–3 with conditions',
		decidedOn,
		decisionSourceUrl: 'https://example.org/minutes',
	})

	// Both fields emptied takes a mistaken decision back, and the appeal window with it.
	expect(await decide({ outcome: '', decidedOn: '', decisionSourceUrl: '' })).toMatchObject({ status: 302 })
	expect(
		await db()
			.selectFrom('proceeding_clocks')
			.select('id')
			.where('proceeding_id', '=', proceeding.id)
			.where('kind', '=', 'appeal_deadline')
			.execute(),
	).toEqual([])
})

test('the rarer rules are recorded with their checks, shown on the body page, and the comment cut-off is computed', async () => {
	const { county, project, organizer } = await world()
	const body = await db()
		.insertInto('bodies')
		.values({
			slug: unique('commission'),
			name: unique('Commission'),
			kind: 'planning_commission',
			jurisdiction_id: county.id,
			time_zone: 'America/New_York',
		})
		.returning(['id', 'slug'])
		.executeTakeFirstOrThrow()
	const slug = unique('proceeding')
	await db()
		.insertInto('proceedings')
		.values({ slug, project_id: project.id, body_id: body.id, kind: 'special_use_permit', title: 'Special-use permit' })
		.execute()
	expect(await edit(slug, organizer.cookie, { intent: 'save', kind: 'hearing', date: inDays(20), time: '19:00' })).toMatchObject({
		status: 302,
	})
	const rules = (fields: Record<string, string>) =>
		edit(slug, organizer.cookie, { intent: 'rules', rulesSourceUrl: 'https://example.org/bylaws', ...fields })

	const bad = await rules({
		representativeMinutes: '0',
		representativeAuthorization: 'x'.repeat(501),
		commentsCloseHoursBefore: '-721',
		recordOpenDaysAfter: '2.5',
		minimumMinutesPerSide: '601',
	})
	expect(bad.status).toBe(400)
	expect(Object.keys(bad.errors).sort()).toEqual(
		[
			'commentsCloseHoursBefore',
			'minimumMinutesPerSide',
			'recordOpenDaysAfter',
			'representativeAuthorization',
			'representativeMinutes',
		].sort(),
	)
	expect((bad.body.values as Record<string, string>).commentsCloseHoursBefore).toBe('-721')

	const saved = await rules({
		speakingMinutes: '3',
		representativeMinutes: '6',
		representativeAuthorization: 'A letter from the group’s officers',
		signup_online: 'on',
		signup_in_person: 'on',
		commentsCloseHoursBefore: '24',
		recordOpenDaysAfter: '7',
		minimumMinutesPerSide: '10',
	})
	expect(saved.status).toBe(302)
	expect(
		await db()
			.selectFrom('body_rules')
			.select([
				'representative_minutes',
				'representative_authorization',
				'signup_methods',
				'comments_close_hours_before',
				'record_open_days_after',
				'minimum_minutes_per_side',
			])
			.where('body_id', '=', body.id)
			.executeTakeFirstOrThrow(),
	).toEqual({
		representative_minutes: '6.0',
		representative_authorization: 'A letter from the group’s officers',
		signup_methods: ['online', 'in_person'],
		comments_close_hours_before: '24.0',
		record_open_days_after: 7,
		minimum_minutes_per_side: 10,
	})
	// The comment deadline the rule implies is computed 24 hours before the hearing.
	const clocks = await db()
		.selectFrom('proceeding_clocks as k')
		.innerJoin('proceedings as p', 'p.id', 'k.proceeding_id')
		.select(['k.kind', 'k.due_at', 'k.computed'])
		.where('p.slug', '=', slug)
		.execute()
	const hearing = clocks.find((clock) => clock.kind === 'hearing')
	const comments = clocks.find((clock) => clock.kind === 'comment_deadline')
	expect(comments?.computed).toBe(true)
	expect((hearing?.due_at.getTime() ?? 0) - (comments?.due_at.getTime() ?? 0)).toBe(24 * 3600_000)

	// The edit form starts from what is stored, ticks included.
	const page = await settled(editLoader({ request: getPage(`/proceedings/${slug}/edit`, organizer.cookie), params: { slug }, context: {} }))
	expect((page.body.body as { rules: Record<string, string> }).rules).toMatchObject({
		representativeMinutes: '6',
		signup_online: 'on',
		signup_phone: '',
		signup_in_person: 'on',
		commentsCloseHoursBefore: '24',
		recordOpenDaysAfter: '7',
		minimumMinutesPerSide: '10',
	})

	// The body page's list says each of them.
	const found = await getBody({ role: 'anon' }, body.slug)
	expect(found?.rules).toBeTruthy()
	const html = renderToStaticMarkup(createElement(RulesList, { rules: found!.rules! }))
	expect(html).toContain('Someone speaking for a group has 6 minutes.')
	expect(html).toContain('To speak for a group: A letter from the group’s officers')
	expect(html).toContain('Ways to sign up: online, in person')
	expect(html).toContain('Written comments close 24 hours before the hearing.')
	expect(html).toContain('The record stays open 7 days after the hearing.')
	expect(html).toContain('Each side gets at least 10 minutes in total.')

	// Unticking a method takes it off; comments taken after the hearing read as such.
	expect(await rules({ signup_phone: 'on', commentsCloseHoursBefore: '-48' })).toMatchObject({ status: 302 })
	const after = await getBody({ role: 'anon' }, body.slug)
	expect(after?.rules?.signupMethods).toEqual(['phone'])
	expect(renderToStaticMarkup(createElement(RulesList, { rules: after!.rules! }))).toContain(
		'Written comments are taken until 48 hours after the hearing starts.',
	)
})
