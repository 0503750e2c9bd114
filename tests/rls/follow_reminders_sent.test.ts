import { expect, test } from 'vitest'
import { failureAs, withRollback } from '#tests/helpers/rls'
import { byRole, createClock, createFollow, createProceeding, createSitingWorld } from '#tests/helpers/siting-factories'

// What each follower was already reminded of: the reminder job's bookkeeping,
// in the private schema, out of every client's reach.

test('no client reads or writes which reminders were sent', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const proceeding = await createProceeding(client, world.project)
		const clock = await createClock(client, proceeding.id)
		const follow = await createFollow(client, { user: world.member, proceedingId: proceeding.id })
		await client.query(
			`insert into private.follow_reminders_sent (recipient, clock_id, days_before, due_at)
			select 'follow:' || $1, id, 2, due_at from public.proceeding_clocks where id = $2`,
			[follow.id, clock.id],
		)
		const statements = [
			'select recipient from private.follow_reminders_sent',
			`insert into private.follow_reminders_sent (recipient, clock_id, days_before, due_at) values ('follow:${follow.id}', '${clock.id}', 0, now())`,
			'update private.follow_reminders_sent set days_before = 7',
			'delete from private.follow_reminders_sent',
		]
		const refused = await byRole(world, async (actor) => {
			const codes = []
			for (const statement of statements) codes.push((await failureAs(client, actor, statement)).code)
			return codes
		})
		const denied = ['42501', '42501', '42501', '42501']
		expect(refused).toEqual({ anon: denied, member: denied, organizer: denied, otherOrganizer: denied, moderator: denied })
	}))
