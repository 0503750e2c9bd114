import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type pg from 'pg'
import { createChapter as startChapterAsOrganizer } from '#app/chapters/chapters.server'
import type { AuthenticatedCaller } from '#app/chapters/members.server'
import { pool } from '#app/db/db.server'
import type { ChapterVisibility, MembershipRole, MembershipStatus, PetitionStatus, RsvpStatus, SignatureStatus } from '#app/db/types'
import { onlyRow, queryAs, type Actor } from './rls'

// The one set of test factories. Each takes the connection it writes
// through first: a test's transaction (RLS tests roll it back, so nothing
// they create is committed) or `committed()` for tests that go through the
// app's own modules, which commit. They write as the connecting superuser,
// except RSVPs, which go through the same function the app uses. Every name
// is unique, so tests running at the same time on the shared database never meet.

/** A test's own client, or the pool (`committed()`). */
export type Queryable = Pick<pg.ClientBase, 'query'>

/** Writes that commit at once, for tests of the app's modules and routes. */
export function committed(): Queryable {
	return pool()
}

/** Someone with an account, and the caller the app would make of their session. */
export type User = { id: string; email: string; name: string; caller: AuthenticatedCaller }

export type { ChapterVisibility, MembershipRole, MembershipStatus, PetitionStatus }

export type Jurisdiction = { id: number; slug: string; stateId: number; countryId: number }
export type Chapter = { id: string; slug: string; jurisdictionId: number; visibility: ChapterVisibility }

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

/** `label` with a random tail: "organizer-1a2b3c4d". */
export function unique(label: string) {
	return `${label}-${randomBytes(4).toString('hex')}`
}

/**
 * A confirmed account; the auth.users trigger gives it a profile and settings.
 * `label` names it ("organizer" → organizer-1a2b3c4d@example.org, "Organizer 1a2b");
 * without a display name or label the profile takes its name from the address.
 */
export async function createUser(
	client: Queryable,
	overrides: { email?: string; displayName?: string; label?: string } = {},
): Promise<User> {
	const id = randomUUID()
	const label = overrides.label
	const email = overrides.email ?? (label ? `${unique(label)}@example.org` : `user-${uniqueSuffix()}@groundwork.test`)
	const displayName = overrides.displayName ?? (label ? `${label[0]?.toUpperCase() ?? ''}${label.slice(1)} ${id.slice(0, 4)}` : undefined)
	await client.query(
		`insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
		values ($1, 'authenticated', 'authenticated', $2, now(), '{"provider":"email"}', $3, now(), now())`,
		[id, email, JSON.stringify(displayName === undefined ? {} : { display_name: displayName })],
	)
	return { id, email, name: displayName ?? '', caller: { role: 'authenticated', claims: { sub: id, role: 'authenticated', email } } }
}

/** A county under a state under a country, each with a unique slug. */
export async function createJurisdiction(client: Queryable): Promise<Jurisdiction> {
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
	client: Queryable,
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
	client: Queryable,
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

export async function createChapterWithPeople(client: Queryable, visibility: ChapterVisibility = 'private'): Promise<ChapterWithPeople> {
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

/** Each position a policy tells apart, with the service role. */
export const WHO = ['anon', 'outsider', 'pending', 'member', 'organizer', 'service_role'] as const
export type Who = (typeof WHO)[number]

export function actorFor(people: ChapterWithPeople, who: Who): Actor {
	if (who === 'anon' || who === 'service_role') return who
	return people[who]
}

/** Runs `check` for every position and returns what each got, for one readable `toEqual`. */
export async function byWho<T>(people: ChapterWithPeople, check: (actor: Actor, who: Who) => Promise<T>) {
	const results: Partial<Record<Who, T>> = {}
	for (const who of WHO) results[who] = await check(actorFor(people, who), who)
	return results as Record<Who, T>
}

export async function createUpdate(client: Queryable, people: ChapterWithPeople, title = 'Hearing moved to Tuesday') {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.chapter_updates (chapter_id, author_id, title, body) values ($1, $2, $3, 'Bring a friend.') returning id`,
			[people.chapter.id, people.organizer.id, title],
		),
	)
}

export type EventOptions = { capacity?: number | null; startsInHours?: number; title?: string }

export async function createEvent(client: Queryable, people: ChapterWithPeople, options: EventOptions = {}) {
	const hours = options.startsInHours ?? 72
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.events (chapter_id, kind, title, starts_at, ends_at, time_zone, location_name, capacity, created_by)
			values ($1, 'hearing', $2, now() + make_interval(hours => $3), now() + make_interval(hours => $3 + 2),
				'America/New_York', 'County Government Center', $4, $5)
			returning id`,
			[people.chapter.id, options.title ?? 'Board of Supervisors hearing', hours, options.capacity ?? null, people.organizer.id],
		),
	)
}

export type RsvpResult = {
	rsvp_id: string
	status: Exclude<RsvpStatus, 'cancelled'>
	manage_token: string
	outcome: string
	waitlist_position: number | null
}

/** RSVPs as `actor`, through private.rsvp_to_event like the app. */
export async function rsvpAs(client: pg.Client, actor: Actor, eventId: string, name = 'Visitor', email?: string) {
	return onlyRow(
		await queryAs<RsvpResult>(client, actor, 'select * from private.rsvp_to_event($1, $2, $3)', [
			eventId,
			name,
			email ?? `visitor-${randomBytes(4).toString('hex')}@groundwork.test`,
		]),
	)
}

