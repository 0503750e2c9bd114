import { expect, test } from 'vitest'
import { byRole, createCampaignWorld } from '#tests/helpers/campaign-factories'
import { onlyRow, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Endorsements, each with its date and source: public with the campaign;
// recorded by its managers and moderators.

const insert = `insert into public.campaign_endorsements (campaign_id, organization, endorsed_on, source_url)
	values ($1, $2, '2026-03-01', 'https://example.org/endorsement')`

test('managers and moderators record endorsements; everyone reads them', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const recorded = await byRole(world, (actor, role) => rowsChangedAs(client, actor, insert, [world.campaign.id, `League of ${role}`]))
		expect(recorded).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const seen = await byRole(
			world,
			async (actor) =>
				(await rowsVisibleAs(client, actor, 'select 1 from public.campaign_endorsements where campaign_id = $1', [world.campaign.id]))
					.length,
		)
		expect(seen).toEqual({ anon: 2, outsider: 2, member: 2, organizer: 2, otherOrganizer: 2, moderator: 2 })
	}))

test('managers and moderators correct and remove endorsements', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const row = onlyRow(await client.query<{ id: string }>(`${insert} returning id`, [world.campaign.id, 'Sierra Club']))
		const corrected = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, `update public.campaign_endorsements set endorsed_on = '2026-03-02' where id = $1`, [row.id]),
		)
		expect(corrected).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const removed = await byRole(world, async (actor, role) => {
			const own = onlyRow(await client.query<{ id: string }>(`${insert} returning id`, [world.campaign.id, `Union ${role}`]))
			return rowsChangedAs(client, actor, 'delete from public.campaign_endorsements where id = $1', [own.id])
		})
		expect(removed).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))
