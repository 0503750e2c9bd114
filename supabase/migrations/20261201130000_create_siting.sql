-- Siting: the data-center projects a community faces, the bodies that decide
-- them, the proceedings before those bodies and every deadline, the officials
-- and their votes, records requests, and who follows what. Anyone reads the
-- record; members propose changes with a source; organizers of a chapter that
-- works on a project and site moderators review them (docs/decisions/048).

-- ---------------------------------------------------------------- projects

create type public.project_status as enum (
	'rumored', 'proposed', 'under_review', 'approved', 'denied', 'withdrawn', 'under_construction', 'operating'
);
-- 'site' is one facility; the others are fights over data centers in general
-- (a county's moratorium, a state bill) recorded where no one project is named.
create type public.project_scope as enum ('site', 'jurisdiction', 'statewide', 'federal');

create table public.projects (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 80),
	name text not null check (char_length(name) between 2 and 200),
	aliases text[] not null default '{}' check (cardinality(aliases) <= 20),
	scope public.project_scope not null default 'site',
	summary text not null default '' check (char_length(summary) <= 2000),
	developer text check (char_length(developer) <= 200),
	-- Null with end_user_undisclosed = false means nobody has said.
	end_user text check (char_length(end_user) <= 200),
	end_user_undisclosed boolean not null default false,
	nda_parties text check (char_length(nda_parties) <= 500),
	nda_signed_on date,
	nda_term_months integer check (nda_term_months between 1 and 1200),
	state_id integer not null references public.jurisdictions (id) on delete restrict,
	county_id integer references public.jurisdictions (id) on delete restrict,
	-- The town, township or body named in the record ("Saline Township").
	locality text check (char_length(locality) <= 200),
	address text check (char_length(address) <= 300),
	parcel text check (char_length(parcel) <= 200),
	latitude double precision check (latitude between -90 and 90),
	longitude double precision check (longitude between -180 and 180),
	megawatts numeric(10, 1) check (megawatts >= 0 and megawatts < 1000000),
	acres numeric(10, 1) check (acres >= 0 and acres < 10000000),
	building_sq_ft bigint check (building_sq_ft >= 0 and building_sq_ft < 1000000000),
	water_gallons_per_day bigint check (water_gallons_per_day >= 0 and water_gallons_per_day < 100000000000),
	water_source text check (char_length(water_source) <= 300),
	generator_count integer check (generator_count between 0 and 100000),
	generator_fuel text check (char_length(generator_fuel) <= 100),
	generator_tier text check (char_length(generator_tier) <= 50),
	abatement_usd bigint check (abatement_usd >= 0),
	abatement_years integer check (abatement_years between 0 and 200),
	investment_usd bigint check (investment_usd >= 0),
	jobs_promised integer check (jobs_promised between 0 and 10000000),
	power_utility text check (char_length(power_utility) <= 200),
	power_infrastructure text check (char_length(power_infrastructure) <= 1000),
	status public.project_status not null default 'proposed',
	status_unverified boolean not null default false,
	issues text[] not null default '{}' check (issues <@ array[
		'zoning', 'community_impact', 'grid_energy', 'water', 'environmental', 'transparency', 'ratepayer', 'noise',
		'tax_incentive', 'farmland', 'air_quality', 'anti_ai', 'design_standards', 'traffic', 'contract_guarantees',
		'property_values'
	]),
	opposition_groups text[] not null default '{}',
	-- The Data Center Opposition Tracker records this project was built from.
	dataset_record_ids text[] not null default '{}',
	-- Lower-cased name, aliases, developer, end user and place, for search.
	search_text text not null default '',
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check ((latitude is null) = (longitude is null))
);
create index projects_state_id_idx on public.projects (state_id);
create index projects_county_id_idx on public.projects (county_id);
create index projects_created_by_idx on public.projects (created_by);
create index projects_status_idx on public.projects (status);

create function private.project_search_text() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	new.search_text := lower(concat_ws(' ', new.name, array_to_string(new.aliases, ' '), new.developer, new.end_user,
		new.locality, array_to_string(new.opposition_groups, ' ')));
	return new;
end
$$;
create trigger projects_search_text before insert or update on public.projects
	for each row execute function private.project_search_text();
create trigger projects_touch_updated_at before update on public.projects
	for each row execute function private.touch_updated_at();

-- Chapters that work on a project. Their organizers review its changes.
create table public.project_chapters (
	project_id uuid not null references public.projects (id) on delete cascade,
	chapter_id uuid not null references public.chapters (id) on delete cascade,
	added_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	primary key (project_id, chapter_id)
);
create index project_chapters_chapter_id_idx on public.project_chapters (chapter_id);
create index project_chapters_added_by_idx on public.project_chapters (added_by);

