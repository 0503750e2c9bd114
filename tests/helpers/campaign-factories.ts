import type pg from 'pg'
import {
	addMembership,
	createChapter,
	createJurisdiction,
	createUser,
	makeModerator,
	uniqueSuffix,
	type Chapter,
	type Jurisdiction,
	type User,
} from './factories'
import { onlyRow, type Actor } from './rls'

// Campaigns for the RLS tests, inserted as the connecting superuser inside
// the test's transaction, like factories.ts.

/** Each position the campaign policies tell apart. */
export const CAMPAIGN_ROLES = ['anon', 'outsider', 'member', 'organizer', 'otherOrganizer', 'moderator'] as const
export type CampaignRole = (typeof CAMPAIGN_ROLES)[number]

/**
 * One campaign owned by one chapter, and a person in each position: someone
 * signed in with no tie to it, a member (a circulator) and the organizer (a
 * manager) of the owning chapter, the organizer of a chapter outside the
 * coalition, and a site moderator.
 */
export type CampaignWorld = {
	place: Jurisdiction
	chapter: Chapter
	otherChapter: Chapter
	outsider: User
	member: User
	organizer: User
	otherOrganizer: User
	moderator: User
	campaign: { id: string; slug: string }
}

export async function createCampaignWorld(client: pg.Client, status: 'draft' | 'active' = 'active'): Promise<CampaignWorld> {
	const place = await createJurisdiction(client)
	const organizer = await createUser(client, { displayName: 'Olive Organizer' })
	const otherOrganizer = await createUser(client, { displayName: 'Ravi Rival' })
	const member = await createUser(client, { displayName: 'Cal Circulator' })
	const outsider = await createUser(client, { displayName: 'Oz Outsider' })
	const moderator = await createUser(client, { displayName: 'Mel Moderator' })
	const chapter = await createChapter(client, { organizer, jurisdiction: place })
	const otherChapter = await createChapter(client, { organizer: otherOrganizer, jurisdiction: place })
	await addMembership(client, chapter, member, 'member', 'active')
	await makeModerator(client, moderator)
	const campaign = await createCampaign(client, place, organizer, status)
	await client.query(`insert into public.campaign_chapters (campaign_id, chapter_id, status, added_by) values ($1, $2, 'active', $3)`, [
		campaign.id,
		chapter.id,
		organizer.id,
	])
	return { place, chapter, otherChapter, outsider, member, organizer, otherOrganizer, moderator, campaign }
}

export async function createCampaign(client: pg.Client, place: Jurisdiction, creator: User, status: 'draft' | 'active' = 'active') {
	const slug = `test-campaign-${uniqueSuffix()}`
	const row = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.campaigns (slug, name, kind, goal, jurisdiction_id, target, target_name, status, created_by)
			values ($1, 'Public power for the county', 'ballot_initiative', 'Put a public utility on the November ballot.', $2,
				'voters', 'The county''s voters', $3, $4) returning id`,
			[slug, place.id, status, creator.id],
		),
	)
	return { id: row.id, slug }
}

export function actorFor(world: CampaignWorld, role: CampaignRole): Actor {
	return role === 'anon' ? 'anon' : world[role]
}

/** Runs `check` for every position and returns what each got, for one readable `toEqual`. */
export async function byRole<T>(world: CampaignWorld, check: (actor: Actor, role: CampaignRole) => Promise<T>) {
	const results: Partial<Record<CampaignRole, T>> = {}
	for (const role of CAMPAIGN_ROLES) results[role] = await check(actorFor(world, role), role)
	return results as Record<CampaignRole, T>
}

/** The id a row written by `role` claims as its author: their own, or (for anon) the organizer's. */
export function authorFor(world: CampaignWorld, role: CampaignRole): string {
	return role === 'anon' ? world.organizer.id : world[role].id
}

export async function createStage(client: pg.Client, campaignId: string, title = 'Feasibility study') {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.campaign_stages (campaign_id, position, title) values ($1, 0, $2) returning id`,
			[campaignId, title],
		),
	)
}

export async function createBatch(client: pg.Client, world: CampaignWorld, recordedBy: User = world.member, count = 10) {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.campaign_paper_batches (campaign_id, circulator, collected_on, town, sheet_number, signature_count, named, recorded_by)
			values ($1, 'Cal Circulator', '2026-05-02', 'Leesburg', $2, $3, true, $4) returning id`,
			[world.campaign.id, uniqueSuffix(), count, recordedBy.id],
		),
	)
}

export async function createPaperSigner(client: pg.Client, world: CampaignWorld, batchId: string, line = 1, name = 'Mary O’Brien') {
	return onlyRow(
		await client.query<{ id: string }>(
			`insert into public.campaign_paper_signers (batch_id, campaign_id, line, name, address, postal_code)
			values ($1, $2, $3, $4, '12 Elm Street', '20175') returning id`,
			[batchId, world.campaign.id, line, name],
		),
	)
}
