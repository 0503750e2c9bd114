import { sql, type Transaction } from 'kysely'
import { asCaller, type AuthenticatedCaller, type Caller, type Database } from '#app/db/db.server'
import type { CampaignKind, CampaignStageStatus, CampaignStatus, CampaignTarget, VotePosition } from '#app/db/types'
import { civilDateAt } from '#app/siting/civil-date'
import { DEFAULT_ZONE } from '#app/siting/projects.server'
import { dateText } from '#app/siting/records.server'
import { isSlug, slugFrom } from '#app/utils/slug'
import { calculateBallot, type BallotResult, type SamplingRuleId } from './ballot'
import { calculateDistribution, type DistributionFigures, type DistrictLine } from './districts'
import { stageFilesOf, type StageFile } from './stage-files.server'
import { stageTemplate, type StageKey } from './templates'

// Campaigns as the pages see them: the public page (coalition, stages,
// milestones, the ballot arithmetic, endorsements, officials' votes, linked
// actions, updates) and what a manager may change. Every query runs as the
// caller, so the policies in 20261202140000_create_campaigns.sql decide.

export type CampaignSummary = {
	slug: string
	name: string
	kind: CampaignKind
	goal: string
	status: CampaignStatus
	place: string
	chapters: string[]
}

function placeName(row: { place_name: string; state_abbreviation: string | null; place_kind: string }) {
	return row.place_kind === 'county' || row.place_kind === 'city'
		? row.state_abbreviation
			? `${row.place_name}, ${row.state_abbreviation}`
			: row.place_name
		: row.place_name
}

function campaignsWithPlace(trx: Transaction<Database>) {
	return trx
		.selectFrom('campaigns as c')
		.innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
		.leftJoin('jurisdictions as parent', 'parent.id', 'j.parent_id')
		.leftJoin('jurisdictions as grandparent', 'grandparent.id', 'parent.parent_id')
		.select([
			'c.id',
			'c.slug',
			'c.name',
			'c.kind',
			'c.goal',
			'c.status',
			'c.description',
			'c.target',
			'c.target_name',
			'c.outcome',
			'c.outcome_source_url',
			'c.created_by',
			'j.id as place_id',
			'j.name as place_name',
			'j.kind as place_kind',
			sql<string | null>`coalesce(case when parent.kind = 'state' then parent.abbreviation end,
				case when grandparent.kind = 'state' then grandparent.abbreviation end,
				case when j.kind = 'state' then j.abbreviation end)`.as('state_abbreviation'),
		])
}

async function coalitionNames(trx: Transaction<Database>, campaignIds: string[]) {
	if (campaignIds.length === 0) return new Map<string, string[]>()
	const rows = await trx
		.selectFrom('campaign_chapters as cc')
		.innerJoin('chapters as ch', 'ch.id', 'cc.chapter_id')
		.select(['cc.campaign_id', 'ch.name'])
		.where('cc.campaign_id', 'in', campaignIds)
		.where('cc.status', '=', 'active')
		.orderBy('ch.name')
		.execute()
	const names = new Map<string, string[]>()
	for (const row of rows) names.set(row.campaign_id, [...(names.get(row.campaign_id) ?? []), row.name])
	return names
}

/** Every campaign the caller may see, active ones first. */
export async function listCampaigns(caller: Caller, filter: { q?: string; kind?: CampaignKind | null } = {}): Promise<CampaignSummary[]> {
	return asCaller(caller, async (trx) => {
		let query = campaignsWithPlace(trx)
		if (filter.kind) query = query.where('c.kind', '=', filter.kind)
		if (filter.q) {
			const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
			query = query.where((eb) =>
				eb.or([eb(sql`lower(c.name)`, 'like', like), eb(sql`lower(c.goal)`, 'like', like), eb(sql`lower(j.name)`, 'like', like)]),
			)
		}
		const rows = await query
			.orderBy(sql`case c.status when 'active' then 0 when 'draft' then 1 when 'paused' then 2 else 3 end`)
			.orderBy('c.name')
			.limit(200)
			.execute()
		const chapters = await coalitionNames(
			trx,
			rows.map((row) => row.id),
		)
		return rows.map((row) => ({
			slug: row.slug,
			name: row.name,
			kind: row.kind,
			goal: row.goal,
			status: row.status,
			place: placeName(row),
			chapters: chapters.get(row.id) ?? [],
		}))
	})
}

