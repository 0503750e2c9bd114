import { expect, test } from 'vitest'
import { byRole, createBatch, createCampaignWorld } from '#tests/helpers/campaign-factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Paper sheets: a member of an owning chapter (a circulator) records them and
// reads the ones they recorded; the managers read and correct every one.
// Nobody else sees a circulator's sheets; the public sees only totals.

const insert = `insert into public.campaign_paper_batches (campaign_id, circulator, collected_on, town, sheet_number, signature_count, recorded_by)
	values ($1, 'Cal Circulator', '2026-05-02', 'Leesburg', $2, 20, $3)`

test('members of an owning chapter and its managers record sheets, as themselves', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const recorded = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, insert, [world.campaign.id, role, role === 'anon' ? world.member.id : world[role].id]),
		)
		expect(recorded).toEqual({ anon: 0, outsider: 0, member: 1, organizer: 1, otherOrganizer: 0, moderator: 1 })
		expect(await rowsChangedAs(client, world.member, insert, [world.campaign.id, 'signed-as-other', world.organizer.id])).toBe(0)
	}))

test('the same sheet entered twice is refused', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		await client.query(insert, [world.campaign.id, '7', world.member.id])
		const error = await failureAs(
			client,
			world.organizer,
			`insert into public.campaign_paper_batches (campaign_id, circulator, collected_on, town, sheet_number, signature_count, recorded_by)
			values ($1, 'cal circulator', '2026-05-02', 'LEESBURG', '7', 20, $2)`,
			[world.campaign.id, world.organizer.id],
		)
		expect(error.code).toBe('23505')
	}))

test('managers read every sheet; a circulator reads their own; nobody else reads any', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		await createBatch(client, world, world.member)
		await createBatch(client, world, world.organizer)
		const seen = await byRole(
			world,
			async (actor) =>
				(await rowsVisibleAs(client, actor, 'select id from public.campaign_paper_batches where campaign_id = $1', [world.campaign.id]))
					.length,
		)
		expect(seen).toEqual({ anon: 0, outsider: 0, member: 1, organizer: 2, otherOrganizer: 0, moderator: 2 })
	}))

test('managers and moderators correct and remove sheets; circulators do not', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const batch = await createBatch(client, world)
		const corrected = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, 'update public.campaign_paper_batches set signature_count = 12 where id = $1', [batch.id]),
		)
		expect(corrected).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const removed = await byRole(world, async (actor) =>
			rowsChangedAs(client, actor, 'delete from public.campaign_paper_batches where id = $1', [(await createBatch(client, world)).id]),
		)
		expect(removed).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))