export function invitationToken() {
	const token = randomBytes(32).toString('base64url')
	return { token, hash: createHash('sha256').update(token).digest() }
}

export async function createInvitation(client: Queryable, people: ChapterWithPeople, options: { email?: string; expiresAt?: string } = {}) {
	const { token, hash } = invitationToken()
	const row = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.chapter_invitations (chapter_id, email, token_hash, invited_by, created_at, expires_at)
			values ($1, $2, $3, $4, least(now(), coalesce($5::timestamptz, now()) - interval '1 day'), coalesce($5::timestamptz, now() + interval '7 days'))
			returning id`,
			[
				people.chapter.id,
				options.email ?? `invitee-${randomBytes(4).toString('hex')}@groundwork.test`,
				hash,
				people.organizer.id,
				options.expiresAt ?? null,
			],
		),
	)
	return { id: row.id, token }
}

export type Petition = { id: string; slug: string; chapterId: string | null; createdBy: string }
export async function createPetition(
	client: Queryable,
	options: { organizer: User; chapter?: Chapter | null; status?: PetitionStatus; goal?: number; deadline?: Date | null },
): Promise<Petition> {
	const slug = `test-petition-${uniqueSuffix()}`
	const row = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.petitions (slug, title, decision_maker, summary, body, signature_goal, chapter_id, created_by, deadline)
			values ($1, 'Keep the county water study public', 'County Board of Supervisors',
				'Publish the full water study before any vote on the rezoning.', 'Why it **matters**.', $2, $3, $4, $5)
			returning id`,
			[slug, options.goal ?? 100, options.chapter?.id ?? null, options.organizer.id, options.deadline ?? null],
		),
	)
	const status = options.status ?? 'published'
	if (status !== 'draft') await client.query(`update public.petitions set status = 'published' where id = $1`, [row.id])
	if (status === 'closed') await client.query(`update public.petitions set status = 'closed' where id = $1`, [row.id])
	if (status === 'delivered') {
		await client.query(
			`update public.petitions set status = 'delivered', delivered_on = current_date, delivery_method = 'By hand' where id = $1`,
			[row.id],
		)
	}
	return { id: row.id, slug, chapterId: options.chapter?.id ?? null, createdBy: options.organizer.id }
}

export type Signature = { id: string; email: string; token: string }

/** A signature row as the signing functions would leave it; pending unless told. */
export async function createSignature(
	client: Queryable,
	petition: Petition,
	overrides: {
		name?: string
		email?: string
		status?: SignatureStatus
		showName?: boolean
		wantsUpdates?: boolean
		ip?: string
		postalCode?: string
		userId?: string | null
		createdAt?: Date
	} = {},
): Promise<Signature> {
	const email = overrides.email ?? `signer-${randomUUID().slice(0, 12)}@example.org`
	const status = overrides.status ?? 'pending'
	const row = onlyRow(
		await client.query<{ id: string; token: string }>(
			`insert into public.signatures (petition_id, name, email, email_normalized, email_domain, country_code, postal_code,
				county_id, state_id, place_label, show_name, wants_updates, status, confirmed_at, ip, user_id, created_at, processed_at)
			select $1, $2, $3, private.normalize_email($3), split_part(private.normalize_email($3), '@', 2), 'US', z.postal_code,
				z.county_id, z.state_id, z.place_name || ', VA', $4, $5, $6::public.signature_status,
				case when $6 = 'confirmed' then now() end, $7::inet, $8, $9, $9
			from public.postal_codes z where z.country_code = 'US' and z.postal_code = $10
			returning id, token`,
			[
				petition.id,
				overrides.name ?? 'Robin Signer',
				email,
				overrides.showName ?? false,
				overrides.wantsUpdates ?? false,
				status,
				overrides.ip ?? '203.0.113.9',
				overrides.userId ?? null,
				overrides.createdAt ?? new Date(),
				overrides.postalCode ?? '20175',
			],
		),
	)
	return { id: row.id, email, token: row.token }
}

export async function makeModerator(client: Queryable, user: User) {
	await client.query(`insert into public.site_roles (user_id, role) values ($1, 'moderator')`, [user.id])
}

/** A chapter in Loudoun County, VA (from the seed), started by `organizer` through the app, as the route does (committed). */
export async function startChapter(organizer: User, visibility: ChapterVisibility = 'public') {
	const place = onlyRow(await pool().query<{ id: number }>(`select id from public.jurisdictions where slug = 'us-va-loudoun'`))
	const name = `Test ${unique('chapter')}`
	const slug = await startChapterAsOrganizer(organizer.caller, { name, description: '', visibility, jurisdictionId: place.id })
	return onlyRow(
		await pool().query<{ id: string; slug: string; name: string; visibility: ChapterVisibility }>(
			'select id, slug, name, visibility from public.chapters where slug = $1',
			[slug],
		),
	)
}

/** Adds people straight into a chapter as active members (setup, not under test). */
export async function addMembers(client: Queryable, chapterId: string, people: User[]) {
	for (const person of people) {
		await client.query(`insert into public.memberships (chapter_id, user_id, role, status) values ($1, $2, 'member', 'active')`, [
			chapterId,
			person.id,
		])
	}
}
