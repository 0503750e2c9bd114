import type { ClientBase } from 'pg'
import { people } from './people'

// Demo petitions in four states of their life (open, open with a deadline,
// delivered with a response, a draft), with a few hundred signatures spread
// over the places they concern, and one demo moderator. The petitions are
// made up; the places and cases they mention are the real ones the demo
// chapters follow (see chapters.ts).

export type DemoPetition = {
	slug: string
	chapterSlug: string
	createdBy: string
	title: string
	decisionMaker: string
	summary: string
	body: string
	goal: number
	status: 'draft' | 'published' | 'closed' | 'delivered'
	/** Days from the seed run; null for none. */
	deadlineInDays: number | null
	publishedDaysAgo: number
	delivery?: { deliveredDaysAgo: number; method: string; response: string; respondedDaysAgo: number }
	signatures: { count: number; stateAbbreviation: string; countyFips: string[]; confirmedShare: number }
	updates: Array<{ title: string; body: string; daysAgo: number }>
}

export const demoPetitions: DemoPetition[] = [
	{
		slug: 'pause-data-center-zoning-prince-william',
		chapterSlug: 'prince-william-neighbors',
		createdBy: people.priya.id,
		title: 'Pause new data-center zoning in Prince William County until the water study is done',
		decisionMaker: 'Prince William County Board of County Supervisors',
		summary:
			'Adopt the proposed pause on new data-center rezonings until the county finishes its study of water use and sets rules for what happens when a data center closes.',
		body: [
			'After a court voided the Digital Gateway rezoning, the Board is considering a **pause on new data-center zoning**. We ask the Board to adopt it and keep it in place until:',
			'',
			'- the county’s study of water use by data centers is finished and published;',
			'- the decommissioning rules (what happens to a closed data center and its substation) are adopted;',
			'- residents have had a public hearing on both.',
			'',
			'Data centers already approved can go ahead. This is about the next ones, and about deciding with the facts in hand.',
			'',
			'Sources: [Data Center Opposition Tracker](https://datacentertracker.org) (CC BY 4.0).',
		].join('\n'),
		goal: 1000,
		status: 'published',
		deadlineInDays: 24,
		publishedDaysAgo: 20,
		signatures: {
			count: 640,
			stateAbbreviation: 'VA',
			countyFips: ['51153', '51153', '51153', '51107', '51059', '51683', '51685'],
			confirmedShare: 0.92,
		},
		updates: [
			{
				title: 'The hearing is on the Board’s agenda',
				body: 'The Board will take public comment on the pause at its next evening meeting. Sign up to speak on the county website, and bring a neighbour.',
				daysAgo: 6,
			},
		],
	},
	{
		slug: 'public-hearing-before-monroe-county-wells',
		chapterSlug: 'monroe-county-land-and-water',
		createdBy: people.marcus.id,
		title: 'No new wells for data centers in Monroe County without a public hearing',
		decisionMaker: 'Monroe County Board of Commissioners',
		summary:
			'Require a public hearing and a published water study before any well or water contract for a data center in Monroe County is approved.',
		body: [
			'The Forsyth Technology Campus is reported to need **1.5 million gallons of water a day**. Most of us are on wells.',
			'',
			'We ask the Commissioners to require, before any approval:',
			'',
			'1. a public hearing with at least 30 days’ notice;',
			'2. a water study published in full, with the effect on nearby wells;',
			'3. a plan for monitoring wells within two miles of the site.',
		].join('\n'),
		goal: 500,
		status: 'published',
		deadlineInDays: null,
		publishedDaysAgo: 9,
		signatures: { count: 130, stateAbbreviation: 'GA', countyFips: ['13207', '13207', '13207', '13021', '13171'], confirmedShare: 0.85 },
		updates: [],
	},
	{
		slug: 'mpsc-hearing-in-saline',
		chapterSlug: 'saline-area-neighbors',
		createdBy: people.ruth.id,
		title: 'Hold a public hearing in Saline on DTE’s data-center power contracts',
		decisionMaker: 'Michigan Public Service Commission',
		summary:
			'Hold an evening public hearing in Saline Township on DTE Energy’s contracts to power the planned data center, so the people who live next to it can be heard.',
		body: 'The Commission is reviewing DTE Energy’s contracts to supply about 1,400 megawatts to the planned data center. Its hearings are in Lansing, in working hours. We ask for one evening hearing here.',
		goal: 300,
		status: 'delivered',
		deadlineInDays: -12,
		publishedDaysAgo: 40,
		delivery: {
			deliveredDaysAgo: 10,
			method:
				'Emailed to the Commission’s executive secretary as a public comment in the DTE case, with the printed list handed in at the Commission’s offices.',
			response:
				'The Commission’s staff wrote that the comments were filed in the case record and that the Commission will consider a local public hearing when it sets the schedule.',
			respondedDaysAgo: 4,
		},
		signatures: { count: 260, stateAbbreviation: 'MI', countyFips: ['26161', '26161', '26161', '26115', '26091'], confirmedShare: 0.95 },
		updates: [{ title: 'We delivered your signatures', body: 'Thank you. The petition is now part of the case record.', daysAgo: 10 }],
	},
	{
		slug: 'tier-4-generators-near-loudoun-schools',
		chapterSlug: 'loudoun-residents-for-responsible-siting',
		createdBy: people.priya.id,
		title: 'Require cleaner backup generators near Loudoun schools',
		decisionMaker: 'Loudoun County Board of Supervisors',
		summary:
			'Require EPA Tier 4 engines, or equivalent controls, for data-center backup generators within a mile of a school, and no testing in school hours.',
		body: 'Draft: add the permit numbers and the school list before publishing.',
		goal: 800,
		status: 'draft',
		deadlineInDays: null,
		publishedDaysAgo: 0,
		signatures: { count: 0, stateAbbreviation: 'VA', countyFips: [], confirmedShare: 0 },
		updates: [],
	},
]

