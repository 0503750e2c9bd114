import type pg from 'pg'
import { expect, test } from 'vitest'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import {
	byRole,
	createBody,
	createOfficial,
	createProceeding,
	createProject,
	createSitingWorld,
	createVote,
	recordPosition,
	type SitingWorld,
} from '#tests/helpers/siting-factories'

// How each official voted: everyone reads it; the project's editors record
// and correct positions; a position stays on the record.

const read = 'select position from public.official_votes where vote_id = $1 and official_id = $2'
const insert = `insert into public.official_votes (vote_id, official_id, position) values ($1, $2, 'no')`
const correct = `update public.official_votes set position = 'abstain' where vote_id = $1 and official_id = $2`

async function voteOnTheProject(client: pg.Client, world: SitingWorld) {
	const body = await createBody(client, world.place)
	const vote = await createVote(client, (await createProceeding(client, world.project, body.id)).id)
	return { body, vote }
}

test('everyone reads how an official voted', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const { body, vote } = await voteOnTheProject(client, world)
		const official = await createOfficial(client, body.id)
		await recordPosition(client, vote.id, official.id, 'yes')
		const seen = await byRole(world, async (actor) => await rowsVisibleAs(client, actor, read, [vote.id, official.id]))
		const yes = [{ position: 'yes' }]
		expect(seen).toEqual({ anon: yes, member: yes, organizer: yes, otherOrganizer: yes, moderator: yes })
	}))

test('only the project’s editors record an official’s position', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const { body, vote } = await voteOnTheProject(client, world)
		const recorded = await byRole(world, async (actor) =>
			rowsChangedAs(client, actor, insert, [vote.id, (await createOfficial(client, body.id)).id]),
		)
		expect(recorded).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('only the project’s editors correct a position, and never move it to a vote they do not edit', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const { body, vote } = await voteOnTheProject(client, world)
		const official = await createOfficial(client, body.id)
		await recordPosition(client, vote.id, official.id)
		const corrected = await byRole(world, (actor) => rowsChangedAs(client, actor, correct, [vote.id, official.id]))
		expect(corrected).toEqual({ anon: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const elsewhere = await createVote(client, (await createProceeding(client, await createProject(client, world.place))).id)
		const moved = await failureAs(
			client,
			world.organizer,
			'update public.official_votes set vote_id = $3 where vote_id = $1 and official_id = $2',
			[vote.id, official.id, elsewhere.id],
		)
		expect(moved.code).toBe('42501')
	}))

test('nobody deletes a position', () =>
	withRollback(async (client) => {
		const world = await createSitingWorld(client)
		const { body, vote } = await voteOnTheProject(client, world)
		const official = await createOfficial(client, body.id)
		await recordPosition(client, vote.id, official.id)
		const removed = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'delete from public.official_votes where vote_id = $1 and official_id = $2', [vote.id, official.id]),
		)
		expect(removed).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.moderator] as const) {
			expect((await failureAs(client, actor, 'truncate public.official_votes')).code).toBe('42501')
		}
	}))
