import type { ClientBase } from 'pg'
import { people } from './people'

// Demo events and updates for the demo chapters. Events are placed a number
// of days after the seed runs, at a local hour in their own time zone, so
// there is always something coming up; a re-run moves them forward and
// leaves everything else alone. Updates are marked as already emailed so
// that loading the demo never sends mail. The Tucson canvass is full, with a
// waitlist, to show how waitlists look.

type DemoEvent = {
	id: string
	chapterSlug: string
	kind: 'hearing' | 'meeting' | 'canvass' | 'training'
	title: string
	description: string
	inDays: number
	/** Local start time, "HH:MM", and length in minutes. */
	at: string
	minutes: number
	timeZone: string
	locationName: string | null
	address: string | null
	onlineUrl: string | null
	capacity: number | null
	createdBy: string
}

const demoEvents: DemoEvent[] = [
	{
		id: '5eed0e00-0000-4000-8000-000000000001',
		chapterSlug: 'loudoun-residents-for-responsible-siting',
		kind: 'hearing',
		title: 'Board of Supervisors public hearing on the proposed Amazon campus',
		description:
			'The Board of Supervisors hears residents before it votes on the 122-acre campus.\n\n' +
			'- Sign up to speak at the clerk’s desk from 5:30 pm; each speaker gets **3 minutes**.\n' +
			'- Bring a printed copy of what you will say for the record.\n' +
			'- Parking is free in the garage on Loudoun Street.',
		inDays: 9,
		at: '18:00',
		minutes: 180,
		timeZone: 'America/New_York',
		locationName: 'Loudoun County Government Center, Board Room',
		address: '1 Harrison St SE, Leesburg, VA 20175',
		onlineUrl: 'https://www.loudoun.gov/',
		capacity: null,
		createdBy: people.priya.id,
	},
	{
		id: '5eed0e00-0000-4000-8000-000000000002',
		chapterSlug: 'loudoun-residents-for-responsible-siting',
		kind: 'training',
		title: 'Training: say it in three minutes at a public hearing',
		description: 'We practise short, specific comments: your street, the noise, the water, the power bill. Bring a draft or just come.',
		inDays: 5,
		at: '19:00',
		minutes: 90,
		timeZone: 'America/New_York',
		locationName: 'Ashburn Library, Meeting Room B',
		address: '43316 Hay Rd, Ashburn, VA 20147',
		onlineUrl: null,
		capacity: 25,
		createdBy: people.priya.id,
	},
	{
		id: '5eed0e00-0000-4000-8000-000000000003',
		chapterSlug: 'monroe-county-land-and-water',
		kind: 'meeting',
		title: 'Monthly meeting: the Forsyth Technology Campus and our wells',
		description: 'What we learned about the campus’s reported water use, and who will write to the county about it.',
		inDays: 12,
		at: '18:30',
		minutes: 90,
		timeZone: 'America/New_York',
		locationName: 'Monroe County Library, Community Room',
		address: '62 W Main St, Forsyth, GA 31029',
		onlineUrl: null,
		capacity: 40,
		createdBy: people.marcus.id,
	},
	{
		id: '5eed0e00-0000-4000-8000-000000000004',
		chapterSlug: 'tucson-water-watch',
		kind: 'canvass',
		title: 'Canvass: Project Blue’s water, door to door in Midvale Park',
		description: 'We go in pairs with a one-page flyer about the wells the state approved. Wear good shoes and bring water.',
		inDays: 6,
		at: '08:00',
		minutes: 180,
		timeZone: 'America/Phoenix',
		locationName: 'Mission Manor Park, by the ramadas',
		address: '6100 S 12th Ave, Tucson, AZ 85706',
		onlineUrl: null,
		capacity: 3,
		createdBy: people.priya.id,
	},
	{
		id: '5eed0e00-0000-4000-8000-000000000005',
		chapterSlug: 'saline-area-neighbors',
		kind: 'hearing',
		title: 'Michigan Public Service Commission hearing on DTE’s data-center contracts',
		description:
			'The commission takes public comment on the contracts to power the Saline Township site. You can speak in person or online.',
		inDays: 15,
		at: '13:00',
		minutes: 120,
		timeZone: 'America/New_York',
		locationName: 'MPSC offices, Lansing',
		address: '7109 W Saginaw Hwy, Lansing, MI 48917',
		onlineUrl: 'https://www.michigan.gov/mpsc',
		capacity: null,
		createdBy: people.ruth.id,
	},
	{
		id: '5eed0e00-0000-4000-8000-000000000006',
		chapterSlug: 'leesburg-parents-for-clean-air',
		kind: 'meeting',
		title: 'Parents’ meeting: generator testing and the school calendar',
		description: 'We compare the air permits’ testing windows with school hours.',
		inDays: 4,
		at: '19:30',
		minutes: 60,
		timeZone: 'America/New_York',
		locationName: null,
		address: null,
		onlineUrl: 'https://meet.example.org/leesburg-parents',
		capacity: null,
		createdBy: people.priya.id,
	},
]

