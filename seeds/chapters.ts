import type { ClientBase } from 'pg'
import { people } from './people'

/** The attribution the tracker's licence (CC BY 4.0) asks for wherever its facts are shown. */
export const FIGHTS_CREDIT = 'Data Center Opposition Tracker (datacentertracker.org), CC BY 4.0'

const source = `\n\nSource: ${FIGHTS_CREDIT}`

export type DemoChapter = {
	slug: string
	name: string
	description: string
	jurisdictionSlug: string
	visibility: 'public' | 'private'
	createdBy: string
}

export type DemoMembership = {
	chapterSlug: string
	userId: string
	role: 'organizer' | 'member'
	status: 'active' | 'pending' | 'invited'
}

// The groups are made up; the places, projects and decisions they mention are
// real and come from shared/data/datacenter-fights (record ids in brackets):
// loudoun-county-va-amazon-gw-campus-2026-03, loudoun-county-va-golden-to-mars-transmission-2026-06-29,
// prince-william-va-digital-gateway-void-2025-08, prince-william-county-va-moratorium-2026-02,
// prince-william-county-va-decommissioning-policy-2026-06-23, tucson-az-project-blue-water-cutoff-2026-05-04,
// tucson-az-project-blue-adwr-wells-2026-05-28, tucson-az-zoning-2026-02, monroe-county-ga-2025-12-01,
// forsyth-monroe-county-ga-2026-02-03, saline-township-board-rezoning-denial-mi-2025-09-10,
// saline-township-consent-judgment-mi-2025-10-15, dte-saline-data-center-mpsc-filing-mi-2025-10-31.
export const demoChapters: DemoChapter[] = [
	{
		slug: 'loudoun-residents-for-responsible-siting',
		name: 'Loudoun Residents for Responsible Siting',
		description:
			'We are Loudoun County neighbors who follow data-center and power-line cases before the Board of Supervisors and the State Corporation Commission. ' +
			'Right now we are reading the plans for a proposed 122-acre Amazon campus and helping people send written comments before the record closes. ' +
			'We also keep plain notes on the Golden-to-Mars transmission line, whose route the State Corporation Commission approved in June 2026.' +
			source,
		jurisdictionSlug: 'us-va-loudoun',
		visibility: 'public',
		createdBy: people.priya.id,
	},
	{
		slug: 'prince-william-neighbors',
		name: 'Prince William Neighbors for Open Land',
		description:
			'Neighbors across Prince William County who want new data centers kept to the areas the comprehensive plan set aside for them. ' +
			'After a court voided the Digital Gateway rezoning, we are following the county’s proposed pause on new data-center zoning and its draft rules for what happens when a data center closes. ' +
			'We explain each hearing in plain language and help people sign up to speak.' +
			source,
		jurisdictionSlug: 'us-va-prince-william',
		visibility: 'public',
		createdBy: people.priya.id,
	},
	{
		slug: 'leesburg-parents-for-clean-air',
		name: 'Leesburg Parents for Clean Air',
		description:
			'A small group of Leesburg parents looking at the backup diesel generators at data centers near our schools: how many there are, what kind of engines they use, and when they are tested. ' +
			'We compare state air permits with school calendars and ask for air monitoring. ' +
			'Membership is by request so that parents can speak freely about their children’s schools.',
		jurisdictionSlug: 'us-va-leesburg',
		visibility: 'private',
		createdBy: people.priya.id,
	},
	{
		slug: 'tucson-water-watch',
		name: 'Tucson Water Watch',
		description:
			'Tucson residents keeping track of how much water and power proposed data centers would use. ' +
			'In May 2026 the city took back a water meter used by a contractor for Project Blue, and later that month the state Department of Water Resources approved wells for the project. ' +
			'We explain each step and help neighbors comment as the city council considers zoning rules for data centers.' +
			source,
		jurisdictionSlug: 'us-az-tucson',
		visibility: 'public',
		createdBy: people.priya.id,
	},
	{
		slug: 'monroe-county-land-and-water',
		name: 'Monroe County Land and Water',
		description:
			'We started meeting after the county’s first hearing on the Bolingbroke Technology Campus, a proposal of about 1,100 megawatts on 900 acres; the county commission later passed a moratorium. ' +
			'Now we are following the Forsyth Technology Campus, approved by the Forsyth city council in February 2026, with reported water use of 1.5 million gallons a day. ' +
			'We meet once a month and help neighbors write comments about water, traffic and farmland.' +
			source,
		jurisdictionSlug: 'us-ga-monroe',
		visibility: 'public',
		createdBy: people.marcus.id,
	},
	{
		slug: 'saline-area-neighbors',
		name: 'Saline Area Neighbors',
		description:
			'Neighbors in and around Saline Township following the data center planned there for Oracle and OpenAI, about 1,400 megawatts on 575 acres. ' +
			'The township board denied the rezoning in September 2025, then settled the developer’s lawsuit with a consent judgment that October. ' +
			'We follow the Michigan Public Service Commission case on DTE Energy’s contracts to power the site and help residents take part in its hearings.' +
			source,
		jurisdictionSlug: 'us-mi-washtenaw',
		visibility: 'public',
		createdBy: people.ruth.id,
	},
]

