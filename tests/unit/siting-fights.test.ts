import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import {
	bodyKindOf,
	groupFights,
	proceedingKindOf,
	readFights,
	timelineTitleOf,
	type FightRecord,
	type SeedProject,
} from '#seeds/siting/fights'

// docs/decisions/047: how the Data Center Opposition Tracker's records become projects.

let sequence = 0
function fight(overrides: Partial<FightRecord> = {}): FightRecord {
	sequence += 1
	return {
		id: `record-${String(sequence).padStart(4, '0')}`,
		jurisdiction: 'Pima County',
		state: 'AZ',
		county: 'Pima County',
		lat: 32.1,
		lng: -110.9,
		scope: 'local',
		action_type: ['public_comment'],
		date: '2025-06-01',
		status: 'active',
		community_outcome: 'pending',
		authority_level: 'county_commission',
		issue_category: ['water'],
		company: null,
		hyperscaler: null,
		project_name: null,
		investment_million_usd: null,
		megawatts: null,
		acreage: null,
		building_sq_ft: null,
		water_usage_gallons_per_day: null,
		jobs_promised: null,
		opposition_groups: [],
		petition_signatures: null,
		last_updated: '2026-01-01',
		source_urls: [`https://news.example/${sequence}`],
		flags: [],
		...overrides,
	}
}

function only(projects: SeedProject[], name: string): SeedProject {
	const found = projects.filter((project) => project.name === name)
	expect(found, name).toHaveLength(1)
	const [project] = found
	if (!project) throw new Error(`no project ${name}`)
	return project
}

function recordIds(project: SeedProject): string[] {
	return project.records.map((record) => record.id)
}

test('records of one project group under one name, whatever the case, punctuation, "Project" prefix or "data center" suffix', () => {
	const a = fight({ project_name: 'Project Blue', date: '2025-01-01' })
	const b = fight({ project_name: 'project blue data center', date: '2025-03-01' })
	const c = fight({ project_name: 'PROJECT BLUE!', date: '2025-02-01' })
	const d = fight({ project_name: 'Project Blue (Beale)', date: '2025-04-01' })
	const e = fight({ project_name: 'Project Blue', date: '2025-05-01' })
	const projects = groupFights([b, e, a, d, c])
	expect(projects).toHaveLength(1)
	const [blue] = projects
	// The most frequent spelling is the name; the others are aliases.
	expect(blue?.name).toBe('Project Blue')
	expect(blue?.scope).toBe('site')
	expect(blue?.slug).toBe('project-blue-az')
	// Chronological, one timeline entry per record.
	expect(blue && recordIds(blue)).toEqual([a.id, c.id, b.id, d.id, e.id])
	expect(blue?.aliases).toEqual(['PROJECT BLUE!', 'project blue data center', 'Project Blue (Beale)'])
})

test('the same name in another state is another project: nothing merges across states', () => {
	const arizona = fight({ project_name: 'Stargate', state: 'AZ' })
	const texas = fight({ project_name: 'Stargate', state: 'TX', jurisdiction: 'Milam County', county: 'Milam County' })
	const projects = groupFights([arizona, texas])
	expect(projects.map((project) => [project.slug, recordIds(project)])).toEqual([
		['stargate-az', [arizona.id]],
		['stargate-tx', [texas.id]],
	])
})

test('a combined name ("A / B") joins the group only one of its parts names; naming two projects, it stays on its own', () => {
	const one = fight({ project_name: 'Colossus 1', state: 'TN', jurisdiction: 'Memphis' })
	const two = fight({ project_name: 'Colossus 2', state: 'TN', jurisdiction: 'Memphis' })
	const both = fight({ project_name: 'Colossus 1 / Colossus 2', state: 'TN', jurisdiction: 'Memphis' })
	const barn = fight({ project_name: 'The Barn (Stargate)', state: 'MI', jurisdiction: 'Saline Township' })
	const combined = fight({ project_name: 'Stargate / The Barn', state: 'MI', jurisdiction: 'Saline Township' })
	const projects = groupFights([one, two, both, barn, combined])
	expect(recordIds(only(projects, 'Colossus 1'))).toEqual([one.id])
	expect(recordIds(only(projects, 'Colossus 2'))).toEqual([two.id])
	expect(recordIds(only(projects, 'Colossus 1 / Colossus 2'))).toEqual([both.id])
	const saline = projects.find((project) => project.state === 'MI')
	expect(saline && recordIds(saline)).toEqual([barn.id, combined.id])
})

