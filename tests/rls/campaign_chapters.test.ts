import { expect, test } from 'vitest'
import { byRole, createCampaign, createCampaignWorld } from '#tests/helpers/campaign-factories'
import { createChapter, createUser } from '#tests/helpers/factories'
import { rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// The coalition. The creator's own chapter comes first; after that a manager
// invites a chapter and that chapter's organizers accept or decline, so no
// chapter is put on a campaign without its organizers saying yes.

const insert = `insert into public.campaign_chapters (campaign_id, chapter_id, status, added_by) values ($1, $2, $3, $4)`

test('everyone sees the coalition of a public campaign', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const seen = await byRole(
			world,
			async (actor) =>
				(await rowsVisibleAs(client, actor, 'select 1 from public.campaign_chapters where campaign_id = $1', [world.campaign.id])).length,
		)
		expect(seen).toEqual({ anon: 1, outsider: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('an organizer brings their own chapter to the campaign they just started, and no one else’s', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const fresh = await createCampaign(client, world.place, world.otherOrganizer)
		expect(await rowsChangedAs(client, world.otherOrganizer, insert, [fresh.id, world.chapter.id, 'active', world.otherOrganizer.id])).toBe(
			0,
		)
		expect(await rowsChangedAs(client, world.organizer, insert, [fresh.id, world.chapter.id, 'active', world.organizer.id])).toBe(0)
		expect(
			await rowsChangedAs(client, world.otherOrganizer, insert, [fresh.id, world.otherChapter.id, 'active', world.otherOrganizer.id]),
		).toBe(1)
	}))

test('managers invite a chapter; only that chapter’s organizers accept it', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const stranger = await createUser(client, { displayName: 'Stan Stranger' })
		const invited = await byRole(world, async (actor, role) => {
			const chapter = await createChapter(client, { organizer: stranger, jurisdiction: world.place })
			return rowsChangedAs(client, actor, insert, [
				world.campaign.id,
				chapter.id,
				'invited',
				role === 'anon' ? world.organizer.id : world[role].id,
			])
		})
		expect(invited).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		expect(
			await rowsChangedAs(client, world.organizer, insert, [world.campaign.id, world.otherChapter.id, 'invited', world.organizer.id]),
		).toBe(1)
		// Nobody makes another chapter an owner without it accepting.
		const third = await createChapter(client, { organizer: stranger, jurisdiction: world.place })
		expect(await rowsChangedAs(client, world.organizer, insert, [world.campaign.id, third.id, 'active', world.organizer.id])).toBe(0)
		const accept = `update public.campaign_chapters set status = 'active' where campaign_id = $1 and chapter_id = $2`
		const accepted = await byRole(world, (actor) => rowsChangedAs(client, actor, accept, [world.campaign.id, world.otherChapter.id]))
		expect(accepted).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 0, otherOrganizer: 1, moderator: 0 })
	}))

test('a chapter’s organizers leave; others cannot remove an accepted chapter', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const remove = 'delete from public.campaign_chapters where campaign_id = $1 and chapter_id = $2'
		const removed = await byRole(world, (actor, role) =>
			role === 'organizer' ? Promise.resolve(-1) : rowsChangedAs(client, actor, remove, [world.campaign.id, world.chapter.id]),
		)
		expect(removed).toEqual({ anon: 0, outsider: 0, member: 0, organizer: -1, otherOrganizer: 0, moderator: 0 })
		expect(await rowsChangedAs(client, world.organizer, remove, [world.campaign.id, world.chapter.id])).toBe(1)
	}))
