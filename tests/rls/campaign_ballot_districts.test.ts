import { expect, test } from 'vitest'
import { byRole, createCampaignWorld } from '#tests/helpers/campaign-factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// A distribution rule's figures, district by district (Colorado: 2% in each
// of the 35 state senate districts): totals, public with the campaign like
// its ballot rule; kept by its managers. A draft's figures stay with them.

const rule = `insert into public.campaign_ballot_rules (campaign_id, rule_kind, required_count, rule_citation, distribution_percent)
	values ($1, 'fixed', 124238, 'Colo. Const. art. V, § 1(2)', 2)`
const insert = `insert into public.campaign_ballot_districts (campaign_id, position, district, registered_electors, signatures)
	values ($1, $2, $3, 120000, 2500)`

test('everyone reads a public campaign’s district figures; managers and moderators record, correct and remove them', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		await client.query(rule, [world.campaign.id])
		let position = 0
		const recorded = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, insert, [world.campaign.id, ++position, `SD ${role}`]),
		)
		expect(recorded).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const seen = await byRole(
			world,
			async (actor) =>
				(await rowsVisibleAs(client, actor, 'select 1 from public.campaign_ballot_districts where campaign_id = $1', [world.campaign.id]))
					.length,
		)
		expect(seen).toEqual({ anon: 2, outsider: 2, member: 2, organizer: 2, otherOrganizer: 2, moderator: 2 })
		const corrected = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'update public.campaign_ballot_districts set signatures = signatures + 1 where campaign_id = $1', [
				world.campaign.id,
			]),
		)
		expect(corrected).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 2, otherOrganizer: 0, moderator: 2 })
		const removed = await byRole(world, async (actor, role) => {
			await client.query(insert, [world.campaign.id, ++position, `SD removed by ${role}`])
			return rowsChangedAs(client, actor, 'delete from public.campaign_ballot_districts where district = $1', [`SD removed by ${role}`])
		})
		expect(removed).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('a draft campaign’s district figures are read by its managers only; a district is entered once', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client, 'draft')
		await client.query(rule, [world.campaign.id])
		await client.query(insert, [world.campaign.id, 1, 'Senate District 1'])
		const seen = await byRole(
			world,
			async (actor) =>
				(await rowsVisibleAs(client, actor, 'select 1 from public.campaign_ballot_districts where campaign_id = $1', [world.campaign.id]))
					.length,
		)
		expect(seen).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const again = await failureAs(client, world.organizer, insert, [world.campaign.id, 2, 'senate district 1'])
		expect(again.code).toBe('23505')
	}))
