import { readFileSync } from 'node:fs'
import { z } from 'zod'

// The Data Center Opposition Tracker's facts (seeds/data/datacenter-fights, CC BY 4.0) turned into
// seedable projects: records of the same project grouped, each record kept as one timeline entry
// and one proceeding, figures taken only from records and marked unverified where they are weak.
// Pure: no database here; the seed loader inserts what groupFights returns.
// The rules and the counts they give on the real file: docs/decisions/047.

export type ProjectStatus =
	'rumored' | 'proposed' | 'under_review' | 'approved' | 'denied' | 'withdrawn' | 'under_construction' | 'operating'
export type ProceedingKind =
	| 'rezoning'
	| 'special_use_permit'
	| 'site_plan'
	| 'tax_abatement'
	| 'water_permit'
	| 'air_permit'
	| 'utility_case'
	| 'moratorium'
	| 'annexation'
	| 'ordinance'
	| 'legislation'
	| 'appeal'
	| 'lawsuit'
	| 'other'
export type BodyKind =
	| 'planning_commission'
	| 'county_board'
	| 'city_council'
	| 'township_board'
	| 'village_board'
	| 'utility_commission'
	| 'state_agency'
	| 'state_legislature'
	| 'governor'
	| 'court'
	| 'federal_agency'
	| 'voters'
	| 'other'
export type Figure = { value: number; sourceUrls: string[]; unverified: boolean; recordId: string }
export type FigureName = 'megawatts' | 'acres' | 'buildingSqFt' | 'waterGallonsPerDay' | 'investmentUsd' | 'jobsPromised'
export type SeedRecord = {
	id: string
	date: string | null
	scope: string
	actionTypes: string[]
	status: string | null
	outcome: string | null
	authorityLevel: string | null
	sourceUrls: string[]
	flags: string[]
	petitionSignatures: number | null
	proceedingKind: ProceedingKind
	bodyKind: BodyKind
	timelineTitle: string
}
export type SeedProject = {
	/** Stable, unique, ^[a-z0-9]+(-[a-z0-9]+)*$, at most 80 characters. */
	slug: string
	/** The project name; for groups without one, the jurisdiction's name. */
	name: string
	/** 'site' is a named or company project. */
	scope: 'site' | 'jurisdiction' | 'statewide' | 'federal'
	/** The other project_name spellings in the group. */
	aliases: string[]
	developer: string | null
	endUser: string | null
	state: string
	county: string | null
	jurisdiction: string
	latitude: number | null
	longitude: number | null
	status: ProjectStatus
	statusUnverified: boolean
	issues: string[]
	figures: Partial<Record<FigureName, Figure>>
	sources: string[]
	oppositionGroups: string[]
	records: SeedRecord[]
}

const nullableNumber = z.number().finite().nullable()
const fightRecordSchema = z.object({
	id: z.string().min(1),
	jurisdiction: z.string().min(1),
	state: z.string().length(2),
	county: z.string().nullable(),
	lat: nullableNumber,
	lng: nullableNumber,
	scope: z.enum(['local', 'statewide', 'federal']),
	action_type: z.array(z.string()),
	date: z.string().nullable(),
	status: z.string().nullable(),
	community_outcome: z.string().nullable(),
	authority_level: z.string().nullable(),
	issue_category: z.array(z.string()),
	company: z.string().nullable(),
	hyperscaler: z.string().nullable(),
	project_name: z.string().nullable(),
	investment_million_usd: nullableNumber,
	megawatts: nullableNumber,
	acreage: nullableNumber,
	building_sq_ft: nullableNumber,
	water_usage_gallons_per_day: nullableNumber,
	jobs_promised: nullableNumber,
	opposition_groups: z.array(z.string()).nullable(),
	petition_signatures: nullableNumber,
	last_updated: z.string().nullable(),
	source_urls: z.array(z.string()),
	flags: z.array(z.string()),
})
export type FightRecord = z.infer<typeof fightRecordSchema>

export const defaultFightsPath = new URL('../data/datacenter-fights/fights-facts.json', import.meta.url)

