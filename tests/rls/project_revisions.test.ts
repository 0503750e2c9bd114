import { expect, test } from 'vitest'
import { createUser } from '#tests/helpers/factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { authorFor, byRole, createProject, createRevision, createSitingWorld, linkChapter } from '#tests/helpers/siting-factories'

// Every change to a project's record. Reviewed revisions are the public
// history; a proposal is seen by its author and by whoever may review it (the
// project's editors; for a proposed new project, moderators and organizers of
// any chapter). Any signed-in person proposes, as themselves; reviewers sign
// their review and change nothing but the review; an editor records their
// own direct change as approved. Nothing is deleted.

const read = 'select id from public.project_revisions where id = $1'
const propose = `insert into public.project_revisions (project_id, author_id, changes, source_url)
	values ($1, $2, '{"acres": {"from": null, "to": 120}}', 'https://example.org/site-plan')`
const direct = `insert into public.project_revisions (project_id, author_id, status, changes, source_url, reviewed_by, reviewed_at)
	values ($1, $2, 'approved', '{"acres": {"from": null, "to": 120}}', 'https://example.org/site-plan', $3, now())`
const approve = `update public.project_revisions set status = 'approved', reviewed_by = $2, reviewed_at = now(), review_note = 'Matches the filing'
	where id = $1`

test('everyone reads reviewed revisions, approved or rejected', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		for (const status of ['approved', 'rejected'] as const) {
			const revision = await createRevision(client, { project: world.project, author: world.member, status, reviewer: world.organizer })
			const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [revision.id])).length)
			expect(seen, status).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
		}
	}))

test('a proposal is seen by its author and the project’s editors only', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const proposer = await createUser(client)
		const revision = await createRevision(client, { project: world.project, author: proposer })
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [revision.id])).length)
		expect(seen).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		expect(await rowsVisibleAs(client, proposer, read, [revision.id])).toHaveLength(1)
	}))

test('a proposed new project is seen by its author, moderators and organizers of any chapter', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const proposer = await createUser(client)
		const revision = await createRevision(client, { project: null, author: proposer })
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [revision.id])).length)
		expect(seen).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 1, moderator: 1 })
		expect(await rowsVisibleAs(client, proposer, read, [revision.id])).toHaveLength(1)
	}))

test('anyone signed in proposes an edit or a new project, as themselves and unreviewed', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		for (const project of [world.project, null]) {
			const proposed = await byRole(world, (actor, role) =>
				rowsChangedAs(client, actor, propose, [project?.id ?? null, authorFor(world, role)]),
			)
			expect(proposed).toEqual({ anon: 0, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
		}
		expect((await failureAs(client, world.member, propose, [world.project.id, world.organizer.id])).code).toBe('42501')
		const preReviewed = await failureAs(
			client,
			world.member,
			`insert into public.project_revisions (project_id, author_id, changes, source_url, reviewed_by)
			values ($1, $2, '{}', 'https://example.org/x', $2)`,
			[world.project.id, world.member.id],
		)
		expect(preReviewed.code).toBe('42501')
		const rejectedAtBirth = await failureAs(
			client,
			world.organizer,
			`insert into public.project_revisions (project_id, author_id, status, changes, source_url, reviewed_at)
			values ($1, $2, 'rejected', '{}', 'https://example.org/x', now())`,
			[world.project.id, world.organizer.id],
		)
		expect(rejectedAtBirth.code).toBe('42501')
	}))

test('an editor records their own direct change as approved; nobody else can skip review', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const unsigned = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, direct, [world.project.id, authorFor(world, role), null]),
		)
		expect(unsigned).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const signed = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, direct, [world.project.id, authorFor(world, role), authorFor(world, role)]),
		)
		expect(signed).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		// Not in someone else's name, and not a new project without a review.
		expect((await failureAs(client, world.organizer, direct, [world.project.id, world.organizer.id, world.moderator.id])).code).toBe(
			'42501',
		)
		expect((await failureAs(client, world.moderator, direct, [null, world.moderator.id, world.moderator.id])).code).toBe('42501')
	}))