const chapterSlug = {
	loudoun: 'loudoun-residents-for-responsible-siting',
	princeWilliam: 'prince-william-neighbors',
	leesburg: 'leesburg-parents-for-clean-air',
	tucson: 'tucson-water-watch',
	monroe: 'monroe-county-land-and-water',
	saline: 'saline-area-neighbors',
}

export const demoMemberships: DemoMembership[] = [
	// Creators, as the chapters_add_creator_as_organizer trigger records them.
	...demoChapters.map((chapter): DemoMembership => ({
		chapterSlug: chapter.slug,
		userId: chapter.createdBy,
		role: 'organizer',
		status: 'active',
	})),
	{ chapterSlug: chapterSlug.monroe, userId: people.dana.id, role: 'member', status: 'active' },
	{ chapterSlug: chapterSlug.loudoun, userId: people.grace.id, role: 'member', status: 'active' },
	{ chapterSlug: chapterSlug.loudoun, userId: people.tom.id, role: 'member', status: 'active' },
	{ chapterSlug: chapterSlug.loudoun, userId: people.evelyn.id, role: 'member', status: 'invited' },
	{ chapterSlug: chapterSlug.princeWilliam, userId: people.evelyn.id, role: 'member', status: 'active' },
	{ chapterSlug: chapterSlug.princeWilliam, userId: people.tom.id, role: 'member', status: 'active' },
	{ chapterSlug: chapterSlug.leesburg, userId: people.grace.id, role: 'member', status: 'active' },
	{ chapterSlug: chapterSlug.leesburg, userId: people.tom.id, role: 'member', status: 'pending' },
	{ chapterSlug: chapterSlug.tucson, userId: people.luis.id, role: 'member', status: 'active' },
	{ chapterSlug: chapterSlug.saline, userId: people.ben.id, role: 'member', status: 'active' },
]

export async function seedChapters(client: ClientBase): Promise<{ chapters: number; memberships: number }> {
	// created_by makes the creator an organizer through the insert trigger; an
	// existing chapter is only updated, so the trigger does not run twice. As
	// elsewhere, rows that already match are skipped so that they are not locked.
	await client.query(
		`insert into public.chapters (slug, name, description, jurisdiction_id, visibility, created_by)
		select u.slug, u.name, u.description, j.id, u.visibility::public.chapter_visibility, u.created_by
		from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[])
			as u(slug, name, description, jurisdiction_slug, visibility, created_by)
		join public.jurisdictions j on j.slug = u.jurisdiction_slug
		where not exists (
			select from public.chapters x
			where x.slug = u.slug
				and (x.name, x.description, x.jurisdiction_id, x.visibility::text, x.created_by)
				is not distinct from (u.name, u.description, j.id, u.visibility, u.created_by)
		)
		on conflict (slug) do update set
			name = excluded.name, description = excluded.description, jurisdiction_id = excluded.jurisdiction_id,
			visibility = excluded.visibility, created_by = excluded.created_by`,
		[
			demoChapters.map((chapter) => chapter.slug),
			demoChapters.map((chapter) => chapter.name),
			demoChapters.map((chapter) => chapter.description),
			demoChapters.map((chapter) => chapter.jurisdictionSlug),
			demoChapters.map((chapter) => chapter.visibility),
			demoChapters.map((chapter) => chapter.createdBy),
		],
	)
	const { rows } = await client.query<{ slug: string }>('select slug from public.chapters where slug = any($1::text[])', [
		demoChapters.map((chapter) => chapter.slug),
	])
	if (rows.length !== demoChapters.length) {
		const found = new Set(rows.map((row) => row.slug))
		const missing = demoChapters.filter((chapter) => !found.has(chapter.slug))
		throw new Error(`Chapters without a place: ${missing.map((chapter) => `${chapter.slug} (${chapter.jurisdictionSlug})`).join(', ')}`)
	}

	await client.query(
		`insert into public.memberships (chapter_id, user_id, role, status)
		select c.id, u.user_id, u.role::public.membership_role, u.status::public.membership_status
		from unnest($1::text[], $2::uuid[], $3::text[], $4::text[]) as u(chapter_slug, user_id, role, status)
		join public.chapters c on c.slug = u.chapter_slug
		where not exists (
			select from public.memberships x
			where x.chapter_id = c.id and x.user_id = u.user_id
				and x.role::text = u.role and x.status::text = u.status
		)
		on conflict (chapter_id, user_id) do update set role = excluded.role, status = excluded.status`,
		[
			demoMemberships.map((membership) => membership.chapterSlug),
			demoMemberships.map((membership) => membership.userId),
			demoMemberships.map((membership) => membership.role),
			demoMemberships.map((membership) => membership.status),
		],
	)
	return { chapters: demoChapters.length, memberships: demoMemberships.length }
}