/** The tracker's records, checked field by field; a malformed file throws naming the record. */
export function readFights(path: string | URL = defaultFightsPath): FightRecord[] {
	const json: unknown = JSON.parse(readFileSync(path, 'utf8'))
	const parsed = z.array(fightRecordSchema).safeParse(json)
	if (!parsed.success) {
		const issue = parsed.error.issues[0]
		throw new Error(`${String(path)}: record ${issue?.path.join('.')}: ${issue?.message}`)
	}
	return parsed.data
}

// ---------------------------------------------------------------------------------------------
// Names

function fold(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
}

function withoutParentheses(text: string): string {
	return text.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ')
}

function words(text: string): string {
	return fold(text)
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim()
}

/** A project name reduced to what tells projects apart: "Project Blue Data Center" → "blue". */
export function projectKey(name: string): string {
	// A subtitle after " - ", " — " or ": " describes the project, as a parenthesis does.
	const main = withoutParentheses(name).split(/\s[-–—]\s|:\s/)[0] ?? ''
	const full = words(main)
	const trimmed = full
		.replace(/^project\s+/, '')
		.replace(/\s+(ai\s+)?data\s*cent(er|re)s?(\s+campus)?$/, '')
		.trim()
	return trimmed || full || words(name)
}

/** A combined name ("Colossus 1 / Colossus 2") as the keys of its parts; one key when it is not combined. */
function partKeys(name: string): string[] {
	const parts = withoutParentheses(name)
		.split(/\s+\/\s+|;\s*|\s\+\s/)
		.map((part) => part.trim())
		.filter((part) => part.length > 0)
	return parts.length > 1 ? parts.map(projectKey) : []
}