test('the project’s editors review a proposal, signing it themselves', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const reviewed = await byRole(world, async (actor, role) => {
			const revision = await createRevision(client, { project: world.project, author: world.member })
			return rowsChangedAs(client, actor, approve, [revision.id, authorFor(world, role)])
		})
		expect(reviewed).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const revision = await createRevision(client, { project: world.project, author: world.member })
		expect((await failureAs(client, world.organizer, approve, [revision.id, world.moderator.id])).code).toBe('42501')
		const rejected = await rowsChangedAs(
			client,
			world.organizer,
			`update public.project_revisions set status = 'rejected', reviewed_by = $2, reviewed_at = now(), review_note = 'No source' where id = $1`,
			[revision.id, world.organizer.id],
		)
		expect(rejected).toBe(1)
		// Reviewed once: the decision stands.
		expect(await rowsChangedAs(client, world.moderator, approve, [revision.id, world.moderator.id])).toBe(0)
	}))

test('moderators and organizers of any chapter review a proposed new project', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const reviewed = await byRole(world, async (actor, role) => {
			const revision = await createRevision(client, { project: null, author: world.member })
			return rowsChangedAs(
				client,
				actor,
				`update public.project_revisions set status = 'rejected', reviewed_by = $2, reviewed_at = now() where id = $1`,
				[revision.id, authorFor(world, role)],
			)
		})
		expect(reviewed).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('approving a new project attaches the proposal to the project the reviewer created, never to another', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const revision = await createRevision(client, { project: null, author: world.member })
		const attach = `update public.project_revisions set status = 'approved', project_id = $2, reviewed_by = $3, reviewed_at = now() where id = $1`
		// The organizer of an unlinked chapter may not hang it on a project they do not edit.
		expect((await failureAs(client, world.otherOrganizer, attach, [revision.id, world.project.id, world.otherOrganizer.id])).code).toBe(
			'42501',
		)
		const created = await createProject(client, world.place, world.otherOrganizer)
		await linkChapter(client, created, world.otherChapter, world.otherOrganizer)
		expect(await rowsChangedAs(client, world.otherOrganizer, attach, [revision.id, created.id, world.otherOrganizer.id])).toBe(1)
	}))

test('a reviewer never moves a proposal to a project they do not edit', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const elsewhere = await createProject(client, world.place)
		const revision = await createRevision(client, { project: world.project, author: world.member })
		const moved = await failureAs(
			client,
			world.organizer,
			`update public.project_revisions set status = 'approved', project_id = $2, reviewed_by = $3, reviewed_at = now() where id = $1`,
			[revision.id, elsewhere.id, world.organizer.id],
		)
		expect(moved.code).toBe('42501')
	}))

test('a review changes only the review: never what was proposed, by whom, or when', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const revision = await createRevision(client, { project: world.project, author: world.member })
		for (const [column, value] of [
			['changes', '{"megawatts": {"from": 300, "to": 1}}'],
			['author_id', world.organizer.id],
			['source_url', 'https://example.org/other'],
			['note', 'Rewritten'],
			['created_at', '2020-01-01'],
		]) {
			const refused = await failureAs(
				client,
				world.moderator,
				`update public.project_revisions set ${column} = $2, status = 'approved', reviewed_by = $3, reviewed_at = now() where id = $1`,
				[revision.id, value, world.moderator.id],
			)
			expect(refused.code, column).toBe('42501')
		}
		// The author cannot rewrite a pending proposal either.
		expect(
			(await failureAs(client, world.member, `update public.project_revisions set changes = '{}' where id = $1`, [revision.id])).code,
		).toBe('42501')
	}))

test('nobody deletes a revision', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const proposed = await createRevision(client, { project: world.project, author: world.member })
		const approved = await createRevision(client, {
			project: world.project,
			author: world.member,
			status: 'approved',
			reviewer: world.organizer,
		})
		for (const revision of [proposed, approved]) {
			const removed = await byRole(world, (actor) =>
				rowsChangedAs(client, actor, 'delete from public.project_revisions where id = $1', [revision.id]),
			)
			expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		}
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.project_revisions')).code).toBe('42501')
		}
	}))

test('a proposal is dated by the database, not by its author', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const backdated = await failureAs(
			client,
			world.member,
			`insert into public.project_revisions (project_id, author_id, changes, source_url, created_at)
			values ($1, $2, '{}', 'https://example.org/x', '2020-01-01')`,
			[world.project.id, world.member.id],
		)
		expect(backdated.code).toBe('42501')
	}))
