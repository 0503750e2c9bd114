import { sql, type Transaction } from 'kysely'
import { asCaller, type Caller, type Database } from '#app/db/db.server'
import { containsPattern } from '#app/db/like'
import type { ClockKind, ProceedingKind, ProceedingStage, ProjectFigure, ProjectScope, ProjectStatus } from '#app/db/types'
import { DEFAULT_ZONE, SIZE_BANDS, type ProjectIssue, type SizeBand } from './projects'
// The siting record as pages read it: projects with their figures and
// sources, the proceedings before each body with their clocks, and what the
// community is doing about it. Everything here runs as the caller; the
// record is public, so a visitor and a member see the same (docs/decisions/048).

import { requestsOf, ruleOf } from './records.server'

export { DEFAULT_ZONE, PROJECT_ISSUES, PROJECT_STATUSES, SIZE_BANDS, type ProjectIssue, type SizeBand } from './projects'

export type ProjectListItem = {
	slug: string
	name: string
	scope: ProjectScope
	status: ProjectStatus
	developer: string | null
	endUser: string | null
	place: string
	megawatts: number | null
	latitude: number | null
	longitude: number | null
	stateAbbreviation: string
	nextDeadline: { kind: ClockKind; label: string | null; dueAt: Date; allDay: boolean; timeZone: string; proceedingTitle: string } | null
	distanceKm: number | null
}

export type ProjectFilters = {
	query?: string
	stateId?: number | null
	countyId?: number | null
	status?: ProjectStatus | null
	issue?: ProjectIssue | null
	size?: SizeBand | null
	near?: { latitude: number; longitude: number } | null
	limit?: number
	offset?: number
}

function placeOf(row: { locality: string | null; county_name: string | null; state_abbreviation: string }) {
	const county = row.county_name
		? /\b(county|parish|borough|city)\b/i.test(row.county_name)
			? row.county_name
			: `${row.county_name} County`
		: null
	const local = row.locality && row.locality !== county ? row.locality : county
	return local ? `${local}, ${row.state_abbreviation}` : row.state_abbreviation
}

/** Great-circle distance in kilometres from a point to the project (haversine). */
function distanceFrom(near: { latitude: number; longitude: number }) {
	return sql<number | null>`case when p.latitude is null then null else 12742 * asin(sqrt(
		power(sin(radians(p.latitude - ${near.latitude}) / 2), 2)
		+ cos(radians(${near.latitude})) * cos(radians(p.latitude)) * power(sin(radians(p.longitude - ${near.longitude}) / 2), 2)
	)) end`
}

function filteredProjects(trx: Transaction<Database>, filters: ProjectFilters) {
	let select = trx
		.selectFrom('projects as p')
		.innerJoin('jurisdictions as s', 's.id', 'p.state_id')
		.leftJoin('jurisdictions as c', 'c.id', 'p.county_id')
	const query = filters.query?.trim().toLowerCase() ?? ''
	if (query) select = select.where('p.search_text', 'like', containsPattern(query))
	if (filters.stateId) select = select.where('p.state_id', '=', filters.stateId)
	if (filters.countyId) select = select.where('p.county_id', '=', filters.countyId)
	if (filters.status) select = select.where('p.status', '=', filters.status)
	if (filters.issue) select = select.where(sql<boolean>`${filters.issue} = any(p.issues)`)
	if (filters.size) {
		const [low, high] = SIZE_BANDS[filters.size]
		select = select.where('p.megawatts', '>=', String(low))
		if (high !== null) select = select.where('p.megawatts', '<', String(high))
	}
	return select
}

