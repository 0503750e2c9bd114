import { expect, test } from 'vitest'
import { byRole, createCampaignWorld } from '#tests/helpers/campaign-factories'
import { failureAs, onlyRow, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Following a campaign: a person follows, sees and stops their own follows
// only. Addresses reach the email job (the service role) alone; the
// unsubscribe token is never readable by a client.

const follow = 'insert into public.campaign_followers (campaign_id, user_id) values ($1, $2)'

test('signed-in people follow a public campaign as themselves', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const followed = await byRole(world, (actor, role) =>
			rowsChangedAs(client, actor, follow, [world.campaign.id, role === 'anon' ? world.outsider.id : world[role].id]),
		)
		expect(followed).toEqual({ anon: 0, outsider: 1, member: 1, organizer: 1, otherOrganizer: 1, moderator: 1 })
		const draft = await createCampaignWorld(client, 'draft')
		expect(await rowsChangedAs(client, draft.outsider, follow, [draft.campaign.id, draft.outsider.id])).toBe(0)
		expect(await rowsChangedAs(client, world.outsider, follow, [draft.campaign.id, world.member.id])).toBe(0)
	}))

test('each person sees only their own follow, and never a token', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		await client.query(follow, [world.campaign.id, world.outsider.id])
		const seen = await byRole(
			world,
			async (actor) =>
				(await rowsVisibleAs(client, actor, 'select user_id from public.campaign_followers where campaign_id = $1', [world.campaign.id]))
					.length,
		)
		expect(seen).toEqual({ anon: 0, outsider: 1, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		expect((await failureAs(client, world.outsider, 'select unsubscribe_token from public.campaign_followers')).code).toBe('42501')
		const count = onlyRow(
			await queryAs<{ n: string }>(client, 'anon', 'select private.campaign_follower_count($1) as n', [world.campaign.id]),
		)
		expect(count.n).toBe('1')
	}))

test('people stop following; nobody stops someone else; only the job reads addresses', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		await client.query(follow, [world.campaign.id, world.outsider.id])
		const stop = 'delete from public.campaign_followers where campaign_id = $1 and user_id = $2'
		const others = await byRole(world, (actor, role) =>
			role === 'outsider' ? Promise.resolve(-1) : rowsChangedAs(client, actor, stop, [world.campaign.id, world.outsider.id]),
		)
		expect(others).toEqual({ anon: 0, outsider: -1, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		for (const actor of ['anon', world.organizer] as const) {
			expect((await failureAs(client, actor, 'select * from private.campaign_follower_recipients($1)', [world.campaign.id])).code).toBe(
				'42501',
			)
		}
		const recipients = await queryAs(client, 'service_role', 'select email from private.campaign_follower_recipients($1)', [
			world.campaign.id,
		])
		expect(recipients.rows).toEqual([{ email: world.outsider.email }])
		expect(await rowsChangedAs(client, world.outsider, stop, [world.campaign.id, world.outsider.id])).toBe(1)
	}))
