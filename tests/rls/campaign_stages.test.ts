import { expect, test } from 'vitest'
import { byRole, createCampaignWorld, createStage } from '#tests/helpers/campaign-factories'
import { rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Stages are public with their campaign (a draft's are not); its managers and
// moderators add, change and remove them.

test('everyone reads the stages of an active campaign; nobody outside reads a draft’s', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const stage = await createStage(client, world.campaign.id)
		const read = 'select id from public.campaign_stages where id = $1'
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [stage.id])).length)
		expect(seen).toEqual({ anon: 1, outsider: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
		const draft = await createCampaignWorld(client, 'draft')
		const hidden = await createStage(client, draft.campaign.id)
		const seenDraft = await byRole(draft, async (actor) => (await rowsVisibleAs(client, actor, read, [hidden.id])).length)
		expect(seenDraft).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('managers and moderators add, change and remove stages', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const added = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, `insert into public.campaign_stages (campaign_id, position, title) values ($1, 1, 'Valuation')`, [
				world.campaign.id,
			]),
		)
		expect(added).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const stage = await createStage(client, world.campaign.id)
		const changed = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, `update public.campaign_stages set status = 'done' where id = $1`, [stage.id]),
		)
		expect(changed).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const removed = await byRole(world, async (actor) => {
			const row = await createStage(client, world.campaign.id)
			return rowsChangedAs(client, actor, 'delete from public.campaign_stages where id = $1', [row.id])
		})
		expect(removed).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('evidence is links only', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const stage = await createStage(client, world.campaign.id)
		await expect(
			client.query(`update public.campaign_stages set evidence_urls = array['javascript:alert(1)'] where id = $1`, [stage.id]),
		).rejects.toMatchObject({ code: '23514' })
	}))
