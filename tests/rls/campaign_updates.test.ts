import { expect, test } from 'vitest'
import { byRole, createCampaignWorld } from '#tests/helpers/campaign-factories'
import { onlyRow, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Updates: public with the campaign; managers post them as themselves, and
// posting one queues the email to followers in the same transaction.

const insert = `insert into public.campaign_updates (campaign_id, author_id, title, body) values ($1, $2, 'We filed', 'Thank you all.')`

test('managers and moderators post updates as themselves; everyone reads them', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const posted = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, insert, [world.campaign.id, role === 'anon' ? world.organizer.id : world[role].id]),
		)
		expect(posted).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		expect(await rowsChangedAs(client, world.organizer, insert, [world.campaign.id, world.moderator.id])).toBe(0)
		const seen = await byRole(
			world,
			async (actor) =>
				(await rowsVisibleAs(client, actor, 'select 1 from public.campaign_updates where campaign_id = $1', [world.campaign.id])).length,
		)
		expect(seen).toEqual({ anon: 2, outsider: 2, member: 2, organizer: 2, otherOrganizer: 2, moderator: 2 })
	}))

test('an update queues its announcement job in the same transaction', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const update = onlyRow(await client.query<{ id: string }>(`${insert} returning id`, [world.campaign.id, world.organizer.id]))
		const jobs = await client.query(`select 1 from graphile_worker.jobs where key = $1`, [`campaign-update:${update.id}`])
		expect(jobs.rowCount).toBe(1)
	}))

test('managers and moderators correct and remove updates', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const update = onlyRow(await client.query<{ id: string }>(`${insert} returning id`, [world.campaign.id, world.organizer.id]))
		const corrected = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, `update public.campaign_updates set title = 'We filed 80,154' where id = $1`, [update.id]),
		)
		expect(corrected).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const removed = await byRole(world, async (actor) => {
			const row = onlyRow(await client.query<{ id: string }>(`${insert} returning id`, [world.campaign.id, world.organizer.id]))
			return rowsChangedAs(client, actor, 'delete from public.campaign_updates where id = $1', [row.id])
		})
		expect(removed).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))
