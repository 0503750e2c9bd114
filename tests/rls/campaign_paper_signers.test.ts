import { expect, test } from 'vitest'
import { byRole, createBatch, createCampaignWorld, createPaperSigner } from '#tests/helpers/campaign-factories'
import { createPetition, createSignature } from '#tests/helpers/factories'
import { failureAs, onlyRow, queryAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'

// Paper signers' names and addresses are never public: only the campaign's
// managers read them. The circulator who recorded the sheet types its rows in
// and cannot read them back; the public sees totals, with no names.

test('only managers and moderators read paper signers’ names and addresses', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const batch = await createBatch(client, world, world.member)
		await createPaperSigner(client, world, batch.id)
		const seen = await byRole(
			world,
			async (actor) =>
				(
					await rowsVisibleAs(client, actor, 'select name, address from public.campaign_paper_signers where campaign_id = $1', [
						world.campaign.id,
					])
				).length,
		)
		expect(seen).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('the sheet’s recorder and managers add its rows; nobody adds rows to someone else’s sheet', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const batch = await createBatch(client, world, world.member, 20)
		const added = await byRole(world, (actor, role) =>
			rowsChangedAs(
				client,
				actor,
				`insert into public.campaign_paper_signers (batch_id, campaign_id, line, name, address) values ($1, $2, $3, 'Ann Lee', '1 Main St')`,
				[batch.id, world.campaign.id, ['anon', 'outsider', 'member', 'organizer', 'otherOrganizer', 'moderator'].indexOf(role) + 1],
			),
		)
		expect(added).toEqual({ anon: 0, outsider: 0, member: 1, organizer: 1, otherOrganizer: 0, moderator: 1 })
		const error = await failureAs(
			client,
			world.organizer,
			`insert into public.campaign_paper_signers (batch_id, campaign_id, line, name, address) values ($1, $2, 21, 'Bo Lee', '1 Main St')`,
			[batch.id, world.campaign.id],
		)
		expect(error.code).toBe('23514')
	}))

test('managers and moderators correct and remove rows', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const batch = await createBatch(client, world, world.member, 20)
		const signer = await createPaperSigner(client, world, batch.id)
		const corrected = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, `update public.campaign_paper_signers set address = '14 Elm St' where id = $1`, [signer.id]),
		)
		expect(corrected).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
		let line = 1
		const removed = await byRole(world, async (actor) => {
			const row = await createPaperSigner(client, world, batch.id, ++line)
			return rowsChangedAs(client, actor, 'delete from public.campaign_paper_signers where id = $1', [row.id])
		})
		expect(removed).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 1, otherOrganizer: 0, moderator: 1 })
	}))

test('duplicates of an online signer and of another sheet are listed to managers only; totals show counts to all', () =>
	withRollback(async (client) => {
		const world = await createCampaignWorld(client)
		const petition = await createPetition(client, { organizer: world.organizer, chapter: world.chapter })
		await client.query('insert into public.campaign_links (campaign_id, petition_id, added_by) values ($1, $2, $3)', [
			world.campaign.id,
			petition.id,
			world.organizer.id,
		])
		await createSignature(client, petition, { name: 'Mary O’Brien', status: 'confirmed', postalCode: '20175' })
		const first = await createBatch(client, world, world.member, 3)
		await createPaperSigner(client, world, first.id, 1, 'Mary O’Brien')
		await createPaperSigner(client, world, first.id, 2, 'Jo Park')
		const second = await createBatch(client, world, world.member, 2)
		await client.query(
			`insert into public.campaign_paper_signers (batch_id, campaign_id, line, name, address, postal_code)
			values ($1, $2, 1, 'JO  PARK', '12 elm st.', '20175')`,
			[second.id, world.campaign.id],
		)
		const matches = 'select name, matched from private.campaign_paper_matches($1) order by name'
		const listed = await byRole(world, async (actor) => (await rowsVisibleAs(client, actor, matches, [world.campaign.id])).length)
		expect(listed).toEqual({ anon: 0, outsider: 0, member: 0, organizer: 2, otherOrganizer: 0, moderator: 2 })
		const rows = await rowsVisibleAs<{ name: string; matched: string }>(client, world.organizer, matches, [world.campaign.id])
		expect(rows).toEqual([
			{ name: 'JO  PARK', matched: 'paper' },
			{ name: 'Mary O’Brien', matched: 'online' },
		])
		const totals = onlyRow(
			await queryAs<{ online_inside: string; paper: string; duplicates: string }>(
				client,
				'anon',
				'select online_inside, paper, duplicates from private.campaign_signature_totals($1)',
				[world.campaign.id],
			),
		)
		// The seeded signature is in Loudoun County, VA, not the test county: it counts outside.
		expect(totals).toEqual({ online_inside: '0', paper: '5', duplicates: '2' })
	}))
