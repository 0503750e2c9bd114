// The grounds checklist and the relief a chapter can ask for. Guidance and
// worked examples are in the message catalog (app/i18n/en/objections.ts),
// under objection.ground.<kind>.guidance / .example.

export const GROUND_KINDS = [
	'noise',
	'water',
	'generators_air',
	'electricity_rates',
	'tax_abatements',
	'land_use',
	'farmland',
	'property_values',
	'environmental_review',
	'traffic',
	'secrecy',
	'custom',
] as const
export type GroundKind = (typeof GROUND_KINDS)[number]

export const RELIEF_KINDS = ['deny', 'defer', 'conditions', 'moratorium', 'special_use_permit', 'environmental_review'] as const
export type ReliefKind = (typeof RELIEF_KINDS)[number]

export const FILING_METHODS = ['email', 'hand', 'mail', 'portal'] as const
export type FilingMethod = (typeof FILING_METHODS)[number]
/** A filing made by the chapter itself and recorded here. */
export const MANUAL_FILING_METHODS = ['hand', 'mail', 'portal'] as const

/** Project figures a ground can cite, with the source the project record gives for each. */
export const CITABLE_FIGURES = [
	'megawatts',
	'acres',
	'building_sq_ft',
	'water_gallons_per_day',
	'generator_count',
	'abatement_usd',
	'investment_usd',
	'jobs_promised',
] as const
export type CitableFigure = (typeof CITABLE_FIGURES)[number]

/** The figures each ground usually rests on, offered first. */
export const FIGURES_FOR_GROUND: Partial<Record<GroundKind, CitableFigure[]>> = {
	noise: ['megawatts', 'generator_count'],
	water: ['water_gallons_per_day'],
	generators_air: ['generator_count', 'megawatts'],
	electricity_rates: ['megawatts'],
	tax_abatements: ['abatement_usd', 'investment_usd', 'jobs_promised'],
	land_use: ['acres', 'building_sq_ft'],
	farmland: ['acres'],
	traffic: ['acres', 'jobs_promised'],
}

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
export const EVIDENCE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const