export type PlaceChoice = { id: number; label: string }
export type OrganizerChapter = { id: string; name: string; places: PlaceChoice[] }

/**
 * The chapters the person organizes, each with the places a campaign of
 * theirs may be about: the chapter's own place, the places above it (its
 * state, its country) and the cities in its county.
 */
export async function organizerChapters(caller: AuthenticatedCaller): Promise<OrganizerChapter[]> {
	return asCaller(caller, async (trx) => {
		const chapters = await trx
			.selectFrom('memberships as m')
			.innerJoin('chapters as ch', 'ch.id', 'm.chapter_id')
			.select(['ch.id', 'ch.name', 'ch.jurisdiction_id'])
			.where('m.user_id', '=', caller.claims.sub)
			.where('m.role', '=', 'organizer')
			.where('m.status', '=', 'active')
			.orderBy('ch.name')
			.execute()
		const result: OrganizerChapter[] = []
		for (const chapter of chapters) {
			const { rows } = await sql<{ id: number; name: string; kind: string; depth: number }>`
				with recursive up as (
					select j.id, j.name, j.kind::text as kind, j.parent_id, 0 as depth from public.jurisdictions j where j.id = ${chapter.jurisdiction_id}
					union all
					select p.id, p.name, p.kind::text, p.parent_id, up.depth + 1 from public.jurisdictions p join up on p.id = up.parent_id
				)
				select id, name, kind, depth from up
				union all
				select c.id, c.name, c.kind::text, -1 from public.jurisdictions c
				where c.parent_id in (select id from up where kind = 'county') and c.kind = 'city'
				order by depth, name`.execute(trx)
			const state = rows.find((row) => row.kind === 'state')
			result.push({
				id: chapter.id,
				name: chapter.name,
				places: rows.map((row) => ({
					id: row.id,
					label: row.kind === 'county' || row.kind === 'city' ? (state ? `${row.name}, ${state.name}` : row.name) : row.name,
				})),
			})
		}
		return result
	})
}

async function freeSlug(trx: Transaction<Database>, name: string) {
	const base = slugFrom(name) || 'campaign'
	for (let n = 1; n < 50; n++) {
		const slug = n === 1 ? base : `${base.slice(0, 56)}-${n}`
		const taken = await sql<{ taken: boolean }>`select private.campaign_slug_taken(${slug}) as taken`.execute(trx)
		if (!taken.rows[0]?.taken) return slug
	}
	return `${base.slice(0, 40)}-${crypto.randomUUID().slice(0, 8)}`
}

export type NewCampaign = {
	name: string
	kind: CampaignKind
	goal: string
	description: string
	chapterId: string
	jurisdictionId: number
	target: CampaignTarget
	targetName: string
	status: 'active' | 'draft'
	useTemplate: boolean
	stageTitles: (key: StageKey) => string
}

/** Starts a campaign owned by the organizer's chapter, with the template's stages if asked. Returns its address. */
export async function createCampaign(caller: AuthenticatedCaller, input: NewCampaign) {
	return asCaller(caller, async (trx) => {
		const values = {
			name: input.name,
			kind: input.kind,
			goal: input.goal,
			description: input.description,
			jurisdiction_id: input.jurisdictionId,
			target: input.target,
			target_name: input.targetName,
			status: input.status,
			created_by: caller.claims.sub,
		}
		// Two people starting campaigns with the same name at once: the second takes the next free address.
		let slug = await freeSlug(trx, input.name)
		let campaign = await trx
			.insertInto('campaigns')
			.values({ slug, ...values })
			.onConflict((conflict) => conflict.column('slug').doNothing())
			.returning('id')
			.executeTakeFirst()
		for (let attempt = 0; !campaign && attempt < 5; attempt++) {
			slug = `${slug.slice(0, 70)}-${crypto.randomUUID().slice(0, 6)}`
			campaign = await trx
				.insertInto('campaigns')
				.values({ slug, ...values })
				.onConflict((conflict) => conflict.column('slug').doNothing())
				.returning('id')
				.executeTakeFirst()
		}
		if (!campaign) throw new Error('No free address for the campaign')
		await trx
			.insertInto('campaign_chapters')
			.values({ campaign_id: campaign.id, chapter_id: input.chapterId, status: 'active', added_by: caller.claims.sub })
			.execute()
		const stages = input.useTemplate ? stageTemplate(input.kind) : []
		if (stages.length) {
			await trx
				.insertInto('campaign_stages')
				.values(stages.map((key, position) => ({ campaign_id: campaign.id, position, template_key: key, title: input.stageTitles(key) })))
				.execute()
		}
		return slug
	})
}

