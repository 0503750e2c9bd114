import { projectValid } from './ballot'

// A distribution rule computed district by district: Colorado's constitutional
// amendments need valid signatures from at least 2% of the registered electors
// of each of the 35 state senate districts (Colo. Const. art. V, § 1(2.5)).
// The organizer types one district a line: its name, its registered electors
// and the signatures gathered there. Whole-number arithmetic, as the rest of
// the calculator (docs/decisions/059, 074).

export const COLORADO_DISTRIBUTION = {
	percent: 2,
	districts: 35,
	citation: 'Colo. Const. art. V, § 1(2.5)',
	url: null,
} as const

export type DistrictLine = { district: string; registeredElectors: number; signatures: number }
export type DistrictLineProblem = { line: number; text: string; problem: 'unreadable' | 'repeated' | 'out_of_range' }
export type ParsedDistricts = { districts: DistrictLine[]; problems: DistrictLineProblem[] }

export const MAX_DISTRICTS = 200
const MAX_FIGURE = 100_000_000

function clean(value: string) {
	return value.replace(/\s+/g, ' ').trim()
}

/** "12,345" or "12345" or "12 345" as a whole number; anything else is null. */
function wholeNumber(text: string) {
	const digits = text.replace(/[\s,]/g, '')
	return /^\d+$/.test(digits) ? Number(digits) : null
}

/**
 * One district a line: name, registered electors, signatures, separated by
 * tabs (a spreadsheet's columns) or semicolons. Blank lines are skipped.
 */
export function parseDistricts(text: string): ParsedDistricts {
	const districts: DistrictLine[] = []
	const problems: DistrictLineProblem[] = []
	const seen = new Set<string>()
	let line = 0
	for (const raw of text.split(/\r?\n/)) {
		if (!raw.trim()) continue
		line++
		const parts = (raw.includes('\t') ? raw.split('\t') : raw.split(';')).map(clean)
		const [district = '', electorsText = '', signaturesText = ''] = parts
		const registeredElectors = wholeNumber(electorsText)
		const signatures = wholeNumber(signaturesText)
		const text = clean(raw)
		if (
			parts.length !== 3 ||
			district.length < 1 ||
			district.length > 80 ||
			/^[=+@\t\r-]/.test(district) ||
			registeredElectors === null ||
			signatures === null
		) {
			problems.push({ line, text, problem: 'unreadable' })
			continue
		}
		if (registeredElectors < 1 || registeredElectors > MAX_FIGURE || signatures > MAX_FIGURE) {
			problems.push({ line, text, problem: 'out_of_range' })
			continue
		}
		const key = district.toLowerCase()
		if (seen.has(key)) {
			problems.push({ line, text, problem: 'repeated' })
			continue
		}
		seen.add(key)
		districts.push({ district, registeredElectors, signatures })
	}
	return { districts, problems }
}

/** The lines as the form shows them again. */
export function formatDistricts(districts: DistrictLine[]) {
	return districts.map((d) => `${d.district}; ${d.registeredElectors}; ${d.signatures}`).join('\n')
}

export type DistrictFigures = DistrictLine & {
	/** Valid signatures the district needs: the share of its electors, rounded up ("at least 2%"). */
	required: number
	projectedValid: number
	/** Valid signatures still missing there (0 when it meets the rule). */
	gap: number
	meets: boolean
}

export type DistributionFigures = {
	percent: number
	districts: DistrictFigures[]
	short: DistrictFigures[]
	/** Districts the rule names that have no figures yet (Colorado: 35). */
	missing: number | null
	meets: boolean
}

/** Each district's requirement, projection at the campaign's validity rate, and gap. */
export function calculateDistribution(
	lines: DistrictLine[],
	percent: number,
	validityPercent: number,
	expectedDistricts: number | null = null,
): DistributionFigures {
	const milli = Math.round(percent * 1000)
	const districts = lines.map((line) => {
		const required = Math.ceil((line.registeredElectors * milli) / 100000)
		const projectedValid = projectValid(line.signatures, validityPercent)
		const gap = Math.max(0, required - projectedValid)
		return { ...line, required, projectedValid, gap, meets: gap === 0 }
	})
	const short = districts.filter((d) => !d.meets)
	const missing = expectedDistricts === null ? null : Math.max(0, expectedDistricts - districts.length)
	return { percent, districts, short, missing, meets: short.length === 0 && (missing ?? 0) === 0 && districts.length > 0 }
}
