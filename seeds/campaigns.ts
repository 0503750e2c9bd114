import type { ClientBase } from 'pg'
import { BALLOT_STAGES, LEGISLATION_STAGES, UTILITY_STAGES } from '#app/campaigns/templates'
import { en } from '#app/i18n/en'

// Real public-ownership campaigns, as the reference notes record them
// (shared/reference/domain.md: "Public-ownership campaigns" and "Ballot
// qualification: rules and observed rates"), each fact with its source named
// in the campaign's text and linked where a stable public page exists. They
// are the record of what happened, so no chapter owns them: site moderators
// keep them. Dates are given only where the source gives the day; a stage
// known only by month or year carries that in its notes and has no date.
// Loaded idempotently: a campaign is inserted once by its slug, with its
// stages, milestones, rule and endorsements; a re-run touches nothing.

type StageSeed = {
	key: string
	status: 'done' | 'in_progress' | 'not_started' | 'skipped' | 'blocked'
	startsOn?: string
	endsOn?: string
	notes?: string
}

type CampaignSeed = {
	slug: string
	name: string
	kind: 'ballot_initiative' | 'municipal_utility' | 'legislation' | 'public_power_authority'
	goal: string
	description: string
	place: { state: string } | { city: { slug: string; name: string; countyFips: string } }
	target: 'voters' | 'council' | 'legislature' | 'authority'
	targetName: string
	status: 'active' | 'won' | 'lost' | 'ended'
	outcome: string
	outcomeSourceUrl: string | null
	stages: StageSeed[]
	milestones: Array<{ title: string; dueOn: string; doneOn: string | null }>
	rule?: {
		requiredCount: number
		citation: string
		sourceUrl: string | null
		validityPercent: number
		samplingRule: 'none' | 'colorado' | 'california_local'
		reviewDays: number | null
		reviewDayCount: 'business' | 'calendar' | null
		filedOn: string | null
		filedCount: number | null
		/** The filing, as one counted batch: the campaign's own total, not individual sheets. */
		paper: { circulator: string; town: string; collectedOn: string; count: number } | null
	}
}