export type Stage = {
	id: string
	position: number
	templateKey: string | null
	title: string
	status: CampaignStageStatus
	startsOn: string | null
	endsOn: string | null
	ownerName: string
	notes: string
	evidence: string[]
	/** Evidence files: the public ones, and to managers the held ones too. */
	files: StageFile[]
}

export type Milestone = { id: string; title: string; dueOn: string; ownerName: string; doneOn: string | null; stageId: string | null }

export type BallotRule = {
	ruleKind: 'fixed' | 'percent'
	requiredCount: number | null
	percent: number | null
	baseCount: number | null
	baseLabel: string
	ruleCitation: string
	ruleSourceUrl: string | null
	distributionRule: string
	circulationStartsOn: string | null
	circulationEndsOn: string | null
	validityPercent: number
	safetyMarginPercent: number
	samplingRule: SamplingRuleId
	reviewDays: number | null
	reviewDayCount: 'calendar' | 'business' | null
	filedOn: string | null
	filedCount: number | null
	postalCodes: string[]
	distributionPercent: number | null
	distributionDistrictCount: number | null
}

export type SignatureTotals = { onlineInside: number; onlineOutside: number; paper: number; duplicates: number; placeable: boolean }

export type Ballot = {
	rule: BallotRule
	totals: SignatureTotals
	result: BallotResult
	today: string
	/** The distribution rule district by district, once the organizer has entered figures (docs/decisions/074). */
	districts: DistrictLine[]
	distribution: DistributionFigures | null
}

export type LinkedAction =
	| { kind: 'petition'; id: string; slug: string; title: string; status: string }
	| { kind: 'event'; id: string; title: string; startsAt: string; chapterSlug: string }
	| { kind: 'proceeding'; id: string; slug: string; title: string; projectSlug: string; projectName: string }
	| { kind: 'body'; id: string; slug: string; name: string }

export type Endorsement = {
	id: string
	name: string
	official: { slug: string; title: string | null; body: string } | null
	endorsedOn: string
	sourceUrl: string
}

export type CampaignVote = {
	officialSlug: string
	officialName: string
	position: VotePosition
	heldOn: string
	motion: string
	result: string | null
	proceedingTitle: string
	sourceUrl: string
}

export type CampaignUpdate = { id: string; title: string; body: string; authorName: string; createdAt: string }

export type CampaignPage = NonNullable<Awaited<ReturnType<typeof getCampaignPage>>>

/** Today where most campaigns are, as YYYY-MM-DD. */
export function campaignToday(now = new Date()) {
	return civilDateAt(now, DEFAULT_ZONE)
}

function numberOrNull(value: string | number | bigint | null) {
	return value === null ? null : Number(value)
}