/** A record that only mentions a project ("Stargate / The Barn (referenced)") joins its timeline, but its figures are about something else. */
function onlyReferences(name: string): boolean {
	return /\(\s*referenced\b/i.test(name)
}

// Spellings of one project the rules above cannot see, found by reading the records (same
// developer, same site). Keys are projectKey values within a state.
const sameProject: Record<string, Record<string, string>> = {
	// "PW Digital Gateway" and "Digital Gateway": Prince William County, QTS and Compass.
	VA: { 'pw digital gateway': 'digital gateway' },
	// "Stargate" in Port Washington is Vantage's Lighthouse campus.
	WI: { stargate: 'lighthouse' },
}

function canonicalKey(state: string, key: string): string {
	return sameProject[state]?.[key] ?? key
}

/** The lead company, for matching: "Related Digital; Oracle; OpenAI" and "Related Digital / Oracle" are both "related digital". */
function companyKey(company: string | null): string | null {
	if (!company) return null
	const lead = withoutParentheses(company).split(/\s*[/;,+]\s*|\s+and\s+/)[0] ?? ''
	const key = words(lead)
		.replace(/\s+(llc|inc|ltd|lp|corp)$/, '')
		.trim()
	if (!key || /^(undisclosed|unknown|unnamed|none|n a)\b/.test(key)) return null
	return key
}

/** A jurisdiction for matching: its note in parentheses or after a dash dropped. */
function placeKey(jurisdiction: string): string {
	const main = withoutParentheses(jurisdiction).split(/\s[-–—]\s|:\s/)[0] ?? ''
	return words(main) || words(jurisdiction)
}

/** A jurisdiction as a name: without its note in parentheses or after a dash, or a trailing ", KS". */
function placeName(jurisdiction: string, state?: string): string {
	const name = (withoutParentheses(jurisdiction).split(/\s[-–—]\s/)[0] ?? '')
		.replace(/\s+([,;.])/g, '$1')
		.replace(state ? new RegExp(`,\\s*${state}$`, 'i') : /$^/, '')
		.replace(/[\s,;]+$/, '')
		.trim()
	return name || jurisdiction.trim()
}

/** Where a site is: the place a body's name starts with ("Saline Township Board" → "Saline Township"). */
function homeName(jurisdiction: string, state: string): string {
	const name = placeName(jurisdiction, state)
	const place = /^(village|city|town) of /i.test(name)
		? name.replace(/\s+(village|city|town) (board|council)$/i, '')
		: name.replace(
				/\s+(board of (county )?(supervisors|commissioners)|common council|plan(ning)? (commission|board)|council|board|commission|police jury|commissioners court)$/i,
				'',
			)
	return place.trim() || name
}

// ---------------------------------------------------------------------------------------------
// Order

function compareRecords(a: FightRecord, b: FightRecord): number {
	return (
		(a.date ?? '').localeCompare(b.date ?? '') || (a.last_updated ?? '').localeCompare(b.last_updated ?? '') || a.id.localeCompare(b.id)
	)
}

/** The most frequent value, ties going to the latest record (records are in chronological order). */
function mostCommon<T>(records: FightRecord[], pick: (record: FightRecord) => T | null | undefined): T | null {
	const counts = new Map<T, { count: number; last: number }>()
	records.forEach((record, index) => {
		const value = pick(record)
		if (value === null || value === undefined || value === '') return
		const seen = counts.get(value)
		counts.set(value, { count: (seen?.count ?? 0) + 1, last: index })
	})
	let best: T | null = null
	let bestSeen = { count: 0, last: -1 }
	for (const [value, seen] of counts) {
		if (seen.count > bestSeen.count || (seen.count === bestSeen.count && seen.last > bestSeen.last)) {
			best = value
			bestSeen = seen
		}
	}
	return best
}

function union(lists: Array<readonly string[] | null>): string[] {
	const seen = new Set<string>()
	for (const list of lists) for (const item of list ?? []) if (item.trim()) seen.add(item)
	return [...seen]
}

// ---------------------------------------------------------------------------------------------
// Status

const weakFigureFlags = new Set(['figure_unverified', 'source_conflict', 'attribution_uncertain'])
// Actions that decide on the project itself, so "approved" or "passed" approves it. A passed
// moratorium, bill or ordinance restricts data centers; it does not approve this one. A lawsuit
// is read separately: its "defeated" or "approved" is about the suit, so the reading is a guess.
const approvalActions = new Set([
	'zoning_restriction',
	'public_comment',
	'regulatory_action',
	'utility_regulation',
	'other_opposition',
	'infrastructure_opposition',
	'community_benefit_agreement',
	'permit_denial',
])
const pendingStatuses =
	/^(active|pending|hearing|filed|delayed|proposed|ongoing|announced|introduced|drafted|first reading|second reading|postponed|tabled|paused|recommended|exploratory|organizing|protest|litigation|held)\b/

function statusText(record: FightRecord): string {
	return words(record.status ?? '')
}

type StatusReading = { status: ProjectStatus; guess: boolean }

/** What one record says about the project's status, or null when it says nothing (docs/decisions/047, the table). */
export function statusFromRecord(record: FightRecord): StatusReading | null {
	const status = statusText(record)
	const outcome = record.community_outcome
	const actions = record.action_type
	const onApproval = actions.some((action) => approvalActions.has(action))
	if (actions.includes('project_withdrawal')) {
		return { status: 'withdrawn', guess: !/^(cancelled|withdrawn|dead|defeated|relocated)$/.test(status) }
	}
	if (/^(withdrawn|cancelled)$/.test(status) && outcome !== 'loss') {
		return { status: 'withdrawn', guess: !onApproval }
	}
	if (actions.includes('permit_denial')) {
		return { status: 'denied', guess: !/^(denied|defeated|failed)$/.test(status) }
	}
	if (/^(denied|defeated|failed)$/.test(status) && outcome === 'win' && onApproval) {
		return { status: 'denied', guess: false }
	}
	if (onApproval && (/\bapproved\b|permit granted/.test(status) || (status === 'passed' && outcome === 'loss'))) {
		return { status: 'approved', guess: outcome !== 'loss' }
	}
	const inCourt = actions.includes('lawsuit')
	if (inCourt && /^(denied|defeated|failed)$/.test(status) && outcome === 'win') return { status: 'denied', guess: true }
	if (inCourt && /\bapproved\b/.test(status) && outcome === 'loss') return { status: 'approved', guess: true }
	if ((onApproval || inCourt) && pendingStatuses.test(status)) return { status: 'under_review', guess: false }
	return null
}

/**
 * The latest decision (withdrawn, denied, approved) wins over any later pending step, since a suit
 * or a comment period after an approval does not reopen it; with no decision, under review when a
 * step is pending, else proposed as a guess. Records that only reference the project are skipped.
 */
function projectStatus(records: FightRecord[]): { status: ProjectStatus; statusUnverified: boolean } {
	const readings = [...records]
		.reverse()
		.filter((record) => !onlyReferences(record.project_name ?? ''))
		.map((record) => ({ record, reading: statusFromRecord(record) }))
	const found = readings.find(({ reading }) => reading && reading.status !== 'under_review') ?? readings.find(({ reading }) => reading)
	if (!found?.reading) return { status: 'proposed', statusUnverified: true }
	return { status: found.reading.status, statusUnverified: found.reading.guess || found.record.flags.includes('status_uncertain') }
}

// ---------------------------------------------------------------------------------------------
// Proceedings and timeline

function hasProject(record: FightRecord): boolean {
	return Boolean(record.project_name) || companyKey(record.company) !== null
}

const actionPriority = [
	'permit_denial',
	'moratorium',
	'zoning_restriction',
	'lawsuit',
	'utility_regulation',
	'legislation',
	'ordinance',
	'regulatory_action',
	'infrastructure_opposition',
	'community_benefit_agreement',
	'project_withdrawal',
	'executive_order',
	'executive_action',
	'study_or_report',
	'public_comment',
	'other_opposition',
]

function mainAction(record: FightRecord): string | null {
	for (const action of actionPriority) if (record.action_type.includes(action)) return action
	return record.action_type[0] ?? null
}

function permitKind(record: FightRecord): ProceedingKind | null {
	const issues = record.issue_category
	if (issues.includes('air_quality') && !issues.includes('water')) return 'air_permit'
	if (issues.includes('water') && !issues.includes('air_quality')) return 'water_permit'
	return null
}

/** Which kind of proceeding a record is, from its action type (docs/decisions/047, the table). */
export function proceedingKindOf(record: FightRecord): ProceedingKind {
	const utility = record.authority_level === 'utility_commission'
	switch (mainAction(record)) {
		case 'moratorium':
			return 'moratorium'
		case 'zoning_restriction':
			return hasProject(record) ? 'rezoning' : 'ordinance'
		case 'ordinance':
			return 'ordinance'
		case 'lawsuit':
			return 'lawsuit'
		case 'utility_regulation':
			return 'utility_case'
		case 'legislation':
			return 'legislation'
		case 'permit_denial':
			return record.issue_category.includes('zoning') ? 'special_use_permit' : (permitKind(record) ?? 'other')
		case 'regulatory_action':
		case 'infrastructure_opposition':
			if (utility) return 'utility_case'
			if (record.issue_category.includes('zoning')) return 'other'
			return permitKind(record) ?? (record.issue_category.includes('tax_incentive') ? 'tax_abatement' : 'other')
		default:
			return utility ? 'utility_case' : 'other'
	}
}

const bodyKinds: Record<string, BodyKind> = {
	planning_commission: 'planning_commission',
	county_commission: 'county_board',
	city_council: 'city_council',
	township_board: 'township_board',
	village_board: 'village_board',
	utility_commission: 'utility_commission',
	state_legislature: 'state_legislature',
	governor: 'governor',
	court: 'court',
	federal_agency: 'federal_agency',
	federal_executive: 'federal_agency',
	voters: 'voters',
}

/** The deciding body's kind, from authority_level; Congress, developers, advocacy groups, tribes and blanks are 'other'. */
export function bodyKindOf(record: FightRecord): BodyKind {
	return (record.authority_level && bodyKinds[record.authority_level]) || 'other'
}

const bodyLabels: Record<string, string> = {
	planning_commission: 'Planning commission',
	county_commission: 'County board',
	city_council: 'City council',
	township_board: 'Township board',
	village_board: 'Village board',
	utility_commission: 'Utility commission',
	state_legislature: 'State legislature',
	governor: 'Governor',
	court: 'Court',
	federal_agency: 'Federal agency',
	federal_executive: 'Federal government',
	federal_legislature: 'Congress',
	voters: 'Voters',
	developer: 'Developer',
	advocacy_org: 'Advocacy group',
	tribal_government: 'Tribal government',
}
const actionLabels: Record<string, string> = {
	moratorium: 'moratorium',
	zoning_restriction: 'zoning restriction',
	public_comment: 'public comment',
	legislation: 'bill',
	lawsuit: 'lawsuit',
	other_opposition: 'opposition',
	regulatory_action: 'regulatory action',
	ordinance: 'ordinance',
	utility_regulation: 'utility regulation',
	study_or_report: 'study or report',
	project_withdrawal: 'project withdrawal',
	infrastructure_opposition: 'opposition to infrastructure',
	executive_action: 'executive action',
	executive_order: 'executive order',
	permit_denial: 'permit',
	community_benefit_agreement: 'community benefit agreement',
}
// Statuses that read as a verb after the action ("moratorium passed"); others go in parentheses.
const verbStatuses =
	/^(passed|approved|defeated|denied|cancelled|expired|filed|signed|withdrawn|failed|tabled|delayed|died|enacted|adopted|held|published|proposed|recommended|introduced|drafted|decided|resolved|superseded|announced|paused|relocated|enforced|changed)$/
const namesABody =
	/\b(board|council|commission|commissioners|court|legislature|assembly|senate|house|congress|department|agency|governor|jury|trustees|supervisors|authority|administration|district|dnr|egle|deq|psc|puc|scc|ferc|epa|doe)\b/i

function joinWords(items: string[]): string {
	if (items.length <= 1) return items[0] ?? ''
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/** A short line for the timeline, built only from the record's fields: "County board, Loudoun County: moratorium passed". */
export function timelineTitleOf(record: FightRecord): string {
	const place = placeName(record.jurisdiction, record.state)
	const label = record.authority_level ? bodyLabels[record.authority_level] : undefined
	const subject = namesABody.test(place) || !label ? place : `${label}, ${place}`
	const actions = joinWords(
		record.action_type.map((action) =>
			action === 'zoning_restriction' && hasProject(record) ? 'rezoning' : (actionLabels[action] ?? words(action)),
		),
	)
	const status = (record.status ?? '').trim().replace(/[_]+/g, ' ')
	const lower = status.toLowerCase()
	let what = actions || 'action'
	if (status)
		what = verbStatuses.test(lower) && !record.action_type.includes('project_withdrawal') ? `${what} ${lower}` : `${what} (${status})`
	return `${subject}: ${what}`
}

function seedRecord(record: FightRecord): SeedRecord {
	return {
		id: record.id,
		date: record.date,
		scope: record.scope,
		actionTypes: record.action_type,
		status: record.status,
		outcome: record.community_outcome,
		authorityLevel: record.authority_level,
		sourceUrls: union([record.source_urls]),
		flags: record.flags,
		petitionSignatures: record.petition_signatures,
		proceedingKind: proceedingKindOf(record),
		bodyKind: bodyKindOf(record),
		timelineTitle: timelineTitleOf(record),
	}
}

// ---------------------------------------------------------------------------------------------
// Figures

const figureFields: Array<[FigureName, (record: FightRecord) => number | null]> = [
	['megawatts', (record) => record.megawatts],
	['acres', (record) => record.acreage],
	['buildingSqFt', (record) => record.building_sq_ft],
	['waterGallonsPerDay', (record) => record.water_usage_gallons_per_day],
	['investmentUsd', (record) => (record.investment_million_usd === null ? null : Math.round(record.investment_million_usd * 1e6))],
	['jobsPromised', (record) => record.jobs_promised],
]

/** Each figure from the records that give it: the latest value, every giving record's sources, unverified on disagreement or a weak flag. */
export function projectFigures(records: FightRecord[]): Partial<Record<FigureName, Figure>> {
	const figures: Partial<Record<FigureName, Figure>> = {}
	const counted = records.filter((record) => !onlyReferences(record.project_name ?? '') && record.source_urls.length > 0)
	for (const [name, read] of figureFields) {
		const giving = counted.filter((record) => read(record) !== null)
		const latest = giving.at(-1)
		if (!latest) continue
		const value = read(latest)
		if (value === null) continue
		const disagree = giving.some((record) => read(record) !== value)
		const weak = giving.some((record) => record.flags.some((flag) => weakFigureFlags.has(flag)))
		figures[name] = {
			value,
			sourceUrls: union(giving.map((record) => record.source_urls)),
			unverified: disagree || weak,
			recordId: latest.id,
		}
	}
	return figures
}

// ---------------------------------------------------------------------------------------------
// Grouping

type Group = { key: string; kind: 'named' | 'company' | 'place'; state: string; records: FightRecord[] }

function groupRecords(records: FightRecord[]): Group[] {
	const groups = new Map<string, Group>()
	function add(key: string, kind: Group['kind'], record: FightRecord) {
		const group = groups.get(key) ?? { key, kind, state: record.state, records: [] }
		group.records.push(record)
		groups.set(key, group)
	}
	const sorted = [...records].sort(compareRecords)
	const named = sorted.filter((record) => record.project_name?.trim())
	const unnamed = sorted.filter((record) => !record.project_name?.trim())

	// 1. Plain names first, so a combined name can find the groups its parts name.
	const combined: FightRecord[] = []
	for (const record of named) {
		const name = record.project_name ?? ''
		if (partKeys(name).length > 0) combined.push(record)
		else add(`name:${record.state}:${canonicalKey(record.state, projectKey(name))}`, 'named', record)
	}
	// 2. "A / B" joins the group of A when only A names a group in the state; otherwise it is its own.
	for (const record of combined) {
		const name = record.project_name ?? ''
		const found = new Set(
			partKeys(name)
				.map((key) => `name:${record.state}:${canonicalKey(record.state, key)}`)
				.filter((key) => groups.has(key)),
		)
		const [only] = found
		add(found.size === 1 && only ? only : `name:${record.state}:${canonicalKey(record.state, projectKey(name))}`, 'named', record)
	}
	// 3. No name but a company: the one named group with that company in that jurisdiction, else the company's own group there.
	const namedGroups = [...groups.values()]
	for (const record of unnamed) {
		const company = companyKey(record.company)
		const place = placeKey(record.jurisdiction)
		if (company) {
			const matches = namedGroups.filter(
				(group) =>
					group.state === record.state &&
					group.records.some((other) => companyKey(other.company) === company && placeKey(other.jurisdiction) === place),
			)
			const [match] = matches
			if (matches.length === 1 && match) {
				match.records.push(record)
				continue
			}
			if (matches.length === 0 && record.scope === 'local') {
				add(`company:${record.state}:${place}:${company}`, 'company', record)
				continue
			}
		}
		// 4. The rest: the place, at the record's scope.
		add(`place:${record.state}:${record.scope}:${place}`, 'place', record)
	}
	for (const group of groups.values()) group.records.sort(compareRecords)
	return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key))
}