test('a record with no project name but a company joins that company’s one project in the same jurisdiction', () => {
	const named = fight({ project_name: 'Project Blue', company: 'Beale Infrastructure', date: '2025-01-01' })
	const unnamed = fight({ company: 'Beale Infrastructure LLC', jurisdiction: 'Pima County (board vote)', date: '2025-02-01' })
	const elsewhere = fight({ company: 'Beale Infrastructure', jurisdiction: 'Marana', date: '2025-03-01' })
	const projects = groupFights([named, unnamed, elsewhere])
	expect(recordIds(only(projects, 'Project Blue'))).toEqual([named.id, unnamed.id])
	// In another jurisdiction the company's record is a company project named for its place.
	const marana = only(projects, 'Marana')
	expect(marana).toMatchObject({ scope: 'site', developer: 'Beale Infrastructure', jurisdiction: 'Marana', slug: 'marana-az' })
	expect(recordIds(marana)).toEqual([elsewhere.id])
})

test('when the company has two named projects in the jurisdiction, its unnamed record goes to the place, not to a guess', () => {
	const first = fight({ project_name: 'Project Oak', company: 'Acme Data' })
	const second = fight({ project_name: 'Project Pine', company: 'Acme Data' })
	const unnamed = fight({ company: 'Acme Data', action_type: ['moratorium'] })
	const projects = groupFights([first, second, unnamed])
	expect(recordIds(only(projects, 'Project Oak'))).toEqual([first.id])
	expect(recordIds(only(projects, 'Project Pine'))).toEqual([second.id])
	expect(only(projects, 'Pima County')).toMatchObject({ scope: 'jurisdiction', records: [{ id: unnamed.id }] })
})

test('"Undisclosed" is not a company to group by', () => {
	const a = fight({ company: 'Undisclosed', jurisdiction: 'Lee County', state: 'NC' })
	const b = fight({ company: 'Undisclosed developer', jurisdiction: 'Lee County', state: 'NC' })
	const projects = groupFights([a, b])
	expect(projects).toHaveLength(1)
	expect(projects[0]).toMatchObject({ scope: 'jurisdiction', name: 'Lee County', slug: 'lee-county-nc' })
})

test('the rest group by jurisdiction and state, at the record’s scope', () => {
	const local = fight({ jurisdiction: 'Loudoun County', state: 'VA', action_type: ['moratorium'] })
	// Pending zoning would put a site under review, surely; a place only as a guess.
	const localAgain = fight({
		jurisdiction: 'loudoun county',
		state: 'VA',
		action_type: ['zoning_restriction'],
		status: 'pending',
		date: '2025-07-01',
	})
	const statewide = fight({ jurisdiction: 'Virginia', state: 'VA', scope: 'statewide', action_type: ['legislation'] })
	const federal = fight({ jurisdiction: 'United States', state: 'US', scope: 'federal', action_type: ['legislation'] })
	const projects = groupFights([local, localAgain, statewide, federal])
	// A place is not one project, so what its records say about status is never sure.
	expect(projects.every((project) => project.statusUnverified)).toBe(true)
	expect(projects.find((project) => project.slug === 'loudoun-county-va')?.status).toBe('under_review')
	expect(projects.map((project) => [project.slug, project.scope, project.records.length])).toEqual([
		['united-states-us', 'federal', 1],
		['loudoun-county-va', 'jurisdiction', 2],
		['virginia-va', 'statewide', 1],
	])
})