-- Who may change a project's record: a site moderator, or an organizer of a
-- chapter that works on it.
create function private.can_edit_project(p_project_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select private.is_site_moderator() or exists (
		select 1 from public.project_chapters pc
		join public.memberships m on m.chapter_id = pc.chapter_id
		where pc.project_id = p_project_id and m.user_id = (select auth.uid())
			and m.role = 'organizer' and m.status = 'active'
	)
$$;

-- Sources: every figure and every timeline entry points at one.
create table public.project_sources (
	id uuid primary key default gen_random_uuid(),
	project_id uuid not null references public.projects (id) on delete cascade,
	url text not null check (url ~ '^https?://' and char_length(url) <= 2000),
	title text check (char_length(title) <= 300),
	-- A weak source: press coverage of press coverage, a flagged record.
	weak boolean not null default false,
	created_at timestamptz not null default now(),
	unique (project_id, url)
);

create type public.project_figure as enum (
	'megawatts', 'acres', 'building_sq_ft', 'water_gallons_per_day', 'generator_count', 'abatement_usd',
	'investment_usd', 'jobs_promised', 'end_user', 'status'
);

create table public.project_figure_sources (
	project_id uuid not null references public.projects (id) on delete cascade,
	figure public.project_figure not null,
	source_id uuid not null references public.project_sources (id) on delete cascade,
	unverified boolean not null default false,
	primary key (project_id, figure, source_id)
);
create index project_figure_sources_source_id_idx on public.project_figure_sources (source_id);

create table public.project_timeline_entries (
	id uuid primary key default gen_random_uuid(),
	project_id uuid not null references public.projects (id) on delete cascade,
	occurred_on date not null,
	title text not null check (char_length(title) between 2 and 300),
	source_id uuid references public.project_sources (id) on delete set null,
	proceeding_id uuid,
	dataset_record_id text,
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now()
);
create index project_timeline_entries_project_id_idx on public.project_timeline_entries (project_id, occurred_on);
create index project_timeline_entries_source_id_idx on public.project_timeline_entries (source_id);
create index project_timeline_entries_created_by_idx on public.project_timeline_entries (created_by);
-- One entry per tracker record, so loading the dataset again updates it in place.
create unique index project_timeline_entries_dataset_record_idx on public.project_timeline_entries (dataset_record_id)
	where dataset_record_id is not null;

create type public.revision_status as enum ('proposed', 'approved', 'rejected');

-- Every change to a project's record, proposed or direct: who, when, what
-- (field: {from, to}), and the source. A proposal for a new project has no
-- project yet; approving it creates one.
create table public.project_revisions (
	id uuid primary key default gen_random_uuid(),
	project_id uuid references public.projects (id) on delete cascade,
	author_id uuid references auth.users (id) on delete set null,
	status public.revision_status not null default 'proposed',
	changes jsonb not null check (jsonb_typeof(changes) = 'object'),
	source_url text not null check (source_url ~ '^https?://' and char_length(source_url) <= 2000),
	note text not null default '' check (char_length(note) <= 2000),
	reviewed_by uuid references auth.users (id) on delete set null,
	reviewed_at timestamptz,
	review_note text not null default '' check (char_length(review_note) <= 2000),
	created_at timestamptz not null default now(),
	check ((status = 'proposed') = (reviewed_at is null))
);
create index project_revisions_project_id_idx on public.project_revisions (project_id, created_at);
create index project_revisions_author_id_idx on public.project_revisions (author_id);
create index project_revisions_reviewed_by_idx on public.project_revisions (reviewed_by);
create index project_revisions_open_idx on public.project_revisions (status) where status = 'proposed';

-- ---------------------------------------------------------------- bodies

create type public.body_kind as enum (
	'planning_commission', 'county_board', 'city_council', 'township_board', 'village_board', 'utility_commission',
	'state_agency', 'state_legislature', 'governor', 'court', 'federal_agency', 'voters', 'other'
);

create table public.bodies (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 80),
	name text not null check (char_length(name) between 2 and 200),
	kind public.body_kind not null,
	jurisdiction_id integer not null references public.jurisdictions (id) on delete restrict,
	time_zone text not null check (char_length(time_zone) between 3 and 64),
	website text check (website ~ '^https?://' and char_length(website) <= 2000),
	email text check (char_length(email) <= 254),
	phone text check (char_length(phone) <= 50),
	meeting_place text check (char_length(meeting_place) <= 300),
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index bodies_jurisdiction_id_idx on public.bodies (jurisdiction_id);
create index bodies_created_by_idx on public.bodies (created_by);
create trigger bodies_touch_updated_at before update on public.bodies
	for each row execute function private.touch_updated_at();

-- How the public takes part before a body. No row means nobody has recorded
-- the rules yet, and pages say so instead of guessing.
create table public.body_rules (
	body_id uuid primary key references public.bodies (id) on delete cascade,
	speaking_minutes numeric(4, 1) check (speaking_minutes > 0 and speaking_minutes <= 120),
	representative_minutes numeric(4, 1) check (representative_minutes > 0 and representative_minutes <= 120),
	representative_authorization text check (char_length(representative_authorization) <= 500),
	-- 'online', 'phone', 'in_person', 'email'
	signup_methods text[] not null default '{}' check (signup_methods <@ array['online', 'phone', 'in_person', 'email']),
	signup_how text check (char_length(signup_how) <= 1000),
	-- Sign-up closes this many hours before the hearing starts (0: until it starts).
	signup_closes_hours_before numeric(6, 1) check (signup_closes_hours_before >= 0 and signup_closes_hours_before <= 720),
	comment_channels text check (char_length(comment_channels) <= 1000),
	-- Written comments close this many hours before the hearing (null: unknown).
	comments_close_hours_before numeric(6, 1) check (comments_close_hours_before >= -720 and comments_close_hours_before <= 720),
	record_open_days_after integer check (record_open_days_after between 0 and 365),
	minimum_minutes_per_side integer check (minimum_minutes_per_side between 1 and 600),
	appeal_days integer check (appeal_days between 1 and 365),
	appeal_day_count text check (appeal_day_count in ('calendar', 'business')),
	-- A notice rule the app knows ('va-15.2-2204', 'ga-36-66-4').
	notice_rule text check (char_length(notice_rule) <= 50),
	source_url text not null check (source_url ~ '^https?://' and char_length(source_url) <= 2000),
	checked_on date not null default current_date,
	updated_at timestamptz not null default now(),
	check ((appeal_days is null) = (appeal_day_count is null))
);
create trigger body_rules_touch_updated_at before update on public.body_rules
	for each row execute function private.touch_updated_at();

create table public.officials (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 80),
	body_id uuid not null references public.bodies (id) on delete cascade,
	name text not null check (char_length(name) between 2 and 200),
	title text check (char_length(title) <= 100),
	district text check (char_length(district) <= 100),
	term_starts_on date,
	term_ends_on date,
	source_url text check (source_url ~ '^https?://' and char_length(source_url) <= 2000),
	created_at timestamptz not null default now(),
	check (term_ends_on is null or term_starts_on is null or term_ends_on >= term_starts_on)
);
create index officials_body_id_idx on public.officials (body_id);