const localBodies = new Set(['county_commission', 'city_council', 'township_board', 'village_board', 'planning_commission'])

function groupScope(group: Group): SeedProject['scope'] {
	const scopes = new Set(group.records.map((record) => record.scope))
	if (group.kind !== 'place' && group.state !== 'US') {
		const company = group.records.some((record) => companyKey(record.company) || record.hyperscaler?.trim())
		if (scopes.has('local') || company) return 'site'
	}
	if (group.state === 'US' || (!scopes.has('local') && !scopes.has('statewide'))) return 'federal'
	if (scopes.has('local')) return 'jurisdiction'
	return 'statewide'
}

function toProject(group: Group): Omit<SeedProject, 'slug'> {
	const records = group.records
	const local = records.filter((record) => record.scope === 'local')
	const governing = local.filter((record) => record.authority_level && localBodies.has(record.authority_level))
	const home = governing.length > 0 ? governing : local.length > 0 ? local : records
	// A site is where its bodies sit; a place group keeps the name its records give.
	const where = (record: FightRecord) =>
		group.kind === 'place' ? placeName(record.jurisdiction, record.state) : homeName(record.jurisdiction, record.state)
	const jurisdiction = mostCommon(home, where) ?? placeName(records[0]?.jurisdiction ?? '')
	const atHome = home.filter((record) => where(record) === jurisdiction)
	const point = [...atHome, ...records].reverse().find((record) => record.lat !== null && record.lng !== null)
	const names = records.map((record) => record.project_name?.trim()).filter((name): name is string => Boolean(name))
	const name = group.kind === 'named' ? (mostCommon(records, (record) => record.project_name?.trim()) ?? jurisdiction) : jurisdiction
	return {
		name,
		scope: groupScope(group),
		aliases: union([names]).filter((alias) => alias !== name),
		developer: mostCommon(records, (record) => record.company?.trim()),
		endUser: mostCommon(records, (record) => record.hyperscaler?.trim()),
		state: group.state,
		county:
			mostCommon(atHome.length > 0 ? atHome : records, (record) => record.county?.trim()) ??
			mostCommon(records, (record) => record.county?.trim()),
		jurisdiction,
		latitude: point?.lat ?? null,
		longitude: point?.lng ?? null,
		// A place, a state or the nation is not one project: its status is read the same way, and never sure.
		...(group.kind === 'place' ? { ...projectStatus(records), statusUnverified: true } : projectStatus(records)),
		issues: union(records.map((record) => record.issue_category)),
		figures: projectFigures(records),
		sources: union(records.map((record) => record.source_urls)),
		oppositionGroups: union(records.map((record) => record.opposition_groups)),
		records: records.map(seedRecord),
	}
}

