import type { ProjectStatus } from '#app/db/types'

// What both the pages and the server know about projects: the statuses,
// issues and size bands the registry filters by.

/** Where a clock has no body to say its zone. */
export const DEFAULT_ZONE = 'America/New_York'

export const PROJECT_STATUSES = [
	'rumored',
	'proposed',
	'under_review',
	'approved',
	'denied',
	'withdrawn',
	'under_construction',
	'operating',
] as const satisfies readonly ProjectStatus[]

export const PROJECT_ISSUES = [
	'zoning',
	'water',
	'grid_energy',
	'ratepayer',
	'noise',
	'air_quality',
	'environmental',
	'transparency',
	'tax_incentive',
	'farmland',
	'property_values',
	'traffic',
	'community_impact',
	'design_standards',
	'contract_guarantees',
	'anti_ai',
] as const

export type ProjectIssue = (typeof PROJECT_ISSUES)[number]

/** Size bands for the list's filter, in megawatts. */
export const SIZE_BANDS = { small: [0, 100], large: [100, 500], huge: [500, null] } as const satisfies Record<
	string,
	readonly [number, number | null]
>
export type SizeBand = keyof typeof SIZE_BANDS
