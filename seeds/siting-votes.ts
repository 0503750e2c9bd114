import type { ClientBase } from 'pg'

// Members of the demo bodies and their recorded votes on the projects'
// decisions, only as a stored public page states them, each with that page's
// address (docs/decisions/050, 062). A member a page names without their
// position gets no position: "not recorded" is better than a guess. Loaded
// idempotently on the officials' slugs, the proceedings' slugs and each
// vote's proceeding and date. What no stored page stated (the current Loudoun
// board, the Tucson council's and Pima County's members and votes on Project
// Blue) is left out.

const INSIDENOVA_CPA =
	'https://www.insidenova.com/headlines/after-historic-14-hour-meeting-supervisors-approve-pw-digital-gateway-plan/article_f88f6518-5ab5-11ed-be16-c7ae6694aa4c.html'
const WTOP_RESOLUTION =
	'https://wtop.com/prince-william-county/2023/07/prince-william-co-supervisors-kill-measure-that-could-have-delayed-digital-gateway-vote/'
const PWC_AGENDA_2024 = 'https://granicus_production_attachments.s3.amazonaws.com/pwcgov/463b4e053156d0289a6d9139f70e336b0.html'
const SUNTIMES_TABLED =
	'https://thesuntimesnews.com/saline-township-board-delays-related-digital-data-center-rezoning-decision-to-september/'
const SUNTIMES_DENIED = 'https://thesuntimesnews.com/saline-township-board-denies-rezoning-request-for-data-center/'

type SeedOfficial = {
	slug: string
	bodySlug: string
	name: string
	title: string | null
	district: string | null
	termEndsOn: string | null
	sourceUrl: string
}

const PWC = 'prince-william-county-board-of-county-supervisors'
const SALINE = 'saline-township-board'

const officials: SeedOfficial[] = [
	// Named with their districts in the 2022 and 2023 reports; Wheeler's and Lawson's terms ended on 31 December 2023
	// (DC News Now, https://www.dcnewsnow.com/news/local-news/virginia/prince-william-county/prince-william-county-board-to-vote-on-resolution-that-would-pause-public-hearings-on-land-use-controversial-data-centers/ :
	// the outgoing members' terms expire then; the May 2024 agenda lists the board without them).
	{
		slug: 'pwc-ann-wheeler',
		bodySlug: PWC,
		name: 'Ann Wheeler',
		title: 'Chair',
		district: 'At-Large',
		termEndsOn: '2023-12-31',
		sourceUrl: INSIDENOVA_CPA,
	},
	{
		slug: 'pwc-jeanine-lawson',
		bodySlug: PWC,
		name: 'Jeanine Lawson',
		title: 'Supervisor',
		district: 'Brentsville',
		termEndsOn: '2023-12-31',
		sourceUrl: INSIDENOVA_CPA,
	},
	{
		slug: 'pwc-kenny-boddye',
		bodySlug: PWC,
		name: 'Kenny A. Boddye',
		title: 'Supervisor',
		district: 'Occoquan',
		termEndsOn: null,
		sourceUrl: INSIDENOVA_CPA,
	},
	{
		slug: 'pwc-andrea-bailey',
		bodySlug: PWC,
		name: 'Andrea O. Bailey',
		title: 'Supervisor',
		district: 'Potomac',
		termEndsOn: null,
		sourceUrl: INSIDENOVA_CPA,
	},
	{
		slug: 'pwc-margaret-franklin',
		bodySlug: PWC,
		name: 'Margaret Angela Franklin',
		title: 'Supervisor',
		district: 'Woodbridge',
		termEndsOn: null,
		sourceUrl: INSIDENOVA_CPA,
	},
	{
		slug: 'pwc-yesli-vega',
		bodySlug: PWC,
		name: 'Yesli Vega',
		title: 'Supervisor',
		district: 'Coles',
		termEndsOn: null,
		sourceUrl: INSIDENOVA_CPA,
	},
	{
		slug: 'pwc-pete-candland',
		bodySlug: PWC,
		name: 'Pete Candland',
		title: 'Supervisor',
		district: 'Gainesville',
		termEndsOn: null,
		sourceUrl: INSIDENOVA_CPA,
	},
	{
		slug: 'pwc-victor-angry',
		bodySlug: PWC,
		name: 'Victor S. Angry',
		title: 'Supervisor',
		district: 'Neabsco',
		termEndsOn: null,
		sourceUrl: WTOP_RESOLUTION,
	},
	{
		slug: 'pwc-bob-weir',
		bodySlug: PWC,
		name: 'Bob Weir',
		title: 'Supervisor',
		district: 'Gainesville',
		termEndsOn: null,
		sourceUrl: WTOP_RESOLUTION,
	},
	{
		slug: 'pwc-deshundra-jefferson',
		bodySlug: PWC,
		name: 'Deshundra Jefferson',
		title: 'Chair',
		district: null,
		termEndsOn: null,
		sourceUrl: PWC_AGENDA_2024,
	},
	{
		slug: 'pwc-tom-gordy',
		bodySlug: PWC,
		name: 'Tom Gordy',
		title: 'Supervisor',
		district: null,
		termEndsOn: null,
		sourceUrl: PWC_AGENDA_2024,
	},
	{
		slug: 'saline-jim-marion',
		bodySlug: SALINE,
		name: 'Jim Marion',
		title: 'Supervisor',
		district: null,
		termEndsOn: null,
		sourceUrl: SUNTIMES_TABLED,
	},
	{
		slug: 'saline-jennifer-zink',
		bodySlug: SALINE,
		name: 'Jennifer Zink',
		title: 'Treasurer',
		district: null,
		termEndsOn: null,
		sourceUrl: SUNTIMES_TABLED,
	},
	{
		slug: 'saline-dean-marion',
		bodySlug: SALINE,
		name: 'Dean Marion',
		title: 'Trustee',
		district: null,
		termEndsOn: null,
		sourceUrl: SUNTIMES_TABLED,
	},
	{
		slug: 'saline-kelly-marion',
		bodySlug: SALINE,
		name: 'Kelly Marion',
		title: 'Clerk',
		district: null,
		termEndsOn: null,
		sourceUrl: SUNTIMES_DENIED,
	},
]

