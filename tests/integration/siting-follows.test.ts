import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { expect, test } from 'vitest'
import { createUser } from '#tests/helpers/factories'
import { failureAs, onlyRow, queryAs, rowsVisibleAs, withRollback, type Actor } from '#tests/helpers/rls'
import { createProceeding, createProject, createSitingWorld, followToken } from '#tests/helpers/siting-factories'

// Following by email alone goes through three functions the app calls as the
// visitor: private.follow_by_email (answers 'confirm' when a link should go
// out, 'already' when the address already follows), private.confirm_follow
// and private.unfollow_by_token, both by the hash of the link's token. The
// app names a new follow and derives its link from that id, so the same link
// can be sent again; the function stores the hash of the new follow's link.

type Target = { projectId?: string | null; proceedingId?: string | null }

async function followByEmail(
	client: pg.Client,
	email: string,
	target: Target,
	hash: Buffer,
	options: { remindDays?: number[]; digest?: boolean; actor?: Actor } = {},
) {
	return onlyRow(
		await queryAs<{ follow_id: string; outcome: 'confirm' | 'already' }>(
			client,
			options.actor ?? 'anon',
			'select * from private.follow_by_email($1, $2, $3, $4, $5, $6, $7)',
			[
				randomUUID(),
				email,
				target.projectId ?? null,
				target.proceedingId ?? null,
				options.remindDays ?? [7, 2, 0],
				options.digest ?? false,
				hash,
			],
		),
	)
}

/** The project a confirmation link confirmed a follow of, or null. */
async function confirmFollow(client: pg.Client, hash: Buffer, actor: Actor = 'anon') {
	const { rows } = await queryAs<{ project_slug: string }>(client, actor, 'select project_slug from private.confirm_follow($1)', [hash])
	return rows[0]?.project_slug ?? null
}

async function unfollowByToken(client: pg.Client, hash: Buffer, actor: Actor = 'anon') {
	return onlyRow(await queryAs<{ gone: boolean }>(client, actor, 'select private.unfollow_by_token($1) as gone', [hash])).gone
}

async function storedFollow(client: pg.Client, id: string) {
	const { rows } = await client.query<{
		email: string
		token_hash: Buffer
		confirmed_at: Date | null
		remind_days: number[]
		digest: boolean
	}>('select email, token_hash, confirmed_at, remind_days, digest from public.follows where id = $1', [id])
	return rows[0]
}

test('a new address gets a confirmation link; the follow waits unconfirmed and nobody can read it', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const first = followToken()
		const followed = await followByEmail(client, 'neighbour@example.org', { projectId: world.project.id }, first.hash, {
			remindDays: [7, 0],
			digest: false,
		})
		expect(followed).toEqual({ follow_id: expect.any(String), outcome: 'confirm' })
		expect(await storedFollow(client, followed.follow_id)).toEqual({
			email: 'neighbour@example.org',
			token_hash: first.hash,
			confirmed_at: null,
			remind_days: [7, 0],
			digest: false,
		})
		expect((await failureAs(client, 'anon', 'select id from public.follows where id = $1', [followed.follow_id])).code).toBe('42501')
		expect(await rowsVisibleAs(client, world.member, 'select id from public.follows where id = $1', [followed.follow_id])).toEqual([])
	}))

test('asking again before confirming keeps the same follow and link (it is sent again) and the new choices stand', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const first = followToken()
		const second = followToken()
		const followed = await followByEmail(client, 'neighbour@example.org', { projectId: world.project.id }, first.hash)
		const again = await followByEmail(client, 'neighbour@example.org', { projectId: world.project.id }, second.hash, {
			remindDays: [14, 1],
			digest: true,
		})
		expect(again).toEqual({ follow_id: followed.follow_id, outcome: 'confirm' })
		expect(await storedFollow(client, followed.follow_id)).toMatchObject({
			token_hash: first.hash,
			confirmed_at: null,
			remind_days: [14, 1],
			digest: true,
		})
		// The hash offered for a follow that was not created is never stored.
		expect(await confirmFollow(client, second.hash)).toBeNull()
		expect(await confirmFollow(client, first.hash)).toBe(world.project.slug)
	}))

test('the confirmation link confirms once and keeps the first confirmation time; an unknown link confirms nothing', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const link = followToken()
		const followed = await followByEmail(client, 'neighbour@example.org', { projectId: world.project.id }, link.hash)
		expect(await confirmFollow(client, link.hash)).toBe(world.project.slug)
		const confirmedAt = (await storedFollow(client, followed.follow_id))?.confirmed_at
		expect(confirmedAt).toBeInstanceOf(Date)
		// Opened twice (a mail scanner, a second click): still the same follow, same time.
		expect(await confirmFollow(client, link.hash, world.member)).toBe(world.project.slug)
		expect((await storedFollow(client, followed.follow_id))?.confirmed_at).toEqual(confirmedAt)
		expect(await confirmFollow(client, followToken().hash)).toBeNull()
	}))

