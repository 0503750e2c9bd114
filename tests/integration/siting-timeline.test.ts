import { sql } from 'kysely'
import { expect, test } from 'vitest'
import { db } from '#app/db/db.server'
import { action as changesAction } from '#app/routes/projects+/$slug_.changes'
import { action as timelineAction, loader as timelineLoader } from '#app/routes/projects+/$slug_.timeline'
import { listProposals } from '#app/siting/revisions.server'
import { newAccount } from '#tests/helpers/accounts'
import { startChapter, unique } from '#tests/helpers/factories'
import { queuedEmailsTo } from '#tests/helpers/queued-jobs'
import { getPage, postForm, signIn } from '#tests/helpers/session'

// A project's timeline through the revision flow (docs/decisions/049, 063),
// over the routes: a member's entry waits for review, an editor's applies at
// once; approving applies exactly what was proposed, and refuses a
// correction to an entry that changed since.

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
	const organizerAccount = await newAccount('organizer')
	const chapter = await startChapter(organizerAccount)
	await db().insertInto('project_chapters').values({ project_id: project.id, chapter_id: chapter.id }).execute()
	const memberAccount = await newAccount('member')
	return {
		project,
		organizer: { account: organizerAccount, cookie: await signIn(organizerAccount) },
		member: { account: memberAccount, cookie: await signIn(memberAccount) },
	}
}

function post(slug: string, cookie: string, fields: Record<string, string>) {
	return settled(timelineAction({ request: postForm(`/projects/${slug}/timeline`, cookie, fields), params: { slug }, context: {} }))
}

function review(slug: string, cookie: string, fields: Record<string, string>) {
	return settled(changesAction({ request: postForm(`/projects/${slug}/changes`, cookie, fields), params: { slug }, context: {} }))
}

async function entriesOf(projectId: string) {
	return db()
		.selectFrom('project_timeline_entries as e')
		.leftJoin('project_sources as s', 's.id', 'e.source_id')
		.select(['e.id', sql<string>`e.occurred_on::text`.as('on'), 'e.title', 's.url', 'e.created_by'])
		.where('e.project_id', '=', projectId)
		.orderBy('e.occurred_on')
		.execute()
}

test('a member proposes a sourced entry; it waits for review; the editor approves it and the proposer is told', async () => {
	const { project, organizer, member } = await world()
	// Each field is checked, and nothing typed is lost.
	const bad = await post(project.slug, member.cookie, { occurredOn: '2025-02-30', title: 'x', sourceUrl: 'nowhere' })
	expect(bad.status).toBe(400)
	expect(Object.keys(bad.errors).sort()).toEqual(['occurredOn', 'sourceUrl', 'title'])
	expect(bad.body.values).toMatchObject({ occurredOn: '2025-02-30', title: 'x', sourceUrl: 'nowhere' })
	const future = await post(project.slug, member.cookie, { occurredOn: '2099-01-01', title: 'Hearing', sourceUrl: 'https://example.org/a' })
	expect(future.errors.occurredOn).toMatch(/after today/)
	expect(future.body.values).toMatchObject({ title: 'Hearing' })

	const proposed = await post(project.slug, member.cookie, {
		occurredOn: '2025-06-17',
		title: 'Planning commission hears the rezoning',
		sourceUrl: 'https://example.org/minutes-june',
		note: 'From the minutes',
	})
	expect(proposed).toMatchObject({ status: 302, location: `/projects/${project.slug}/changes?notice=proposed` })
	expect(await entriesOf(project.id)).toEqual([])

	const [proposal] = await listProposals({ role: 'anon' }, project.slug)
	expect(proposal).toBeUndefined()
	const pending = await listProposals({ role: 'authenticated', claims: { sub: organizer.account.id, role: 'authenticated' } }, project.slug)
	expect(pending).toHaveLength(1)
	expect(pending[0]?.changes).toMatchObject({
		timeline: { from: null, to: '2025-06-17: Planning commission hears the rezoning', source: 'https://example.org/minutes-june' },
	})

	// The member cannot approve their own proposal.
	const self = await review(project.slug, member.cookie, { intent: 'approve', revisionId: pending[0]?.id ?? '' })
	expect(self.status).toBe(400)
	expect(await entriesOf(project.id)).toEqual([])

	const approved = await review(project.slug, organizer.cookie, {
		intent: 'approve',
		revisionId: pending[0]?.id ?? '',
		reviewNote: 'Thanks',
	})
	expect(approved).toMatchObject({ status: 302, location: `/projects/${project.slug}/changes?notice=approved` })
	expect(await entriesOf(project.id)).toEqual([
		{
			id: expect.any(String),
			on: '2025-06-17',
			title: 'Planning commission hears the rezoning',
			url: 'https://example.org/minutes-june',
			created_by: organizer.account.id,
		},
	])
	const revision = await db()
		.selectFrom('project_revisions')
		.select(['status', 'author_id', 'reviewed_by'])
		.where('id', '=', pending[0]?.id ?? '')
		.executeTakeFirstOrThrow()
	expect(revision).toEqual({ status: 'approved', author_id: member.account.id, reviewed_by: organizer.account.id })
	const emails = await queuedEmailsTo(member.account.email)
	expect(emails.filter((email) => email.template === 'siting_revision')).toHaveLength(1)
})

