import { randomBytes, randomUUID } from 'node:crypto'
import type pg from 'pg'
import { onlyRow } from './rls'

// Factories insert as the connecting superuser, inside the caller's
// transaction: nothing they create is committed.

export type User = { id: string; email: string }
export type Jurisdiction = { id: number; slug: string; stateId: number; countryId: number }
export type ChapterVisibility = 'public' | 'private'
export type Chapter = { id: string; slug: string; jurisdictionId: number; visibility: ChapterVisibility }
export type MembershipRole = 'organizer' | 'member'
export type MembershipStatus = 'active' | 'pending' | 'invited'

/** A chapter with one person in each position a policy tells apart. */
export type ChapterWithPeople = {
	chapter: Chapter
	organizer: User
	member: User
	pending: User
	invited: User
	outsider: User
}

export function uniqueSuffix(): string {
	return randomBytes(5).toString('hex')
}

/** An account; the auth.users trigger gives it a profile and settings. */
export async function createUser(client: pg.Client, overrides: { email?: string; displayName?: string } = {}): Promise<User> {
	const id = randomUUID()
	const email = overrides.email ?? `user-${uniqueSuffix()}@groundwork.test`
	await client.query(
		`insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
		values ($1, 'authenticated', 'authenticated', $2, now(), '{"provider":"email"}', $3, now(), now())`,
		[id, email, JSON.stringify(overrides.displayName === undefined ? {} : { display_name: overrides.displayName })],
	)
	return { id, email }
}

/** A county under a state under a country, each with a unique slug. */
export async function createJurisdiction(client: pg.Client): Promise<Jurisdiction> {
	const suffix = uniqueSuffix()
	const country = onlyRow(
		await client.query<{ id: number }>(
			`insert into public.jurisdictions (kind, name, country_code, slug)
			values ('country', $1, 'US', $2) returning id`,
			[`Test Country ${suffix}`, `test-country-${suffix}`],
		),
	)
	const state = onlyRow(
		await client.query<{ id: number }>(
			`insert into public.jurisdictions (kind, name, parent_id, country_code, slug)
			values ('state', $1, $2, 'US', $3) returning id`,
			[`Test State ${suffix}`, country.id, `test-state-${suffix}`],
		),
	)
	const slug = `test-county-${suffix}`
	const county = onlyRow(
		await client.query<{ id: number }>(
			`insert into public.jurisdictions (kind, name, parent_id, country_code, slug)
			values ('county', $1, $2, 'US', $3) returning id`,
			[`Test County ${suffix}`, state.id, slug],
		),
	)
	return { id: county.id, slug, stateId: state.id, countryId: country.id }
}

/** A chapter created by `organizer`, whom the chapters trigger makes its organizer. */
export async function createChapter(
	client: pg.Client,
	options: { organizer: User; visibility?: ChapterVisibility; jurisdiction?: Jurisdiction },
): Promise<Chapter> {
	const jurisdiction = options.jurisdiction ?? (await createJurisdiction(client))
	const visibility = options.visibility ?? 'public'
	const slug = `test-chapter-${uniqueSuffix()}`
	const chapter = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.chapters (slug, name, jurisdiction_id, visibility, created_by)
			values ($1, $2, $3, $4, $5) returning id`,
			[slug, `Chapter ${slug}`, jurisdiction.id, visibility, options.organizer.id],
		),
	)
	return { id: chapter.id, slug, jurisdictionId: jurisdiction.id, visibility }
}

export async function addMembership(
	client: pg.Client,
	chapter: Chapter,
	user: User,
	role: MembershipRole,
	status: MembershipStatus,
): Promise<void> {
	await client.query('insert into public.memberships (chapter_id, user_id, role, status) values ($1, $2, $3, $4)', [
		chapter.id,
		user.id,
		role,
		status,
	])
}

export async function createChapterWithPeople(client: pg.Client, visibility: ChapterVisibility = 'private'): Promise<ChapterWithPeople> {
	const suffix = uniqueSuffix()
	const organizer = await createUser(client, { email: `organizer-${suffix}@groundwork.test`, displayName: 'Olive Organizer' })
	const member = await createUser(client, { email: `member-${suffix}@groundwork.test`, displayName: 'Mo Member' })
	const pending = await createUser(client, { email: `pending-${suffix}@groundwork.test`, displayName: 'Pat Pending' })
	const invited = await createUser(client, { email: `invited-${suffix}@groundwork.test`, displayName: 'Ivy Invited' })
	const outsider = await createUser(client, { email: `outsider-${suffix}@groundwork.test`, displayName: 'Otto Outsider' })
	const chapter = await createChapter(client, { organizer, visibility })
	await addMembership(client, chapter, member, 'member', 'active')
	await addMembership(client, chapter, pending, 'member', 'pending')
	await addMembership(client, chapter, invited, 'member', 'invited')
	return { chapter, organizer, member, pending, invited, outsider }
}
