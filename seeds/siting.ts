import type { ClientBase } from 'pg'
import { people } from './people'
import { groupFights, readFights, type SeedProject } from './siting/fights'

// The siting record: every project, timeline entry and proceeding built from
// the Data Center Opposition Tracker's records (CC BY 4.0; grouping rules in
// docs/decisions/047), loaded idempotently on natural keys (the project's
// slug, the record's id). Then worked examples for the demo chapters' places:
// the deciding bodies with the rules for taking part (each with its public
// source), the states' public-records clocks (each statute cited), the
// chapters linked to their projects, and upcoming demo hearings whose dates
// are placed a number of days after the seed runs, as the demo events are,
// so there is always a deadline to follow. Those future dates are demo data,
// not facts.

const FIGURE_COLUMNS = {
	megawatts: 'megawatts',
	acres: 'acres',
	buildingSqFt: 'building_sq_ft',
	waterGallonsPerDay: 'water_gallons_per_day',
	investmentUsd: 'investment_usd',
	jobsPromised: 'jobs_promised',
} as const

/** A project named after its place only: say whose project it is. */
function displayName(project: SeedProject) {
	if (project.scope === 'site' && project.name === project.jurisdiction && project.developer)
		return `${project.developer} in ${project.jurisdiction}`
	return project.name
}

