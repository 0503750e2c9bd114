import { afterAll, beforeAll, expect, test } from 'vitest'
import { db } from '#app/db/db.server'
import { startWorker } from '#app/jobs/worker.server'
import { action as projectChangesAction } from '#app/routes/projects+/$slug_.changes'
import { action as editAction, loader as editLoader } from '#app/routes/projects+/$slug_.edit'
import { action as siteChangesAction, loader as siteChangesLoader } from '#app/routes/projects+/changes'
import { action as newAction } from '#app/routes/projects+/new'
import { newAccount, type Account } from '#tests/helpers/accounts'
import { startChapter, unique } from '#tests/helpers/factories'
import { waitForEmail } from '#tests/helpers/mailbox'
import { getPage, postForm, signIn } from '#tests/helpers/session'

// Who may change the siting record, through its routes (docs/decisions/049):
// members propose with a source; organizers of a linked chapter and site
// moderators review (or edit at once); an organizer of an unlinked chapter
// may not touch an existing project. Bad input is a field message and keeps
// what was typed.

let worker: Awaited<ReturnType<typeof startWorker>>
beforeAll(async () => {
	worker = await startWorker({ concurrency: 2 })
})
afterAll(async () => {
	await worker.stop()
})

type Outcome = {
	status: number
	location: string | null
	body: { errors?: Record<string, string>; values?: Record<string, string>; duplicate?: { slug: string } }
}

function isDataResult(value: unknown): value is { data: Outcome['body']; init: ResponseInit | null } {
	return typeof value === 'object' && value !== null && 'data' in value && 'init' in value
}

async function settled(result: unknown): Promise<Outcome> {
	if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), body: {} }
	if (isDataResult(result)) return { status: result.init?.status ?? 200, location: null, body: result.data }
	throw new Error('unexpected action result')
}

async function loudoun() {
	const county = await db()
		.selectFrom('jurisdictions')
		.select(['id', 'parent_id'])
		.where('slug', '=', 'us-va-loudoun')
		.executeTakeFirstOrThrow()
	return { countyId: county.id, stateId: county.parent_id ?? 0 }
}

/** A project on record in Loudoun County, with one cited figure. */
async function newProject(options: { developer?: string } = {}) {
	const place = await loudoun()
	const name = `Project ${unique('sail')}`
	const project = await db()
		.insertInto('projects')
		.values({
			slug: unique('project'),
			name,
			state_id: place.stateId,
			county_id: place.countyId,
			megawatts: '300',
			developer: options.developer ?? `Developer ${unique('d')}`,
		})
		.returning(['id', 'slug', 'name'])
		.executeTakeFirstOrThrow()
	const source = await db()
		.insertInto('project_sources')
		.values({ project_id: project.id, url: 'https://example.org/agenda-300' })
		.returning('id')
		.executeTakeFirstOrThrow()
	await db().insertInto('project_figure_sources').values({ project_id: project.id, figure: 'megawatts', source_id: source.id }).execute()
	return project
}

async function organizerOf(projectId: string | null) {
	const organizer = await newAccount('organizer')
	const chapter = await startChapter(organizer)
	if (projectId) await db().insertInto('project_chapters').values({ project_id: projectId, chapter_id: chapter.id }).execute()
	return { organizer, chapter, cookie: await signIn(organizer) }
}

async function moderator() {
	const account = await newAccount('moderator')
	await db().insertInto('site_roles').values({ user_id: account.id, role: 'moderator' }).execute()
	return { account, cookie: await signIn(account) }
}

function newProjectFields(overrides: Record<string, string> = {}) {
	return {
		name: `Project ${unique('oak')}`,
		developer: `Oak Ridge ${unique('dev')}`,
		place: 'Loudoun County, VA',
		status: 'proposed',
		megawatts: '1,200',
		megawatts_source: 'https://example.org/news/oak',
		acres: '',
		sourceUrl: 'https://example.org/news/oak',
		...overrides,
	}
}

async function propose(cookie: string, fields: Record<string, string>) {
	return settled(await newAction({ request: postForm('/projects/new', cookie, fields), params: {}, context: {} }))
}

async function edit(slug: string, cookie: string, fields: Record<string, string>) {
	return settled(await editAction({ request: postForm(`/projects/${slug}/edit`, cookie, fields), params: { slug }, context: {} }))
}

async function review(path: string, cookie: string, fields: Record<string, string>, slug?: string) {
	const request = postForm(path, cookie, fields)
	const result = slug
		? await projectChangesAction({ request, params: { slug }, context: {} })
		: await siteChangesAction({ request, params: {}, context: {} })
	return settled(result)
}

