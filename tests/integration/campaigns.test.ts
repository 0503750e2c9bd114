import { sql } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createCampaign, getCampaignPage, organizerChapters } from '#app/campaigns/campaigns.server'
import { paperSummary, recordSheet } from '#app/campaigns/paper.server'
import { anon, asCaller, db } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'
import { startWorker } from '#app/jobs/worker.server'
import { committed, createPetition, createSignature, createUser, startChapter, unique } from '#tests/helpers/factories'
import { headersOf, inbox, settle, waitForEmail } from '#tests/helpers/mailbox'

let worker: Awaited<ReturnType<typeof startWorker>>
beforeAll(async () => {
	worker = await startWorker({ concurrency: 2 })
})
afterAll(async () => {
	await worker.stop()
})

async function startBallotCampaign() {
	const organizer = await createUser(committed(), { label: 'organizer' })
	const chapter = await startChapter(organizer)
	const [mine] = await organizerChapters(organizer.caller)
	const county = mine?.places.find((place) => place.label.startsWith('Loudoun County'))
	if (!mine || !county) throw new Error('setup: the chapter’s places')
	const slug = await createCampaign(organizer.caller, {
		name: `Loudoun public power ${unique('c')}`,
		kind: 'ballot_initiative',
		goal: 'Put a public utility before the county’s voters.',
		description: '',
		chapterId: chapter.id,
		jurisdictionId: county.id,
		target: 'voters',
		targetName: 'Loudoun County voters',
		status: 'active',
		useTemplate: true,
		stageTitles: (key) => t(`campaign.template.${key}`),
	})
	const campaign = await getCampaignPage(organizer.caller, slug)
	if (!campaign) throw new Error('setup: the campaign')
	return { organizer, chapter, campaign }
}

test('a campaign starts from its template, owned by the organizer’s chapter; others read it but do not manage it', async () => {
	const { campaign } = await startBallotCampaign()
	expect(campaign.stages.map((stage) => stage.templateKey)).toEqual([
		'drafting',
		'form_approval',
		'circulation',
		'filing',
		'validity_check',
		'certification',
		'legislative_referral',
		'title_challenges',
		'election',
	])
	expect(campaign.viewer.canManage).toBe(true)
	const stranger = await createUser(committed(), { label: 'stranger' })
	const seen = await getCampaignPage(stranger.caller, campaign.slug)
	expect(seen?.viewer).toMatchObject({ canManage: false, isMember: false })
	expect((await getCampaignPage(anon, campaign.slug))?.name).toBe(campaign.name)
	expect(await organizerChapters(stranger.caller)).toEqual([])
})

