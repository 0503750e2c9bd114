import type pg from 'pg'
import { expect, test } from 'vitest'
import { createJurisdiction } from '#tests/helpers/factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, createSitingWorld } from '#tests/helpers/siting-factories'

// Each state's public-records law: everyone reads it; it is seeded with its
// statute and only the service role changes it.

const read = 'select state_id from public.records_request_rules where state_id = $1'

async function createRule(client: pg.Client, stateId: number) {
	await client.query(
		`insert into public.records_request_rules (state_id, response_days, day_count, statute, source_url)
		values ($1, 5, 'business', 'Va. Code § 2.2-3704', 'https://law.lis.virginia.gov/vacode/2.2-3704/')`,
		[stateId],
	)
}

test('everyone reads a state’s records-request rule', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		await createRule(client, world.place.stateId)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [world.place.stateId])).length)
		expect(seen).toEqual({ anon: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('no client adds, changes or deletes a rule; the service role does', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const added = await byRole(world, async (actor) =>
			rowsChangedAs(
				client,
				actor,
				`insert into public.records_request_rules (state_id, statute, source_url) values ($1, 'A statute', 'https://example.org/law')`,
				[(await createJurisdiction(client)).stateId],
			),
		)
		expect(added).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		await createRule(client, world.place.stateId)
		const edit = 'update public.records_request_rules set response_days = 30 where state_id = $1'
		const edited = await byRole(world, (actor) => rowsChangedAs(client, actor, edit, [world.place.stateId]))
		expect(edited).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		const remove = 'delete from public.records_request_rules where state_id = $1'
		const removed = await byRole(world, (actor) => rowsChangedAs(client, actor, remove, [world.place.stateId]))
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.records_request_rules')).code).toBe('42501')
		}
		expect(await rowsChangedAs(client, 'service_role', edit, [world.place.stateId])).toBe(1)
	}))