export const campaignSeeds: CampaignSeed[] = [
	{
		slug: 'pine-tree-power',
		name: 'Pine Tree Power',
		kind: 'ballot_initiative',
		goal: 'Replace Maine’s two investor-owned utilities with a consumer-owned Pine Tree Power Company.',
		description:
			'Our Power circulated the petition from October 2021 and filed 80,154 signatures from 422 towns on 31 October 2022. The Secretary of State found 69,735 valid and 10,419 invalid (13%) on 30 November 2022, against 63,067 required: 10% of the last vote for governor. The Legislature did not enact it, a court ordered the question reworded, and voters rejected it 30.26% to 69.74% in November 2023; opponents spent about $39M, supporters $1.2M.\n\nSources: Maine Secretary of State determination (21-A M.R.S. § 905); [Ballotpedia](https://ballotpedia.org/Maine_Question_3,_Pine_Tree_Power_Company_Initiative_(2023)).',
		place: { state: 'ME' },
		target: 'voters',
		targetName: 'Maine voters',
		status: 'lost',
		outcome: 'Rejected by voters 30.26% to 69.74% in November 2023.',
		outcomeSourceUrl: 'https://ballotpedia.org/Maine_Question_3,_Pine_Tree_Power_Company_Initiative_(2023)',
		stages: [
			{ key: 'drafting', status: 'done' },
			{ key: 'form_approval', status: 'done' },
			{ key: 'circulation', status: 'done', endsOn: '2022-10-31', notes: 'From October 2021; signatures from 422 towns.' },
			{ key: 'filing', status: 'done', startsOn: '2022-10-31', endsOn: '2022-10-31', notes: '80,154 signatures filed.' },
			{ key: 'validity_check', status: 'done', startsOn: '2022-10-31', endsOn: '2022-11-30', notes: '69,735 valid, 10,419 invalid (13%).' },
			{ key: 'certification', status: 'done', endsOn: '2022-11-30' },
			{ key: 'legislative_referral', status: 'done', notes: 'The Legislature did not enact it, so it went to the voters.' },
			{ key: 'title_challenges', status: 'done', notes: 'A court ordered the question reworded.' },
			{ key: 'election', status: 'done', notes: 'November 2023: lost 30.26% to 69.74%.' },
		],
		milestones: [
			{ title: 'File the signatures', dueOn: '2022-10-31', doneOn: '2022-10-31' },
			{ title: 'Secretary of State finds the petition valid', dueOn: '2022-11-30', doneOn: '2022-11-30' },
		],
		rule: {
			requiredCount: 63067,
			citation: 'Me. Const. art. IV, pt. 3, § 18 (10% of the last vote for governor); review: 21-A M.R.S. § 905',
			sourceUrl: 'https://legislature.maine.gov/statutes/21-A/title21-Asec905.html',
			// What the state found: 69,735 of 80,154.
			validityPercent: 87.0,
			samplingRule: 'none',
			reviewDays: 30,
			reviewDayCount: 'business',
			filedOn: '2022-10-31',
			filedCount: 80154,
			paper: { circulator: 'Our Power (all circulators)', town: 'Statewide (422 towns)', collectedOn: '2022-10-31', count: 80154 },
		},
	},
	{
		slug: 'power-san-diego',
		name: 'Power San Diego',
		kind: 'ballot_initiative',
		goal: 'Put a charter amendment for a public power utility before San Diego’s voters.',
		description:
			'San Diego studied a city utility with its 2021 franchise renewal. The Power San Diego campaign filed about 31,000 signatures; the county projected 24,167 valid against 24,006 required to reach the council, which declined to put the measure on the ballot, 8-0, in June 2024. California local measures are checked by a random sample of 500 or 3%, whichever is more; a projection between 95% and 110% of the requirement means a full count (Elections Code § 9115).\n\nSource: Groundwork reference notes on public-ownership campaigns.',
		place: { city: { slug: 'us-ca-san-diego', name: 'San Diego', countyFips: '06073' } },
		target: 'council',
		targetName: 'San Diego City Council',
		status: 'lost',
		outcome: 'The council declined to place it on the ballot, 8-0, in June 2024.',
		outcomeSourceUrl: null,
		stages: [
			{ key: 'drafting', status: 'done' },
			{ key: 'circulation', status: 'done' },
			{ key: 'filing', status: 'done', notes: 'About 31,000 signatures filed.' },
			{ key: 'validity_check', status: 'done', notes: '24,167 projected valid against 24,006 required.' },
			{ key: 'certification', status: 'done' },
			{ key: 'legislative_referral', status: 'blocked', notes: 'June 2024: the council declined to put it on the ballot, 8-0.' },
			{ key: 'election', status: 'skipped' },
		],
		milestones: [],
		rule: {
			requiredCount: 24006,
			citation: 'Cal. Elections Code § 9115 (random sample; full count between 95% and 110%)',
			sourceUrl: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=ELEC&sectionNum=9115',
			validityPercent: 78.8,
			samplingRule: 'california_local',
			reviewDays: 30,
			reviewDayCount: 'calendar',
			filedOn: null,
			filedCount: null,
			paper: null,
		},
	},
	{
		slug: 'boulder-municipalization',
		name: 'Boulder light and power',
		kind: 'municipal_utility',
		goal: 'Replace Xcel Energy with a city-owned electric utility in Boulder, Colorado.',
		description:
			'Voters ended the Xcel franchise in 2010 and authorized municipalization in 2011 by about 1,000 votes; a $214M borrowing cap followed in 2013, and the utility tax was renewed in 2017, 15,549 to 14,518. The city spent over $25M through commission, FERC and condemnation proceedings, and in 2020 voters approved a 20-year franchise with Xcel with opt-out windows (53.3%, unofficial).\n\nSource: Groundwork reference notes on public-ownership campaigns.',
		place: { city: { slug: 'us-co-boulder', name: 'Boulder', countyFips: '08013' } },
		target: 'voters',
		targetName: 'Boulder voters and City Council',
		status: 'ended',
		outcome: 'In 2020 voters approved a 20-year franchise with Xcel, with opt-out windows (53.3%, unofficial).',
		outcomeSourceUrl: null,
		stages: [
			{ key: 'feasibility_study', status: 'done' },
			{
				key: 'authorization',
				status: 'done',
				notes: '2010: the Xcel franchise ended. 2011: funding authorized by about 1,000 votes; 2017: tax renewed 15,549 to 14,518.',
			},
			{ key: 'financing', status: 'done', notes: '2013: a $214M borrowing cap.' },
			{ key: 'valuation', status: 'done' },
			{
				key: 'franchise_and_condemnation',
				status: 'done',
				notes: 'Over $25M spent through commission, FERC and condemnation proceedings.',
			},
			{ key: 'regulatory_approvals', status: 'skipped' },
			{ key: 'launch', status: 'skipped', notes: '2020: a new 20-year franchise with Xcel instead.' },
		],
		milestones: [],
	},
	{
		slug: 'decorah-municipal-utility',
		name: 'Decorah municipal utility',
		kind: 'municipal_utility',
		goal: 'Form a municipal electric utility in Decorah, Iowa.',
		description:
			'Decorah’s referendum on a municipal utility lost in May 2018 by 3 votes after a recount (a recount petition needed signatures from 1% of voters, and a loss bars another vote for 4 years). It lost again in March 2025, with 53.6% against.\n\nSource: Groundwork reference notes on public-ownership campaigns.',
		place: { city: { slug: 'us-ia-decorah', name: 'Decorah', countyFips: '19191' } },
		target: 'voters',
		targetName: 'Decorah voters',
		status: 'lost',
		outcome: 'Lost by 3 votes after a recount in 2018, and again in March 2025 with 53.6% against.',
		outcomeSourceUrl: null,
		stages: [
			{ key: 'feasibility_study', status: 'done' },
			{ key: 'authorization', status: 'blocked', notes: 'May 2018: lost by 3 votes after a recount. March 2025: lost with 53.6% against.' },
		],
		milestones: [],
	},
	{
		slug: 'build-public-renewables',
		name: 'Build Public Renewables Act',
		kind: 'legislation',
		goal: 'Have the New York Power Authority build and own enough renewable power for the state’s climate law.',
		description:
			'The Build Public Renewables Act passed in May 2023: the New York Power Authority may build and own renewables. Its first strategic plan (January 2025) had about 3 GW; about 5,300 public comments asked for 15 GW; the final plan (December 2025) has about 5.5 GW.\n\nSource: Groundwork reference notes on public-ownership campaigns.',
		place: { state: 'NY' },
		target: 'authority',
		targetName: 'New York Power Authority',
		status: 'active',
		outcome: '',
		outcomeSourceUrl: null,
		stages: [
			{ key: 'bill_drafting', status: 'done' },
			{ key: 'sponsor', status: 'done' },
			{ key: 'committee', status: 'done' },
			{ key: 'floor_votes', status: 'done', notes: 'Passed in May 2023.' },
			{ key: 'signature', status: 'done' },
			{
				key: 'comment_periods',
				status: 'done',
				notes: 'First strategic plan (January 2025): about 3 GW; about 5,300 comments asked for 15 GW.',
			},
			{ key: 'implementation', status: 'in_progress', notes: 'Final plan (December 2025): about 5.5 GW.' },
		],
		milestones: [],
	},
]