test('a named project with only statewide records and no company is statewide (a bill), not a site', () => {
	const bill = fight({ project_name: 'HB 1059', state: 'GA', scope: 'statewide', jurisdiction: 'Georgia', action_type: ['legislation'] })
	const everest = fight({
		project_name: 'Project Everest',
		state: 'LA',
		scope: 'statewide',
		jurisdiction: 'Louisiana Public Service Commission',
		company: 'Meta',
	})
	const projects = groupFights([bill, everest])
	expect(only(projects, 'HB 1059').scope).toBe('statewide')
	expect(only(projects, 'Project Everest').scope).toBe('site')
})

test('figures come from the records; when they disagree the latest record’s value is kept, with every source, marked unverified', () => {
	const early = fight({ project_name: 'Lighthouse', megawatts: 902, acreage: 672, date: '2025-05-01', source_urls: ['https://a.example'] })
	const later = fight({ project_name: 'Lighthouse', megawatts: 1300, acreage: 672, date: '2025-10-01', source_urls: ['https://b.example'] })
	// Same date: the later last_updated is the latest.
	const sameDay = fight({
		project_name: 'Lighthouse',
		megawatts: 1200,
		date: '2025-10-01',
		last_updated: '2026-02-01',
		source_urls: ['https://c.example', 'https://a.example'],
	})
	const [project] = groupFights([sameDay, later, early])
	expect(project?.figures.megawatts).toEqual({
		value: 1200,
		sourceUrls: ['https://a.example', 'https://b.example', 'https://c.example'],
		unverified: true,
		recordId: sameDay.id,
	})
	// Agreeing records from sources with no flags: verified.
	expect(project?.figures.acres).toEqual({
		value: 672,
		sourceUrls: ['https://a.example', 'https://b.example'],
		unverified: false,
		recordId: later.id,
	})
	// Nothing invented: no record gives water, jobs, area or investment.
	expect(Object.keys(project?.figures ?? {}).sort()).toEqual(['acres', 'megawatts'])
	expect(project?.sources).toEqual(['https://a.example', 'https://b.example', 'https://c.example'])
})

test('a figure_unverified, source_conflict or attribution_uncertain flag marks that record’s figures unverified', () => {
	for (const flag of ['figure_unverified', 'source_conflict', 'attribution_uncertain']) {
		const [project] = groupFights([fight({ project_name: 'Project Flag', jobs_promised: 40, flags: [flag] })])
		expect(project?.figures.jobsPromised?.unverified, flag).toBe(true)
		expect(project?.records[0]?.flags).toEqual([flag])
	}
	for (const flag of ['url_unverifiable', 'needs_update', 'status_uncertain']) {
		const [project] = groupFights([fight({ project_name: 'Project Flag', jobs_promised: 40, flags: [flag] })])
		expect(project?.figures.jobsPromised?.unverified, flag).toBe(false)
	}
})

test('investment in millions becomes whole dollars', () => {
	const [project] = groupFights([fight({ project_name: 'Project Money', investment_million_usd: 1.15 })])
	expect(project?.figures.investmentUsd?.value).toBe(1_150_000)
	expect(Number.isInteger(project?.figures.investmentUsd?.value)).toBe(true)
	const [big] = groupFights([fight({ project_name: 'Project Money', investment_million_usd: 27294 })])
	expect(big?.figures.investmentUsd?.value).toBe(27_294_000_000)
})

test('a record that only references the project joins its timeline but gives it no figure and no status', () => {
	const own = fight({ project_name: 'Stargate / The Barn', investment_million_usd: 16000, status: 'approved', community_outcome: 'loss' })
	const referenced = fight({
		project_name: 'Stargate / The Barn (referenced)',
		investment_million_usd: 474,
		action_type: ['utility_regulation'],
		status: 'pending',
		date: '2026-04-24',
	})
	const [project] = groupFights([own, referenced])
	expect(project && recordIds(project)).toEqual([own.id, referenced.id])
	expect(project?.figures.investmentUsd).toMatchObject({ value: 16_000_000_000, recordId: own.id, unverified: false })
	expect(project?.status).toBe('approved')
})