/** The edit form as the loader fills it in, with changes on top. */
async function editFields(slug: string, cookie: string, changes: Record<string, string>) {
	const loaded: unknown = await editLoader({ request: getPage(`/projects/${slug}/edit`, cookie), params: { slug }, context: {} })
	if (!isDataResult(loaded)) throw new Error('no edit form')
	const { defaults } = loaded.data as unknown as { defaults: Record<string, string> }
	return { ...defaults, ...changes }
}

async function latestRevision(authorId: string) {
	return db()
		.selectFrom('project_revisions')
		.selectAll()
		.where('author_id', '=', authorId)
		.orderBy('created_at', 'desc')
		.executeTakeFirstOrThrow()
}

test('a new project with a figure but no source, an unknown place, NUL bytes, huge or long values: each a message, all typed kept', async () => {
	const member = await newAccount('member')
	const cookie = await signIn(member)
	const noSource = await propose(cookie, newProjectFields({ megawatts_source: '' }))
	expect(noSource.status).toBe(400)
	expect(noSource.body.errors?.megawatts_source).toMatch(/source/i)
	expect(noSource.body.values?.megawatts).toBe('1,200')

	const unknownPlace = await propose(cookie, newProjectFields({ place: '00000' }))
	expect(unknownPlace.status).toBe(400)
	expect(unknownPlace.body.errors?.place).toMatch(/There is no ZIP code 00000/)
	expect(unknownPlace.body.values?.megawatts_source).toBe('https://example.org/news/oak')

	const bad = await propose(
		cookie,
		newProjectFields({
			name: 'Project\u0000Nul',
			developer: 'x'.repeat(20_000),
			acres: '99999999999999999999',
			acres_source: 'https://example.org/a',
			jobs_promised: '12.5',
			jobs_promised_source: 'not a url',
			nda_signed_on: '2025-02-30',
		}),
	)
	expect(bad.status).toBe(400)
	expect(bad.body.errors).toMatchObject({
		developer: expect.stringMatching(/too long/),
		acres: expect.stringMatching(/from 0 to/),
		jobs_promised: expect.stringMatching(/whole number/),
		jobs_promised_source: expect.stringMatching(/web address/),
		nda_signed_on: expect.stringMatching(/year-month-day/),
	})
	expect(bad.body.values?.developer).toHaveLength(20_000)
	// NUL bytes are dropped where every form is read (docs/decisions/043): no error for the name, and none kept.
	expect(bad.body.errors?.name).toBeUndefined()
	expect(bad.body.values?.name).toBe('ProjectNul')

	const noChangeSource = await propose(cookie, newProjectFields({ sourceUrl: '' }))
	expect(noChangeSource.body.errors?.sourceUrl).toMatch(/source/i)
	expect(await db().selectFrom('project_revisions').select('id').where('author_id', '=', member.id).execute()).toEqual([])
})

test('a duplicate project is warned about with a link, and goes on when the member says it is different', async () => {
	const existing = await newProject({ developer: 'Amazon Data Services' })
	const member = await newAccount('member')
	const cookie = await signIn(member)

	const sameName = await propose(cookie, newProjectFields({ name: `  ${existing.name.toUpperCase()}!` }))
	expect(sameName.status).toBe(400)
	expect(sameName.body.duplicate?.slug).toBe(existing.slug)
	expect(sameName.body.errors?.differentProject).toContain(existing.name)

	const sameDeveloper = await propose(cookie, newProjectFields({ developer: 'amazon data services' }))
	expect(sameDeveloper.body.duplicate?.slug).toBe(existing.slug)

	const goOn = await propose(cookie, newProjectFields({ developer: 'Amazon Data Services', differentProject: 'on' }))
	expect(goOn).toMatchObject({ status: 302, location: '/projects/changes?notice=submitted' })
	const revision = await latestRevision(member.id)
	expect(revision).toMatchObject({ status: 'proposed', project_id: null, source_url: 'https://example.org/news/oak' })
	expect(revision.changes).toMatchObject({
		megawatts: { from: null, to: 1200, source: 'https://example.org/news/oak', unverified: false },
		developer: { from: null, to: 'Amazon Data Services' },
	})
})

