import { expect, test } from 'vitest'
import { byRole, createBatch, createCampaignWorld, createPaperSigner } from '#tests/helpers/campaign-factories'
import { failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Corrections to paper sheets are logged by triggers, with the names and
// addresses before and after: read by the campaign's managers only (the
// people who read the names), written by nobody through the API.

test('a corrected sheet and row are logged, with who did it, and only managers and moderators read the log', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const batch = await createBatch(client, world, world.member, 10)
		const signer = await createPaperSigner(client, world, batch.id, 1, 'Mary OBrien')
		expect(
			await rowsChangedAs(client, world.organizer, `update public.campaign_paper_signers set name = 'Mary O’Brien' where id = $1`, [
				signer.id,
			]),
		).toBe(1)
		expect(
			await rowsChangedAs(client, world.organizer, 'update public.campaign_paper_batches set signature_count = 12 where id = $1', [
				batch.id,
			]),
		).toBe(1)
		const seen = await byRole(
			world,
			async (actor) =>
				(await rowsVisibleAs(client, actor, 'select 1 from public.campaign_audit_log where campaign_id = $1', [world.campaign.id])).length,
		)
		expect(seen).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 2, otherOrganizer: 0, moderator: 2 })
		const log = await rowsVisibleAs<{ action: string; actor_id: string; details: Record<string, unknown> }>(
			client,
			world.organizer,
			'select action, actor_id, details from public.campaign_audit_log where batch_id = $1 order by id',
			[batch.id],
		)
		expect(log.map((entry) => [entry.action, entry.actor_id])).toEqual([
			['row.corrected', world.organizer.id],
			['sheet.corrected', world.organizer.id],
		])
		expect(log[0]?.details).toMatchObject({ line: 1, before: { name: 'Mary OBrien' }, after: { name: 'Mary O’Brien' } })
		expect(log[1]?.details).toMatchObject({ before: { signature_count: 10 }, after: { signature_count: 12 } })
	}))

test('nobody writes, changes or removes log entries through the API; a count below a named line is refused', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const batch = await createBatch(client, world, world.member, 10)
		await createPaperSigner(client, world, batch.id, 8)
		await client.query('update public.campaign_paper_batches set town = $2 where id = $1', [batch.id, 'Purcellville'])
		const written = await byRole(world, async (actor) => {
			const insert = await failureAs(
				client,
				actor,
				`insert into public.campaign_audit_log (campaign_id, action) values ($1, 'sheet.corrected')`,
				[world.campaign.id],
			)
			return insert.code
		})
		expect(new Set(Object.values(written))).toEqual(new Set(['42501']))
		const changed = await byRole(world, async (actor) => {
			const update = await rowsChangedAs(client, actor, `update public.campaign_audit_log set details = '{}' where campaign_id = $1`, [
				world.campaign.id,
			])
			const remove = await rowsChangedAs(client, actor, 'delete from public.campaign_audit_log where campaign_id = $1', [world.campaign.id])
			return update + remove
		})
		expect(changed).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
		const error = await failureAs(client, world.organizer, 'update public.campaign_paper_batches set signature_count = 7 where id = $1', [
			batch.id,
		])
		expect(error).toMatchObject({ code: '23514', hint: 'campaign_paper_batch_count' })
	}))