test('status: the table of what a record says about its project', () => {
	const cases: Array<[Partial<FightRecord>, SeedProject['status'], boolean]> = [
		[{ action_type: ['project_withdrawal'], status: 'cancelled', community_outcome: 'win' }, 'withdrawn', false],
		[{ action_type: ['project_withdrawal'], status: 'delayed', community_outcome: 'win' }, 'withdrawn', true],
		[{ action_type: ['zoning_restriction'], status: 'cancelled', community_outcome: 'win' }, 'withdrawn', false],
		[{ action_type: ['zoning_restriction', 'permit_denial'], status: 'defeated', community_outcome: 'win' }, 'denied', false],
		[{ action_type: ['permit_denial'], status: 'passed', community_outcome: 'win' }, 'denied', true],
		[{ action_type: ['zoning_restriction'], status: 'defeated', community_outcome: 'win' }, 'denied', false],
		[{ action_type: ['public_comment'], status: 'approved', community_outcome: 'loss' }, 'approved', false],
		[{ action_type: ['zoning_restriction'], status: 'passed', community_outcome: 'loss' }, 'approved', false],
		[{ action_type: ['regulatory_action'], status: 'approved', community_outcome: 'mixed' }, 'approved', true],
		[{ action_type: ['lawsuit'], status: 'defeated', community_outcome: 'win' }, 'denied', true],
		[{ action_type: ['zoning_restriction'], status: 'pending', community_outcome: 'pending' }, 'under_review', false],
		[{ action_type: ['lawsuit'], status: 'active', community_outcome: 'pending' }, 'under_review', false],
		// A moratorium or a bill passing restricts data centers; it says nothing about this project.
		[{ action_type: ['moratorium'], status: 'passed', community_outcome: 'win' }, 'proposed', true],
		[{ action_type: ['legislation'], status: 'defeated', community_outcome: 'loss' }, 'proposed', true],
		[{ action_type: ['public_comment'], status: 'approved', community_outcome: 'loss', flags: ['status_uncertain'] }, 'approved', true],
	]
	for (const [overrides, status, unverified] of cases) {
		const [project] = groupFights([fight({ project_name: 'Project Status', ...overrides })])
		expect({ status: project?.status, unverified: project?.statusUnverified }, JSON.stringify(overrides)).toEqual({ status, unverified })
	}
})

test('status: the latest decision stands over a later pending step, and a later decision over an earlier one', () => {
	const approved = fight({ project_name: 'Project Order', status: 'approved', community_outcome: 'loss', date: '2025-01-01' })
	const suit = fight({ project_name: 'Project Order', action_type: ['lawsuit'], status: 'active', date: '2025-06-01' })
	expect(groupFights([suit, approved])[0]?.status).toBe('approved')
	const withdrawn = fight({ project_name: 'Project Order', action_type: ['project_withdrawal'], status: 'cancelled', date: '2025-09-01' })
	expect(groupFights([suit, withdrawn, approved])[0]?.status).toBe('withdrawn')
})