const demoRsvps: Array<{
	eventId: string
	userId: string | null
	name: string
	email: string
	status: 'going' | 'waitlisted'
	order: number
}> = [
	{
		eventId: '5eed0e00-0000-4000-8000-000000000001',
		userId: people.grace.id,
		name: people.grace.displayName,
		email: people.grace.email,
		status: 'going',
		order: 1,
	},
	{
		eventId: '5eed0e00-0000-4000-8000-000000000001',
		userId: people.tom.id,
		name: people.tom.displayName,
		email: people.tom.email,
		status: 'going',
		order: 2,
	},
	{
		eventId: '5eed0e00-0000-4000-8000-000000000003',
		userId: people.dana.id,
		name: people.dana.displayName,
		email: people.dana.email,
		status: 'going',
		order: 1,
	},
	{
		eventId: '5eed0e00-0000-4000-8000-000000000004',
		userId: people.luis.id,
		name: people.luis.displayName,
		email: people.luis.email,
		status: 'going',
		order: 1,
	},
	{
		eventId: '5eed0e00-0000-4000-8000-000000000004',
		userId: null,
		name: 'Rosa Delgado',
		email: 'rosa.delgado@example.org',
		status: 'going',
		order: 2,
	},
	{
		eventId: '5eed0e00-0000-4000-8000-000000000004',
		userId: null,
		name: 'Sam Whitehorse',
		email: 'sam.whitehorse@example.org',
		status: 'going',
		order: 3,
	},
	{
		eventId: '5eed0e00-0000-4000-8000-000000000004',
		userId: null,
		name: 'Alma Ruiz',
		email: 'alma.ruiz@example.org',
		status: 'waitlisted',
		order: 4,
	},
]

type DemoUpdate = { id: string; chapterSlug: string; authorId: string; title: string; body: string; daysAgo: number }

const demoUpdates: DemoUpdate[] = [
	{
		id: '5eed0a00-0000-4000-8000-000000000001',
		chapterSlug: 'loudoun-residents-for-responsible-siting',
		authorId: people.priya.id,
		title: 'Written comments on the Amazon campus close before the hearing',
		body:
			'The Board of Supervisors takes **written comments** until the day of the hearing. A good comment is short and specific:\n\n' +
			'1. Say where you live.\n2. Say one thing that worries you: noise, water, traffic or power lines.\n3. Ask for one thing.\n\n' +
			'Come to the training this week if you want help, or just say you are coming to the hearing.',
		daysAgo: 2,
	},
	{
		id: '5eed0a00-0000-4000-8000-000000000002',
		chapterSlug: 'monroe-county-land-and-water',
		authorId: people.marcus.id,
		title: 'What the Forsyth council approved, in plain words',
		body:
			'In February the Forsyth city council approved the Forsyth Technology Campus. Reports put its water use at **1.5 million gallons a day**.\n\n' +
			'We will go through what that means for wells near the site at the monthly meeting.',
		daysAgo: 6,
	},
	{
		id: '5eed0a00-0000-4000-8000-000000000003',
		chapterSlug: 'tucson-water-watch',
		authorId: people.priya.id,
		title: 'The state approved wells for Project Blue: what happens next',
		body:
			'In May the Arizona Department of Water Resources approved wells for the project. The city council is still working on zoning rules for data centers.\n\n' +
			'Our canvass this month is full, but join the waitlist: people often cancel the night before.',
		daysAgo: 3,
	},
]

