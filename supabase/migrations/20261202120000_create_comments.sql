-- Public comment drives: many residents, each in their own words, delivered
-- through a channel the body reads, with a receipt (issue 12, docs/decisions/054,
-- 055, 056). A chapter's organizers open a drive on a proceeding or on a
-- federal docket's document; anyone writes a comment with no account and
-- confirms it by email; nothing is delivered before that, and nothing twice.
-- Commenters' names, addresses and emails are read only by the organizers of
-- the drive's chapter and site moderators; the public sees counts.

create extension if not exists pg_trgm with schema extensions;

-- ---------------------------------------------------------------- channel settings

-- How a body takes written comments, kept beside the body (not in it): the
-- clerk's address and whether they want each comment as it comes or one
-- packet a day, and the web form for bodies that take nothing else.
create table public.comment_channel_settings (
	body_id uuid primary key references public.bodies (id) on delete cascade,
	clerk_email text check (clerk_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and char_length(clerk_email) <= 254),
	clerk_name text check (char_length(clerk_name) <= 200),
	email_packaging text not null default 'individual' check (email_packaging in ('individual', 'daily')),
	web_form_url text check (web_form_url ~ '^https?://' and char_length(web_form_url) <= 2000),
	source_url text not null check (source_url ~ '^https?://' and char_length(source_url) <= 2000),
	updated_by uuid references auth.users (id) on delete set null,
	updated_at timestamptz not null default now()
);
create index comment_channel_settings_updated_by_idx on public.comment_channel_settings (updated_by);
create trigger comment_channel_settings_touch_updated_at before update on public.comment_channel_settings
	for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------- drives

create type public.comment_channel as enum ('email', 'regulations_gov', 'hand_off', 'printed');
create type public.comment_drive_status as enum ('draft', 'open', 'closed');

create table public.comment_drives (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 100),
	chapter_id uuid not null references public.chapters (id) on delete cascade,
	proceeding_id uuid references public.proceedings (id) on delete set null,
	-- A federal docket's document, as Regulations.gov names it (EPA-HQ-OAR-2021-0317-0001).
	regulations_gov_document_id text check (regulations_gov_document_id ~ '^[A-Za-z0-9]+(-[A-Za-z0-9]+)+$'
		and char_length(regulations_gov_document_id) <= 100),
	title text not null check (char_length(title) between 2 and 200),
	talking_points text not null default '' check (char_length(talking_points) <= 10000),
	template text not null default '' check (char_length(template) <= 20000),
	-- The body's rules for this comment.
	deadline timestamptz not null,
	max_chars integer not null default 5000 check (max_chars between 100 and 100000),
	min_chars integer not null default 0 check (min_chars >= 0),
	required_fields text[] not null default '{}' check (required_fields <@ array['address', 'postal_code', 'organization']),
	anonymous_allowed boolean not null default false,
	channel public.comment_channel not null,
	-- One letter, many signers: commenters sign the template instead of writing their own.
	sign_on boolean not null default false,
	-- Where the body's own form (or the document's comment page) is, for the hand-off.
	hand_off_url text check (hand_off_url ~ '^https?://' and char_length(hand_off_url) <= 2000),
	status public.comment_drive_status not null default 'open',
	-- The sign-on letter went out (once).
	letter_delivered_at timestamptz,
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check (min_chars < max_chars),
	check (proceeding_id is not null or regulations_gov_document_id is not null),
	check (channel <> 'regulations_gov' or (regulations_gov_document_id is not null and max_chars <= 5000)),
	check (channel <> 'hand_off' or hand_off_url is not null),
	check (not sign_on or char_length(template) > 0)
);
create index comment_drives_chapter_id_idx on public.comment_drives (chapter_id);
create index comment_drives_proceeding_id_idx on public.comment_drives (proceeding_id);
create index comment_drives_created_by_idx on public.comment_drives (created_by);
create index comment_drives_status_idx on public.comment_drives (status);
create trigger comment_drives_touch_updated_at before update on public.comment_drives
	for each row execute function private.touch_updated_at();

