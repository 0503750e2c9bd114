import { expect, test } from 'vitest'
import { byRole, createCampaignWorld } from '#tests/helpers/campaign-factories'
import { createPetition } from '#tests/helpers/factories'
import { rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Links to petitions, events, proceedings and bodies: public with the
// campaign; managers add and remove them, and link only a petition they may see.

const link = 'insert into public.campaign_links (campaign_id, petition_id, added_by) values ($1, $2, $3)'

test('managers and moderators link a published petition; everyone then sees the link', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const linked = await byRole(world, async (actor, role) => {
			const petition = await createPetition(client, { organizer: world.otherOrganizer, chapter: world.otherChapter })
			return rowsChangedAs(client, actor, link, [world.campaign.id, petition.id, role === 'anon' ? world.organizer.id : world[role].id])
		})
		expect(linked).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const seen = await byRole(
			world,
			async (actor) =>
				(await rowsVisibleAs(client, actor, 'select 1 from public.campaign_links where campaign_id = $1', [world.campaign.id])).length,
		)
		expect(seen).toEqual({ anon: 2, outsider: 2, member: 2, organizer: 2, otherOrganizer: 2, moderator: 2 })
	}))

test('a manager cannot link someone else’s draft petition', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const draft = await createPetition(client, { organizer: world.otherOrganizer, chapter: world.otherChapter, status: 'draft' })
		expect(await rowsChangedAs(client, world.organizer, link, [world.campaign.id, draft.id, world.organizer.id])).toBe(0)
	}))

test('managers and moderators unlink', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const removed = await byRole(world, async (actor) => {
			const petition = await createPetition(client, { organizer: world.organizer, chapter: world.chapter })
			await client.query(link, [world.campaign.id, petition.id, world.organizer.id])
			return rowsChangedAs(client, actor, 'delete from public.campaign_links where petition_id = $1', [petition.id])
		})
		expect(removed).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))