// The decisions those votes were on, before the body that made them.
const proceedings = [
	{
		slug: 'digital-gateway-comprehensive-plan-amendment',
		projectSlug: 'digital-gateway-va',
		bodySlug: PWC,
		kind: 'other',
		title: 'Comprehensive Plan amendment creating the PW Digital Gateway',
		outcome: 'Approved 5–2',
		decidedOn: '2022-11-02',
		sourceUrl: INSIDENOVA_CPA,
	},
	{
		slug: 'digital-gateway-lame-duck-hearings-resolution',
		projectSlug: 'digital-gateway-va',
		bodySlug: PWC,
		kind: 'moratorium',
		title: 'Resolution to hold no land-use hearings between the 2023 election and 31 December (would have delayed the Digital Gateway)',
		outcome: 'Failed 3–5',
		decidedOn: '2023-07-11',
		sourceUrl: WTOP_RESOLUTION,
	},
	{
		slug: 'saline-township-related-digital-rezoning',
		projectSlug: 'stargate-the-barn-mi',
		bodySlug: SALINE,
		kind: 'rezoning',
		title: 'Conditional rezoning of 525 acres from agricultural to industrial for Related Digital',
		outcome: 'Denied 4–1',
		decidedOn: '2025-09-10',
		sourceUrl: SUNTIMES_DENIED,
	},
]

type Position = 'yes' | 'no' | 'abstain' | 'absent'

const votes: Array<{
	proceedingSlug: string
	heldOn: string
	motion: string
	result: string
	sourceUrl: string
	positions: Record<string, Position>
}> = [
	{
		// "Supervisors Ann Wheeler (At-Large), Kenny Boddye (Occoquan), Andrea Bailey (Potomac) and Margaret Franklin
		// (Woodbridge) voted in favor … Yesli Vega (Coles) and Jeanine Lawson (Brentsville) voted against it";
		// Candland "was barred from voting", his absence announced. The fifth vote in favour is not named: not recorded.
		proceedingSlug: 'digital-gateway-comprehensive-plan-amendment',
		heldOn: '2022-11-02',
		motion: 'Amend the Comprehensive Plan to create the PW Digital Gateway',
		result: 'Approved 5–2',
		sourceUrl: INSIDENOVA_CPA,
		positions: {
			'pwc-ann-wheeler': 'yes',
			'pwc-kenny-boddye': 'yes',
			'pwc-andrea-bailey': 'yes',
			'pwc-margaret-franklin': 'yes',
			'pwc-yesli-vega': 'no',
			'pwc-jeanine-lawson': 'no',
			'pwc-pete-candland': 'absent',
		},
	},
	{
		// "Democrats Wheeler, Neabsco Supervisor Victor Angry, Occoquan Supervisor Kenny Boddye, Potomac Supervisor Andrea
		// Bailey and Woodbridge Supervisor Margaret Franklin, voted against the measure. Republicans Lawson, Gainesville
		// Supervisor Bob Weir and Coles Supervisor Yesli Vega voted in favor."
		proceedingSlug: 'digital-gateway-lame-duck-hearings-resolution',
		heldOn: '2023-07-11',
		motion: 'Hold no public hearings on land-use proposals between the 7 November 2023 election and 31 December',
		result: 'Failed 3–5',
		sourceUrl: WTOP_RESOLUTION,
		positions: {
			'pwc-ann-wheeler': 'no',
			'pwc-victor-angry': 'no',
			'pwc-kenny-boddye': 'no',
			'pwc-andrea-bailey': 'no',
			'pwc-margaret-franklin': 'no',
			'pwc-jeanine-lawson': 'yes',
			'pwc-bob-weir': 'yes',
			'pwc-yesli-vega': 'yes',
		},
	},
	{
		// "Treasurer Jen Zink made a motion to deny … In a 4-1 vote, the board voted to deny … Township clerk Kelly Marion
		// cast the lone dissenting vote." The page does not say how the other members voted one by one: not recorded.
		proceedingSlug: 'saline-township-related-digital-rezoning',
		heldOn: '2025-09-10',
		motion: 'Deny the conditional rezoning proposed by RD Michigan Property Owner I LLC, as the Planning Commission recommended',
		result: 'Denied 4–1',
		sourceUrl: SUNTIMES_DENIED,
		positions: { 'saline-jennifer-zink': 'yes', 'saline-kelly-marion': 'no' },
	},
]