create function private.organizes_drive(p_drive_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select private.is_site_moderator() or exists (
		select 1 from public.comment_drives d where d.id = p_drive_id and private.is_chapter_organizer(d.chapter_id)
	)
$$;

-- ---------------------------------------------------------------- comments

create type public.comment_status as enum ('unconfirmed', 'confirmed', 'held', 'withdrawn', 'removed');
create type public.comment_submitter as enum ('individual', 'organization', 'anonymous');

create table public.comments (
	id uuid primary key default gen_random_uuid(),
	drive_id uuid not null references public.comment_drives (id) on delete cascade,
	-- The name as the writer gives it; for federal dockets, which want first and
	-- last names apart, the given names here and the family name beside them.
	name text not null check (char_length(name) between 1 and 200),
	family_name text check (char_length(family_name) <= 200),
	email text not null check (char_length(email) <= 254),
	-- One person, one comment per drive: compared without case, +tags or Gmail dots.
	email_normalized text not null check (char_length(email_normalized) <= 254),
	address text check (char_length(address) <= 300),
	postal_code text check (char_length(postal_code) <= 20),
	place_label text check (char_length(place_label) <= 200),
	state_id integer references public.jurisdictions (id) on delete set null,
	county_id integer references public.jurisdictions (id) on delete set null,
	-- The address is outside the body's jurisdiction: kept, and the writer was warned.
	outside_jurisdiction boolean not null default false,
	organization text check (char_length(organization) <= 120),
	submitter public.comment_submitter not null default 'individual',
	body text not null check (char_length(body) between 1 and 100000),
	started_from text not null default 'blank' check (started_from in ('template', 'blank')),
	-- The personalization meter when it was written (0 = all template or copy, 1 = all own words).
	own_words real not null default 1 check (own_words between 0 and 1),
	template_similarity real not null default 0 check (template_similarity between 0 and 1),
	nearest_comment_id uuid references public.comments (id) on delete set null,
	nearest_similarity real not null default 0 check (nearest_similarity between 0 and 1),
	near_duplicate boolean not null default false,
	status public.comment_status not null default 'unconfirmed',
	-- sha256 of the token in the confirmation and report links.
	token_hash bytea not null unique,
	confirmed_at timestamptz,
	-- The address the confirmation link was opened from (sent to): the attribution.
	confirmed_email text check (char_length(confirmed_email) <= 254),
	-- The earlier comment from the same person this one replaced.
	replaces_id uuid references public.comments (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check ((confirmed_at is null) = (confirmed_email is null))
);
create index comments_drive_id_idx on public.comments (drive_id, status);
create index comments_drive_email_idx on public.comments (drive_id, email_normalized);
create index comments_nearest_comment_id_idx on public.comments (nearest_comment_id);
create index comments_replaces_id_idx on public.comments (replaces_id);
create index comments_state_id_idx on public.comments (state_id);
create index comments_county_id_idx on public.comments (county_id);
-- The near-duplicate search: trigram similarity of whole comments (docs/decisions/055).
create index comments_body_trgm_idx on public.comments using gin (body extensions.gin_trgm_ops);
-- One live comment per person per drive: a second one replaces the first when it is confirmed.
create unique index comments_one_per_person_idx on public.comments (drive_id, email_normalized)
	where status in ('confirmed', 'held');
create trigger comments_touch_updated_at before update on public.comments
	for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------- attribution record

-- Every change to a comment, who made it and when: written (with its text),
-- confirmed (from which address), held, released, removed, withdrawn,
-- reported, delivered. Written by the triggers and functions below only.
create table public.comment_changes (
	id bigint generated always as identity primary key,
	comment_id uuid not null references public.comments (id) on delete cascade,
	kind text not null check (kind in (
		'written', 'confirmed', 'held', 'released', 'removed', 'withdrawn', 'replaced', 'reported', 'delivered', 'handed_off'
	)),
	detail text check (char_length(detail) <= 100000),
	by_user uuid references auth.users (id) on delete set null,
	at timestamptz not null default now()
);
create index comment_changes_comment_id_idx on public.comment_changes (comment_id, at);
create index comment_changes_by_user_idx on public.comment_changes (by_user);

create function private.record_comment_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_user uuid := nullif(current_setting('request.jwt.claim.sub', true), '')::uuid;
begin
	if tg_op = 'INSERT' then
		insert into public.comment_changes (comment_id, kind, detail, by_user) values (new.id, 'written', new.body, v_user);
		return null;
	end if;
	if new.body is distinct from old.body then
		insert into public.comment_changes (comment_id, kind, detail, by_user) values (new.id, 'written', new.body, v_user);
	end if;
	if new.status is distinct from old.status then
		insert into public.comment_changes (comment_id, kind, detail, by_user)
		values (
			new.id,
			case
				when new.status = 'confirmed' and old.status = 'unconfirmed' then 'confirmed'
				when new.status = 'confirmed' and old.status = 'held' then 'released'
				when new.status = 'held' then 'held'
				when new.status = 'removed' then 'removed'
				when new.status = 'withdrawn' then 'withdrawn'
				else 'released'
			end,
			case when new.status = 'confirmed' and old.status = 'unconfirmed' then new.confirmed_email end,
			v_user
		);
	end if;
	return null;
end
$$;
create trigger comments_record_change after insert or update on public.comments
	for each row execute function private.record_comment_change();

-- ---------------------------------------------------------------- deliveries

create type public.delivery_status as enum ('pending', 'sending', 'delivered', 'failed');
create type public.delivery_kind as enum ('email', 'email_packet', 'regulations_gov', 'hand_off', 'sign_on_letter');

-- One row per comment per way it goes to the body (or one per sign-on letter,
-- with no comment): its status and the receipt. The unique indexes are what
-- "nothing is sent twice" rests on.
create table public.comment_deliveries (
	id uuid primary key default gen_random_uuid(),
	drive_id uuid not null references public.comment_drives (id) on delete cascade,
	comment_id uuid references public.comments (id) on delete cascade,
	kind public.delivery_kind not null,
	status public.delivery_status not null default 'pending',
	attempts integer not null default 0 check (attempts >= 0),
	next_attempt_at timestamptz not null default now(),
	last_error text check (char_length(last_error) <= 2000),
	-- What proves delivery: the provider's message id, Regulations.gov's
	-- tracking number, or the confirmation number a person typed.
	receipt text check (char_length(receipt) <= 200),
	-- How many comments or signers this delivery carried.
	item_count integer not null default 1 check (item_count >= 1),
	delivered_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check ((kind = 'sign_on_letter') = (comment_id is null)),
	check ((status = 'delivered') = (delivered_at is not null))
);
create unique index comment_deliveries_once_idx on public.comment_deliveries (comment_id, kind) where comment_id is not null;
create unique index comment_deliveries_letter_once_idx on public.comment_deliveries (drive_id) where kind = 'sign_on_letter';
create index comment_deliveries_drive_id_idx on public.comment_deliveries (drive_id, status);
create index comment_deliveries_due_idx on public.comment_deliveries (kind, next_attempt_at) where status = 'pending';
create trigger comment_deliveries_touch_updated_at before update on public.comment_deliveries
	for each row execute function private.touch_updated_at();

create function private.record_delivery_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if new.comment_id is not null and new.status = 'delivered' and old.status is distinct from 'delivered' then
		insert into public.comment_changes (comment_id, kind, detail)
		values (new.comment_id, case when new.kind = 'hand_off' then 'handed_off' else 'delivered' end,
			concat_ws(': ', new.kind::text, new.receipt));
	end if;
	return null;
end
$$;
create trigger comment_deliveries_record_change after update of status on public.comment_deliveries
	for each row execute function private.record_delivery_change();

-- Every request made to Regulations.gov's posting API, for its limits (50 a
-- minute, 500 an hour per key): the job counts these before each post.
create table private.regulations_gov_requests (
	id bigint generated always as identity primary key,
	delivery_id uuid references public.comment_deliveries (id) on delete set null,
	at timestamptz not null
);
create index regulations_gov_requests_at_idx on private.regulations_gov_requests (at);
create index regulations_gov_requests_delivery_id_idx on private.regulations_gov_requests (delivery_id);
alter table private.regulations_gov_requests enable row level security;
grant select, insert, delete on private.regulations_gov_requests to service_role;

-- ---------------------------------------------------------------- reports

create type public.comment_report_status as enum ('open', 'upheld', 'dismissed');

-- "This was filed in my name": from the link in the copy the person received
-- (names the comment) or from the drive page (names the person; every
-- comment in the drive under that name is held). Held comments wait for an
-- organizer of the drive's chapter or a moderator.
create table public.comment_reports (
	id uuid primary key default gen_random_uuid(),
	drive_id uuid not null references public.comment_drives (id) on delete cascade,
	comment_id uuid references public.comments (id) on delete cascade,
	reporter_name text not null check (char_length(reporter_name) between 1 and 200),
	reporter_email text check (char_length(reporter_email) <= 254),
	details text not null default '' check (char_length(details) <= 4000),
	source text not null check (source in ('copy_link', 'drive_page')),
	status public.comment_report_status not null default 'open',
	held_count integer not null default 0 check (held_count >= 0),
	reviewed_by uuid references auth.users (id) on delete set null,
	reviewed_at timestamptz,
	review_note text not null default '' check (char_length(review_note) <= 2000),
	created_at timestamptz not null default now(),
	check ((status = 'open') = (reviewed_at is null))
);
create index comment_reports_drive_id_idx on public.comment_reports (drive_id, status);
create index comment_reports_comment_id_idx on public.comment_reports (comment_id);
create index comment_reports_reviewed_by_idx on public.comment_reports (reviewed_by);

-- ---------------------------------------------------------------- row-level security

alter table public.comment_channel_settings enable row level security;
alter table public.comment_drives enable row level security;
alter table public.comments enable row level security;
alter table public.comment_changes enable row level security;
alter table public.comment_deliveries enable row level security;
alter table public.comment_reports enable row level security;

-- A body's channel settings are public reference data, kept by organizers and moderators.
create policy "channel settings are public" on public.comment_channel_settings for select to anon, authenticated using (true);
create policy "organizers record channel settings" on public.comment_channel_settings for insert to authenticated
	with check ((private.is_site_moderator() or private.organizes_any_chapter()) and updated_by = (select auth.uid()));
create policy "organizers update channel settings" on public.comment_channel_settings for update to authenticated
	using (private.is_site_moderator() or private.organizes_any_chapter())
	with check ((private.is_site_moderator() or private.organizes_any_chapter()) and updated_by = (select auth.uid()));

-- Drives: open and closed ones are public; drafts are their organizers'.
create policy "published drives are public; drafts to their organizers" on public.comment_drives
	for select to anon, authenticated
	using (status <> 'draft' or private.organizes_drive(id));
create policy "chapter organizers open drives" on public.comment_drives for insert to authenticated
	with check (
		private.is_chapter_organizer(chapter_id)
		and created_by = (select auth.uid())
		and (proceeding_id is null or private.can_edit_proceeding(proceeding_id))
	);
create policy "chapter organizers and moderators change drives" on public.comment_drives for update to authenticated
	using (private.organizes_drive(id))
	with check (private.organizes_drive(id) and (proceeding_id is null or private.can_edit_proceeding(proceeding_id)));

-- Comments, their record, deliveries and reports: the drive's organizers and
-- moderators only. Nobody writes them directly; writing, confirming,
-- reporting and reviewing go through the functions below.
create policy "drive organizers read comments" on public.comments for select to authenticated
	using (private.organizes_drive(drive_id));
create policy "drive organizers read the attribution record" on public.comment_changes for select to authenticated
	using (exists (select 1 from public.comments c where c.id = comment_id and private.organizes_drive(c.drive_id)));
create policy "drive organizers read deliveries" on public.comment_deliveries for select to authenticated
	using (private.organizes_drive(drive_id));
create policy "drive organizers read reports" on public.comment_reports for select to authenticated
	using (private.organizes_drive(drive_id));

revoke all on public.comments, public.comment_changes, public.comment_deliveries, public.comment_reports from anon, authenticated;
grant select (
	id, drive_id, name, family_name, email, address, postal_code, place_label, state_id, county_id, outside_jurisdiction, organization,
	submitter, body, started_from, own_words, template_similarity, nearest_comment_id, nearest_similarity, near_duplicate,
	status, confirmed_at, confirmed_email, replaces_id, created_at, updated_at
) on public.comments to authenticated;
grant select on public.comment_changes, public.comment_deliveries, public.comment_reports to authenticated;

revoke insert, update on public.comment_drives from anon, authenticated;
grant insert (
	slug, chapter_id, proceeding_id, regulations_gov_document_id, title, talking_points, template, deadline, max_chars,
	min_chars, required_fields, anonymous_allowed, channel, sign_on, hand_off_url, status, created_by
) on public.comment_drives to authenticated;
grant update (
	title, talking_points, template, deadline, max_chars, min_chars, required_fields, anonymous_allowed, channel,
	hand_off_url, status
) on public.comment_drives to authenticated;
revoke insert, update on public.comment_channel_settings from anon, authenticated;
grant insert (body_id, clerk_email, clerk_name, email_packaging, web_form_url, source_url, updated_by)
	on public.comment_channel_settings to authenticated;
grant update (clerk_email, clerk_name, email_packaging, web_form_url, source_url, updated_by)
	on public.comment_channel_settings to authenticated;
revoke truncate on
	public.comment_channel_settings, public.comment_drives, public.comments, public.comment_changes,
	public.comment_deliveries, public.comment_reports
	from anon, authenticated;

-- ---------------------------------------------------------------- counts

-- A drive's counters for anyone who may see the drive: started, confirmed,
-- delivered, and how many confirmed comments are unique or near-duplicates.
-- Counted from the indexes on read; no counter row to fight over in a surge.
create function private.comment_drive_counts(p_drive_ids uuid[])
returns table (drive_id uuid, started bigint, confirmed bigint, delivered bigint, unique_count bigint, near_duplicates bigint, held bigint)
language sql stable
security definer
set search_path = ''
as $$
	select d.id,
		count(c.id) filter (where c.status not in ('withdrawn', 'removed')),
		count(c.id) filter (where c.status = 'confirmed'),
		count(c.id) filter (where c.status = 'confirmed' and exists (
			select 1 from public.comment_deliveries x where x.comment_id = c.id and x.status = 'delivered'
		)) + coalesce((
			select sum(x.item_count) from public.comment_deliveries x
			where x.drive_id = d.id and x.kind = 'sign_on_letter' and x.status = 'delivered'
		), 0)::bigint,
		count(c.id) filter (where c.status = 'confirmed' and not c.near_duplicate),
		count(c.id) filter (where c.status = 'confirmed' and c.near_duplicate),
		count(c.id) filter (where c.status = 'held')
	from public.comment_drives d
	left join public.comments c on c.drive_id = d.id
	where d.id = any (p_drive_ids) and (d.status <> 'draft' or private.organizes_drive(d.id))
	group by d.id
$$;
revoke all on function private.comment_drive_counts(uuid[]) from public;
grant execute on function private.comment_drive_counts(uuid[]) to anon, authenticated, service_role;

-- ---------------------------------------------------------------- the meter

-- How much of a text is the writer's own: its trigram similarity to the
-- drive's template and to the nearest other comment in the drive
-- (docs/decisions/055). Candidates come from the trigram index at a
-- similarity of at least p_floor; the nearest is rechecked exactly.
create function private.comment_similarity(p_drive_id uuid, p_body text, p_exclude uuid default null, p_floor real default 0.5)
returns table (template_similarity real, nearest_comment_id uuid, nearest_similarity real)
language plpgsql stable
security definer
set search_path = ''
as $$
declare
	v_template text;
begin
	select d.template into v_template from public.comment_drives d where d.id = p_drive_id;
	perform set_config('pg_trgm.similarity_threshold', p_floor::text, true);
	return query
	select
		case when coalesce(v_template, '') = '' then 0::real else extensions.similarity(p_body, v_template) end,
		n.id,
		coalesce(n.s, 0)::real
	from (select 1) one
	left join lateral (
		select c.id, extensions.similarity(c.body, p_body) as s
		from public.comments c
		where c.drive_id = p_drive_id
			and c.body operator(extensions.%) p_body
			and c.status not in ('withdrawn', 'removed')
			and (p_exclude is null or c.id <> p_exclude)
		order by s desc
		limit 1
	) n on true;
end
$$;
revoke all on function private.comment_similarity(uuid, text, uuid, real) from public;
grant execute on function private.comment_similarity(uuid, text, uuid, real) to anon, authenticated, service_role;

-- ---------------------------------------------------------------- writing and confirming

-- Writes a comment, unconfirmed, with its meter reading. Refuses a drive
-- that is not open or past its deadline (P0001 with the rule as hint). Tells
-- the app whether the same person already has a live comment in the drive
-- ('again'), so the confirmation email can say that confirming replaces it;
-- the page answers the same either way.
create function private.write_comment(
	p_new_id uuid,
	p_drive_id uuid,
	p_name text,
	p_family_name text,
	p_email text,
	p_address text,
	p_postal_code text,
	p_place_label text,
	p_state_id integer,
	p_county_id integer,
	p_outside_jurisdiction boolean,
	p_organization text,
	p_submitter public.comment_submitter,
	p_body text,
	p_started_from text,
	p_token_hash bytea,
	p_near_duplicate_at real
) returns table (comment_id uuid, outcome text, earlier_id uuid)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_drive public.comment_drives%rowtype;
	v_email text := private.normalize_email(p_email);
	v_sim record;
	v_earlier uuid;
	v_own real;
begin
	select * into v_drive from public.comment_drives d where d.id = p_drive_id;
	if v_drive.id is null or v_drive.status = 'draft' then
		raise exception 'No such comment drive' using errcode = 'P0002';
	end if;
	if v_drive.status = 'closed' or v_drive.deadline <= now() then
		raise exception 'The comment period has closed' using errcode = 'P0001', hint = 'comment_drive_closed';
	end if;
	if char_length(p_body) > v_drive.max_chars then
		raise exception 'The comment is over the limit' using errcode = 'P0001', hint = 'comment_too_long';
	end if;
	if char_length(p_body) < v_drive.min_chars then
		raise exception 'The comment is under the minimum' using errcode = 'P0001', hint = 'comment_too_short';
	end if;
	if p_submitter = 'anonymous' and not v_drive.anonymous_allowed then
		raise exception 'This body does not take anonymous comments' using errcode = 'P0001', hint = 'comment_anonymous_refused';
	end if;
	select * into v_sim from private.comment_similarity(p_drive_id, p_body, null, least(p_near_duplicate_at, 0.5::real));
	v_own := greatest(0, 1 - greatest(v_sim.template_similarity, v_sim.nearest_similarity));
	insert into public.comments (
		id, drive_id, name, family_name, email, email_normalized, address, postal_code, place_label, state_id, county_id,
		outside_jurisdiction, organization, submitter, body, started_from, own_words, template_similarity,
		nearest_comment_id, nearest_similarity, near_duplicate, token_hash
	) values (
		p_new_id, p_drive_id, p_name, nullif(btrim(p_family_name), ''), p_email, v_email, p_address, p_postal_code, p_place_label, p_state_id, p_county_id,
		p_outside_jurisdiction, p_organization, p_submitter, p_body, p_started_from, v_own, v_sim.template_similarity,
		v_sim.nearest_comment_id, v_sim.nearest_similarity,
		-- A sign-on letter is the same text by design; only written comments can be near-duplicates.
		not v_drive.sign_on and v_sim.nearest_similarity >= p_near_duplicate_at,
		p_token_hash
	);
	select c.id into v_earlier from public.comments c
	where c.drive_id = p_drive_id and c.email_normalized = v_email and c.status in ('confirmed', 'held') and c.id <> p_new_id
	limit 1;
	return query select p_new_id, case when v_earlier is null then 'new' else 'again' end, v_earlier;
end
$$;

-- Opens a confirmation link: the comment counts from now, attributed to the
-- address the link was sent to, and its deliveries are queued in the same
-- transaction (docs/decisions/037). A confirmed earlier comment from the same
-- person that has not gone out is withdrawn in its favour; one that has gone
-- out stays, and this one follows it as a further comment. Idempotent.
create function private.confirm_comment(p_token_hash bytea)
returns table (comment_id uuid, drive_id uuid, outcome text)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_comment public.comments%rowtype;
	v_drive public.comment_drives%rowtype;
	v_earlier public.comments%rowtype;
	v_kind public.delivery_kind;
	v_packaging text;
begin
	select * into v_comment from public.comments c where c.token_hash = p_token_hash for update;
	if v_comment.id is null then
		return;
	end if;
	if v_comment.status <> 'unconfirmed' then
		return query select v_comment.id, v_comment.drive_id, v_comment.status::text;
		return;
	end if;
	select * into v_drive from public.comment_drives d where d.id = v_comment.drive_id;
	if v_drive.status = 'closed' or v_drive.deadline <= now() then
		return query select v_comment.id, v_comment.drive_id, 'closed'::text;
		return;
	end if;
	select * into v_earlier from public.comments c
	where c.drive_id = v_comment.drive_id and c.email_normalized = v_comment.email_normalized
		and c.status in ('confirmed', 'held') and c.id <> v_comment.id
	for update;
	if v_earlier.id is not null then
		-- Withdraw the earlier one; whatever of it was not yet delivered is cancelled.
		update public.comments set status = 'withdrawn' where id = v_earlier.id;
		insert into public.comment_changes (comment_id, kind, detail) values (v_earlier.id, 'replaced', v_comment.id::text);
		delete from public.comment_deliveries x where x.comment_id = v_earlier.id and x.status in ('pending', 'failed');
		update public.comments set replaces_id = v_earlier.id where id = v_comment.id;
	end if;
	update public.comments set status = 'confirmed', confirmed_at = now(), confirmed_email = v_comment.email
	where id = v_comment.id;

	-- What goes to the body, and how. A sign-on letter goes once, with every signer, when the organizers send it.
	if not v_drive.sign_on then
		if v_drive.channel = 'email' then
			select s.email_packaging into v_packaging from public.proceedings p
			join public.comment_channel_settings s on s.body_id = p.body_id where p.id = v_drive.proceeding_id;
			v_kind := case when v_packaging = 'daily' then 'email_packet' else 'email' end;
		elsif v_drive.channel = 'regulations_gov' then
			v_kind := 'regulations_gov';
		elsif v_drive.channel = 'hand_off' then
			v_kind := 'hand_off';
		end if;
		if v_kind is not null then
			insert into public.comment_deliveries (drive_id, comment_id, kind) values (v_drive.id, v_comment.id, v_kind)
			on conflict do nothing;
			if v_kind = 'email' then
				perform private.queue_job('deliver_comment_email', jsonb_build_object('commentId', v_comment.id),
					'comment-email:' || v_comment.id, null, 25);
			elsif v_kind = 'regulations_gov' then
				perform private.queue_job('post_federal_comments', '{}'::jsonb, 'post-federal-comments', null, 25);
			end if;
		end if;
	end if;
	perform private.queue_job('send_comment_copy', jsonb_build_object('commentId', v_comment.id),
		'comment-copy:' || v_comment.id, null, 25);
	return query select v_comment.id, v_comment.drive_id, 'confirmed'::text;
end
$$;

-- What the person who holds a comment's link may see of it: their own
-- comment, its drive and where each delivery stands.
create function private.comment_by_token(p_token_hash bytea)
returns table (
	comment_id uuid, drive_id uuid, drive_slug text, name text, body text, status public.comment_status,
	confirmed_at timestamptz, delivery_kind public.delivery_kind, delivery_status public.delivery_status,
	receipt text, delivered_at timestamptz
)
language sql stable
security definer
set search_path = ''
as $$
	select c.id, c.drive_id, d.slug, c.name, c.body, c.status, c.confirmed_at, x.kind, x.status, x.receipt, x.delivered_at
	from public.comments c
	join public.comment_drives d on d.id = c.drive_id
	left join public.comment_deliveries x on x.comment_id = c.id
	where c.token_hash = p_token_hash
$$;

-- The hand-off: the person says they sent it through the body's own form
-- (or the document's page on Regulations.gov), with the confirmation number
-- it gave them if any. Once. On a federal drive whose post has not gone (no
-- key, or the key withdrawn) it takes the post's place, so it is not also
-- posted; a post already on its way or made cannot be replaced.
create function private.record_hand_off(p_token_hash bytea, p_receipt text) returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_comment public.comments%rowtype;
	v_channel public.comment_channel;
	v_id uuid;
begin
	select * into v_comment from public.comments c where c.token_hash = p_token_hash for update;
	if v_comment.id is null or v_comment.status <> 'confirmed' then
		return false;
	end if;
	select d.channel into v_channel from public.comment_drives d where d.id = v_comment.drive_id;
	if v_channel = 'regulations_gov' then
		if exists (select 1 from public.comment_deliveries x where x.comment_id = v_comment.id and x.kind = 'regulations_gov'
			and x.status in ('sending', 'delivered')) then
			return false;
		end if;
		delete from public.comment_deliveries x where x.comment_id = v_comment.id and x.kind = 'regulations_gov';
		insert into public.comment_deliveries (drive_id, comment_id, kind) values (v_comment.drive_id, v_comment.id, 'hand_off')
		on conflict do nothing;
	end if;
	update public.comment_deliveries x
	set status = 'delivered', delivered_at = now(), receipt = nullif(btrim(p_receipt), ''), attempts = x.attempts + 1
	where x.comment_id = v_comment.id and x.kind = 'hand_off' and x.status <> 'delivered'
	returning x.id into v_id;
	return v_id is not null;
end
$$;

-- The organizers send a sign-on letter once, with everyone who confirmed
-- their signature by then: by email to the clerk, or to Regulations.gov with
-- numItemsReceived. False when it has gone already.
create function private.send_sign_on_letter(p_drive_id uuid) returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_drive public.comment_drives%rowtype;
	v_signers integer;
	v_id uuid;
begin
	select * into v_drive from public.comment_drives d where d.id = p_drive_id for update;
	if v_drive.id is null or not private.organizes_drive(p_drive_id) or not v_drive.sign_on then
		raise exception 'No such sign-on letter' using errcode = 'P0002';
	end if;
	select count(*) into v_signers from public.comments c where c.drive_id = p_drive_id and c.status = 'confirmed';
	if v_signers = 0 then
		raise exception 'Nobody has confirmed a signature yet' using errcode = 'P0001', hint = 'sign_on_no_signers';
	end if;
	insert into public.comment_deliveries (drive_id, kind, item_count) values (p_drive_id, 'sign_on_letter', v_signers)
	on conflict do nothing
	returning id into v_id;
	if v_id is null then
		return false;
	end if;
	if v_drive.channel = 'regulations_gov' then
		perform private.queue_job('post_federal_comments', '{}'::jsonb, 'post-federal-comments', null, 25);
	else
		perform private.queue_job('deliver_sign_on_letter', jsonb_build_object('deliveryId', v_id), 'sign-on-letter:' || v_id, null, 25);
	end if;
	return true;
end
$$;

-- ---------------------------------------------------------------- reports and review

-- "Filed in my name", from the link in the copy: holds that comment.
create function private.report_comment_by_token(p_token_hash bytea, p_name text, p_details text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_comment public.comments%rowtype;
	v_report uuid;
begin
	select * into v_comment from public.comments c where c.token_hash = p_token_hash for update;
	if v_comment.id is null then
		return null;
	end if;
	insert into public.comment_reports (drive_id, comment_id, reporter_name, reporter_email, details, source, held_count)
	values (v_comment.drive_id, v_comment.id, p_name, v_comment.email, coalesce(p_details, ''), 'copy_link',
		case when v_comment.status in ('confirmed', 'unconfirmed') then 1 else 0 end)
	returning id into v_report;
	insert into public.comment_changes (comment_id, kind, detail) values (v_comment.id, 'reported', v_report::text);
	if v_comment.status in ('confirmed', 'unconfirmed') then
		update public.comments set status = 'held' where id = v_comment.id;
	end if;
	perform private.queue_job('notify_comment_report', jsonb_build_object('reportId', v_report), 'comment-report:' || v_report, null, 25);
	return v_report;
end
$$;

-- "Filed in my name", from the drive page: every live comment in the drive
-- under that name is held until reviewed. Answers nothing about whether any
-- matched, so the form reveals nothing about who commented.
create function private.report_comment_by_name(p_drive_id uuid, p_name text, p_email text, p_details text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_report uuid;
	v_held integer;
begin
	if not exists (select 1 from public.comment_drives d where d.id = p_drive_id and d.status <> 'draft') then
		raise exception 'No such comment drive' using errcode = 'P0002';
	end if;
	insert into public.comment_reports (drive_id, reporter_name, reporter_email, details, source)
	values (p_drive_id, p_name, p_email, coalesce(p_details, ''), 'drive_page')
	returning id into v_report;
	with held as (
		update public.comments c set status = 'held'
		where c.drive_id = p_drive_id and c.status in ('confirmed', 'unconfirmed')
			and lower(btrim(regexp_replace(c.name, '\s+', ' ', 'g'))) = lower(btrim(regexp_replace(p_name, '\s+', ' ', 'g')))
		returning c.id
	), noted as (
		insert into public.comment_changes (comment_id, kind, detail) select id, 'reported', v_report::text from held
		returning 1
	)
	select count(*) into v_held from noted;
	update public.comment_reports set held_count = v_held where id = v_report;
	perform private.queue_job('notify_comment_report', jsonb_build_object('reportId', v_report), 'comment-report:' || v_report, null, 25);
	return v_report;
end
$$;

-- An organizer of the drive's chapter or a moderator decides a report:
-- upheld removes the comments it held (they are never delivered); dismissed
-- releases them to be delivered as they would have been.
create function private.review_comment_report(p_report_id uuid, p_upheld boolean, p_note text)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_report public.comment_reports%rowtype;
	v_user uuid := (select auth.uid());
begin
	select * into v_report from public.comment_reports r where r.id = p_report_id for update;
	if v_report.id is null or not private.organizes_drive(v_report.drive_id) then
		raise exception 'No such report' using errcode = 'P0002';
	end if;
	if v_report.status <> 'open' then
		return false;
	end if;
	update public.comment_reports
	set status = case when p_upheld then 'upheld' else 'dismissed' end::public.comment_report_status,
		reviewed_by = v_user, reviewed_at = now(), review_note = coalesce(p_note, '')
	where id = p_report_id;
	-- The comments this report held, unless another open report still holds them.
	update public.comments c
	set status = case when p_upheld then 'removed' when c.confirmed_at is null then 'unconfirmed' else 'confirmed' end::public.comment_status
	where c.status = 'held'
		and exists (select 1 from public.comment_changes h where h.comment_id = c.id and h.kind = 'reported' and h.detail = p_report_id::text)
		and not exists (
			select 1 from public.comment_changes h2 join public.comment_reports r2 on r2.id::text = h2.detail
			where h2.comment_id = c.id and h2.kind = 'reported' and r2.status = 'open' and r2.id <> p_report_id
		);
	if p_upheld then
		delete from public.comment_deliveries x
		using public.comments c
		where x.comment_id = c.id and c.status = 'removed' and x.status in ('pending', 'failed') and x.drive_id = v_report.drive_id;
	else
		-- Released comments whose email went nowhere while held are sent now.
		perform private.queue_job('deliver_comment_email', jsonb_build_object('commentId', x.comment_id),
			'comment-email:' || x.comment_id, null, 25)
		from public.comment_deliveries x
		where x.drive_id = v_report.drive_id and x.kind = 'email' and x.status = 'pending';
		perform private.queue_job('post_federal_comments', '{}'::jsonb, 'post-federal-comments', null, 25)
		where exists (select 1 from public.comment_deliveries x where x.drive_id = v_report.drive_id and x.kind = 'regulations_gov' and x.status = 'pending');
	end if;
	return true;
end
$$;

revoke all on function private.write_comment(uuid, uuid, text, text, text, text, text, text, integer, integer, boolean, text, public.comment_submitter, text, text, bytea, real) from public;
revoke all on function private.confirm_comment(bytea) from public;
revoke all on function private.comment_by_token(bytea) from public;
revoke all on function private.record_hand_off(bytea, text) from public;
revoke all on function private.send_sign_on_letter(uuid) from public;
revoke all on function private.report_comment_by_token(bytea, text, text) from public;
revoke all on function private.report_comment_by_name(uuid, text, text, text) from public;
revoke all on function private.review_comment_report(uuid, boolean, text) from public;
revoke all on function private.organizes_drive(uuid) from public;
revoke all on function private.record_comment_change() from public;
revoke all on function private.record_delivery_change() from public;
grant execute on function private.write_comment(uuid, uuid, text, text, text, text, text, text, integer, integer, boolean, text, public.comment_submitter, text, text, bytea, real) to anon, authenticated, service_role;
grant execute on function private.confirm_comment(bytea) to anon, authenticated, service_role;
grant execute on function private.comment_by_token(bytea) to anon, authenticated, service_role;
grant execute on function private.record_hand_off(bytea, text) to anon, authenticated;
grant execute on function private.send_sign_on_letter(uuid) to authenticated;
grant execute on function private.report_comment_by_token(bytea, text, text) to anon, authenticated;
grant execute on function private.report_comment_by_name(uuid, text, text, text) to anon, authenticated;
grant execute on function private.review_comment_report(uuid, boolean, text) to authenticated;
grant execute on function private.organizes_drive(uuid) to anon, authenticated, service_role;