const maxSlug = 80

/** ASCII, lower case, one hyphen between words, at most `max` characters, never ending in a hyphen. */
export function slugPart(text: string, max = maxSlug): string {
	return words(text).replace(/\s+/g, '-').slice(0, max).replace(/-+$/, '')
}

function withSuffix(base: string, suffix: string): string {
	const tail = slugPart(suffix, 30)
	return `${slugPart(base, maxSlug - tail.length - 1)}-${tail}`
}

/** Every group's slug: name and state, then the developer or scope, then a counter, in key order so reruns agree. */
function assignSlugs(projects: Array<Omit<SeedProject, 'slug'> & { key: string }>): SeedProject[] {
	const taken = new Set<string>()
	const wanted = new Map<string, number>()
	const bases = projects.map((project) => {
		const state = project.state.toLowerCase()
		const base = slugPart(placeName(project.name, project.state), maxSlug - state.length - 1) || 'project'
		return `${base}-${state}`
	})
	for (const base of bases) wanted.set(base, (wanted.get(base) ?? 0) + 1)
	return projects.map((project, index) => {
		const base = bases[index] ?? 'project'
		const candidates = [base]
		if ((wanted.get(base) ?? 0) > 1) {
			candidates.unshift(
				project.developer && project.scope === 'site' ? withSuffix(base, project.developer) : withSuffix(base, project.scope),
			)
		}
		let slug = candidates.find((candidate) => !taken.has(candidate)) ?? base
		for (let n = 2; taken.has(slug); n++) slug = withSuffix(base, String(n))
		taken.add(slug)
		const { key: _key, ...rest } = project
		return { slug, ...rest }
	})
}

/** The tracker's records as projects: each record in exactly one project, as one timeline entry and one proceeding. */
export function groupFights(records: FightRecord[]): SeedProject[] {
	return assignSlugs(groupRecords(records).map((group) => ({ key: group.key, ...toProject(group) })))
}
