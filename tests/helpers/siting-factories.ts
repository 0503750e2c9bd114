import { createHash, randomBytes } from 'node:crypto'
import type pg from 'pg'
import {
	addMembership,
	createChapter,
	createJurisdiction,
	createUser,
	uniqueSuffix,
	type Chapter,
	type Jurisdiction,
	type User,
} from './factories'
import { makeModerator } from './petition-factories'
import { onlyRow, type Actor } from './rls'

// Projects, bodies, proceedings and follows for the siting tests, inserted as
// the connecting superuser inside the test's transaction, like factories.ts.

/** Each position the siting policies tell apart. */
export const SITING_ROLES = ['anon', 'member', 'organizer', 'otherOrganizer', 'moderator'] as const
export type SitingRole = (typeof SITING_ROLES)[number]

/**
 * One project with one chapter working on it, and a person in each position:
 * a plain member of that chapter, its organizer (an editor of the project),
 * the organizer of a chapter that is not linked, and a site moderator.
 */
export type SitingWorld = {
	place: Jurisdiction
	chapter: Chapter
	otherChapter: Chapter
	member: User
	organizer: User
	otherOrganizer: User
	moderator: User
	project: Project
}

export type Project = { id: string; slug: string }

export async function createSitingWorld(client: pg.Client): Promise<SitingWorld> {
	const place = await createJurisdiction(client)
	const organizer = await createUser(client, { displayName: 'Olive Organizer' })
	const otherOrganizer = await createUser(client, { displayName: 'Ravi Rival' })
	const member = await createUser(client, { displayName: 'Mo Member' })
	const moderator = await createUser(client, { displayName: 'Mel Moderator' })
	const chapter = await createChapter(client, { organizer, jurisdiction: place })
	const otherChapter = await createChapter(client, { organizer: otherOrganizer, jurisdiction: place })
	await addMembership(client, chapter, member, 'member', 'active')
	await makeModerator(client, moderator)
	const project = await createProject(client, place, organizer)
	await linkChapter(client, project, chapter, organizer)
	return { place, chapter, otherChapter, member, organizer, otherOrganizer, moderator, project }
}

export function actorFor(world: SitingWorld, role: SitingRole): Actor {
	return role === 'anon' ? 'anon' : world[role]
}

/** Runs `check` for every position and returns what each got, for one readable `toEqual`. */
export async function byRole<T>(world: SitingWorld, check: (actor: Actor, role: SitingRole) => Promise<T>) {
	const results: Partial<Record<SitingRole, T>> = {}
	for (const role of SITING_ROLES) results[role] = await check(actorFor(world, role), role)
	return results as Record<SitingRole, T>
}

/** The id a row written by `role` claims as its author: their own, or (for anon) the organizer's. */
export function authorFor(world: SitingWorld, role: SitingRole): string {
	return role === 'anon' ? world.organizer.id : world[role].id
}

export async function createProject(client: pg.Client, place: Jurisdiction, creator: User | null = null): Promise<Project> {
	const slug = `test-project-${uniqueSuffix()}`
	const row = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.projects (slug, name, developer, state_id, county_id, megawatts, status, created_by)
			values ($1, 'Project Lantern', 'Lantern Data LLC', $2, $3, 300, 'proposed', $4) returning id`,
			[slug, place.stateId, place.id, creator?.id ?? null],
		),
	)
	return { id: row.id, slug }
}

export async function linkChapter(client: pg.Client, project: Project, chapter: Chapter, by: User) {
	await client.query('insert into public.project_chapters (project_id, chapter_id, added_by) values ($1, $2, $3)', [
		project.id,
		chapter.id,
		by.id,
	])
}

export async function createSource(client: pg.Client, project: Project, url = `https://example.org/news/${uniqueSuffix()}`) {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.project_sources (project_id, url, title) values ($1, $2, 'County staff report') returning id`,
			[project.id, url],
		),
	)
}

export async function citeFigure(client: pg.Client, project: Project, sourceId: string, figure = 'megawatts') {
	await client.query('insert into public.project_figure_sources (project_id, figure, source_id) values ($1, $2, $3)', [
		project.id,
		figure,
		sourceId,
	])
}

