import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole, createSitingWorld } from '#tests/helpers/siting-factories'
import { createHearing, signUpAs } from '#tests/helpers/speaker-factories'

// A hearing's list as the public sees it: how many are listed and waiting,
// read by everyone. Its number of places is set by the organizers of the
// chapters working on the project; the counts are the database's to keep.

const read = 'select listed_count, waitlist_count, places from public.speaker_lists where clock_id = $1'

test('everyone reads a hearing’s counts', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const hearing = await createHearing(client, world)
		await signUpAs(client, world.member, hearing.clockId)
		const seen = await byRole(world, async (actor) => await rowsVisibleAs(client, actor, read, [hearing.clockId]))
		const counts = [{ listed_count: 1, waitlist_count: 0, places: null }]
		expect(seen).toEqual({ anon: counts, member: counts, organizer: counts, otherOrganizer: counts, moderator: counts })
	}))

test('only the project’s organizers set a hearing’s places, and nobody sets its counts', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const hearing = await createHearing(client, world)
		await signUpAs(client, world.member, hearing.clockId)
		const set = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'update public.speaker_lists set places = 20 where clock_id = $1', [hearing.clockId]),
		)
		expect(set).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 0 })
		for (const column of ['listed_count', 'waitlist_count', 'proceeding_id']) {
			const refused = await failureAs(client, world.organizer, `update public.speaker_lists set ${column} = null where clock_id = $1`, [
				hearing.clockId,
			])
			expect(refused.code, column).toBe('42501')
		}
	}))

test('nobody creates or removes a list directly', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const hearing = await createHearing(client, world)
		const created = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'insert into public.speaker_lists (clock_id, proceeding_id) values ($1, $2)', [
				hearing.clockId,
				hearing.proceedingId,
			]),
		)
		expect(created).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		await signUpAs(client, world.member, hearing.clockId)
		const removed = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'delete from public.speaker_lists where clock_id = $1', [hearing.clockId]),
		)
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
	}))