export async function loadBallot(
	trx: Transaction<Database>,
	campaignId: string,
	state: string | null,
	today: string,
): Promise<Ballot | null> {
	const rule = await trx.selectFrom('campaign_ballot_rules').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst()
	if (!rule) return null
	const { rows } = await sql<{
		online_inside: string
		online_outside: string
		paper: string
		duplicates: string
		jurisdiction_placeable: boolean
	}>`select * from private.campaign_signature_totals(${campaignId})`.execute(trx)
	const counts = rows[0]
	const totals: SignatureTotals = {
		onlineInside: Number(counts?.online_inside ?? 0),
		onlineOutside: Number(counts?.online_outside ?? 0),
		paper: Number(counts?.paper ?? 0),
		duplicates: Number(counts?.duplicates ?? 0),
		placeable: counts?.jurisdiction_placeable ?? false,
	}
	const view: BallotRule = {
		ruleKind: rule.rule_kind === 'percent' ? 'percent' : 'fixed',
		requiredCount: rule.required_count,
		percent: numberOrNull(rule.percent),
		baseCount: numberOrNull(rule.base_count),
		baseLabel: rule.base_label,
		ruleCitation: rule.rule_citation,
		ruleSourceUrl: rule.rule_source_url,
		distributionRule: rule.distribution_rule,
		circulationStartsOn: dateText(rule.circulation_starts_on),
		circulationEndsOn: dateText(rule.circulation_ends_on),
		validityPercent: Number(rule.validity_percent),
		safetyMarginPercent: Number(rule.safety_margin_percent),
		samplingRule: rule.sampling_rule === 'colorado' || rule.sampling_rule === 'california_local' ? rule.sampling_rule : 'none',
		reviewDays: rule.review_days,
		reviewDayCount: rule.review_day_count === 'business' || rule.review_day_count === 'calendar' ? rule.review_day_count : null,
		filedOn: dateText(rule.filed_on),
		filedCount: rule.filed_count,
		postalCodes: rule.postal_codes,
		distributionPercent: numberOrNull(rule.distribution_percent),
		distributionDistrictCount: rule.distribution_district_count,
	}
	const result = calculateBallot({
		rule:
			view.ruleKind === 'fixed'
				? { kind: 'fixed', count: view.requiredCount }
				: { kind: 'percent', percent: view.percent, baseCount: view.baseCount },
		validityPercent: view.validityPercent,
		safetyMarginPercent: view.safetyMarginPercent,
		online: totals.onlineInside,
		paper: totals.paper,
		duplicates: totals.duplicates,
		circulationStartsOn: view.circulationStartsOn,
		circulationEndsOn: view.circulationEndsOn,
		today,
		filed: view.filedOn && view.filedCount ? { on: view.filedOn, count: view.filedCount } : null,
		sampling: view.samplingRule,
		review: view.reviewDays && view.reviewDayCount ? { days: view.reviewDays, dayCount: view.reviewDayCount } : null,
		state,
	})
	const districts = (
		await trx
			.selectFrom('campaign_ballot_districts')
			.select(['district', 'registered_electors', 'signatures'])
			.where('campaign_id', '=', campaignId)
			.orderBy('position')
			.execute()
	).map((row) => ({ district: row.district, registeredElectors: row.registered_electors, signatures: row.signatures }))
	const distribution =
		view.distributionPercent !== null && districts.length > 0
			? calculateDistribution(districts, view.distributionPercent, view.validityPercent, view.distributionDistrictCount)
			: null
	return { rule: view, totals, result, today, districts, distribution }
}

async function linkedActions(trx: Transaction<Database>, campaignId: string): Promise<LinkedAction[]> {
	const petitions = await trx
		.selectFrom('campaign_links as l')
		.innerJoin('petitions as p', 'p.id', 'l.petition_id')
		.select(['l.id', 'p.slug', 'p.title', 'p.status'])
		.where('l.campaign_id', '=', campaignId)
		.orderBy('l.created_at')
		.execute()
	const events = await trx
		.selectFrom('campaign_links as l')
		.innerJoin('events as e', 'e.id', 'l.event_id')
		.innerJoin('chapters as ch', 'ch.id', 'e.chapter_id')
		.select(['l.id', 'e.id as event_id', 'e.title', 'e.starts_at', 'ch.slug as chapter_slug'])
		.where('l.campaign_id', '=', campaignId)
		.orderBy('e.starts_at')
		.execute()
	const proceedings = await trx
		.selectFrom('campaign_links as l')
		.innerJoin('proceedings as pr', 'pr.id', 'l.proceeding_id')
		.innerJoin('projects as p', 'p.id', 'pr.project_id')
		.select(['l.id', 'pr.slug', 'pr.title', 'p.slug as project_slug', 'p.name as project_name'])
		.where('l.campaign_id', '=', campaignId)
		.orderBy('l.created_at')
		.execute()
	const bodies = await trx
		.selectFrom('campaign_links as l')
		.innerJoin('bodies as b', 'b.id', 'l.body_id')
		.select(['l.id', 'b.slug', 'b.name'])
		.where('l.campaign_id', '=', campaignId)
		.orderBy('b.name')
		.execute()
	return [
		...petitions.map((row) => ({ kind: 'petition' as const, id: row.id, slug: row.slug, title: row.title, status: row.status })),
		...events.map((row) => ({
			kind: 'event' as const,
			id: row.event_id,
			title: row.title,
			startsAt: new Date(row.starts_at).toISOString(),
			chapterSlug: row.chapter_slug,
		})),
		...proceedings.map((row) => ({
			kind: 'proceeding' as const,
			id: row.id,
			slug: row.slug,
			title: row.title,
			projectSlug: row.project_slug,
			projectName: row.project_name,
		})),
		...bodies.map((row) => ({ kind: 'body' as const, id: row.id, slug: row.slug, name: row.name })),
	]
}