test('a new project is approved by a moderator: created with its sources and citations, and the proposer is emailed', async () => {
	const member = await newAccount('member')
	const name = `Project ${unique('cedar')}`
	expect(
		await propose(
			await signIn(member),
			newProjectFields({ name, acres: '640.5', acres_source: 'https://example.org/acres', acres_unverified: 'on' }),
		),
	).toMatchObject({ status: 302 })
	const revision = await latestRevision(member.id)

	// A member cannot review it, even knowing its id.
	const other = await newAccount('member')
	const refused = await review('/projects/changes', await signIn(other), { intent: 'approve', revisionId: revision.id })
	expect(refused.status).toBe(400)
	expect(refused.body.errors?.form).toMatch(/already reviewed, or you may not review it/)

	const { account, cookie } = await moderator()
	const queue: unknown = await siteChangesLoader({ request: getPage('/projects/changes', cookie), params: {}, context: {} })
	expect(isDataResult(queue) && JSON.stringify(queue.data)).toContain(revision.id)

	const approved = await review('/projects/changes', cookie, { intent: 'approve', revisionId: revision.id, reviewNote: 'Confirmed.' })
	expect(approved.status).toBe(302)
	const project = await db().selectFrom('projects').selectAll().where('name', '=', name).executeTakeFirstOrThrow()
	expect(approved.location).toBe(`/projects/${project.slug}?notice=created`)
	expect({ megawatts: project.megawatts, acres: project.acres, createdBy: project.created_by }).toEqual({
		megawatts: '1200.0',
		acres: '640.5',
		createdBy: account.id,
	})
	const citations = await db()
		.selectFrom('project_figure_sources as f')
		.innerJoin('project_sources as s', 's.id', 'f.source_id')
		.select(['f.figure', 's.url', 'f.unverified'])
		.where('f.project_id', '=', project.id)
		.orderBy('f.figure')
		.execute()
	expect(citations).toEqual([
		{ figure: 'megawatts', url: 'https://example.org/news/oak', unverified: false },
		{ figure: 'acres', url: 'https://example.org/acres', unverified: true },
	])
	expect(
		await db()
			.selectFrom('project_revisions')
			.select(['status', 'project_id', 'reviewed_by'])
			.where('id', '=', revision.id)
			.executeTakeFirst(),
	).toEqual({
		status: 'approved',
		project_id: project.id,
		reviewed_by: account.id,
	})
	const email = await waitForEmail(member.email, /is now on Groundwork/)
	expect(email.Text).toContain('Confirmed.')
	expect(email.Text).toContain(`/projects/${project.slug}`)
})

test('an organizer approving a new project links one of their chapters; without one it is refused', async () => {
	const member = await newAccount('member')
	await propose(await signIn(member), newProjectFields())
	const revision = await latestRevision(member.id)
	const { chapter, cookie } = await organizerOf(null)

	const noChapter = await review('/projects/changes', cookie, { intent: 'approve', revisionId: revision.id, linkChapterId: '' })
	expect(noChapter.status).toBe(400)
	expect(noChapter.body.errors?.linkChapterId).toMatch(/Choose a chapter you organize/)

	const approved = await review('/projects/changes', cookie, { intent: 'approve', revisionId: revision.id, linkChapterId: chapter.id })
	expect(approved.status).toBe(302)
	const reviewed = await db().selectFrom('project_revisions').select('project_id').where('id', '=', revision.id).executeTakeFirstOrThrow()
	expect(
		await db()
			.selectFrom('project_chapters')
			.select('chapter_id')
			.where('project_id', '=', reviewed.project_id ?? '')
			.execute(),
	).toEqual([{ chapter_id: chapter.id }])
})

test('a member’s edit is a proposal of only what changed; an unlinked organizer cannot review it; a linked one approves it', async () => {
	const project = await newProject()
	const member = await newAccount('member')
	const memberCookie = await signIn(member)
	const fields = await editFields(project.slug, memberCookie, {
		megawatts: '450',
		megawatts_source: 'https://example.org/agenda-450',
		sourceUrl: 'https://example.org/agenda-450',
	})
	expect(fields.megawatts_source).toBe('https://example.org/agenda-450')
	const proposed = await edit(project.slug, memberCookie, fields)
	expect(proposed).toMatchObject({ status: 302, location: `/projects/${project.slug}/changes?notice=proposed` })
	const revision = await latestRevision(member.id)
	expect(revision).toMatchObject({ status: 'proposed', project_id: project.id })
	expect(revision.changes).toEqual({ megawatts: { from: 300, to: 450, source: 'https://example.org/agenda-450', unverified: false } })
	const before = await db().selectFrom('projects').select('megawatts').where('id', '=', project.id).executeTakeFirstOrThrow()
	expect(before.megawatts).toBe('300.0')

	const unlinked = await organizerOf(null)
	const refused = await review(
		`/projects/${project.slug}/changes`,
		unlinked.cookie,
		{ intent: 'approve', revisionId: revision.id },
		project.slug,
	)
	expect(refused.status).toBe(400)

	const linked = await organizerOf(project.id)
	const approved = await review(
		`/projects/${project.slug}/changes`,
		linked.cookie,
		{ intent: 'approve', revisionId: revision.id },
		project.slug,
	)
	expect(approved).toMatchObject({ status: 302, location: `/projects/${project.slug}/changes?notice=approved` })
	const after = await db().selectFrom('projects').select('megawatts').where('id', '=', project.id).executeTakeFirstOrThrow()
	expect(after.megawatts).toBe('450.0')
	const cited = await db()
		.selectFrom('project_figure_sources as f')
		.innerJoin('project_sources as s', 's.id', 'f.source_id')
		.select('s.url')
		.where('f.project_id', '=', project.id)
		.where('f.figure', '=', 'megawatts')
		.execute()
	expect(cited).toEqual([{ url: 'https://example.org/agenda-450' }])
	await waitForEmail(member.email, new RegExp(`Your change to ${project.name} is approved`))
})