test('an editor adds and corrects entries at once, each an approved revision; a stale proposed correction is refused', async () => {
	const { project, organizer, member } = await world()
	expect(
		await post(project.slug, organizer.cookie, {
			occurredOn: '2025-09-10',
			title: 'Board denies the rezoning',
			sourceUrl: 'https://example.org/a',
		}),
	).toMatchObject({ status: 302, location: `/projects/${project.slug}/timeline?notice=applied` })
	const [entry] = await entriesOf(project.id)
	expect(entry).toMatchObject({ on: '2025-09-10', title: 'Board denies the rezoning' })

	// Saving what is there already changes nothing.
	const same = await post(project.slug, organizer.cookie, {
		entryId: entry?.id ?? '',
		occurredOn: '2025-09-10',
		title: 'Board denies the rezoning',
		sourceUrl: 'https://example.org/a',
	})
	expect(same.errors.form).toMatch(/Nothing changed/)

	// A member proposes a correction; meanwhile the editor corrects the entry themselves.
	expect(
		await post(project.slug, member.cookie, {
			entryId: entry?.id ?? '',
			occurredOn: '2025-09-10',
			title: 'Board denies the rezoning 4–1',
			sourceUrl: 'https://example.org/b',
		}),
	).toMatchObject({ status: 302 })
	expect(
		await post(project.slug, organizer.cookie, {
			entryId: entry?.id ?? '',
			occurredOn: '2025-09-10',
			title: 'Township board denies the rezoning',
			sourceUrl: 'https://example.org/a',
		}),
	).toMatchObject({ status: 302 })
	const revisions = await db()
		.selectFrom('project_revisions')
		.select(['id', 'status', 'author_id'])
		.where('project_id', '=', project.id)
		.orderBy('created_at')
		.execute()
	expect(revisions.map((revision) => revision.status)).toEqual(['approved', 'proposed', 'approved'])
	const stale = await review(project.slug, organizer.cookie, { intent: 'approve', revisionId: revisions[1]?.id ?? '' })
	expect(stale.status).toBe(400)
	expect(stale.errors.form).toMatch(/changed since this was proposed/)
	expect((await entriesOf(project.id))[0]?.title).toBe('Township board denies the rezoning')
	// Rejecting it still works, with a note.
	expect(
		await review(project.slug, organizer.cookie, { intent: 'reject', revisionId: revisions[1]?.id ?? '', reviewNote: 'Stale' }),
	).toMatchObject({
		status: 302,
	})

	// An entry of another project cannot be corrected from this one.
	const other = await world()
	const foreign = await post(other.project.slug, other.organizer.cookie, {
		entryId: entry?.id ?? '',
		occurredOn: '2025-09-10',
		title: 'Hijacked',
		sourceUrl: 'https://example.org/x',
	})
	expect(foreign.errors.form).toMatch(/no longer on this project/)

	// The page lists the entries for anyone signed in, and says whose changes apply at once.
	const page = await settled(
		timelineLoader({ request: getPage(`/projects/${project.slug}/timeline`, member.cookie), params: { slug: project.slug }, context: {} }),
	)
	expect(page.body).toMatchObject({ editor: false, entries: [{ title: 'Township board denies the rezoning' }] })
	const unknown = await settled(
		timelineLoader({ request: getPage('/projects/nope/timeline', member.cookie), params: { slug: 'nope' }, context: {} }),
	)
	expect(unknown.status).toBe(404)
})