const FIRST = [
	'Ana',
	'Ben',
	'Carla',
	'Darnell',
	'Elena',
	'Frank',
	'Grace',
	'Hector',
	'Imani',
	'Jamal',
	'Kim',
	'Luis',
	'Maria',
	'Nate',
	'Olivia',
	'Pedro',
	'Quinn',
	'Rosa',
	'Sam',
	'Tanya',
	'Uma',
	'Victor',
	'Wendy',
	'Xavier',
	'Yara',
	'Zoe',
]
const LAST = [
	'Adams',
	'Brooks',
	'Chen',
	'Diaz',
	'Evans',
	'Foster',
	'Garcia',
	'Hughes',
	'Ito',
	'Johnson',
	'Kowalski',
	'Lopez',
	'Miller',
	'Nguyen',
	'Okafor',
	'Patel',
	'Reyes',
	'Smith',
	'Turner',
	'Walker',
]

/** A small deterministic generator, so every run makes the same demo signers. */
function random(seed: number) {
	let state = seed >>> 0
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0
		return state / 2 ** 32
	}
}

export async function seedPetitions(client: ClientBase): Promise<{ petitions: number; signatures: number; moderators: number }> {
	// Priya runs a coalition instance: she is also its moderator.
	await client.query(`insert into public.site_roles (user_id, role) values ($1, 'moderator') on conflict do nothing`, [people.priya.id])

	let signatures = 0
	for (const [index, demo] of demoPetitions.entries()) {
		const { rows } = await client.query<{ id: string }>(
			`insert into public.petitions as p (slug, title, decision_maker, summary, body, signature_goal, chapter_id, created_by, created_at)
			select $1, $2, $3, $4, $5, $6, c.id, $8, now() - make_interval(days => $9)
			from public.chapters c where c.slug = $7
			on conflict (slug) do update set
				title = excluded.title, decision_maker = excluded.decision_maker, summary = excluded.summary,
				body = excluded.body, signature_goal = excluded.signature_goal
			where (p.title, p.decision_maker, p.summary, p.body, p.signature_goal)
				is distinct from (excluded.title, excluded.decision_maker, excluded.summary, excluded.body, excluded.signature_goal)
			returning p.id`,
			[
				demo.slug,
				demo.title,
				demo.decisionMaker,
				demo.summary,
				demo.body,
				demo.goal,
				demo.chapterSlug,
				demo.createdBy,
				demo.publishedDaysAgo + 2,
			],
		)
		const id =
			rows[0]?.id ?? (await client.query<{ id: string }>('select id from public.petitions where slug = $1', [demo.slug])).rows[0]?.id
		if (!id) throw new Error(`Petition ${demo.slug} has no chapter ${demo.chapterSlug}`)

		// The lifecycle moves forward only; a re-run finds it already there.
		const { rows: current } = await client.query<{ status: string }>('select status from public.petitions where id = $1', [id])
		if (current[0]?.status === 'draft' && demo.status !== 'draft') {
			await client.query(
				`update public.petitions set status = 'published', published_at = now() - make_interval(days => $2),
					deadline = case when $3::int is null then null else date_trunc('day', now()) + make_interval(days => $3::int) + interval '23 hours 59 minutes' end
				where id = $1`,
				[id, demo.publishedDaysAgo, demo.deadlineInDays],
			)
		}

		const rng = random(1000 + index)
		const zips = demo.signatures.countyFips.length
			? (
					await client.query<{ postal_code: string; fips: string }>(
						`select p.postal_code, c.fips_code as fips from public.postal_codes p
						join public.jurisdictions c on c.id = p.county_id
						where p.country_code = 'US' and c.fips_code = any($1::text[]) order by p.postal_code`,
						[[...new Set(demo.signatures.countyFips)]],
					)
				).rows
			: []
		const byCounty = new Map<string, string[]>()
		for (const zip of zips) byCounty.set(zip.fips, [...(byCounty.get(zip.fips) ?? []), zip.postal_code])
		const names: string[] = []
		const emails: string[] = []
		const postalCodes: string[] = []
		const statuses: string[] = []
		const createdAt: string[] = []
		const showNames: boolean[] = []
		const wantsUpdates: boolean[] = []
		const comments: string[] = []
		const now = Date.now()
		// Signatures arrive between publication and the deadline (or today).
		const quietDays = Math.max(0, -(demo.deadlineInDays ?? 0))
		const spanDays = Math.max(1, demo.publishedDaysAgo - quietDays)
		for (let n = 0; n < demo.signatures.count; n++) {
			const fips = demo.signatures.countyFips[Math.floor(rng() * demo.signatures.countyFips.length)] ?? ''
			const options = byCounty.get(fips) ?? []
			const zip = options[Math.floor(rng() * options.length)]
			if (!zip) continue
			const first = FIRST[Math.floor(rng() * FIRST.length)] ?? 'Sam'
			const last = LAST[Math.floor(rng() * LAST.length)] ?? 'Smith'
			// Faster at the start and after each update, as petitions go.
			const age = (quietDays + spanDays * Math.pow(rng(), 1.6)) * 86_400_000
			names.push(`${first} ${last}`)
			emails.push(`${first}.${last}.${index}.${n}@example.net`.toLowerCase())
			postalCodes.push(zip)
			statuses.push(rng() < demo.signatures.confirmedShare ? 'confirmed' : 'pending')
			createdAt.push(new Date(now - age).toISOString())
			showNames.push(rng() < 0.6)
			wantsUpdates.push(rng() < 0.5)
			comments.push(rng() < 0.1 ? 'I live nearby and my family depends on our well.' : '')
		}
		if (names.length > 0) {
			const inserted = await client.query(
				`insert into public.signatures (
					petition_id, name, email, email_normalized, email_domain, country_code, postal_code, county_id, state_id,
					place_label, comment, show_name, wants_updates, status, created_at, processed_at, confirmation_sent_at, confirmed_at, ip
				)
				select $1, u.name, u.email, private.normalize_email(u.email), 'example.net', 'US', u.zip, z.county_id, z.state_id,
					z.place_name || ', ' || s.abbreviation, u.comment, u.show_name, u.wants_updates, u.status::public.signature_status,
					u.created_at, u.created_at, u.created_at,
					case when u.status = 'confirmed' then u.created_at + interval '7 minutes' end,
					('198.51.100.' || (1 + (row_number() over ()) % 250))::inet
				from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::boolean[], $8::boolean[], $9::text[])
					as u(name, email, zip, status, created_at, show_name, wants_updates, comment)
				join public.postal_codes z on z.country_code = 'US' and z.postal_code = u.zip
				join public.jurisdictions s on s.id = z.state_id
				on conflict (petition_id, email_normalized) do nothing`,
				[id, names, emails, postalCodes, statuses, createdAt, showNames, wantsUpdates, comments],
			)
			signatures += inserted.rowCount ?? 0
		}

		for (const update of demo.updates) {
			await client.query(
				`insert into public.petition_updates (petition_id, title, body, created_by, created_at, emailed_at)
				select $1, $2, $3, $4, now() - make_interval(days => $5), now() - make_interval(days => $5)
				where not exists (select from public.petition_updates where petition_id = $1 and title = $2)`,
				[id, update.title, update.body, demo.createdBy, update.daysAgo],
			)
		}

		if (demo.status === 'delivered' && current[0]?.status !== 'delivered' && demo.delivery) {
			await client.query(
				`update public.petitions set status = 'delivered', closed_at = deadline,
					delivered_on = (now() - make_interval(days => $2))::date, delivery_method = $3,
					decision_maker_response = $4, responded_on = (now() - make_interval(days => $5))::date
				where id = $1`,
				[id, demo.delivery.deliveredDaysAgo, demo.delivery.method, demo.delivery.response, demo.delivery.respondedDaysAgo],
			)
		}
	}

	// Fold the seeded signatures into the counts now rather than waiting for the worker,
	// then record the milestones each petition has passed, at the hour it passed them.
	await client.query('select private.fold_petition_counts(1000000)')
	await client.query(
		`with thresholds as (
			select p.id, t.threshold
			from public.petitions p
			cross join lateral unnest(array[
				greatest(1, round(p.signature_goal * 0.25)), greatest(1, round(p.signature_goal * 0.5)),
				greatest(1, round(p.signature_goal * 0.75)), p.signature_goal
			]::int[] || p.custom_milestones) as t(threshold)
			where p.slug = any($1::text[])
		), running as (
			select h.petition_id, h.hour, sum(h.confirmed) over (partition by h.petition_id order by h.hour) as total
			from public.petition_count_hours h
		)
		insert into public.petition_milestones (petition_id, threshold, reached_at)
		select t.id, t.threshold, min(r.hour)
		from thresholds t join running r on r.petition_id = t.id and r.total >= t.threshold
		group by t.id, t.threshold
		on conflict do nothing`,
		[demoPetitions.map((p) => p.slug)],
	)
	return { petitions: demoPetitions.length, signatures, moderators: 1 }
}
