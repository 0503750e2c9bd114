import { createHash, randomBytes } from 'node:crypto'
import type pg from 'pg'
import type { ChapterWithPeople } from './factories'
import { onlyRow, queryAs, type Actor } from './rls'

// Factories for chapter updates, events, RSVPs and invitations. Like those in
// factories.ts they write as the connecting superuser inside the test's
// transaction, except RSVPs, which go through the same function the app uses.

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

export async function createUpdate(client: pg.Client, people: ChapterWithPeople, title = 'Hearing moved to Tuesday') {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.chapter_updates (chapter_id, author_id, title, body) values ($1, $2, $3, 'Bring a friend.') returning id`,
			[people.chapter.id, people.organizer.id, title],
		),
	)
}

export type EventOptions = { capacity?: number | null; startsInHours?: number; title?: string }

export async function createEvent(client: pg.Client, people: ChapterWithPeople, options: EventOptions = {}) {
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
	status: 'going' | 'waitlisted'
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

export async function createInvitation(client: pg.Client, people: ChapterWithPeople, options: { email?: string; expiresAt?: string } = {}) {
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
