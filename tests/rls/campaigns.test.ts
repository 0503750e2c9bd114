import { expect, test } from 'vitest'
import { authorFor, byRole, createCampaignWorld } from '#tests/helpers/campaign-factories'
import { uniqueSuffix } from '#tests/helpers/factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Campaigns: public once out of draft; a draft is seen by its managers (the
// organizers of its owning chapters) and its creator. Organizers of any chapter
// start one; managers and moderators change it; only a draft is deleted.

const read = 'select id from public.campaigns where id = $1'

test('everyone reads an active campaign', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [world.campaign.id])).length)
		expect(seen).toEqual({ anon: 1, outsider: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
	}))

test('a draft is seen only by its managers and moderators', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client, 'draft')
		const seen = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, read, [world.campaign.id])).length)
		expect(seen).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('organizers of any chapter start campaigns, as themselves', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const started = await byRole(world, (actor, role) =>
			rowsChangedAs(
				client,
				actor,
				`insert into public.campaigns (slug, name, kind, goal, jurisdiction_id, target, target_name, created_by)
				values ($1, 'Own the lines', 'public_ownership', 'Bring the transmission lines into public hands.', $2, 'utility', 'The co-op', $3)`,
				[`own-the-lines-${role.toLowerCase()}-${uniqueSuffix()}`, world.place.id, authorFor(world, role)],
			),
		)
		expect(started).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 1, moderator: 0 })
		const error = await failureAs(
			client,
			world.organizer,
			`insert into public.campaigns (slug, name, kind, goal, jurisdiction_id, target, target_name, created_by)
			values ($1, 'Own the lines', 'public_ownership', 'Bring the transmission lines into public hands.', $2, 'utility', 'The co-op', $3)`,
			[`own-the-lines-${uniqueSuffix()}`, world.place.id, world.otherOrganizer.id],
		)
		expect(error.code).toBe('42501')
	}))

test('managers and moderators update a campaign; the organizer of another chapter does not', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const edited = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, `update public.campaigns set target_name = 'The Legislature' where id = $1`, [world.campaign.id]),
		)
		expect(edited).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		// The creator and the address are the app's to set once.
		expect(
			(await failureAs(client, world.organizer, `update public.campaigns set slug = 'moved' where id = $1`, [world.campaign.id])).code,
		).toBe('42501')
	}))

test('only a draft is deleted, by its managers', () =>
	withRollback(async (client) => {
		const active = await createCampaignWorld(client)
		const removedActive = await byRole(active, (actor) =>
			rowsChangedAs(client, actor, 'delete from public.campaigns where id = $1', [active.campaign.id]),
		)
		expect(removedActive).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		const draft = await createCampaignWorld(client, 'draft')
		expect(await rowsChangedAs(client, draft.otherOrganizer, 'delete from public.campaigns where id = $1', [draft.campaign.id])).toBe(0)
		expect(await rowsChangedAs(client, draft.organizer, 'delete from public.campaigns where id = $1', [draft.campaign.id])).toBe(1)
		expect((await failureAs(client, draft.moderator, 'truncate public.campaigns')).code).toBe('42501')
	}))