test('an editor’s edit applies at once, recorded as approved by them; nothing changed and another state are refused', async () => {
	const project = await newProject()
	const { organizer, cookie } = await organizerOf(project.id)
	const unchanged = await edit(project.slug, cookie, await editFields(project.slug, cookie, { sourceUrl: 'https://example.org/x' }))
	expect(unchanged.status).toBe(400)
	expect(unchanged.body.errors?.form).toMatch(/Nothing was changed/)

	const moved = await edit(
		project.slug,
		cookie,
		await editFields(project.slug, cookie, { place: 'Pima County, AZ', placeId: '', sourceUrl: 'https://example.org/x' }),
	)
	expect(moved.body.errors?.place).toMatch(/cannot move to another state/)

	const applied = await edit(
		project.slug,
		cookie,
		await editFields(project.slug, cookie, {
			status: 'denied',
			jobs_promised: '50',
			jobs_promised_source: 'https://example.org/jobs',
			sourceUrl: 'https://example.org/vote',
		}),
	)
	expect(applied).toMatchObject({ status: 302, location: `/projects/${project.slug}?notice=changed` })
	expect(await db().selectFrom('projects').select(['status', 'jobs_promised']).where('id', '=', project.id).executeTakeFirst()).toEqual({
		status: 'denied',
		jobs_promised: 50,
	})
	const revision = await latestRevision(organizer.id)
	expect(revision).toMatchObject({
		status: 'approved',
		project_id: project.id,
		reviewed_by: organizer.id,
		source_url: 'https://example.org/vote',
	})
	expect(Object.keys(revision.changes as object).sort()).toEqual(['jobs_promised', 'status'])
})

test('a rejected change is told to its author with the note; a proposal overtaken by another change is stale', async () => {
	const project = await newProject()
	const first = await newAccount('member')
	const second = await newAccount('member')
	for (const [account, megawatts] of [
		[first, '500'],
		[second, '600'],
	] as Array<[Account, string]>) {
		const cookie = await signIn(account)
		await edit(
			project.slug,
			cookie,
			await editFields(project.slug, cookie, {
				megawatts,
				megawatts_source: `https://example.org/${megawatts}`,
				sourceUrl: `https://example.org/${megawatts}`,
			}),
		)
	}
	const { cookie } = await moderator()
	const firstRevision = await latestRevision(first.id)
	const secondRevision = await latestRevision(second.id)
	expect(
		await review(`/projects/${project.slug}/changes`, cookie, { intent: 'approve', revisionId: firstRevision.id }, project.slug),
	).toMatchObject({
		status: 302,
	})
	const stale = await review(
		`/projects/${project.slug}/changes`,
		cookie,
		{ intent: 'approve', revisionId: secondRevision.id },
		project.slug,
	)
	expect(stale.status).toBe(400)
	expect(stale.body.errors?.form).toMatch(/has changed since this was proposed/)

	const rejected = await review(
		`/projects/${project.slug}/changes`,
		cookie,
		{ intent: 'reject', revisionId: secondRevision.id, reviewNote: 'The agenda says 500 MW.' },
		project.slug,
	)
	expect(rejected).toMatchObject({ status: 302, location: `/projects/${project.slug}/changes?notice=rejected` })
	const email = await waitForEmail(second.email, /was not accepted/)
	expect(email.Text).toContain('The agenda says 500 MW.')
	expect(await db().selectFrom('projects').select('megawatts').where('id', '=', project.id).executeTakeFirst()).toEqual({
		megawatts: '500.0',
	})
})