export async function seedEvents(client: ClientBase): Promise<{ events: number; rsvps: number; updates: number }> {
	// Each start is the local time, that many days from today, in the event's zone.
	await client.query(
		`insert into public.events (id, chapter_id, kind, title, description, starts_at, ends_at, time_zone,
			location_name, address, online_url, capacity, created_by)
		select u.id, c.id, u.kind::public.event_kind, u.title, u.description,
			starts.at, starts.at + make_interval(mins => u.minutes), u.time_zone,
			u.location_name, u.address, u.online_url, u.capacity, u.created_by
		from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::int[],
			$9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::uuid[])
			as u(id, chapter_slug, kind, title, description, in_days, at, minutes, time_zone, location_name, address, online_url, capacity, created_by)
		join public.chapters c on c.slug = u.chapter_slug
		cross join lateral (
			select ((((now() at time zone u.time_zone)::date + u.in_days) + u.at::time) at time zone u.time_zone) as at
		) starts
		where not exists (
			select from public.events x
			where x.id = u.id and x.starts_at > now()
				and (x.title, x.description, x.kind::text, x.capacity) is not distinct from (u.title, u.description, u.kind, u.capacity)
		)
		on conflict (id) do update set
			title = excluded.title, description = excluded.description, kind = excluded.kind,
			starts_at = excluded.starts_at, ends_at = excluded.ends_at, time_zone = excluded.time_zone,
			location_name = excluded.location_name, address = excluded.address, online_url = excluded.online_url,
			capacity = excluded.capacity, status = 'scheduled', cancelled_at = null, reminder_sent_at = null`,
		[
			demoEvents.map((e) => e.id),
			demoEvents.map((e) => e.chapterSlug),
			demoEvents.map((e) => e.kind),
			demoEvents.map((e) => e.title),
			demoEvents.map((e) => e.description),
			demoEvents.map((e) => e.inDays),
			demoEvents.map((e) => e.at),
			demoEvents.map((e) => e.minutes),
			demoEvents.map((e) => e.timeZone),
			demoEvents.map((e) => e.locationName),
			demoEvents.map((e) => e.address),
			demoEvents.map((e) => e.onlineUrl),
			demoEvents.map((e) => e.capacity),
			demoEvents.map((e) => e.createdBy),
		],
	)

	await client.query(
		`insert into public.event_rsvps (event_id, user_id, name, email, status, waitlisted_at, created_at)
		select u.event_id, u.user_id, u.name, u.email, u.status::public.rsvp_status,
			case when u.status = 'waitlisted' then now() - interval '1 day' + make_interval(mins => u.ord) end,
			now() - interval '2 days' + make_interval(mins => u.ord)
		from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[]) as u(event_id, user_id, name, email, status, ord)
		on conflict (event_id, email) do nothing`,
		[
			demoRsvps.map((r) => r.eventId),
			demoRsvps.map((r) => r.userId),
			demoRsvps.map((r) => r.name),
			demoRsvps.map((r) => r.email),
			demoRsvps.map((r) => r.status),
			demoRsvps.map((r) => r.order),
		],
	)
	// The counters are kept by the RSVP functions; rows written here are counted here.
	await client.query(
		`update public.events e set going_count = n.going, waitlist_count = n.waitlisted
		from (
			select e2.id,
				count(r.id) filter (where r.status = 'going')::int as going,
				count(r.id) filter (where r.status = 'waitlisted')::int as waitlisted
			from public.events e2 left join public.event_rsvps r on r.event_id = e2.id
			where e2.id = any($1::uuid[])
			group by e2.id
		) n
		where e.id = n.id and (e.going_count, e.waitlist_count) is distinct from (n.going, n.waitlisted)`,
		[demoEvents.map((e) => e.id)],
	)

	await client.query(
		`insert into public.chapter_updates (id, chapter_id, author_id, title, body, created_at, emailed_at)
		select u.id, c.id, u.author_id, u.title, u.body, now() - make_interval(days => u.days_ago), now() - make_interval(days => u.days_ago)
		from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::int[]) as u(id, chapter_slug, author_id, title, body, days_ago)
		join public.chapters c on c.slug = u.chapter_slug
		on conflict (id) do update set title = excluded.title, body = excluded.body
		where (public.chapter_updates.title, public.chapter_updates.body) is distinct from (excluded.title, excluded.body)`,
		[
			demoUpdates.map((u) => u.id),
			demoUpdates.map((u) => u.chapterSlug),
			demoUpdates.map((u) => u.authorId),
			demoUpdates.map((u) => u.title),
			demoUpdates.map((u) => u.body),
			demoUpdates.map((u) => u.daysAgo),
		],
	)
	return { events: demoEvents.length, rsvps: demoRsvps.length, updates: demoUpdates.length }
}