function stageTitle(key: string) {
	const messageKey = `campaign.template.${key}`
	return messageKey in en ? String(Reflect.get(en, messageKey)) : key
}

const TEMPLATE_KEYS: readonly string[] = [...UTILITY_STAGES, ...BALLOT_STAGES, ...LEGISLATION_STAGES]

export async function seedCampaigns(client: ClientBase) {
	let campaigns = 0
	for (const seed of campaignSeeds) {
		let jurisdictionId: number | undefined
		if ('state' in seed.place) {
			const { rows } = await client.query<{ id: number }>(
				`select id from public.jurisdictions where kind = 'state' and abbreviation = $1`,
				[seed.place.state],
			)
			jurisdictionId = rows[0]?.id
		} else {
			const { city } = seed.place
			await client.query(
				`insert into public.jurisdictions (kind, name, parent_id, country_code, slug)
				select 'city', $1, county.id, 'US', $2 from public.jurisdictions county where county.fips_code = $3
				on conflict (slug) do nothing`,
				[city.name, city.slug, city.countyFips],
			)
			const { rows } = await client.query<{ id: number }>(`select id from public.jurisdictions where slug = $1`, [city.slug])
			jurisdictionId = rows[0]?.id
		}
		if (!jurisdictionId) throw new Error(`No place for the ${seed.name} campaign`)
		const inserted = await client.query<{ id: string }>(
			`insert into public.campaigns (slug, name, kind, goal, description, jurisdiction_id, target, target_name, status, outcome, outcome_source_url)
			values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			on conflict (slug) do nothing returning id`,
			[
				seed.slug,
				seed.name,
				seed.kind,
				seed.goal,
				seed.description,
				jurisdictionId,
				seed.target,
				seed.targetName,
				seed.status,
				seed.outcome,
				seed.outcomeSourceUrl,
			],
		)
		const campaignId = inserted.rows[0]?.id
		if (!campaignId) continue
		campaigns++
		for (const [position, stage] of seed.stages.entries()) {
			if (!TEMPLATE_KEYS.includes(stage.key)) throw new Error(`Unknown stage ${stage.key}`)
			await client.query(
				`insert into public.campaign_stages (campaign_id, position, template_key, title, status, starts_on, ends_on, notes)
				values ($1, $2, $3, $4, $5, $6, $7, $8)`,
				[
					campaignId,
					position,
					stage.key,
					stageTitle(stage.key),
					stage.status,
					stage.startsOn ?? null,
					stage.endsOn ?? null,
					stage.notes ?? '',
				],
			)
		}
		for (const milestone of seed.milestones) {
			await client.query(`insert into public.campaign_milestones (campaign_id, title, due_on, done_on) values ($1, $2, $3, $4)`, [
				campaignId,
				milestone.title,
				milestone.dueOn,
				milestone.doneOn,
			])
		}
		if (seed.rule) {
			const rule = seed.rule
			await client.query(
				`insert into public.campaign_ballot_rules (campaign_id, rule_kind, required_count, rule_citation, rule_source_url, validity_percent,
					safety_margin_percent, sampling_rule, review_days, review_day_count, filed_on, filed_count)
				values ($1, 'fixed', $2, $3, $4, $5, 0, $6, $7, $8, $9, $10)`,
				[
					campaignId,
					rule.requiredCount,
					rule.citation,
					rule.sourceUrl,
					rule.validityPercent,
					rule.samplingRule,
					rule.reviewDays,
					rule.reviewDayCount,
					rule.filedOn,
					rule.filedCount,
				],
			)
			if (rule.paper) {
				await client.query(
					`insert into public.campaign_paper_batches (campaign_id, circulator, collected_on, town, signature_count)
					values ($1, $2, $3, $4, $5)`,
					[campaignId, rule.paper.circulator, rule.paper.collectedOn, rule.paper.town, rule.paper.count],
				)
			}
		}
	}
	return { campaigns }
}