test('online signatures count only inside the place; a repeated sheet is refused; repeats are listed, not dropped', async () => {
	const { organizer, chapter, campaign } = await startBallotCampaign()
	const petition = await createPetition(committed(), { organizer, chapter: { ...chapter, jurisdictionId: 0 } })
	await asCaller(organizer.caller, (trx) =>
		trx.insertInto('campaign_links').values({ campaign_id: campaign.id, petition_id: petition.id, added_by: organizer.id }).execute(),
	)
	await asCaller(organizer.caller, (trx) =>
		trx
			.insertInto('campaign_ballot_rules')
			.values({ campaign_id: campaign.id, rule_kind: 'fixed', required_count: 10, rule_citation: 'Test rule' })
			.execute(),
	)
	// 20175 is in Loudoun County; 85701 in Tucson, outside it.
	await createSignature(committed(), petition, { name: 'Mary O’Brien', status: 'confirmed', postalCode: '20175' })
	await createSignature(committed(), petition, { name: 'Rosa Diaz', status: 'confirmed', postalCode: '85701' })
	await createSignature(committed(), petition, { name: 'Pending Person', status: 'pending', postalCode: '20175' })
	const jo = { line: 1, name: 'Jo Park', address: '3 oak avenue', postalCode: '20175' }
	const sheet = {
		circulator: 'Dana Whitfield',
		collectedOn: '2026-05-02',
		town: 'Leesburg',
		sheetNumber: '4',
		count: 3,
		rows: [
			{ line: 1, name: "MARY O'BRIEN", address: '12 Elm Street', postalCode: '20175' },
			{ line: 2, name: 'Jo Park', address: '3 Oak Ave', postalCode: '20175' },
		],
	}
	expect(await recordSheet(organizer.caller, campaign.id, sheet)).toEqual({ ok: true, count: 3 })
	expect(await recordSheet(organizer.caller, campaign.id, sheet)).toEqual({ ok: false, reason: 'duplicate_sheet' })
	expect(await recordSheet(organizer.caller, campaign.id, { ...sheet, sheetNumber: '5', rows: [jo] })).toEqual({ ok: true, count: 3 })
	const page = await getCampaignPage(anon, campaign.slug)
	expect(page?.ballot?.totals).toEqual({ onlineInside: 1, onlineOutside: 1, paper: 6, duplicates: 2, placeable: true })
	const summary = await paperSummary(organizer.caller, campaign.id)
	expect(summary.matches.map((match) => [match.name, match.matched])).toEqual(
		expect.arrayContaining([
			["MARY O'BRIEN", 'online'],
			['Jo Park', 'paper'],
		]),
	)
	expect(summary.byTown).toEqual([{ label: 'Leesburg', sheets: 2, signatures: 6 }])
})

test('an update reaches each follower once, with a one-click unsubscribe that stops the next', async () => {
	const { organizer, campaign } = await startBallotCampaign()
	const readers = await Promise.all([1, 2].map((n) => createUser(committed(), { label: `follower${n}` })))
	for (const reader of readers) {
		await asCaller(reader.caller, (trx) =>
			trx.insertInto('campaign_followers').values({ campaign_id: campaign.id, user_id: reader.id }).execute(),
		)
	}
	const [first, second] = readers
	if (!first || !second) throw new Error('setup')
	const title = `We filed ${unique('u')}`
	await asCaller(organizer.caller, (trx) =>
		trx
			.insertInto('campaign_updates')
			.values({ campaign_id: campaign.id, author_id: organizer.id, title, body: 'Thank **you**.' })
			.execute(),
	)
	const message = await waitForEmail(first.email, new RegExp(title))
	await waitForEmail(second.email, new RegExp(title))
	expect(message.HTML).toContain('<strong>you</strong>')
	const headers = await headersOf(message.ID)
	const unsubscribe = /^<(https?:\/\/[^>]+\/campaigns\/unsubscribe\/[0-9a-f-]{36})>$/.exec(headers['List-Unsubscribe']?.[0] ?? '')?.[1]
	expect(unsubscribe).toBeDefined()
	expect(headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click'])
	// Replies reach the organizer who wrote the update, not the site's address.
	expect(headers['Reply-To']).toEqual([organizer.email])
	const token = unsubscribe?.split('/').at(-1) ?? ''
	const gone = await asCaller(anon, (trx) =>
		sql<{ campaign_slug: string }>`select * from private.campaign_unfollow_by_token(${token}::uuid)`.execute(trx),
	)
	expect(gone.rows[0]?.campaign_slug).toBe(campaign.slug)
	const next = `Certified ${unique('u')}`
	await asCaller(organizer.caller, (trx) =>
		trx
			.insertInto('campaign_updates')
			.values({ campaign_id: campaign.id, author_id: organizer.id, title: next, body: 'On the ballot.' })
			.execute(),
	)
	await waitForEmail(second.email, new RegExp(next))
	await settle()
	expect((await inbox(first.email)).map((mail) => mail.Subject)).toEqual([expect.stringContaining(title)])
	const sent = await db().selectFrom('campaign_updates').select('emailed_at').where('campaign_id', '=', campaign.id).execute()
	expect(sent.every((row) => row.emailed_at !== null)).toBe(true)
}, 60_000)
