import { expect, test } from 'vitest'
import { byRole, createCampaignWorld } from '#tests/helpers/campaign-factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// The ballot requirement and the campaign's assumptions: public with the
// campaign, so anyone can check the arithmetic; kept by its managers.

const insert = `insert into public.campaign_ballot_rules (campaign_id, rule_kind, required_count, rule_citation)
	values ($1, 'fixed', 63067, '21-A M.R.S. § 901') on conflict do nothing`

test('everyone reads the rule; managers and moderators record and change it', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const recorded = await byRole(world, async (actor) => {
			const changed = await rowsChangedAs(client, actor, insert, [world.campaign.id])
			if (changed) await client.query('delete from public.campaign_ballot_rules where campaign_id = $1', [world.campaign.id])
			return changed
		})
		expect(recorded).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		await client.query(insert, [world.campaign.id])
		const seen = await byRole(
			world,
			async (actor) =>
				(await rowsVisibleAs(client, actor, 'select 1 from public.campaign_ballot_rules where campaign_id = $1', [world.campaign.id]))
					.length,
		)
		expect(seen).toEqual({ anon: 1, outsider: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
		const changed = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'update public.campaign_ballot_rules set validity_percent = 87 where campaign_id = $1', [
				world.campaign.id,
			]),
		)
		expect(changed).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('the database refuses a validity over 100%, a percentage with no base and a window that ends before it starts', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		await client.query(insert, [world.campaign.id])
		const update = async (set: string) =>
			(
				await failureAs(client, world.organizer, `update public.campaign_ballot_rules set ${set} where campaign_id = $1`, [
					world.campaign.id,
				])
			).code
		expect(await update('validity_percent = 101')).toBe('23514')
		expect(await update(`rule_kind = 'percent', required_count = null, percent = 10`)).toBe('23514')
		expect(await update(`circulation_starts_on = '2026-06-01', circulation_ends_on = '2026-05-01'`)).toBe('23514')
	}))