export async function seedSiting(client: ClientBase) {
	const projects = groupFights(readFights())
	const rows = projects.map((project) => ({
		slug: project.slug,
		name: displayName(project).slice(0, 200),
		aliases: project.aliases.filter((alias) => alias !== project.name).slice(0, 20),
		scope: project.scope,
		developer: project.developer,
		end_user: project.endUser,
		state: project.state,
		county: project.county,
		locality: project.jurisdiction,
		latitude: project.latitude,
		longitude: project.longitude,
		status: project.status,
		status_unverified: project.statusUnverified,
		issues: project.issues,
		opposition_groups: project.oppositionGroups,
		dataset_record_ids: project.records.map((record) => record.id),
		...Object.fromEntries(
			Object.entries(FIGURE_COLUMNS).map(([key, column]) => [column, project.figures[key as keyof typeof FIGURE_COLUMNS]?.value ?? null]),
		),
	}))
	const { rowCount: projectCount } = await client.query(
		`insert into public.projects (slug, name, aliases, scope, developer, end_user, state_id, county_id, locality, latitude, longitude,
			status, status_unverified, issues, opposition_groups, dataset_record_ids,
			megawatts, acres, building_sq_ft, water_gallons_per_day, investment_usd, jobs_promised)
		select u.slug, u.name, u.aliases, u.scope::public.project_scope, u.developer, u.end_user, s.id, c.id, u.locality, u.latitude, u.longitude,
			u.status::public.project_status, u.status_unverified,
			array(select i from unnest(u.issues) i where i = any(array[
				'zoning', 'community_impact', 'grid_energy', 'water', 'environmental', 'transparency', 'ratepayer', 'noise',
				'tax_incentive', 'farmland', 'air_quality', 'anti_ai', 'design_standards', 'traffic', 'contract_guarantees', 'property_values'])),
			u.opposition_groups, u.dataset_record_ids,
			u.megawatts, u.acres, u.building_sq_ft, u.water_gallons_per_day, u.investment_usd, u.jobs_promised
		from jsonb_to_recordset($1::jsonb) as u(slug text, name text, aliases text[], scope text, developer text, end_user text, state text,
			county text, locality text, latitude float8, longitude float8, status text, status_unverified boolean, issues text[],
			opposition_groups text[], dataset_record_ids text[], megawatts numeric, acres numeric, building_sq_ft bigint,
			water_gallons_per_day bigint, investment_usd bigint, jobs_promised integer)
		join public.jurisdictions s on (u.state = 'US' and s.kind = 'country' and s.country_code = 'US')
			or (s.kind = 'state' and s.country_code = 'US' and s.abbreviation = u.state)
		left join lateral (
			select j.id from public.jurisdictions j
			where j.kind = 'county' and j.parent_id = s.id and u.county is not null
				and lower(j.name) = lower(regexp_replace(u.county, '\\s+(County|Parish|Borough|City and Borough|Census Area|Municipality)$', '', 'i'))
			limit 1
		) c on true
		on conflict (slug) do update set
			name = excluded.name, aliases = excluded.aliases, scope = excluded.scope, developer = excluded.developer,
			end_user = excluded.end_user, state_id = excluded.state_id, county_id = excluded.county_id, locality = excluded.locality,
			latitude = excluded.latitude, longitude = excluded.longitude, status = excluded.status,
			status_unverified = excluded.status_unverified, issues = excluded.issues, opposition_groups = excluded.opposition_groups,
			dataset_record_ids = excluded.dataset_record_ids, megawatts = excluded.megawatts, acres = excluded.acres,
			building_sq_ft = excluded.building_sq_ft, water_gallons_per_day = excluded.water_gallons_per_day,
			investment_usd = excluded.investment_usd, jobs_promised = excluded.jobs_promised
		where (projects.name, projects.status, projects.dataset_record_ids, projects.megawatts, projects.county_id)
			is distinct from (excluded.name, excluded.status, excluded.dataset_record_ids, excluded.megawatts, excluded.county_id)`,
		[JSON.stringify(rows)],
	)

	const weakFlags = new Set(['figure_unverified', 'source_conflict', 'attribution_uncertain'])
	const sources = projects.flatMap((project) =>
		project.sources.map((url) => ({
			slug: project.slug,
			url,
			weak: project.records.some((record) => record.sourceUrls.includes(url) && record.flags.some((flag) => weakFlags.has(flag))),
		})),
	)
	await client.query(
		`insert into public.project_sources (project_id, url, weak)
		select p.id, u.url, u.weak from jsonb_to_recordset($1::jsonb) as u(slug text, url text, weak boolean)
		join public.projects p on p.slug = u.slug
		where u.url ~ '^https?://' and char_length(u.url) <= 2000
		on conflict (project_id, url) do update set weak = excluded.weak where project_sources.weak is distinct from excluded.weak`,
		[JSON.stringify(sources)],
	)
	const citations = projects.flatMap((project) =>
		Object.entries(FIGURE_COLUMNS).flatMap(([key, column]) => {
			const figure = project.figures[key as keyof typeof FIGURE_COLUMNS]
			return figure ? figure.sourceUrls.map((url) => ({ slug: project.slug, figure: column, url, unverified: figure.unverified })) : []
		}),
	)
	await client.query(
		`insert into public.project_figure_sources (project_id, figure, source_id, unverified)
		select p.id, u.figure::public.project_figure, s.id, u.unverified
		from jsonb_to_recordset($1::jsonb) as u(slug text, figure text, url text, unverified boolean)
		join public.projects p on p.slug = u.slug
		join public.project_sources s on s.project_id = p.id and s.url = u.url
		on conflict (project_id, figure, source_id) do update set unverified = excluded.unverified
			where project_figure_sources.unverified is distinct from excluded.unverified`,
		[JSON.stringify(citations)],
	)

	const records = projects.flatMap((project) =>
		project.records.map((record) => ({
			slug: project.slug,
			id: record.id,
			date: record.date,
			kind: record.proceedingKind,
			title: record.timelineTitle,
			status: record.status,
			outcome: record.outcome,
			source: record.sourceUrls.find((url) => /^https?:\/\//.test(url) && url.length <= 2000) ?? null,
		})),
	)
	const { rowCount: proceedingCount } = await client.query(
		`insert into public.proceedings (slug, project_id, kind, title, stage, outcome, source_url, dataset_record_id)
		select left(u.id, 100), p.id, u.kind::public.proceeding_kind, left(u.title, 300),
			(case when u.outcome in ('win', 'loss', 'mixed') then 'decided' else 'under_review' end)::public.proceeding_stage,
			left(u.status, 300), u.source, u.id
		from jsonb_to_recordset($1::jsonb) as u(slug text, id text, date date, kind text, title text, status text, outcome text, source text)
		join public.projects p on p.slug = u.slug
		where u.id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'
		on conflict (slug) do update set project_id = excluded.project_id, kind = excluded.kind, title = excluded.title,
			stage = excluded.stage, outcome = excluded.outcome, source_url = excluded.source_url
		where (proceedings.project_id, proceedings.kind, proceedings.title, proceedings.outcome, proceedings.source_url)
			is distinct from (excluded.project_id, excluded.kind, excluded.title, excluded.outcome, excluded.source_url)`,
		[JSON.stringify(records)],
	)
	const { rowCount: timelineCount } = await client.query(
		`insert into public.project_timeline_entries (project_id, occurred_on, title, source_id, proceeding_id, dataset_record_id)
		select p.id, u.date, left(u.title, 300), s.id, pr.id, u.id
		from jsonb_to_recordset($1::jsonb) as u(slug text, id text, date date, kind text, title text, status text, outcome text, source text)
		join public.projects p on p.slug = u.slug
		left join public.project_sources s on s.project_id = p.id and s.url = u.source
		left join public.proceedings pr on pr.dataset_record_id = u.id
		where u.date is not null
		on conflict (dataset_record_id) where dataset_record_id is not null do update set
			project_id = excluded.project_id, occurred_on = excluded.occurred_on, title = excluded.title,
			source_id = excluded.source_id, proceeding_id = excluded.proceeding_id
		where (project_timeline_entries.project_id, project_timeline_entries.occurred_on, project_timeline_entries.title)
			is distinct from (excluded.project_id, excluded.occurred_on, excluded.title)`,
		[JSON.stringify(records)],
	)

	const worked = await seedWorkedExamples(client)
	return { projects: projectCount ?? 0, proceedings: proceedingCount ?? 0, timeline: timelineCount ?? 0, ...worked }
}

// ---------------------------------------------------------------- worked examples

type DemoBody = {
	slug: string
	name: string
	kind: string
	jurisdictionSlug: string
	timeZone: string
	website: string
	meetingPlace: string | null
	rules: {
		speakingMinutes: number | null
		representativeMinutes: number | null
		signupMethods: string[]
		signupHow: string | null
		signupClosesHoursBefore: number | null
		commentChannels: string | null
		minimumMinutesPerSide: number | null
		appealDays: number | null
		appealDayCount: 'calendar' | 'business' | null
		noticeRule: string | null
		sourceUrl: string
	} | null
}

// Bodies the demo chapters face. Rules are recorded only where a public source
// states them; the rest are left out, and the page says nobody has recorded them.
const bodies: DemoBody[] = [
	{
		slug: 'loudoun-county-board-of-supervisors',
		name: 'Loudoun County Board of Supervisors',
		kind: 'county_board',
		jurisdictionSlug: 'us-va-loudoun',
		timeZone: 'America/New_York',
		website: 'https://www.loudoun.gov/bos',
		meetingPlace: 'Loudoun County Government Center, 1 Harrison St SE, Leesburg, VA',
		rules: {
			speakingMinutes: 3,
			representativeMinutes: null,
			signupMethods: ['online', 'phone', 'in_person'],
			signupHow: 'Sign up with the Clerk to the Board before the hearing, online or by phone, or at the clerk’s desk on the night',
			signupClosesHoursBefore: 0,
			commentChannels: 'Email the Board of Supervisors before the hearing; comments go into the record',
			minimumMinutesPerSide: null,
			// Va. Code § 15.2-2285(F): a challenge to a board's zoning decision within 30 days.
			appealDays: 30,
			appealDayCount: 'calendar',
			// Va. Code § 15.2-2204: two advertisements, a week apart, hearing 5 to 21 days after the second.
			noticeRule: 'va-15.2-2204',
			sourceUrl: 'https://www.loudoun.gov/bos',
		},
	},
	{
		slug: 'prince-william-county-board-of-county-supervisors',
		name: 'Prince William County Board of County Supervisors',
		kind: 'county_board',
		jurisdictionSlug: 'us-va-prince-william',
		timeZone: 'America/New_York',
		website: 'https://www.pwcva.gov/department/board-county-supervisors',
		meetingPlace: 'McCoart Administration Building, 1 County Complex Ct, Woodbridge, VA',
		rules: {
			speakingMinutes: 3,
			representativeMinutes: null,
			signupMethods: ['in_person'],
			signupHow: 'Sign up at the meeting before the public hearing item is called',
			signupClosesHoursBefore: 0,
			commentChannels: 'Email the Clerk to the Board; comments are added to the record',
			minimumMinutesPerSide: null,
			appealDays: 30,
			appealDayCount: 'calendar',
			noticeRule: 'va-15.2-2204',
			sourceUrl: 'https://www.pwcva.gov/department/board-county-supervisors',
		},
	},
	{
		slug: 'pima-county-board-of-supervisors',
		name: 'Pima County Board of Supervisors',
		kind: 'county_board',
		jurisdictionSlug: 'us-az-pima',
		timeZone: 'America/Phoenix',
		website: 'https://www.pima.gov/2133/Board-of-Supervisors',
		meetingPlace: 'Pima County Administration Building, 130 W Congress St, Tucson, AZ',
		rules: null,
	},
	{
		slug: 'saline-township-board',
		name: 'Saline Township Board',
		kind: 'township_board',
		jurisdictionSlug: 'us-mi-washtenaw',
		timeZone: 'America/Detroit',
		website: 'https://salinetownship.org/',
		meetingPlace: 'Saline Township Hall, 5731 Michigan Ave, Saline, MI',
		rules: null,
	},
	{
		slug: 'monroe-county-board-of-commissioners',
		name: 'Monroe County Board of Commissioners',
		kind: 'county_board',
		jurisdictionSlug: 'us-ga-monroe',
		timeZone: 'America/New_York',
		website: 'https://www.monroecountyga.gov/',
		meetingPlace: null,
		rules: {
			speakingMinutes: null,
			representativeMinutes: null,
			signupMethods: [],
			signupHow: null,
			signupClosesHoursBefore: null,
			commentChannels: null,
			// O.C.G.A. § 36-66-5(a): at least ten minutes per side at a zoning hearing.
			minimumMinutesPerSide: 10,
			appealDays: null,
			appealDayCount: null,
			// O.C.G.A. § 36-66-4: notice published 15 to 45 days before the hearing.
			noticeRule: 'ga-36-66-4',
			sourceUrl: 'https://law.justia.com/codes/georgia/title-36/chapter-66/',
		},
	},
]

// Each demo state's public-records clock, with its statute.
const recordsRules = [
	{
		state: 'VA',
		days: 5,
		count: 'business',
		statute: 'Va. Code § 2.2-3704(B)',
		notes: 'Five working days; the body may take seven more if it says so in writing.',
		url: 'https://law.lis.virginia.gov/vacode/title2.2/chapter37/section2.2-3704/',
	},
	{
		state: 'MI',
		days: 5,
		count: 'business',
		statute: 'MCL 15.235(2)',
		notes: 'Five business days; the body may extend by up to ten more business days once.',
		url: 'https://www.legislature.mi.gov/Laws/MCL?objectName=mcl-15-235',
	},
	{
		state: 'GA',
		days: 3,
		count: 'business',
		statute: 'O.C.G.A. § 50-18-71(b)(1)(A)',
		notes: 'Three business days to produce records, or to say when they will be ready.',
		url: 'https://law.justia.com/codes/georgia/title-50/chapter-18/article-4/section-50-18-71/',
	},
	{
		state: 'AZ',
		days: null,
		count: null,
		statute: 'A.R.S. § 39-121.01(D)(1)',
		notes: 'No fixed number of days: records must be provided promptly.',
		url: 'https://www.azleg.gov/ars/39/00121-01.htm',
	},
]

// A demo proceeding for each demo chapter's project, with upcoming clocks
// placed `inDays` after the seed runs at a local time in the body's zone.
const demoProceedings = [
	{
		slug: 'loudoun-amazon-campus-rezoning',
		projectSlug: 'loudoun-county-va-amazon-aws',
		bodySlug: 'loudoun-county-board-of-supervisors',
		chapterSlug: 'loudoun-residents-for-responsible-siting',
		kind: 'rezoning',
		title: 'Rezoning for the proposed Amazon campus',
		clocks: [
			{ kind: 'comment_deadline', inDays: 8, at: '17:00', label: null },
			{ kind: 'hearing', inDays: 9, at: '18:00', label: null },
			{ kind: 'vote', inDays: 23, at: '18:00', label: null },
		],
	},
	{
		slug: 'project-blue-water-agreement',
		projectSlug: 'project-blue-az',
		bodySlug: 'pima-county-board-of-supervisors',
		chapterSlug: 'tucson-water-watch',
		kind: 'other',
		title: 'Water service for Project Blue',
		clocks: [
			{ kind: 'comment_deadline', inDays: 11, at: '17:00', label: null },
			{ kind: 'hearing', inDays: 12, at: '09:00', label: null },
		],
	},
	{
		slug: 'saline-township-site-plan',
		projectSlug: 'stargate-the-barn-mi',
		bodySlug: 'saline-township-board',
		chapterSlug: 'saline-area-neighbors',
		kind: 'site_plan',
		title: 'Site plan review for the Saline Township campus',
		clocks: [{ kind: 'hearing', inDays: 16, at: '19:00', label: null }],
	},
]

async function seedWorkedExamples(client: ClientBase) {
	await client.query(
		`insert into public.bodies (slug, name, kind, jurisdiction_id, time_zone, website, meeting_place)
		select u.slug, u.name, u.kind::public.body_kind, j.id, u.time_zone, u.website, u.meeting_place
		from jsonb_to_recordset($1::jsonb) as u(slug text, name text, kind text, jurisdiction_slug text, time_zone text, website text, meeting_place text)
		join public.jurisdictions j on j.slug = u.jurisdiction_slug
		on conflict (slug) do update set name = excluded.name, kind = excluded.kind, jurisdiction_id = excluded.jurisdiction_id,
			time_zone = excluded.time_zone, website = excluded.website, meeting_place = excluded.meeting_place
		where (bodies.name, bodies.time_zone, bodies.website, bodies.meeting_place)
			is distinct from (excluded.name, excluded.time_zone, excluded.website, excluded.meeting_place)`,
		[
			JSON.stringify(
				bodies.map((body) => ({
					slug: body.slug,
					name: body.name,
					kind: body.kind,
					jurisdiction_slug: body.jurisdictionSlug,
					time_zone: body.timeZone,
					website: body.website,
					meeting_place: body.meetingPlace,
				})),
			),
		],
	)
	const withRules = bodies.flatMap((body) => (body.rules ? [{ slug: body.slug, ...body.rules }] : []))
	await client.query(
		`insert into public.body_rules (body_id, speaking_minutes, representative_minutes, signup_methods, signup_how,
			signup_closes_hours_before, comment_channels, minimum_minutes_per_side, appeal_days, appeal_day_count, notice_rule, source_url, checked_on)
		select b.id, u."speakingMinutes", u."representativeMinutes", u."signupMethods", u."signupHow", u."signupClosesHoursBefore",
			u."commentChannels", u."minimumMinutesPerSide", u."appealDays", u."appealDayCount", u."noticeRule", u."sourceUrl", date '2026-12-01'
		from jsonb_to_recordset($1::jsonb) as u(slug text, "speakingMinutes" numeric, "representativeMinutes" numeric, "signupMethods" text[],
			"signupHow" text, "signupClosesHoursBefore" numeric, "commentChannels" text, "minimumMinutesPerSide" integer, "appealDays" integer,
			"appealDayCount" text, "noticeRule" text, "sourceUrl" text)
		join public.bodies b on b.slug = u.slug
		on conflict (body_id) do update set speaking_minutes = excluded.speaking_minutes, representative_minutes = excluded.representative_minutes,
			signup_methods = excluded.signup_methods, signup_how = excluded.signup_how, signup_closes_hours_before = excluded.signup_closes_hours_before,
			comment_channels = excluded.comment_channels, minimum_minutes_per_side = excluded.minimum_minutes_per_side,
			appeal_days = excluded.appeal_days, appeal_day_count = excluded.appeal_day_count, notice_rule = excluded.notice_rule,
			source_url = excluded.source_url`,
		[JSON.stringify(withRules)],
	)
	await client.query(
		`insert into public.records_request_rules (state_id, response_days, day_count, statute, notes, source_url)
		select s.id, u.days, u.count, u.statute, u.notes, u.url
		from jsonb_to_recordset($1::jsonb) as u(state text, days integer, count text, statute text, notes text, url text)
		join public.jurisdictions s on s.kind = 'state' and s.country_code = 'US' and s.abbreviation = u.state
		on conflict (state_id) do update set response_days = excluded.response_days, day_count = excluded.day_count,
			statute = excluded.statute, notes = excluded.notes, source_url = excluded.source_url`,
		[JSON.stringify(recordsRules)],
	)
	const { rowCount: proceedings } = await client.query(
		`insert into public.proceedings (slug, project_id, body_id, kind, title, stage, created_by)
		select u.slug, p.id, b.id, u.kind::public.proceeding_kind, u.title, 'hearing_scheduled', $2::uuid
		from jsonb_to_recordset($1::jsonb) as u(slug text, "projectSlug" text, "bodySlug" text, kind text, title text)
		join public.projects p on p.slug = u."projectSlug"
		join public.bodies b on b.slug = u."bodySlug"
		on conflict (slug) do update set project_id = excluded.project_id, body_id = excluded.body_id, title = excluded.title
		where (proceedings.project_id, proceedings.body_id, proceedings.title) is distinct from (excluded.project_id, excluded.body_id, excluded.title)`,
		[JSON.stringify(demoProceedings), people.priya.id],
	)
	// Demo clocks move forward with each run, as demo events do; one per kind per proceeding.
	const clocks = demoProceedings.flatMap((proceeding) => proceeding.clocks.map((clock) => ({ slug: proceeding.slug, ...clock })))
	await client.query(
		`with wanted as (
			select pr.id as proceeding_id, u.kind::public.clock_kind as kind, u.label,
				((((now() at time zone b.time_zone)::date + u."inDays") + u.at::time) at time zone b.time_zone) as due_at,
				b.meeting_place
			from jsonb_to_recordset($1::jsonb) as u(slug text, kind text, "inDays" integer, at text, label text)
			join public.proceedings pr on pr.slug = u.slug
			join public.bodies b on b.id = pr.body_id
		),
		moved as (
			update public.proceeding_clocks k set due_at = w.due_at
			from wanted w where k.proceeding_id = w.proceeding_id and k.kind = w.kind and k.due_at < now() and w.due_at > now()
			returning k.id
		)
		insert into public.proceeding_clocks (proceeding_id, kind, label, due_at, place)
		select w.proceeding_id, w.kind, w.label, w.due_at, case when w.kind = 'hearing' then w.meeting_place end from wanted w
		where not exists (select from public.proceeding_clocks k where k.proceeding_id = w.proceeding_id and k.kind = w.kind)`,
		[JSON.stringify(clocks)],
	)
	await client.query(
		`insert into public.project_chapters (project_id, chapter_id, added_by)
		select p.id, c.id, $2::uuid
		from jsonb_to_recordset($1::jsonb) as u("projectSlug" text, "chapterSlug" text)
		join public.projects p on p.slug = u."projectSlug"
		join public.chapters c on c.slug = u."chapterSlug"
		on conflict do nothing`,
		[JSON.stringify(demoProceedings), people.priya.id],
	)
	// The Loudoun hearing the demo chapter already turns people out to is this proceeding's hearing.
	await client.query(
		`update public.events e set project_id = p.id, proceeding_id = pr.id
		from public.proceedings pr join public.projects p on p.id = pr.project_id
		where pr.slug = 'loudoun-amazon-campus-rezoning' and e.id = '5eed0e00-0000-4000-8000-000000000001'
			and e.proceeding_id is distinct from pr.id`,
	)
	return { bodies: bodies.length, demoProceedings: proceedings ?? 0 }
}