/** The registry, filtered; nearest first when a place is given, else soonest deadline, then newest. */
export async function listProjects(caller: Caller, filters: ProjectFilters = {}) {
	return asCaller(caller, async (trx) => {
		const base = filteredProjects(trx, filters)
		const [{ total } = { total: 0 }] = await base.select((eb) => eb.fn.countAll<string>().as('total')).execute()
		// The next deadline of each project and its latest news, each computed once for the
		// whole table (a few hundred rows) rather than once per project row.
		const next = trx
			.selectFrom('proceeding_clocks as k')
			.innerJoin('proceedings as pr', 'pr.id', 'k.proceeding_id')
			.leftJoin('bodies as b', 'b.id', 'pr.body_id')
			.distinctOn('pr.project_id')
			.select(['pr.project_id', 'k.kind', 'k.label', 'k.due_at', 'k.all_day', 'pr.title as proceeding_title', 'b.time_zone'])
			.where('k.due_at', '>', sql<Date>`now()`)
			.orderBy('pr.project_id')
			.orderBy('k.due_at')
		const latest = trx
			.selectFrom('project_timeline_entries')
			.select(['project_id', (eb) => eb.fn.max('occurred_on').as('last_on')])
			.groupBy('project_id')
		const select = base
			.leftJoin(next.as('n'), 'n.project_id', 'p.id')
			.leftJoin(latest.as('l'), 'l.project_id', 'p.id')
			.select([
				'p.slug',
				'p.name',
				'p.scope',
				'p.status',
				'p.developer',
				'p.end_user',
				'p.locality',
				'p.megawatts',
				'p.latitude',
				'p.longitude',
				'c.name as county_name',
				's.abbreviation as state_abbreviation',
				'n.kind as next_kind',
				'n.label as next_label',
				'n.due_at as next_due_at',
				'n.proceeding_title as next_proceeding_title',
				'n.all_day as next_all_day',
				'n.time_zone as next_time_zone',
			])
		const distance = filters.near ? distanceFrom(filters.near) : sql<number | null>`null::float8`
		const rows = await select
			.select(distance.as('distance_km'))
			.orderBy(filters.near ? sql`distance_km nulls last` : sql`n.due_at nulls last`)
			.orderBy(sql`l.last_on desc nulls last`)
			.orderBy('p.name')
			.limit(filters.limit ?? 50)
			.offset(filters.offset ?? 0)
			.execute()
		const items: ProjectListItem[] = rows.map((row) => ({
			slug: row.slug,
			name: row.name,
			scope: row.scope,
			status: row.status,
			developer: row.developer,
			endUser: row.end_user,
			place: placeOf({ locality: row.locality, county_name: row.county_name, state_abbreviation: row.state_abbreviation ?? '' }),
			megawatts: row.megawatts === null ? null : Number(row.megawatts),
			latitude: row.latitude,
			longitude: row.longitude,
			stateAbbreviation: row.state_abbreviation ?? '',
			nextDeadline:
				row.next_due_at && row.next_kind
					? {
							kind: row.next_kind,
							label: row.next_label,
							dueAt: row.next_due_at,
							allDay: row.next_all_day ?? false,
							timeZone: row.next_time_zone ?? DEFAULT_ZONE,
							proceedingTitle: row.next_proceeding_title ?? '',
						}
					: null,
			distanceKm: row.distance_km,
		}))
		return { items, total: Number(total) }
	})
}

/** Every project's point and status, for the map. */
export async function listProjectPoints(caller: Caller, stateId?: number | null) {
	return asCaller(caller, async (trx) => {
		let select = trx
			.selectFrom('projects as p')
			.innerJoin('jurisdictions as s', 's.id', 'p.state_id')
			.select(['p.slug', 'p.name', 'p.status', 'p.latitude', 'p.longitude', 's.name as state_name', 's.abbreviation', 's.fips_code'])
		if (stateId) select = select.where('p.state_id', '=', stateId)
		return select.orderBy('s.name').orderBy('p.name').execute()
	})
}

/** How many projects each state has, by status, for the table beside the map. */
export async function countProjectsByState(caller: Caller) {
	return asCaller(caller, (trx) =>
		trx
			.selectFrom('projects as p')
			.innerJoin('jurisdictions as s', 's.id', 'p.state_id')
			.select([
				's.name',
				's.abbreviation',
				(eb) => eb.fn.countAll<string>().as('total'),
				sql<string>`count(*) filter (where p.status in ('denied', 'withdrawn'))`.as('stopped'),
				sql<string>`count(*) filter (where p.status in ('rumored', 'proposed', 'under_review'))`.as('pending'),
			])
			.groupBy(['s.name', 's.abbreviation'])
			.orderBy('s.name')
			.execute(),
	)
}

export type Clock = {
	id: string
	kind: ClockKind
	label: string | null
	dueAt: Date
	allDay: boolean
	computed: boolean
	explanation: string | null
	place: string | null
	sourceUrl: string | null
}

export type BodyRules = {
	speakingMinutes: number | null
	representativeMinutes: number | null
	representativeAuthorization: string | null
	signupMethods: string[]
	signupHow: string | null
	signupClosesHoursBefore: number | null
	commentChannels: string | null
	commentsCloseHoursBefore: number | null
	recordOpenDaysAfter: number | null
	minimumMinutesPerSide: number | null
	appealDays: number | null
	appealDayCount: string | null
	noticeRule: string | null
	sourceUrl: string
	checkedOn: Date
}