test('proceeding kind from the action type, body kind from the authority level', () => {
	const cases: Array<[Partial<FightRecord>, string, string]> = [
		[{ action_type: ['moratorium'], authority_level: 'county_commission' }, 'moratorium', 'county_board'],
		[
			{ action_type: ['zoning_restriction'], project_name: 'Project Z', authority_level: 'planning_commission' },
			'rezoning',
			'planning_commission',
		],
		[{ action_type: ['zoning_restriction'], authority_level: 'city_council' }, 'ordinance', 'city_council'],
		[{ action_type: ['lawsuit'], authority_level: 'court' }, 'lawsuit', 'court'],
		[{ action_type: ['utility_regulation'], authority_level: 'utility_commission' }, 'utility_case', 'utility_commission'],
		[{ action_type: ['legislation'], authority_level: 'state_legislature' }, 'legislation', 'state_legislature'],
		[
			{ action_type: ['permit_denial'], issue_category: ['zoning'], authority_level: 'township_board' },
			'special_use_permit',
			'township_board',
		],
		[{ action_type: ['permit_denial'], issue_category: ['air_quality'], authority_level: 'governor' }, 'air_permit', 'governor'],
		[
			{ action_type: ['regulatory_action'], issue_category: ['water'], authority_level: 'federal_agency' },
			'water_permit',
			'federal_agency',
		],
		[
			{ action_type: ['regulatory_action'], issue_category: ['tax_incentive'], authority_level: 'village_board' },
			'tax_abatement',
			'village_board',
		],
		[{ action_type: ['public_comment'], authority_level: 'voters' }, 'other', 'voters'],
		[{ action_type: ['public_comment', 'moratorium'], authority_level: null }, 'moratorium', 'other'],
		[{ action_type: ['legislation'], authority_level: 'federal_legislature' }, 'legislation', 'other'],
		[{ action_type: ['other_opposition'], authority_level: 'advocacy_org' }, 'other', 'other'],
	]
	for (const [overrides, kind, body] of cases) {
		const record = fight(overrides)
		expect([proceedingKindOf(record), bodyKindOf(record)], JSON.stringify(overrides)).toEqual([kind, body])
	}
})

test('a timeline title says who did what, in plain words from the record’s own fields', () => {
	expect(timelineTitleOf(fight({ jurisdiction: 'Loudoun County', action_type: ['moratorium'], status: 'passed' }))).toBe(
		'County board, Loudoun County: moratorium passed',
	)
	expect(
		timelineTitleOf(
			fight({
				jurisdiction: 'Saline Township Board (rezoning denial)',
				authority_level: 'township_board',
				project_name: 'Stargate / The Barn',
				action_type: ['zoning_restriction', 'permit_denial'],
				status: 'defeated',
			}),
		),
	).toBe('Saline Township Board: rezoning and permit defeated')
	expect(
		timelineTitleOf(fight({ jurisdiction: 'Gardner, KS', state: 'KS', authority_level: null, action_type: ['lawsuit'], status: 'active' })),
	).toBe('Gardner: lawsuit (active)')
	expect(
		timelineTitleOf(
			fight({ jurisdiction: 'Virginia', authority_level: 'state_legislature', action_type: ['legislation'], status: 'died-sine-die' }),
		),
	).toBe('State legislature, Virginia: bill (died-sine-die)')
})

test('slugs: from the name and state, unique, at most 80 characters, deduplicated by developer or scope', () => {
	const place = fight({ jurisdiction: 'Covington', state: 'GA', action_type: ['moratorium'] })
	const amazon = fight({ jurisdiction: 'Covington', state: 'GA', company: 'Amazon Web Services' })
	const other = fight({ jurisdiction: 'Covington', state: 'GA', company: 'VoltaGrid' })
	const long = fight({ project_name: 'A very long project name '.repeat(6), state: 'GA' })
	const projects = groupFights([place, amazon, other, long])
	const slugs = projects.map((project) => project.slug)
	expect(slugs.sort()).toEqual([
		'a-very-long-project-name-a-very-long-project-name-a-very-long-project-name-a-ga',
		'covington-ga-amazon-web-services',
		'covington-ga-jurisdiction',
		'covington-ga-voltagrid',
	])
	for (const slug of slugs) {
		expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
		expect(slug.length).toBeLessThanOrEqual(80)
	}
})