test('a confirmed address asking again gets “already”, and its link and choices stay as they were', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const link = followToken()
		const followed = await followByEmail(client, 'neighbour@example.org', { projectId: world.project.id }, link.hash, { remindDays: [2] })
		await confirmFollow(client, link.hash)
		const again = await followByEmail(client, 'neighbour@example.org', { projectId: world.project.id }, followToken().hash, {
			remindDays: [14],
			digest: true,
		})
		expect(again).toEqual({ follow_id: followed.follow_id, outcome: 'already' })
		expect(await storedFollow(client, followed.follow_id)).toMatchObject({ token_hash: link.hash, remind_days: [2], digest: false })
	}))

test('the address is matched without regard to case, for each project or proceeding apart', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const proceeding = await createProceeding(client, world.project)
		const followed = await followByEmail(client, 'Dana.Whitfield@Example.ORG', { projectId: world.project.id }, followToken().hash)
		const again = await followByEmail(client, 'dana.whitfield@example.org', { projectId: world.project.id }, followToken().hash)
		expect(again).toEqual({ follow_id: followed.follow_id, outcome: 'confirm' })
		// The address as first typed is kept.
		expect((await storedFollow(client, followed.follow_id))?.email).toBe('Dana.Whitfield@Example.ORG')

		const ofProceeding = await followByEmail(client, 'DANA.WHITFIELD@example.org', { proceedingId: proceeding.id }, followToken().hash)
		expect(ofProceeding.outcome).toBe('confirm')
		expect(ofProceeding.follow_id).not.toBe(followed.follow_id)
		const ofOtherProject = await followByEmail(
			client,
			'dana.whitfield@example.org',
			{ projectId: (await createProject(client, world.place)).id },
			followToken().hash,
		)
		expect(ofOtherProject.follow_id).not.toBe(followed.follow_id)
		const { rows } = await client.query('select count(*)::int as n from public.follows where lower(email) = $1', [
			'dana.whitfield@example.org',
		])
		expect(rows).toEqual([{ n: 3 }])
	}))

test('the unsubscribe link removes the follow, once; an unknown link removes nothing', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const link = followToken()
		const followed = await followByEmail(client, 'neighbour@example.org', { projectId: world.project.id }, link.hash)
		await confirmFollow(client, link.hash)
		const other = followToken()
		const kept = await followByEmail(client, 'other@example.org', { projectId: world.project.id }, other.hash)
		expect(await unfollowByToken(client, followToken().hash)).toBe(false)
		expect(await unfollowByToken(client, link.hash)).toBe(true)
		expect(await storedFollow(client, followed.follow_id)).toBeUndefined()
		expect(await unfollowByToken(client, link.hash)).toBe(false)
		expect(await storedFollow(client, kept.follow_id)).toBeDefined()
		// Following again after unsubscribing starts over with a new link.
		const back = await followByEmail(client, 'neighbour@example.org', { projectId: world.project.id }, followToken().hash)
		expect(back.outcome).toBe('confirm')
		expect(back.follow_id).not.toBe(followed.follow_id)
	}))

test('signed-in callers use the same functions; a follow names exactly one project or proceeding', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const person = await createUser(client)
		const link = followToken()
		const followed = await followByEmail(client, 'neighbour@example.org', { projectId: world.project.id }, link.hash, { actor: person })
		expect(followed.outcome).toBe('confirm')
		expect(await confirmFollow(client, link.hash, person)).toBe(world.project.slug)
		expect(await unfollowByToken(client, link.hash, person)).toBe(true)

		const proceeding = await createProceeding(client, world.project)
		const both = await failureAs(client, 'anon', 'select * from private.follow_by_email($1, $2, $3, $4, $5, $6, $7)', [
			randomUUID(),
			'neighbour@example.org',
			world.project.id,
			proceeding.id,
			[7],
			false,
			followToken().hash,
		])
		expect(both.code).toBe('23514')
		const neither = await failureAs(client, 'anon', 'select * from private.follow_by_email($1, $2, $3, $4, $5, $6, $7)', [
			randomUUID(),
			'neighbour@example.org',
			null,
			null,
			[7],
			false,
			followToken().hash,
		])
		expect(neither.code).toBe('23514')
	}))