-- ---------------------------------------------------------------- proceedings

create type public.proceeding_kind as enum (
	'rezoning', 'special_use_permit', 'site_plan', 'tax_abatement', 'water_permit', 'air_permit', 'utility_case',
	'moratorium', 'annexation', 'ordinance', 'legislation', 'appeal', 'lawsuit', 'other'
);
create type public.proceeding_stage as enum ('announced', 'filed', 'under_review', 'hearing_scheduled', 'decided', 'appealed', 'closed');

create table public.proceedings (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 100),
	project_id uuid not null references public.projects (id) on delete cascade,
	-- Null while nobody has said which body decides.
	body_id uuid references public.bodies (id) on delete restrict,
	kind public.proceeding_kind not null,
	title text not null check (char_length(title) between 2 and 300),
	case_number text check (char_length(case_number) <= 100),
	stage public.proceeding_stage not null default 'filed',
	outcome text check (char_length(outcome) <= 300),
	decided_on date,
	source_url text check (source_url ~ '^https?://' and char_length(source_url) <= 2000),
	dataset_record_id text,
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index proceedings_project_id_idx on public.proceedings (project_id);
create index proceedings_body_id_idx on public.proceedings (body_id);
create index proceedings_created_by_idx on public.proceedings (created_by);
create trigger proceedings_touch_updated_at before update on public.proceedings
	for each row execute function private.touch_updated_at();

alter table public.project_timeline_entries
	add constraint project_timeline_entries_proceeding_id_fkey
	foreign key (proceeding_id) references public.proceedings (id) on delete set null;
create index project_timeline_entries_proceeding_id_idx on public.project_timeline_entries (proceeding_id);

create type public.clock_kind as enum (
	'notice_published', 'notice_mailed', 'comment_deadline', 'signup_cutoff', 'hearing', 'vote', 'appeal_deadline',
	'record_closes', 'other'
);