test('slugs and everything else are stable: the same records in any order give the same projects', () => {
	const records = [
		fight({ project_name: 'Project Blue', company: 'Beale' }),
		fight({ project_name: 'Blue Data Center', date: '2025-08-01' }),
		fight({ jurisdiction: 'Tucson', company: 'Beale' }),
		fight({ jurisdiction: 'Tucson', action_type: ['moratorium'] }),
		fight({ jurisdiction: 'Tucson', company: 'Other Co' }),
		fight({ jurisdiction: 'Arizona', scope: 'statewide', action_type: ['legislation'] }),
	]
	const forwards = groupFights(records)
	const backwards = groupFights([...records].reverse())
	const shuffled = groupFights(
		[records[3], records[0], records[5], records[1], records[4], records[2]].filter((record) => record !== undefined),
	)
	expect(backwards).toEqual(forwards)
	expect(shuffled).toEqual(forwards)
	expect(new Set(forwards.map((project) => project.slug)).size).toBe(forwards.length)
})

test('readFights refuses a malformed file and names the record', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'fights-'))
	const file = path.join(dir, 'bad.json')
	writeFileSync(file, JSON.stringify([fight(), { ...fight(), megawatts: 'lots' }]))
	expect(() => readFights(file)).toThrow(/record 1\.megawatts/)
})

test('the real dataset: every record in exactly one project, slugs unique, every figure from a record and with a source', () => {
	const records = readFights()
	expect(records).toHaveLength(1486)
	const projects = groupFights(records)
	const byId = new Map(records.map((record) => [record.id, record]))

	const placed = projects.flatMap(recordIds)
	expect(placed).toHaveLength(records.length)
	expect(new Set(placed)).toEqual(new Set(byId.keys()))

	const slugs = projects.map((project) => project.slug)
	expect(new Set(slugs).size).toBe(projects.length)
	for (const slug of slugs) {
		expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
		expect(slug.length).toBeLessThanOrEqual(80)
	}

	const fields = {
		megawatts: 'megawatts',
		acres: 'acreage',
		buildingSqFt: 'building_sq_ft',
		waterGallonsPerDay: 'water_usage_gallons_per_day',
		jobsPromised: 'jobs_promised',
	} as const
	let figures = 0
	for (const project of projects) {
		expect(project.state).toMatch(/^[A-Z]{2}$/)
		expect(new Set(project.records.map((record) => byId.get(record.id)?.state))).toEqual(new Set([project.state]))
		for (const [name, figure] of Object.entries(project.figures)) {
			figures += 1
			expect(figure.sourceUrls.length, `${project.slug} ${name}`).toBeGreaterThan(0)
			expect(recordIds(project)).toContain(figure.recordId)
			const source = byId.get(figure.recordId)
			const given =
				name === 'investmentUsd' ? Math.round((source?.investment_million_usd ?? NaN) * 1e6) : source?.[fields[name as keyof typeof fields]]
			expect(figure.value, `${project.slug} ${name}`).toBe(given)
			for (const url of source?.source_urls ?? []) expect(figure.sourceUrls).toContain(url)
		}
		for (const record of project.records) expect(record.timelineTitle.length).toBeGreaterThan(0)
	}
	expect(figures).toBeGreaterThan(1000)

	// Three projects the worked examples will meet, as the rules group them.
	const bySlug = new Map(projects.map((project) => [project.slug, project]))
	expect(
		bySlug
			.get('digital-gateway-va')
			?.records.map((record) => record.id)
			.sort(),
	).toEqual(['prince-william-county-va-2024-01-12', 'prince-william-va-digital-gateway-void-2025-08'])
	expect(bySlug.get('lighthouse-wi')?.aliases).toContain('Stargate')
	const barn = bySlug.get('stargate-the-barn-mi')
	// The unnamed record joins through its lead company and its jurisdiction, its notes aside.
	expect(barn?.records.map((record) => record.id)).toContain('saline-township-mi-stargate-construction-continues-2026-05-06')
	expect(barn).toMatchObject({ scope: 'site', jurisdiction: 'Saline Township', county: 'Washtenaw County', status: 'approved' })
})