export async function seedSitingVotes(client: ClientBase) {
	const { rowCount: members } = await client.query(
		`insert into public.officials (slug, body_id, name, title, district, term_ends_on, source_url)
		select u.slug, b.id, u.name, u.title, u.district, u."termEndsOn", u."sourceUrl"
		from jsonb_to_recordset($1::jsonb) as u(slug text, "bodySlug" text, name text, title text, district text, "termEndsOn" date, "sourceUrl" text)
		join public.bodies b on b.slug = u."bodySlug"
		on conflict (slug) do update set name = excluded.name, title = excluded.title, district = excluded.district,
			term_ends_on = excluded.term_ends_on, source_url = excluded.source_url
		where (officials.name, officials.title, officials.district, officials.term_ends_on, officials.source_url)
			is distinct from (excluded.name, excluded.title, excluded.district, excluded.term_ends_on, excluded.source_url)`,
		[JSON.stringify(officials)],
	)
	await client.query(
		`insert into public.proceedings (slug, project_id, body_id, kind, title, stage, outcome, decided_on, source_url, decision_source_url)
		select u.slug, p.id, b.id, u.kind::public.proceeding_kind, u.title, 'decided', u.outcome, u."decidedOn", u."sourceUrl", u."sourceUrl"
		from jsonb_to_recordset($1::jsonb) as u(slug text, "projectSlug" text, "bodySlug" text, kind text, title text, outcome text,
			"decidedOn" date, "sourceUrl" text)
		join public.projects p on p.slug = u."projectSlug"
		join public.bodies b on b.slug = u."bodySlug"
		on conflict (slug) do update set title = excluded.title, outcome = excluded.outcome, source_url = excluded.source_url,
			decision_source_url = excluded.decision_source_url
		where (proceedings.title, proceedings.outcome, proceedings.source_url, proceedings.decision_source_url)
			is distinct from (excluded.title, excluded.outcome, excluded.source_url, excluded.decision_source_url)`,
		[JSON.stringify(proceedings)],
	)
	// A vote is one per proceeding and day here; its positions are replaced by what the page says.
	await client.query(
		`with wanted as (
			select pr.id as proceeding_id, u."heldOn" as held_on, u.motion, u.result, u."sourceUrl" as source_url
			from jsonb_to_recordset($1::jsonb) as u("proceedingSlug" text, "heldOn" date, motion text, result text, "sourceUrl" text)
			join public.proceedings pr on pr.slug = u."proceedingSlug"
		),
		updated as (
			update public.proceeding_votes v set motion = w.motion, result = w.result, source_url = w.source_url
			from wanted w where v.proceeding_id = w.proceeding_id and v.held_on = w.held_on
				and (v.motion, v.result, v.source_url) is distinct from (w.motion, w.result, w.source_url)
			returning v.id
		)
		insert into public.proceeding_votes (proceeding_id, held_on, motion, result, source_url)
		select w.proceeding_id, w.held_on, w.motion, w.result, w.source_url from wanted w
		where not exists (select from public.proceeding_votes v where v.proceeding_id = w.proceeding_id and v.held_on = w.held_on)`,
		[JSON.stringify(votes)],
	)
	const positions = votes.flatMap((vote) =>
		Object.entries(vote.positions).map(([official, position]) => ({
			proceeding: vote.proceedingSlug,
			heldOn: vote.heldOn,
			official,
			position,
		})),
	)
	await client.query(
		`insert into public.official_votes (vote_id, official_id, position)
		select v.id, o.id, u.position::public.vote_position
		from jsonb_to_recordset($1::jsonb) as u(proceeding text, "heldOn" date, official text, position text)
		join public.proceedings pr on pr.slug = u.proceeding
		join public.proceeding_votes v on v.proceeding_id = pr.id and v.held_on = u."heldOn"
		join public.officials o on o.slug = u.official
		on conflict (vote_id, official_id) do update set position = excluded.position
			where official_votes.position is distinct from excluded.position`,
		[JSON.stringify(positions)],
	)
	return { officials: members ?? 0, votes: votes.length }
}