/** Officials' recorded votes on the proceedings (bills, ordinances) the campaign links. */
async function campaignVotes(trx: Transaction<Database>, campaignId: string): Promise<CampaignVote[]> {
	const rows = await trx
		.selectFrom('campaign_links as l')
		.innerJoin('proceeding_votes as v', 'v.proceeding_id', 'l.proceeding_id')
		.innerJoin('proceedings as pr', 'pr.id', 'v.proceeding_id')
		.innerJoin('official_votes as ov', 'ov.vote_id', 'v.id')
		.innerJoin('officials as o', 'o.id', 'ov.official_id')
		.select(['o.slug', 'o.name', 'ov.position', 'v.held_on', 'v.motion', 'v.result', 'v.source_url', 'pr.title'])
		.where('l.campaign_id', '=', campaignId)
		.orderBy('v.held_on', 'desc')
		.orderBy('o.name')
		.execute()
	return rows.map((row) => ({
		officialSlug: row.slug,
		officialName: row.name,
		position: row.position,
		heldOn: dateText(row.held_on) ?? '',
		motion: row.motion,
		result: row.result,
		proceedingTitle: row.title,
		sourceUrl: row.source_url,
	}))
}

export async function getCampaignPage(caller: Caller, slug: string, today = campaignToday()) {
	if (!isSlug(slug)) return null
	const userId = caller.role === 'authenticated' ? caller.claims.sub : null
	return asCaller(caller, async (trx) => {
		const campaign = await campaignsWithPlace(trx).where('c.slug', '=', slug).executeTakeFirst()
		if (!campaign) return null
		const { rows: roles } = await sql<{ manages: boolean; member: boolean }>`
			select private.can_manage_campaign(${campaign.id}) as manages, private.is_campaign_member(${campaign.id}) as member`.execute(trx)
		const canManage = roles[0]?.manages ?? false
		const coalition = await trx
			.selectFrom('campaign_chapters as cc')
			.innerJoin('chapters as ch', 'ch.id', 'cc.chapter_id')
			.select(['ch.id', 'ch.slug', 'ch.name', 'cc.status'])
			.where('cc.campaign_id', '=', campaign.id)
			.orderBy('ch.name')
			.execute()
		const invitations = userId
			? await trx
					.selectFrom('campaign_chapters as cc')
					.innerJoin('memberships as m', 'm.chapter_id', 'cc.chapter_id')
					.innerJoin('chapters as ch', 'ch.id', 'cc.chapter_id')
					.select(['ch.id', 'ch.name'])
					.where('cc.campaign_id', '=', campaign.id)
					.where('cc.status', '=', 'invited')
					.where('m.user_id', '=', userId)
					.where('m.role', '=', 'organizer')
					.where('m.status', '=', 'active')
					.execute()
			: []
		const stages = await trx.selectFrom('campaign_stages').selectAll().where('campaign_id', '=', campaign.id).orderBy('position').execute()
		const files = await stageFilesOf(trx, campaign.id)
		const milestones = await trx
			.selectFrom('campaign_milestones')
			.selectAll()
			.where('campaign_id', '=', campaign.id)
			.orderBy('due_on')
			.execute()
		const endorsements = await trx
			.selectFrom('campaign_endorsements as e')
			.leftJoin('officials as o', 'o.id', 'e.official_id')
			.leftJoin('bodies as b', 'b.id', 'o.body_id')
			.select(['e.id', 'e.organization', 'e.endorsed_on', 'e.source_url', 'o.slug', 'o.name', 'o.title', 'b.name as body_name'])
			.where('e.campaign_id', '=', campaign.id)
			.orderBy('e.endorsed_on', 'desc')
			.execute()
		const updates = await trx
			.selectFrom('campaign_updates as u')
			.leftJoin('profiles as p', 'p.id', 'u.author_id')
			.select(['u.id', 'u.title', 'u.body', 'u.created_at', 'p.display_name'])
			.where('u.campaign_id', '=', campaign.id)
			.orderBy('u.created_at', 'desc')
			.limit(20)
			.execute()
		const following = userId
			? Boolean(
					await trx
						.selectFrom('campaign_followers')
						.select('user_id')
						.where('campaign_id', '=', campaign.id)
						.where('user_id', '=', userId)
						.executeTakeFirst(),
				)
			: false
		const { rows: followers } = await sql<{ n: string | null }>`select private.campaign_follower_count(${campaign.id}) as n`.execute(trx)
		return {
			id: campaign.id,
			slug: campaign.slug,
			name: campaign.name,
			kind: campaign.kind,
			goal: campaign.goal,
			description: campaign.description,
			status: campaign.status,
			target: campaign.target,
			targetName: campaign.target_name,
			outcome: campaign.outcome,
			outcomeSourceUrl: campaign.outcome_source_url,
			place: placeName(campaign),
			state: campaign.state_abbreviation,
			coalition: coalition.map((row) => ({ id: row.id, slug: row.slug, name: row.name, active: row.status === 'active' })),
			stages: stages.map((row): Stage => ({
				id: row.id,
				position: row.position,
				templateKey: row.template_key,
				title: row.title,
				status: row.status,
				startsOn: dateText(row.starts_on),
				endsOn: dateText(row.ends_on),
				ownerName: row.owner_name,
				notes: row.notes,
				evidence: row.evidence_urls,
				files: files.filter((file) => file.stageId === row.id),
			})),
			milestones: milestones.map((row): Milestone => ({
				id: row.id,
				title: row.title,
				dueOn: dateText(row.due_on) ?? '',
				ownerName: row.owner_name,
				doneOn: dateText(row.done_on),
				stageId: row.stage_id,
			})),
			ballot: await loadBallot(trx, campaign.id, campaign.state_abbreviation, today),
			links: await linkedActions(trx, campaign.id),
			endorsements: endorsements.map((row): Endorsement => ({
				id: row.id,
				name: row.organization ?? row.name ?? '',
				official: row.slug ? { slug: row.slug, title: row.title, body: row.body_name ?? '' } : null,
				endorsedOn: dateText(row.endorsed_on) ?? '',
				sourceUrl: row.source_url,
			})),
			votes: await campaignVotes(trx, campaign.id),
			updates: updates.map((row): CampaignUpdate => ({
				id: row.id,
				title: row.title,
				body: row.body,
				authorName: row.display_name ?? '',
				createdAt: new Date(row.created_at).toISOString(),
			})),
			followers: Number(followers[0]?.n ?? 0),
			viewer: {
				signedIn: userId !== null,
				canManage,
				isMember: roles[0]?.member ?? false,
				following,
				invitations,
			},
			today,
		}
	})
}

