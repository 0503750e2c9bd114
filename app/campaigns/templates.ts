import type { CampaignKind } from '#app/db/types'

// The stages a campaign of each kind goes through, as a starting list the
// organizers edit (rename, date, skip, add their own). Utility formation
// follows the American Public Power Association's path to a municipal
// utility; the ballot stages follow how an initiative qualifies; legislation
// follows a bill to its implementation (shared/reference/domain.md).

export const UTILITY_STAGES = [
	'feasibility_study',
	'valuation',
	'authorization',
	'financing',
	'franchise_and_condemnation',
	'regulatory_approvals',
	'power_supply',
	'launch',
] as const

export const BALLOT_STAGES = [
	'drafting',
	'form_approval',
	'circulation',
	'filing',
	'validity_check',
	'certification',
	'legislative_referral',
	'title_challenges',
	'election',
] as const

export const LEGISLATION_STAGES = [
	'bill_drafting',
	'sponsor',
	'committee',
	'floor_votes',
	'signature',
	'implementation',
	'comment_periods',
] as const

export type StageKey = (typeof UTILITY_STAGES)[number] | (typeof BALLOT_STAGES)[number] | (typeof LEGISLATION_STAGES)[number]

/** The template for a kind: a community benefit agreement has none, its stages are the coalition's own. */
export function stageTemplate(kind: CampaignKind): readonly StageKey[] {
	switch (kind) {
		case 'municipal_utility':
		case 'cooperative_utility':
		case 'public_power_authority':
		case 'public_ownership':
			return UTILITY_STAGES
		case 'ballot_initiative':
			return BALLOT_STAGES
		case 'legislation':
			return LEGISLATION_STAGES
		case 'community_benefit_agreement':
			return []
	}
}

export const CAMPAIGN_KINDS = [
	'municipal_utility',
	'cooperative_utility',
	'public_power_authority',
	'public_ownership',
	'community_benefit_agreement',
	'ballot_initiative',
	'legislation',
] as const satisfies readonly CampaignKind[]

export const CAMPAIGN_TARGETS = ['voters', 'council', 'legislature', 'utility', 'authority', 'agency', 'company', 'other'] as const
export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'won', 'lost', 'ended'] as const
export const STAGE_STATUSES = ['not_started', 'in_progress', 'done', 'blocked', 'skipped'] as const
