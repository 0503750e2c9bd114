import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, createFollow, createProceeding, createSitingWorld, followToken } from '#tests/helpers/siting-factories'

// Who follows what. A signed-in person sees, changes and deletes their own
// follows and no one else's; nobody, signed in or not, reads a follow made
// with an email address alone (those go through private.follow_by_email and
// friends: tests/integration/siting-follows.test.ts); visitors write nothing
// directly.

const read = 'select id from public.follows where id = $1'
const follow = 'insert into public.follows (user_id, project_id, token_hash) values ($1, $2, $3)'
const reschedule = `update public.follows set remind_days = '{14,1}', digest = true where id = $1`
const unfollow = 'delete from public.follows where id = $1'

test('a follow is seen by the person who made it, and nobody else', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const own = await createFollow(client, { user: world.member, project: world.project })
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [own.id])).length)
		expect(seen).toEqual({ anon: 0, member: 1, organizer: 0, otherOrganizer: 0, moderator: 0 })
		expect((await failureAs(client, 'anon', read, [own.id])).code).toBe('42501')
	}))

test('nobody reads a follow made with an email address alone', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const byEmail = await createFollow(client, { email: world.member.email, project: world.project })
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [byEmail.id])).length)
		expect(seen).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		expect((await failureAs(client, 'anon', 'select email from public.follows')).code).toBe('42501')
		// Not even by asking for the address: the signed-in see only their own rows.
		expect(await rowsVisibleAs(client, world.moderator, 'select id from public.follows where email is not null')).toEqual([])
	}))

test('signed-in people follow as themselves; visitors and email-only follows never insert directly', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const proceeding = await createProceeding(client, world.project)
		const followed = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, follow, [role === 'anon' ? null : world[role].id, world.project.id, followToken().hash]),
		)
		expect(followed).toEqual({ anon: 0, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
		expect((await failureAs(client, 'anon', follow, [null, world.project.id, followToken().hash])).code).toBe('42501')
		expect((await failureAs(client, world.member, follow, [world.organizer.id, world.project.id, followToken().hash])).code).toBe('42501')
		const byEmail = await failureAs(
			client,
			world.member,
			'insert into public.follows (email, proceeding_id, token_hash) values ($1, $2, $3)',
			[world.member.email, proceeding.id, followToken().hash],
		)
		expect(byEmail.code).toBe('42501')
		const anonByEmail = await failureAs(
			client,
			'anon',
			'insert into public.follows (email, proceeding_id, token_hash) values ($1, $2, $3)',
			['visitor@example.org', proceeding.id, followToken().hash],
		)
		expect(anonByEmail.code).toBe('42501')
	}))

test('people change their own reminder schedule, and nothing else about a follow', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const own = await createFollow(client, { user: world.member, project: world.project })
		const rescheduled = await byRole(world, (actor) => rowsChangedAs(client, actor, reschedule, [own.id]))
		expect(rescheduled).toEqual({ anon: 0, member: 1, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const [column, value] of [
			['user_id', world.organizer.id],
			['token_hash', followToken().hash],
			['confirmed_at', null],
			['project_id', null],
		] as const) {
			const refused = await failureAs(client, world.member, `update public.follows set ${column} = $2 where id = $1`, [own.id, value])
			expect(refused.code, column).toBe('42501')
		}
		const byEmail = await createFollow(client, { email: 'someone@example.org', project: world.project })
		const emailRescheduled = await byRole(world, (actor) => rowsChangedAs(client, actor, reschedule, [byEmail.id]))
		expect(emailRescheduled).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
	}))

test('people unfollow their own follows; nobody deletes anyone else’s or an email follow', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const unfollowed = await byRole(world, async (actor) =>
			rowsChangedAs(client, actor, unfollow, [
				(await createFollow(client, { user: world.member, proceedingId: (await createProceeding(client, world.project)).id })).id,
			]),
		)
		// Each position tries on a fresh follow of the member's; only the member's own attempt removes one.
		expect(unfollowed).toEqual({ anon: 0, member: 1, organizer: 0, otherOrganizer: 0, moderator: 0 })
		const byEmail = await createFollow(client, { email: 'someone@example.org', project: world.project })
		const removed = await byRole(world, (actor) => rowsChangedAs(client, actor, unfollow, [byEmail.id]))
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.member] as const) {
			expect((await failureAs(client, actor, 'truncate public.follows')).code).toBe('42501')
		}
	}))
