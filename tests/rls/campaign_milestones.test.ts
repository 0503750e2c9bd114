import type pg from 'pg'
import { expect, test } from 'vitest'
import { byRole, createCampaignWorld } from '#tests/helpers/campaign-factories'
import { onlyRow, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Milestones: public with their campaign; kept by its managers and moderators.

async function createMilestone(client: pg.Client, campaignId: string) {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.campaign_milestones (campaign_id, title, due_on, owner_name) values ($1, 'File the petition', '2026-10-31', 'Ana') returning id`,
			[campaignId],
		),
	)
}

test('everyone reads an active campaign’s milestones', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const milestone = await createMilestone(client, world.campaign.id)
		const seen = await byRole(
			world,
			async (actor) =>
				(await rowsVisibleAs(client, actor, 'select id from public.campaign_milestones where id = $1', [milestone.id])).length,
		)
		expect(seen).toEqual({ anon: 1, outsider: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('managers and moderators add, complete and remove milestones', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const added = await byRole(world, (actor) =>
			rowsChangedAs(
				client,
				actor,
				`insert into public.campaign_milestones (campaign_id, title, due_on) values ($1, 'Hearing', '2026-06-01')`,
				[world.campaign.id],
			),
		)
		expect(added).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const milestone = await createMilestone(client, world.campaign.id)
		const done = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, `update public.campaign_milestones set done_on = '2026-10-30' where id = $1`, [milestone.id]),
		)
		expect(done).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const removed = await byRole(world, async (actor) =>
			rowsChangedAs(client, actor, 'delete from public.campaign_milestones where id = $1', [
				(await createMilestone(client, world.campaign.id)).id,
			]),
		)
		expect(removed).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))