export type Proceeding = {
	id: string
	slug: string
	kind: ProceedingKind
	title: string
	caseNumber: string | null
	stage: ProceedingStage
	outcome: string | null
	decidedOn: Date | null
	sourceUrl: string | null
	body: {
		slug: string
		name: string
		kind: string
		timeZone: string
		website: string | null
		email: string | null
		phone: string | null
		meetingPlace: string | null
		rules: BodyRules | null
	} | null
	clocks: Clock[]
	documents: Array<{ id: string; title: string; url: string | null; publishedOn: Date | null }>
	votes: Array<{
		id: string
		heldOn: Date
		motion: string
		result: string | null
		sourceUrl: string
		positions: Array<{ officialSlug: string; officialName: string; position: string }>
	}>
}

export type ProjectDetail = NonNullable<Awaited<ReturnType<typeof findProject>>>

const FIGURES = [
	'megawatts',
	'acres',
	'building_sq_ft',
	'water_gallons_per_day',
	'generator_count',
	'abatement_usd',
	'investment_usd',
	'jobs_promised',
] as const satisfies readonly ProjectFigure[]

export async function findProject(trx: Transaction<Database>, slug: string) {
	const project = await trx
		.selectFrom('projects as p')
		.innerJoin('jurisdictions as s', 's.id', 'p.state_id')
		.leftJoin('jurisdictions as c', 'c.id', 'p.county_id')
		// The state's records rule rides along, so the records requests need no query of their own for it.
		.leftJoin('records_request_rules as rr', 'rr.state_id', 'p.state_id')
		.selectAll('p')
		.select(['s.name as state_name', 's.abbreviation as state_abbreviation', 'c.name as county_name'])
		.select([
			'rr.response_days as records_response_days',
			'rr.day_count as records_day_count',
			'rr.statute as records_statute',
			'rr.notes as records_notes',
			'rr.source_url as records_source_url',
		])
		.where('p.slug', '=', slug)
		.executeTakeFirst()
	if (!project) return null
	const recordsRule = ruleOf({
		response_days: project.records_response_days,
		day_count: project.records_day_count,
		statute: project.records_statute,
		notes: project.records_notes,
		source_url: project.records_source_url,
	})
	const [sources, citations, timeline, proceedingRows, chapters, petitions, events, requests, revisions] = await Promise.all([
		trx
			.selectFrom('project_sources')
			.select(['id', 'url', 'title', 'weak'])
			.where('project_id', '=', project.id)
			.orderBy('created_at')
			.execute(),
		trx.selectFrom('project_figure_sources').select(['figure', 'source_id', 'unverified']).where('project_id', '=', project.id).execute(),
		trx
			.selectFrom('project_timeline_entries')
			.select(['id', 'occurred_on', 'title', 'source_id', 'proceeding_id'])
			.where('project_id', '=', project.id)
			.orderBy('occurred_on', 'desc')
			.orderBy('created_at', 'desc')
			.execute(),
		trx
			.selectFrom('proceedings as pr')
			.leftJoin('bodies as b', 'b.id', 'pr.body_id')
			.leftJoin('body_rules as r', 'r.body_id', 'b.id')
			.selectAll('pr')
			.select([
				'b.slug as body_slug',
				'b.name as body_name',
				'b.kind as body_kind',
				'b.time_zone',
				'b.website',
				'b.email',
				'b.phone',
				'b.meeting_place',
				'r.body_id as rules_body_id',
				'r.speaking_minutes',
				'r.representative_minutes',
				'r.representative_authorization',
				'r.signup_methods',
				'r.signup_how',
				'r.signup_closes_hours_before',
				'r.comment_channels',
				'r.comments_close_hours_before',
				'r.record_open_days_after',
				'r.minimum_minutes_per_side',
				'r.appeal_days',
				'r.appeal_day_count',
				'r.notice_rule',
				'r.source_url as rules_source_url',
				'r.checked_on',
			])
			.where('pr.project_id', '=', project.id)
			.orderBy('pr.created_at')
			.execute(),
		trx
			.selectFrom('project_chapters as pc')
			.innerJoin('chapters as ch', 'ch.id', 'pc.chapter_id')
			.select(['ch.slug', 'ch.name', 'ch.member_count'])
			.where('pc.project_id', '=', project.id)
			.where('ch.archived_at', 'is', null)
			.orderBy('ch.name')
			.execute(),
		trx
			.selectFrom('petitions')
			.select(['slug', 'title', 'status'])
			.where('project_id', '=', project.id)
			.where('status', 'in', ['published', 'closed', 'delivered'])
			.orderBy('created_at', 'desc')
			.execute(),
		trx
			.selectFrom('events as e')
			.innerJoin('chapters as ch', 'ch.id', 'e.chapter_id')
			.select(['e.id', 'e.title', 'e.starts_at', 'e.time_zone', 'e.status', 'ch.slug as chapter_slug'])
			.where('e.project_id', '=', project.id)
			.where('e.starts_at', '>', sql<Date>`now() - interval '1 day'`)
			.orderBy('e.starts_at')
			.execute(),
		// The records requests as their section shows them, in this transaction (docs/decisions/063: one fewer per page).
		requestsOf(trx, { id: project.id, state: project.state_abbreviation, rule: recordsRule }),
		trx
			.selectFrom('project_revisions as v')
			.leftJoin('profiles as a', 'a.id', 'v.author_id')
			.leftJoin('profiles as r', 'r.id', 'v.reviewed_by')
			.select([
				'v.id',
				'v.status',
				'v.changes',
				'v.source_url',
				'v.note',
				'v.created_at',
				'v.reviewed_at',
				'a.display_name as author_name',
				'r.display_name as reviewer_name',
			])
			.where('v.project_id', '=', project.id)
			.orderBy('v.created_at', 'desc')
			.limit(50)
			.execute(),
	])
	const proceedingIds = proceedingRows.map((row) => row.id)
	const [clocks, documents, votes, positions] = proceedingIds.length
		? await Promise.all([
				trx.selectFrom('proceeding_clocks').selectAll().where('proceeding_id', 'in', proceedingIds).orderBy('due_at').execute(),
				trx
					.selectFrom('proceeding_documents')
					.select(['id', 'proceeding_id', 'title', 'url', 'published_on'])
					.where('proceeding_id', 'in', proceedingIds)
					.orderBy('published_on', 'desc')
					.execute(),
				trx.selectFrom('proceeding_votes').selectAll().where('proceeding_id', 'in', proceedingIds).orderBy('held_on', 'desc').execute(),
				trx
					.selectFrom('official_votes as ov')
					.innerJoin('proceeding_votes as v', 'v.id', 'ov.vote_id')
					.innerJoin('officials as o', 'o.id', 'ov.official_id')
					.select(['ov.vote_id', 'ov.position', 'o.slug', 'o.name'])
					.where('v.proceeding_id', 'in', proceedingIds)
					.orderBy('o.name')
					.execute(),
			])
		: [[], [], [], []]

	const sourceById = new Map(sources.map((source) => [source.id, source]))
	const figures = FIGURES.map((figure) => {
		const raw = project[figure]
		const cited = citations.filter((citation) => citation.figure === figure)
		return {
			figure,
			value: raw === null ? null : Number(raw),
			unverified: cited.length === 0 || cited.some((citation) => citation.unverified || sourceById.get(citation.source_id)?.weak),
			sources: cited.flatMap((citation) => {
				const source = sourceById.get(citation.source_id)
				return source ? [{ url: source.url, title: source.title }] : []
			}),
		}
	}).filter((figure) => figure.value !== null)

	const proceedings: Proceeding[] = proceedingRows.map((row) => ({
		id: row.id,
		slug: row.slug,
		kind: row.kind,
		title: row.title,
		caseNumber: row.case_number,
		stage: row.stage,
		outcome: row.outcome,
		decidedOn: row.decided_on,
		sourceUrl: row.source_url,
		body:
			row.body_slug && row.body_name && row.body_kind && row.time_zone
				? {
						slug: row.body_slug,
						name: row.body_name,
						kind: row.body_kind,
						timeZone: row.time_zone,
						website: row.website,
						email: row.email,
						phone: row.phone,
						meetingPlace: row.meeting_place,
						rules:
							row.rules_body_id && row.rules_source_url && row.checked_on
								? {
										speakingMinutes: numberOrNull(row.speaking_minutes),
										representativeMinutes: numberOrNull(row.representative_minutes),
										representativeAuthorization: row.representative_authorization,
										signupMethods: row.signup_methods ?? [],
										signupHow: row.signup_how,
										signupClosesHoursBefore: numberOrNull(row.signup_closes_hours_before),
										commentChannels: row.comment_channels,
										commentsCloseHoursBefore: numberOrNull(row.comments_close_hours_before),
										recordOpenDaysAfter: row.record_open_days_after,
										minimumMinutesPerSide: row.minimum_minutes_per_side,
										appealDays: row.appeal_days,
										appealDayCount: row.appeal_day_count,
										noticeRule: row.notice_rule,
										sourceUrl: row.rules_source_url,
										checkedOn: row.checked_on,
									}
								: null,
					}
				: null,
		clocks: clocks
			.filter((clock) => clock.proceeding_id === row.id)
			.map((clock) => ({
				id: clock.id,
				kind: clock.kind,
				label: clock.label,
				dueAt: clock.due_at,
				allDay: clock.all_day,
				computed: clock.computed,
				explanation: clock.explanation,
				place: clock.place,
				sourceUrl: clock.source_url,
			})),
		documents: documents
			.filter((document) => document.proceeding_id === row.id)
			.map((document) => ({ id: document.id, title: document.title, url: document.url, publishedOn: document.published_on })),
		votes: votes
			.filter((vote) => vote.proceeding_id === row.id)
			.map((vote) => ({
				id: vote.id,
				heldOn: vote.held_on,
				motion: vote.motion,
				result: vote.result,
				sourceUrl: vote.source_url,
				positions: positions
					.filter((position) => position.vote_id === vote.id)
					.map((position) => ({ officialSlug: position.slug, officialName: position.name, position: position.position })),
			})),
	}))

	const now = Date.now()
	// Proceedings with a date still to come first (soonest first), then the rest as recorded.
	const nextOf = (proceeding: Proceeding) =>
		Math.min(...proceeding.clocks.map((clock) => clock.dueAt.getTime()).filter((time) => time > now), Number.POSITIVE_INFINITY)
	proceedings.sort((a, b) => nextOf(a) - nextOf(b))
	const upcoming = proceedings
		.flatMap((proceeding) => proceeding.clocks.map((clock) => ({ clock, proceeding })))
		.filter(({ clock }) => clock.dueAt.getTime() > now)
		.sort((a, b) => a.clock.dueAt.getTime() - b.clock.dueAt.getTime())

	return {
		id: project.id,
		slug: project.slug,
		name: project.name,
		aliases: project.aliases,
		scope: project.scope,
		summary: project.summary,
		status: project.status,
		statusUnverified: project.status_unverified,
		developer: project.developer,
		endUser: project.end_user,
		endUserUndisclosed: project.end_user_undisclosed,
		nda:
			project.nda_parties || project.nda_signed_on || project.nda_term_months
				? {
						parties: project.nda_parties,
						signedOn: project.nda_signed_on,
						termMonths: project.nda_term_months,
					}
				: null,
		place: placeOf({ locality: project.locality, county_name: project.county_name, state_abbreviation: project.state_abbreviation ?? '' }),
		stateName: project.state_name,
		stateAbbreviation: project.state_abbreviation ?? '',
		address: project.address,
		parcel: project.parcel,
		latitude: project.latitude,
		longitude: project.longitude,
		waterSource: project.water_source,
		generatorFuel: project.generator_fuel,
		generatorTier: project.generator_tier,
		abatementYears: project.abatement_years,
		powerUtility: project.power_utility,
		powerInfrastructure: project.power_infrastructure,
		issues: project.issues,
		oppositionGroups: project.opposition_groups,
		datasetRecordIds: project.dataset_record_ids,
		figures,
		sources,
		timeline: timeline.map((entry) => ({
			id: entry.id,
			occurredOn: entry.occurred_on,
			title: entry.title,
			source: entry.source_id ? (sourceById.get(entry.source_id) ?? null) : null,
		})),
		proceedings,
		upcoming: upcoming.map(({ clock, proceeding }) => ({
			...clock,
			proceedingSlug: proceeding.slug,
			proceedingTitle: proceeding.title,
			timeZone: proceeding.body?.timeZone ?? DEFAULT_ZONE,
		})),
		chapters,
		petitions,
		events,
		requests,
		revisions,
	}
}

function numberOrNull(value: string | number | null) {
	return value === null ? null : Number(value)
}

export async function getProject(caller: Caller, slug: string) {
	return asCaller(caller, (trx) => findProject(trx, slug))
}