/** The campaigns that link each proceeding, for an official's page: which of their votes were on a campaign's bill. */
export async function campaignsByProceeding(caller: Caller, proceedingSlugs: string[]) {
	if (proceedingSlugs.length === 0) return {}
	const rows = await asCaller(caller, (trx) =>
		trx
			.selectFrom('campaign_links as l')
			.innerJoin('proceedings as pr', 'pr.id', 'l.proceeding_id')
			.innerJoin('campaigns as c', 'c.id', 'l.campaign_id')
			.select(['pr.slug as proceeding_slug', 'c.slug', 'c.name'])
			.where('pr.slug', 'in', proceedingSlugs)
			.orderBy('c.name')
			.execute(),
	)
	const byProceeding: Record<string, Array<{ slug: string; name: string }>> = {}
	for (const row of rows) (byProceeding[row.proceeding_slug] ??= []).push({ slug: row.slug, name: row.name })
	return byProceeding
}

/** An official's endorsements of campaigns, with their sources. */
export async function endorsementsByOfficial(caller: Caller, officialSlug: string) {
	return asCaller(caller, (trx) =>
		trx
			.selectFrom('campaign_endorsements as e')
			.innerJoin('officials as o', 'o.id', 'e.official_id')
			.innerJoin('campaigns as c', 'c.id', 'e.campaign_id')
			.select(['c.slug', 'c.name', 'e.endorsed_on', 'e.source_url'])
			.where('o.slug', '=', officialSlug)
			.orderBy('e.endorsed_on', 'desc')
			.execute()
			.then((rows) => rows.map((row) => ({ ...row, endorsed_on: dateText(row.endorsed_on) ?? '' }))),
	)
}

/** What an official's page shows about campaigns: their endorsements, and which of their votes were on a campaign's bill. */
export async function officialCampaigns(caller: Caller, officialSlug: string, proceedingSlugs: string[]) {
	const [endorsements, byProceeding] = await Promise.all([
		endorsementsByOfficial(caller, officialSlug),
		campaignsByProceeding(caller, proceedingSlugs),
	])
	return { endorsements, byProceeding }
}
