import type pg from 'pg'
import { addMembership, createUser, type User } from './factories'
import { onlyRow, queryAs, type Actor } from './rls'
import { createBody, createProceeding, createSitingWorld, type SitingWorld } from './siting-factories'

// A chapter with two organizers objecting to a proceeding, and a person in
// each position a policy on objections tells apart.

export const OBJECTION_ROLES = ['anon', 'outsider', 'member', 'author', 'coOrganizer'] as const
export type ObjectionRole = (typeof OBJECTION_ROLES)[number]

export type ObjectionWorld = SitingWorld & {
	coOrganizer: User
	proceeding: { id: string; slug: string }
	objection: { id: string; signingToken: string }
	groundId: string
}

export async function createObjectionWorld(client: pg.Client): Promise<ObjectionWorld> {
	const world = await createSitingWorld(client)
	const coOrganizer = await createUser(client, { displayName: 'Cora Co-organizer' })
	await addMembership(client, world.chapter, coOrganizer, 'organizer', 'active')
	const body = await createBody(client, world.place)
	const proceeding = await createProceeding(client, world.project, body.id)
	const objection = await createObjection(client, world, proceeding.id)
	const ground = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.objection_grounds (objection_id, position, kind, title, argument)
			values ($1, 1, 'noise', 'Noise', 'The site is 400 feet from homes.') returning id`,
			[objection.id],
		),
	)
	return { ...world, coOrganizer, proceeding, objection, groundId: ground.id }
}

export async function createObjection(client: pg.Client, world: SitingWorld, proceedingId: string) {
	const row = onlyRow(
		await client.query<{ id: string; signing_token: string }>(
			`insert into public.objections (proceeding_id, chapter_id, author_id, subject)
			values ($1, $2, $3, 'Objection to the rezoning') returning id, signing_token`,
			[proceedingId, world.chapter.id, world.organizer.id],
		),
	)
	return { id: row.id, signingToken: row.signing_token }
}

export function objectionActor(world: ObjectionWorld, role: ObjectionRole): Actor {
	if (role === 'anon') return 'anon'
	if (role === 'outsider') return world.otherOrganizer
	if (role === 'author') return world.organizer
	return world[role]
}

/** Runs `check` for every position and returns what each got, for one readable `toEqual`. */
export async function byObjectionRole<T>(world: ObjectionWorld, check: (actor: Actor, role: ObjectionRole) => Promise<T>) {
	const results: Partial<Record<ObjectionRole, T>> = {}
	for (const role of OBJECTION_ROLES) results[role] = await check(objectionActor(world, role), role)
	return results as Record<ObjectionRole, T>
}

/** Approved by the second organizer, so it can be co-signed. */
export async function approve(client: pg.Client, world: ObjectionWorld) {
	await queryAs(client, world.coOrganizer, `update public.objections set status = 'approved' where id = $1`, [world.objection.id])
}

export async function publishFiled(client: pg.Client, world: ObjectionWorld) {
	await approve(client, world)
	await client.query(`update public.objections set status = 'filed' where id = $1`, [world.objection.id])
	await client.query(`update public.objections set published_at = now() where id = $1`, [world.objection.id])
}

export async function signAs(client: pg.Client, actor: Actor, world: ObjectionWorld, email: string, name = 'Begoña Muñoz') {
	const result = await queryAs<{ outcome: string }>(
		client,
		actor,
		`select private.sign_objection($1, 'person', $2, $3, '12 Oak Lane, Ashburn, VA', true, true, null, null, null, false, 1, null) as outcome`,
		[world.objection.signingToken, name, email],
	)
	return onlyRow(result).outcome
}