-- A proceeding's dated clocks, stored as instants; the body's time zone says
-- how to read them. Computed clocks say how (`explanation`) and are
-- recomputed by the app when a date they depend on moves.
create table public.proceeding_clocks (
	id uuid primary key default gen_random_uuid(),
	proceeding_id uuid not null references public.proceedings (id) on delete cascade,
	kind public.clock_kind not null,
	label text check (char_length(label) <= 200),
	due_at timestamptz not null,
	-- The deadline is the whole day (no time of day was given).
	all_day boolean not null default false,
	computed boolean not null default false,
	explanation text check (char_length(explanation) <= 1000),
	place text check (char_length(place) <= 300),
	source_url text check (source_url ~ '^https?://' and char_length(source_url) <= 2000),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index proceeding_clocks_proceeding_id_idx on public.proceeding_clocks (proceeding_id, due_at);
create index proceeding_clocks_due_at_idx on public.proceeding_clocks (due_at);
create trigger proceeding_clocks_touch_updated_at before update on public.proceeding_clocks
	for each row execute function private.touch_updated_at();

create table public.proceeding_documents (
	id uuid primary key default gen_random_uuid(),
	proceeding_id uuid not null references public.proceedings (id) on delete cascade,
	title text not null check (char_length(title) between 2 and 300),
	url text check (url ~ '^https?://' and char_length(url) <= 2000),
	storage_path text check (char_length(storage_path) <= 300),
	published_on date,
	added_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	check ((url is null) <> (storage_path is null))
);
create index proceeding_documents_proceeding_id_idx on public.proceeding_documents (proceeding_id);
create index proceeding_documents_added_by_idx on public.proceeding_documents (added_by);

create type public.vote_position as enum ('yes', 'no', 'abstain', 'absent');

create table public.proceeding_votes (
	id uuid primary key default gen_random_uuid(),
	proceeding_id uuid not null references public.proceedings (id) on delete cascade,
	held_on date not null,
	motion text not null check (char_length(motion) between 2 and 500),
	result text check (char_length(result) <= 200),
	source_url text not null check (source_url ~ '^https?://' and char_length(source_url) <= 2000),
	created_at timestamptz not null default now()
);
create index proceeding_votes_proceeding_id_idx on public.proceeding_votes (proceeding_id);

create table public.official_votes (
	vote_id uuid not null references public.proceeding_votes (id) on delete cascade,
	official_id uuid not null references public.officials (id) on delete cascade,
	position public.vote_position not null,
	primary key (vote_id, official_id)
);
create index official_votes_official_id_idx on public.official_votes (official_id);

-- ---------------------------------------------------------------- records requests

-- Each state's public-records law: how long the body has to answer.
create table public.records_request_rules (
	state_id integer primary key references public.jurisdictions (id) on delete restrict,
	-- Null where the law sets no fixed number of days ("promptly").
	response_days integer check (response_days between 1 and 365),
	day_count text check (day_count in ('calendar', 'business')),
	statute text not null check (char_length(statute) between 2 and 200),
	notes text check (char_length(notes) <= 1000),
	source_url text not null check (source_url ~ '^https?://' and char_length(source_url) <= 2000),
	check ((response_days is null) = (day_count is null))
);

create type public.records_request_status as enum ('drafted', 'sent', 'acknowledged', 'answered', 'denied', 'appealed', 'closed');

create table public.records_requests (
	id uuid primary key default gen_random_uuid(),
	project_id uuid not null references public.projects (id) on delete cascade,
	chapter_id uuid references public.chapters (id) on delete set null,
	body_name text not null check (char_length(body_name) between 2 and 200),
	asked_for text not null check (char_length(asked_for) between 2 and 4000),
	sent_on date,
	response_due_on date,
	status public.records_request_status not null default 'drafted',
	outcome text check (char_length(outcome) <= 2000),
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index records_requests_project_id_idx on public.records_requests (project_id);
create index records_requests_chapter_id_idx on public.records_requests (chapter_id);
create index records_requests_created_by_idx on public.records_requests (created_by);
create trigger records_requests_touch_updated_at before update on public.records_requests
	for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------- links

-- Petitions and events can be about a project and one of its proceedings.
alter table public.petitions add column project_id uuid references public.projects (id) on delete set null;
alter table public.petitions add column proceeding_id uuid references public.proceedings (id) on delete set null;
create index petitions_project_id_idx on public.petitions (project_id);
create index petitions_proceeding_id_idx on public.petitions (proceeding_id);
alter table public.events add column project_id uuid references public.projects (id) on delete set null;
alter table public.events add column proceeding_id uuid references public.proceedings (id) on delete set null;
create index events_project_id_idx on public.events (project_id);
create index events_proceeding_id_idx on public.events (proceeding_id);

-- ---------------------------------------------------------------- follows

-- Following a project or one proceeding, with an account or with an email
-- address alone (confirmed by link). Reminders go out before each clock on
-- the follower's schedule; a digest instead if they prefer.
create table public.follows (
	id uuid primary key default gen_random_uuid(),
	user_id uuid references auth.users (id) on delete cascade,
	email text check (char_length(email) <= 254),
	project_id uuid references public.projects (id) on delete cascade,
	proceeding_id uuid references public.proceedings (id) on delete cascade,
	-- Days before each deadline to remind (0 = the morning of).
	remind_days integer[] not null default '{7,2,0}' check (remind_days <@ array[0, 1, 2, 3, 7, 14]),
	digest boolean not null default false,
	-- sha256 of the token in the confirmation and unsubscribe links.
	token_hash bytea not null unique,
	confirmed_at timestamptz,
	created_at timestamptz not null default now(),
	check ((user_id is null) <> (email is null)),
	check ((project_id is null) <> (proceeding_id is null))
);
create unique index follows_user_project_idx on public.follows (user_id, project_id) where user_id is not null and project_id is not null;
create unique index follows_user_proceeding_idx on public.follows (user_id, proceeding_id) where user_id is not null and proceeding_id is not null;
create unique index follows_email_project_idx on public.follows (lower(email), project_id) where email is not null and project_id is not null;
create unique index follows_email_proceeding_idx on public.follows (lower(email), proceeding_id) where email is not null and proceeding_id is not null;
create index follows_project_id_idx on public.follows (project_id);
create index follows_proceeding_id_idx on public.follows (proceeding_id);

-- What each person was already reminded of, so a reminder goes once:
-- recipient is a follow ('follow:<id>') or a member of a linked chapter
-- ('member:<user id>'); due_at is the clock's time when reminded, so a
-- moved date is reminded again.
create table private.follow_reminders_sent (
	recipient text not null check (char_length(recipient) <= 100),
	clock_id uuid not null references public.proceeding_clocks (id) on delete cascade,
	days_before integer not null,
	due_at timestamptz not null,
	sent_at timestamptz not null default now(),
	primary key (recipient, clock_id, days_before, due_at)
);
create index follow_reminders_sent_clock_id_idx on private.follow_reminders_sent (clock_id);

-- A date that moves, and a decision recorded, reach every follower and the
-- members of linked chapters: the job is queued in the same transaction as
-- the change (docs/decisions/037), whichever client made it.
create function private.queue_clock_moved() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if new.due_at is distinct from old.due_at and (old.due_at > now() or new.due_at > now()) then
		perform private.queue_job('siting_clock_moved',
			jsonb_build_object('clockId', new.id, 'from', old.due_at, 'to', new.due_at),
			'clock-moved:' || new.id || ':' || extract(epoch from new.due_at)::bigint, null, 10);
	end if;
	return null;
end
$$;
create trigger proceeding_clocks_queue_moved after update of due_at on public.proceeding_clocks
	for each row execute function private.queue_clock_moved();

create function private.queue_decision_recorded() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if new.decided_on is not null and old.decided_on is null then
		perform private.queue_job('siting_decision_recorded', jsonb_build_object('proceedingId', new.id),
			'decision:' || new.id, null, 10);
	end if;
	return null;
end
$$;
create trigger proceedings_queue_decision after update of decided_on on public.proceedings
	for each row execute function private.queue_decision_recorded();

-- ---------------------------------------------------------------- row-level security

alter table public.projects enable row level security;
alter table public.project_chapters enable row level security;
alter table public.project_sources enable row level security;
alter table public.project_figure_sources enable row level security;
alter table public.project_timeline_entries enable row level security;
alter table public.project_revisions enable row level security;
alter table public.bodies enable row level security;
alter table public.body_rules enable row level security;
alter table public.officials enable row level security;
alter table public.proceedings enable row level security;
alter table public.proceeding_clocks enable row level security;
alter table public.proceeding_documents enable row level security;
alter table public.proceeding_votes enable row level security;
alter table public.official_votes enable row level security;
alter table public.records_request_rules enable row level security;
alter table public.records_requests enable row level security;
alter table public.follows enable row level security;
alter table private.follow_reminders_sent enable row level security;

-- The public record: readable by everyone.
create policy "projects are public" on public.projects for select to anon, authenticated using (true);
create policy "project chapters are public" on public.project_chapters for select to anon, authenticated using (true);
create policy "project sources are public" on public.project_sources for select to anon, authenticated using (true);
create policy "figure sources are public" on public.project_figure_sources for select to anon, authenticated using (true);
create policy "timeline entries are public" on public.project_timeline_entries for select to anon, authenticated using (true);
create policy "bodies are public" on public.bodies for select to anon, authenticated using (true);
create policy "body rules are public" on public.body_rules for select to anon, authenticated using (true);
create policy "officials are public" on public.officials for select to anon, authenticated using (true);
create policy "proceedings are public" on public.proceedings for select to anon, authenticated using (true);
create policy "clocks are public" on public.proceeding_clocks for select to anon, authenticated using (true);
create policy "documents are public" on public.proceeding_documents for select to anon, authenticated using (true);
create policy "votes are public" on public.proceeding_votes for select to anon, authenticated using (true);
create policy "official votes are public" on public.official_votes for select to anon, authenticated using (true);
create policy "records rules are public" on public.records_request_rules for select to anon, authenticated using (true);
create policy "records requests are public" on public.records_requests for select to anon, authenticated using (true);

-- Projects are created by approving a proposal (a moderator or the organizer
-- of a chapter creates it and links the chapter); edited by their editors;
-- never deleted through the API (a withdrawn project stays on the record).
create policy "organizers and moderators create projects" on public.projects for insert to authenticated
	with check (
		(private.is_site_moderator() or private.organizes_any_chapter())
		and created_by = (select auth.uid())
	);
create policy "editors update projects" on public.projects for update to authenticated
	using (private.can_edit_project(id)) with check (private.can_edit_project(id));

-- A chapter's organizers say their chapter works on a project (and stop).
create policy "organizers link their chapter" on public.project_chapters for insert to authenticated
	with check (private.is_chapter_organizer(chapter_id) and added_by = (select auth.uid()));
create policy "organizers unlink their chapter" on public.project_chapters for delete to authenticated
	using (private.is_chapter_organizer(chapter_id));

create policy "editors add sources" on public.project_sources for insert to authenticated
	with check (private.can_edit_project(project_id));
create policy "editors mark sources" on public.project_sources for update to authenticated
	using (private.can_edit_project(project_id)) with check (private.can_edit_project(project_id));
create policy "editors cite figures" on public.project_figure_sources for insert to authenticated
	with check (private.can_edit_project(project_id));
create policy "editors update figure citations" on public.project_figure_sources for update to authenticated
	using (private.can_edit_project(project_id)) with check (private.can_edit_project(project_id));
create policy "editors drop figure citations" on public.project_figure_sources for delete to authenticated
	using (private.can_edit_project(project_id));
create policy "editors add timeline entries" on public.project_timeline_entries for insert to authenticated
	with check (private.can_edit_project(project_id) and created_by = (select auth.uid()));
create policy "editors correct timeline entries" on public.project_timeline_entries for update to authenticated
	using (private.can_edit_project(project_id)) with check (private.can_edit_project(project_id));

-- Revisions: anyone reads reviewed ones (the history); proposals are seen by
-- their author and the project's editors; members propose; editors review.
create policy "reviewed revisions are public; proposals to their author and editors" on public.project_revisions
	for select to anon, authenticated
	using (
		status <> 'proposed'
		or author_id = (select auth.uid())
		or (project_id is null and (private.is_site_moderator() or private.organizes_any_chapter()))
		or (project_id is not null and private.can_edit_project(project_id))
	);
create policy "members propose changes" on public.project_revisions for insert to authenticated
	with check (
		author_id = (select auth.uid())
		and (
			(status = 'proposed' and reviewed_by is null)
			-- An editor's own direct change is recorded as approved by them.
			or (
				status = 'approved' and project_id is not null and private.can_edit_project(project_id)
				and (reviewed_by is null or reviewed_by = (select auth.uid()))
			)
		)
	);
create policy "editors review proposals" on public.project_revisions for update to authenticated
	using (
		status = 'proposed'
		and (
			(project_id is not null and private.can_edit_project(project_id))
			or (project_id is null and (private.is_site_moderator() or private.organizes_any_chapter()))
		)
	)
	-- The reviewer signs the review, and a proposal ends on a project they edit
	-- (approving a new-project proposal attaches it to the project they just
	-- created and linked): never on someone else's project.
	with check (
		reviewed_by = (select auth.uid())
		and (
			(project_id is not null and private.can_edit_project(project_id))
			or (project_id is null and (private.is_site_moderator() or private.organizes_any_chapter()))
		)
	);
-- Only the review columns change on review.
revoke update on public.project_revisions from authenticated;
grant update (status, reviewed_by, reviewed_at, review_note, project_id) on public.project_revisions to authenticated;

-- Bodies and their rules are shared reference data: organizers and moderators keep them.
create policy "organizers add bodies" on public.bodies for insert to authenticated
	with check ((private.is_site_moderator() or private.organizes_any_chapter()) and created_by = (select auth.uid()));
create policy "organizers update bodies" on public.bodies for update to authenticated
	using (private.is_site_moderator() or private.organizes_any_chapter())
	with check (private.is_site_moderator() or private.organizes_any_chapter());
create policy "organizers record rules" on public.body_rules for insert to authenticated
	with check (private.is_site_moderator() or private.organizes_any_chapter());
create policy "organizers update rules" on public.body_rules for update to authenticated
	using (private.is_site_moderator() or private.organizes_any_chapter())
	with check (private.is_site_moderator() or private.organizes_any_chapter());
create policy "organizers add officials" on public.officials for insert to authenticated
	with check (private.is_site_moderator() or private.organizes_any_chapter());
create policy "organizers update officials" on public.officials for update to authenticated
	using (private.is_site_moderator() or private.organizes_any_chapter())
	with check (private.is_site_moderator() or private.organizes_any_chapter());

create function private.can_edit_proceeding(p_proceeding_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.proceedings p where p.id = p_proceeding_id and private.can_edit_project(p.project_id)
	)
$$;

create policy "editors add proceedings" on public.proceedings for insert to authenticated
	with check (private.can_edit_project(project_id) and created_by = (select auth.uid()));
create policy "editors update proceedings" on public.proceedings for update to authenticated
	using (private.can_edit_project(project_id)) with check (private.can_edit_project(project_id));
create policy "editors add clocks" on public.proceeding_clocks for insert to authenticated
	with check (private.can_edit_proceeding(proceeding_id));
create policy "editors move clocks" on public.proceeding_clocks for update to authenticated
	using (private.can_edit_proceeding(proceeding_id)) with check (private.can_edit_proceeding(proceeding_id));
create policy "editors remove clocks" on public.proceeding_clocks for delete to authenticated
	using (private.can_edit_proceeding(proceeding_id));
create policy "editors add documents" on public.proceeding_documents for insert to authenticated
	with check (private.can_edit_proceeding(proceeding_id) and added_by = (select auth.uid()));
create policy "editors correct documents" on public.proceeding_documents for update to authenticated
	using (private.can_edit_proceeding(proceeding_id)) with check (private.can_edit_proceeding(proceeding_id));
create policy "editors record votes" on public.proceeding_votes for insert to authenticated
	with check (private.can_edit_proceeding(proceeding_id));
create policy "editors correct votes" on public.proceeding_votes for update to authenticated
	using (private.can_edit_proceeding(proceeding_id)) with check (private.can_edit_proceeding(proceeding_id));
create policy "editors record positions" on public.official_votes for insert to authenticated
	with check (exists (
		select 1 from public.proceeding_votes v where v.id = vote_id and private.can_edit_proceeding(v.proceeding_id)
	));
create policy "editors correct positions" on public.official_votes for update to authenticated
	using (exists (select 1 from public.proceeding_votes v where v.id = vote_id and private.can_edit_proceeding(v.proceeding_id)))
	with check (exists (select 1 from public.proceeding_votes v where v.id = vote_id and private.can_edit_proceeding(v.proceeding_id)));

create policy "editors track records requests" on public.records_requests for insert to authenticated
	with check (private.can_edit_project(project_id) and created_by = (select auth.uid()));
create policy "editors update records requests" on public.records_requests for update to authenticated
	using (private.can_edit_project(project_id)) with check (private.can_edit_project(project_id));

-- Follows: an account holder manages their own. Email-only follows are made
-- and confirmed through private.follow_by_email and private.confirm_follow, so
-- no client ever reads an address someone else gave.
create policy "people see their own follows" on public.follows for select to authenticated
	using (user_id = (select auth.uid()));
create policy "people follow as themselves" on public.follows for insert to authenticated
	with check (user_id = (select auth.uid()) and email is null);
create policy "people change their own follows" on public.follows for update to authenticated
	using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "people unfollow" on public.follows for delete to authenticated
	using (user_id = (select auth.uid()));
revoke all on public.follows from anon, authenticated;
grant select, delete on public.follows to authenticated;
grant insert (id, user_id, project_id, proceeding_id, remind_days, digest, token_hash, confirmed_at) on public.follows to authenticated;
grant update (remind_days, digest) on public.follows to authenticated;

-- Follow by email alone. The app names the new follow and its link (the
-- link is derived from the follow's id with a server secret, so it can be
-- sent again without being stored). A new address, or one that never
-- confirmed, is to be sent the link ('confirm'); a confirmed follower a note
-- instead ('already'), so the page answers the same either way and reveals
-- nothing. Returns the follow's id: the new one or the existing one.
create function private.follow_by_email(
	p_new_id uuid,
	p_email text,
	p_project_id uuid,
	p_proceeding_id uuid,
	p_remind_days integer[],
	p_digest boolean,
	p_token_hash bytea
) returns table (follow_id uuid, outcome text)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_id uuid;
	v_confirmed timestamptz;
begin
	select f.id, f.confirmed_at into v_id, v_confirmed
	from public.follows f
	where lower(f.email) = lower(p_email)
		and f.project_id is not distinct from p_project_id
		and f.proceeding_id is not distinct from p_proceeding_id
	for update;
	if v_id is null then
		insert into public.follows (id, email, project_id, proceeding_id, remind_days, digest, token_hash)
		values (p_new_id, p_email, p_project_id, p_proceeding_id, p_remind_days, p_digest, p_token_hash);
		return query select p_new_id, 'confirm'::text;
	elsif v_confirmed is null then
		update public.follows set remind_days = p_remind_days, digest = p_digest where id = v_id;
		return query select v_id, 'confirm'::text;
	else
		return query select v_id, 'already'::text;
	end if;
end
$$;

-- Opens a confirmation link: the follow counts from now. Returns the project
-- followed, or no row for an unknown link.
create function private.confirm_follow(p_token_hash bytea) returns table (project_slug text, project_name text)
language sql
security definer
set search_path = ''
as $$
	with confirmed as (
		update public.follows set confirmed_at = coalesce(confirmed_at, now())
		where token_hash = p_token_hash
		returning project_id, proceeding_id
	)
	select p.slug, p.name
	from confirmed c
	join public.projects p
		on p.id = coalesce(c.project_id, (select pr.project_id from public.proceedings pr where pr.id = c.proceeding_id))
$$;

-- The one-click unsubscribe link in every follow email.
create function private.unfollow_by_token(p_token_hash bytea) returns boolean
language sql
security definer
set search_path = ''
as $$
	with gone as (delete from public.follows where token_hash = p_token_hash returning 1)
	select exists (select 1 from gone)
$$;

revoke all on function private.follow_by_email(uuid, text, uuid, uuid, integer[], boolean, bytea) from public;
revoke all on function private.confirm_follow(bytea) from public;
revoke all on function private.unfollow_by_token(bytea) from public;
grant execute on function private.follow_by_email(uuid, text, uuid, uuid, integer[], boolean, bytea) to anon, authenticated;
grant execute on function private.confirm_follow(bytea) to anon, authenticated;
grant execute on function private.unfollow_by_token(bytea) to anon, authenticated;

-- Columns that are the app's to set, never a client's.
revoke insert, update on public.projects from anon, authenticated;
grant insert (
	slug, name, aliases, scope, summary, developer, end_user, end_user_undisclosed, nda_parties, nda_signed_on,
	nda_term_months, state_id, county_id, locality, address, parcel, latitude, longitude, megawatts, acres,
	building_sq_ft, water_gallons_per_day, water_source, generator_count, generator_fuel, generator_tier,
	abatement_usd, abatement_years, investment_usd, jobs_promised, power_utility, power_infrastructure, status,
	status_unverified, issues, opposition_groups, created_by
) on public.projects to authenticated;
grant update (
	name, aliases, summary, developer, end_user, end_user_undisclosed, nda_parties, nda_signed_on, nda_term_months,
	county_id, locality, address, parcel, latitude, longitude, megawatts, acres, building_sq_ft,
	water_gallons_per_day, water_source, generator_count, generator_fuel, generator_tier, abatement_usd,
	abatement_years, investment_usd, jobs_promised, power_utility, power_infrastructure, status, status_unverified,
	issues, opposition_groups
) on public.projects to authenticated;

-- TRUNCATE skips row-level security: no client empties the record.
revoke truncate on
	public.projects, public.project_chapters, public.project_sources, public.project_figure_sources,
	public.project_timeline_entries, public.project_revisions, public.bodies, public.body_rules, public.officials,
	public.proceedings, public.proceeding_clocks, public.proceeding_documents, public.proceeding_votes,
	public.official_votes, public.records_request_rules, public.records_requests, public.follows
	from anon, authenticated;
revoke execute on function private.project_search_text() from public;

-- Who added a row and when stay as the insert recorded them (each insert
-- policy checks the author is the caller): editors correct the rest.
revoke insert on public.project_revisions from authenticated;
grant insert (project_id, author_id, status, changes, source_url, note, reviewed_by, reviewed_at, review_note)
	on public.project_revisions to authenticated;
revoke update on
	public.project_sources, public.project_timeline_entries, public.bodies, public.proceedings,
	public.proceeding_documents, public.records_requests
	from anon, authenticated;
grant update (project_id, url, title, weak) on public.project_sources to authenticated;
grant update (project_id, occurred_on, title, source_id, proceeding_id, dataset_record_id)
	on public.project_timeline_entries to authenticated;
grant update (slug, name, kind, jurisdiction_id, time_zone, website, email, phone, meeting_place)
	on public.bodies to authenticated;
grant update (slug, project_id, body_id, kind, title, case_number, stage, outcome, decided_on, source_url, dataset_record_id)
	on public.proceedings to authenticated;
grant update (proceeding_id, title, url, storage_path, published_on) on public.proceeding_documents to authenticated;
grant update (project_id, chapter_id, body_name, asked_for, sent_on, response_due_on, status, outcome)
	on public.records_requests to authenticated;