export async function createTimelineEntry(client: pg.Client, project: Project, by: User | null = null) {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.project_timeline_entries (project_id, occurred_on, title, created_by)
			values ($1, '2026-03-03', 'Rezoning application filed', $2) returning id`,
			[project.id, by?.id ?? null],
		),
	)
}

export type RevisionStatus = 'proposed' | 'approved' | 'rejected'

export async function createRevision(
	client: pg.Client,
	options: { project: Project | null; author: User; status?: RevisionStatus; reviewer?: User | null },
) {
	const status = options.status ?? 'proposed'
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.project_revisions (project_id, author_id, status, changes, source_url, reviewed_by, reviewed_at)
			values ($1, $2, $3::public.revision_status, '{"megawatts": {"from": 300, "to": 600}}', 'https://example.org/filing', $4,
				case when $3::public.revision_status = 'proposed' then null else now() end)
			returning id`,
			[options.project?.id ?? null, options.author.id, status, status === 'proposed' ? null : (options.reviewer?.id ?? null)],
		),
	)
}

export async function createBody(client: pg.Client, place: Jurisdiction, creator: User | null = null) {
	const slug = `test-body-${uniqueSuffix()}`
	const row = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.bodies (slug, name, kind, jurisdiction_id, time_zone, created_by)
			values ($1, 'Board of Supervisors', 'county_board', $2, 'America/New_York', $3) returning id`,
			[slug, place.id, creator?.id ?? null],
		),
	)
	return { id: row.id, slug }
}

export async function createBodyRules(client: pg.Client, bodyId: string) {
	await client.query(`insert into public.body_rules (body_id, speaking_minutes, source_url) values ($1, 3, 'https://example.org/rules')`, [
		bodyId,
	])
}

export async function createOfficial(client: pg.Client, bodyId: string) {
	const slug = `test-official-${uniqueSuffix()}`
	const row = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.officials (slug, body_id, name, title) values ($1, $2, 'Pat Supervisor', 'Supervisor') returning id`,
			[slug, bodyId],
		),
	)
	return { id: row.id, slug }
}

export async function createProceeding(client: pg.Client, project: Project, bodyId: string | null = null, by: User | null = null) {
	const slug = `test-proceeding-${uniqueSuffix()}`
	const row = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.proceedings (slug, project_id, body_id, kind, title, created_by)
			values ($1, $2, $3, 'rezoning', 'Rezoning to planned industrial', $4) returning id`,
			[slug, project.id, bodyId, by?.id ?? null],
		),
	)
	return { id: row.id, slug }
}

export async function createClock(client: pg.Client, proceedingId: string) {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.proceeding_clocks (proceeding_id, kind, due_at) values ($1, 'hearing', now() + interval '10 days') returning id`,
			[proceedingId],
		),
	)
}

export async function createDocument(client: pg.Client, proceedingId: string, by: User | null = null) {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.proceeding_documents (proceeding_id, title, url, added_by)
			values ($1, 'Staff report', 'https://example.org/staff-report.pdf', $2) returning id`,
			[proceedingId, by?.id ?? null],
		),
	)
}

export async function createVote(client: pg.Client, proceedingId: string) {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.proceeding_votes (proceeding_id, held_on, motion, result, source_url)
			values ($1, '2026-04-14', 'Motion to approve the rezoning', 'Approved 5-4', 'https://example.org/minutes') returning id`,
			[proceedingId],
		),
	)
}

export async function recordPosition(client: pg.Client, voteId: string, officialId: string, position = 'yes') {
	await client.query('insert into public.official_votes (vote_id, official_id, position) values ($1, $2, $3)', [
		voteId,
		officialId,
		position,
	])
}

export async function createRecordsRequest(client: pg.Client, project: Project, by: User | null = null) {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.records_requests (project_id, body_name, asked_for, created_by)
			values ($1, 'County Attorney', 'The NDA with the developer', $2) returning id`,
			[project.id, by?.id ?? null],
		),
	)
}

export function followToken() {
	const token = randomBytes(32).toString('base64url')
	return { token, hash: createHash('sha256').update(token).digest() }
}

/** A follow by account (`user`) or by email address alone (`email`). */
export async function createFollow(
	client: pg.Client,
	options: { project?: Project; proceedingId?: string } & ({ user: User } | { email: string }),
) {
	const { hash } = followToken()
	const userId = 'user' in options ? options.user.id : null
	const email = 'email' in options ? options.email : null
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.follows (user_id, email, project_id, proceeding_id, token_hash, confirmed_at)
			values ($1, $2, $3, $4, $5, now()) returning id`,
			[userId, email, options.project?.id ?? null, options.proceedingId ?? null, hash],
		),
	)
}
