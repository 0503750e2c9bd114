-- Petitions: authored by chapter organizers, signed by anyone with an email
-- address, confirmed by an emailed link, counted in batches, moderated by a
-- site role. The integrity rules follow the UK Parliament petitions site:
-- pending until confirmed, normalized emails, quiet rate limits, bulk
-- invalidation with corrected counts. See docs/decisions/020–025.

-- ---------------------------------------------------------------- site roles

create type public.site_role as enum ('moderator');

-- Roles that span the whole site rather than one chapter. Granted by the
-- service role (seeds, admin tools); nobody grants themselves one.
create table public.site_roles (
	user_id uuid not null references auth.users (id) on delete cascade,
	role public.site_role not null,
	created_at timestamptz not null default now(),
	primary key (user_id, role)
);

alter table public.site_roles enable row level security;

create function private.is_site_moderator() returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.site_roles r
		where r.user_id = (select auth.uid()) and r.role = 'moderator'
	)
$$;

create policy "people see their own site roles; moderators see all" on public.site_roles
	for select to authenticated
	using (user_id = (select auth.uid()) or private.is_site_moderator());

-- Organizes at least one chapter: who may start a petition.
create function private.organizes_any_chapter() returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.memberships m
		where m.user_id = (select auth.uid()) and m.role = 'organizer' and m.status = 'active'
	)
$$;

-- ---------------------------------------------------------------- petitions

create type public.petition_status as enum ('draft', 'published', 'closed', 'delivered');

create table public.petitions (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 80),
	title text not null check (char_length(title) between 10 and 150),
	-- Who the petition asks: the body or person that decides.
	decision_maker text not null check (char_length(decision_maker) between 3 and 200),
	summary text not null check (char_length(summary) between 20 and 500),
	-- Markdown; rendered through a whitelist, never as raw HTML.
	body text not null default '' check (char_length(body) <= 20000),
	signature_goal integer not null check (signature_goal between 10 and 10000000),
	-- Extra signature counts that email the organizers, beside 25/50/75/100% of the goal.
	custom_milestones integer[] not null default '{}'
		check (cardinality(custom_milestones) <= 10 and 0 < all (custom_milestones)),
	deadline timestamptz,
	-- The organizers of this chapter run the petition; with no chapter, its creator does.
	chapter_id uuid references public.chapters (id) on delete set null,
	cover_path text check (char_length(cover_path) <= 300),
	cover_alt text not null default '' check (char_length(cover_alt) <= 300),
	status public.petition_status not null default 'draft',
	published_at timestamptz,
	closed_at timestamptz,
	-- Delivery: when and how the signatures were handed over, and what the decision maker said.
	delivered_on date,
	delivery_method text not null default '' check (char_length(delivery_method) <= 1000),
	decision_maker_response text not null default '' check (char_length(decision_maker_response) <= 10000),
	responded_on date,
	-- Set by moderators only (column grants): a hidden petition answers 410 Gone.
	hidden_at timestamptz,
	hidden_reason text not null default '' check (char_length(hidden_reason) <= 1000),
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check (status = 'draft' or published_at is not null),
	check (status not in ('closed', 'delivered') or closed_at is not null),
	check (status <> 'delivered' or delivered_on is not null)
);
create index petitions_chapter_id_idx on public.petitions (chapter_id);
create index petitions_created_by_idx on public.petitions (created_by);
create index petitions_status_published_at_idx on public.petitions (status, published_at desc);

create trigger petitions_touch_updated_at before update on public.petitions
	for each row execute function private.touch_updated_at();

-- The people who run a petition: the active organizers of its chapter, or
-- its creator when it belongs to no chapter.
create function private.is_petition_organizer(p_petition_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.petitions p
		where p.id = p_petition_id
			and case
				when p.chapter_id is null then p.created_by = (select auth.uid())
				else private.is_chapter_organizer(p.chapter_id)
			end
	)
$$;

-- Storage paths start with the petition id; anything else is nobody's.
create function private.is_petition_organizer_folder(p_folder text) returns boolean
language plpgsql stable
security definer
set search_path = ''
as $$
begin
	if p_folder is null or p_folder !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
		return false;
	end if;
	return private.is_petition_organizer(p_folder::uuid);
end
$$;

-- Published, closed or delivered, and not hidden by a moderator.
create function private.petition_is_public(p_petition_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.petitions p
		where p.id = p_petition_id and p.status <> 'draft' and p.hidden_at is null
	)
$$;

-- Removed by a moderator: the public page answers 410 Gone rather than 404.
create function private.petition_is_hidden(p_slug text) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (select 1 from public.petitions p where p.slug = p_slug and p.hidden_at is not null)
$$;

create function private.can_see_petition(p_petition_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select private.petition_is_public(p_petition_id)
		or private.is_petition_organizer(p_petition_id)
		or private.is_site_moderator()
$$;

-- Lifecycle: draft → published → closed → delivered (published → delivered
-- closes on the way). A published petition keeps its address.
create function private.guard_petition_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if new.status is distinct from old.status and not (
		(old.status = 'draft' and new.status = 'published')
		or (old.status = 'published' and new.status in ('closed', 'delivered'))
		or (old.status = 'closed' and new.status in ('published', 'delivered'))
	) then
		raise exception 'A petition cannot go from % to %', old.status, new.status
			using errcode = 'P0001', hint = 'petition_lifecycle';
	end if;
	if old.status <> 'draft' and new.slug is distinct from old.slug then
		raise exception 'A published petition keeps its address' using errcode = 'P0001', hint = 'petition_slug';
	end if;
	if new.status = 'published' and old.status = 'draft' then
		new.published_at := coalesce(new.published_at, now());
	end if;
	if new.status in ('closed', 'delivered') and old.status = 'published' then
		new.closed_at := coalesce(new.closed_at, now());
	end if;
	if new.status = 'published' and old.status = 'closed' then
		new.closed_at := null;
	end if;
	return new;
end
$$;

create trigger petitions_guard_change before update on public.petitions
	for each row execute function private.guard_petition_change();

alter table public.petitions enable row level security;

revoke insert, update on public.petitions from anon, authenticated;
grant insert (slug, title, decision_maker, summary, body, signature_goal, custom_milestones, deadline, chapter_id, cover_alt, created_by)
	on public.petitions to authenticated;
grant update (slug, title, decision_maker, summary, body, signature_goal, custom_milestones, deadline, chapter_id,
	cover_path, cover_alt, status, published_at, closed_at, delivered_on, delivery_method, decision_maker_response, responded_on)
	on public.petitions to authenticated;

create policy "public petitions are readable by everyone" on public.petitions
	for select to anon using (status <> 'draft' and hidden_at is null);
create policy "petitions are readable when public, by their organizers and by moderators" on public.petitions
	for select to authenticated
	using (
		(status <> 'draft' and hidden_at is null)
		or case when chapter_id is null then created_by = (select auth.uid()) else private.is_chapter_organizer(chapter_id) end
		or private.is_site_moderator()
	);
create policy "chapter organizers start petitions as themselves, as drafts" on public.petitions
	for insert to authenticated
	with check (
		created_by = (select auth.uid())
		and status = 'draft'
		and case when chapter_id is null then private.organizes_any_chapter() else private.is_chapter_organizer(chapter_id) end
	);
create policy "petitions are changed by their organizers" on public.petitions
	for update to authenticated
	using (case when chapter_id is null then created_by = (select auth.uid()) else private.is_chapter_organizer(chapter_id) end)
	with check (case when chapter_id is null then created_by = (select auth.uid()) else private.is_chapter_organizer(chapter_id) end);
create policy "organizers delete drafts" on public.petitions
	for delete to authenticated
	using (
		status = 'draft'
		and case when chapter_id is null then created_by = (select auth.uid()) else private.is_chapter_organizer(chapter_id) end
	);

-- ---------------------------------------------------------------- counts
-- Confirmed signatures are counted in batches (docs/decisions/021): a
-- trigger appends +1/-1 events, and a job folds them into these tables
-- every second. Reading a count is one row; signing never updates a shared row.

create table public.petition_counts (
	petition_id uuid primary key references public.petitions (id) on delete cascade,
	confirmed integer not null default 0,
	updated_at timestamptz not null default now()
);

create table public.petition_place_counts (
	petition_id uuid not null references public.petitions (id) on delete cascade,
	country_code char(2) not null,
	state_id integer references public.jurisdictions (id) on delete restrict,
	county_id integer references public.jurisdictions (id) on delete restrict,
	confirmed integer not null default 0,
	unique nulls not distinct (petition_id, country_code, state_id, county_id)
);
create index petition_place_counts_state_id_idx on public.petition_place_counts (state_id);
create index petition_place_counts_county_id_idx on public.petition_place_counts (county_id);

-- Confirmed signatures by the hour they were confirmed in: the public chart.
create table public.petition_count_hours (
	petition_id uuid not null references public.petitions (id) on delete cascade,
	hour timestamptz not null,
	confirmed integer not null default 0,
	primary key (petition_id, hour)
);

create table private.petition_count_events (
	id bigint generated always as identity primary key,
	petition_id uuid not null,
	country_code char(2) not null,
	state_id integer,
	county_id integer,
	hour timestamptz not null,
	delta smallint not null check (delta in (-1, 1))
);
revoke all on private.petition_count_events from anon, authenticated;

create function private.create_petition_count() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	insert into public.petition_counts (petition_id) values (new.id) on conflict do nothing;
	return null;
end
$$;

create trigger petitions_create_count after insert on public.petitions
	for each row execute function private.create_petition_count();

alter table public.petition_counts enable row level security;
alter table public.petition_place_counts enable row level security;
alter table public.petition_count_hours enable row level security;
revoke insert, update, delete on public.petition_counts, public.petition_place_counts, public.petition_count_hours from anon, authenticated;

create policy "counts of visible petitions are readable" on public.petition_counts
	for select to anon, authenticated using (private.can_see_petition(petition_id));
create policy "place counts of visible petitions are readable" on public.petition_place_counts
	for select to anon, authenticated using (private.can_see_petition(petition_id));
create policy "hourly counts of visible petitions are readable" on public.petition_count_hours
	for select to anon, authenticated using (private.can_see_petition(petition_id));

-- ---------------------------------------------------------------- signatures

create type public.signature_status as enum ('pending', 'confirmed', 'suspected', 'invalidated');

create table public.signatures (
	id bigint generated always as identity primary key,
	petition_id uuid not null references public.petitions (id) on delete cascade,
	-- URLs and leading = + - @ are refused: spam, and formulas in spreadsheets.
	name text not null check (
		char_length(name) between 1 and 100
		and name !~ '^[=+@\t\r-]'
		and name !~* '(://|www\.|https?:)'
	),
	email text not null check (char_length(email) between 3 and 254 and email ~ '^[^@\s]+@[^@\s]+$'),
	-- Lower case, no +tag, no dots for Gmail: one person, one signature.
	email_normalized text not null,
	email_domain text not null,
	country_code char(2) not null check (country_code ~ '^[A-Z]{2}$'),
	postal_code text not null check (char_length(postal_code) between 2 and 10),
	county_id integer references public.jurisdictions (id) on delete restrict,
	state_id integer references public.jurisdictions (id) on delete restrict,
	-- As shown beside a consenting signer's first name: "Leesburg, VA".
	place_label text not null default '' check (char_length(place_label) <= 200),
	comment text not null default '' check (char_length(comment) <= 500),
	show_name boolean not null default false,
	wants_updates boolean not null default false,
	user_id uuid references auth.users (id) on delete set null,
	status public.signature_status not null default 'pending',
	suspect_reason text check (suspect_reason in ('honeypot', 'too_fast', 'rate_ip', 'rate_domain')),
	-- A moderator cleared it: the rate limits no longer apply to it.
	rate_limit_exempt boolean not null default false,
	ip inet,
	-- In the confirmation and unsubscribe links; readable only by the service role.
	token uuid not null default gen_random_uuid(),
	created_at timestamptz not null default now(),
	-- When the job looked at it (rate limits, confirmation email).
	processed_at timestamptz,
	confirmation_sent_at timestamptz,
	confirmed_at timestamptz,
	invalidated_at timestamptz,
	unsubscribed_at timestamptz,
	unique (petition_id, email_normalized),
	check (status <> 'confirmed' or confirmed_at is not null)
);
create unique index signatures_token_idx on public.signatures (token);
create index signatures_unprocessed_idx on public.signatures (id) where processed_at is null;
create index signatures_public_names_idx on public.signatures (petition_id, confirmed_at desc)
	where status = 'confirmed' and show_name;
create index signatures_user_id_idx on public.signatures (user_id) where user_id is not null;

create function private.record_signature_count_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if tg_op in ('UPDATE', 'DELETE') and old.status = 'confirmed'
		and (tg_op = 'DELETE' or new.status <> 'confirmed') then
		insert into private.petition_count_events (petition_id, country_code, state_id, county_id, hour, delta)
		values (old.petition_id, old.country_code, old.state_id, old.county_id, date_trunc('hour', old.confirmed_at), -1);
	end if;
	if tg_op in ('INSERT', 'UPDATE') and new.status = 'confirmed'
		and (tg_op = 'INSERT' or old.status <> 'confirmed') then
		insert into private.petition_count_events (petition_id, country_code, state_id, county_id, hour, delta)
		values (new.petition_id, new.country_code, new.state_id, new.county_id, date_trunc('hour', new.confirmed_at), 1);
	end if;
	return null;
end
$$;

-- Pending inserts (nearly all of them) skip the trigger function entirely.
create trigger signatures_count_insert after insert on public.signatures
	for each row when (new.status = 'confirmed') execute function private.record_signature_count_change();
create trigger signatures_count_update after update of status on public.signatures
	for each row when (old.status is distinct from new.status) execute function private.record_signature_count_change();
create trigger signatures_count_delete after delete on public.signatures
	for each row when (old.status = 'confirmed') execute function private.record_signature_count_change();

alter table public.signatures enable row level security;

-- Nobody writes signatures directly: signing, confirming and moderating go
-- through the functions below. Organizers read their signers (never the IP
-- address or the link token); a member reads their own.
revoke all on public.signatures from anon, authenticated;
grant select (id, petition_id, name, email, country_code, postal_code, county_id, state_id, place_label, comment,
	show_name, wants_updates, user_id, status, created_at, confirmed_at, unsubscribed_at)
	on public.signatures to authenticated;

create policy "organizers read their petition's signers; members read their own" on public.signatures
	for select to authenticated
	using (user_id = (select auth.uid()) or private.is_petition_organizer(petition_id));

-- ---------------------------------------------------------------- signing

-- Lower case; the +tag dropped; for Gmail, dots dropped and googlemail.com
-- folded into gmail.com (the same mailbox).
create function private.normalize_email(p_email text) returns text
language plpgsql immutable
set search_path = ''
as $$
declare
	v_email text := lower(btrim(p_email));
	v_local text := split_part(v_email, '@', 1);
	v_domain text := substr(v_email, char_length(split_part(v_email, '@', 1)) + 2);
begin
	v_local := split_part(v_local, '+', 1);
	if v_domain in ('gmail.com', 'googlemail.com') then
		v_local := replace(v_local, '.', '');
		v_domain := 'gmail.com';
	end if;
	return v_local || '@' || v_domain;
end
$$;

-- Signs a petition for someone without an account. Called by the app's
-- server as anon; it lives in the private schema so the Data API does not
-- expose it, and checks everything again itself. Returns what happened:
--   signed             a new pending signature
--   already_confirmed  this email has signed and confirmed
--   already_pending    this email has signed, not confirmed (the email is sent again, at most every 10 minutes)
--   closed             the petition is not open for signing
--   unknown_postal_code  a US ZIP we cannot place
create function private.sign_petition(
	p_petition_id uuid,
	p_name text,
	p_email text,
	p_country_code text,
	p_postal_code text,
	p_comment text,
	p_show_name boolean,
	p_wants_updates boolean,
	p_ip inet,
	p_suspect_reason text
) returns table (result text, signature_id bigint)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_email text := lower(btrim(p_email));
	v_normalized text := private.normalize_email(p_email);
	v_country text := upper(btrim(p_country_code));
	v_postal text := upper(btrim(p_postal_code));
	v_county_id integer;
	v_state_id integer;
	v_place text := '';
	v_id bigint;
	v_existing record;
begin
	if not exists (
		select 1 from public.petitions p
		where p.id = p_petition_id and p.status = 'published' and p.hidden_at is null
			and (p.deadline is null or p.deadline > now())
	) then
		return query select 'closed'::text, null::bigint;
		return;
	end if;

	if v_country = 'US' then
		v_postal := substr(v_postal, 1, 5);
		select pc.county_id, pc.state_id, pc.place_name || coalesce(', ' || s.abbreviation, '')
		into v_county_id, v_state_id, v_place
		from public.postal_codes pc
		join public.jurisdictions s on s.id = pc.state_id
		where pc.country_code = 'US' and pc.postal_code = v_postal;
		if not found then
			return query select 'unknown_postal_code'::text, null::bigint;
			return;
		end if;
	else
		select j.name into v_place from public.jurisdictions j where j.kind = 'country' and j.country_code = v_country;
		v_place := coalesce(v_place, v_country);
	end if;

	insert into public.signatures (
		petition_id, name, email, email_normalized, email_domain, country_code, postal_code, county_id, state_id,
		place_label, comment, show_name, wants_updates, ip, status, suspect_reason
	) values (
		p_petition_id, btrim(p_name), v_email, v_normalized, split_part(v_normalized, '@', 2), v_country, v_postal,
		v_county_id, v_state_id, v_place, coalesce(btrim(p_comment), ''), p_show_name, p_wants_updates, p_ip,
		case when p_suspect_reason is null then 'pending' else 'suspected' end::public.signature_status,
		p_suspect_reason
	)
	on conflict (petition_id, email_normalized) do nothing
	returning id into v_id;

	if v_id is not null then
		return query select 'signed'::text, v_id;
		return;
	end if;

	select s.id, s.status, s.confirmation_sent_at into v_existing
	from public.signatures s
	where s.petition_id = p_petition_id and s.email_normalized = v_normalized;
	if v_existing.status = 'confirmed' then
		return query select 'already_confirmed'::text, v_existing.id;
		return;
	end if;
	if v_existing.status = 'pending' and p_suspect_reason is null
		and (v_existing.confirmation_sent_at is null or v_existing.confirmation_sent_at < now() - interval '10 minutes') then
		-- Back to the job, which checks the rate limits again and sends the email again.
		update public.signatures set processed_at = null where id = v_existing.id and processed_at is not null;
	end if;
	-- Suspected and invalidated signatures look pending to whoever signs again.
	return query select 'already_pending'::text, v_existing.id;
end
$$;

-- A signed-in member signs with one click: the account's verified email,
-- name and ZIP. Confirmed at once, since Auth has verified the address.
--   signed | already_confirmed | closed | needs_postal_code | needs_name
create function private.sign_petition_as_member(
	p_petition_id uuid,
	p_show_name boolean,
	p_wants_updates boolean,
	p_comment text
) returns table (result text, signature_id bigint)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := (select auth.uid());
	v_email text;
	v_name text;
	v_postal text;
	v_normalized text;
	v_county_id integer;
	v_state_id integer;
	v_place text;
	v_id bigint;
	v_status public.signature_status;
begin
	if v_uid is null then
		raise exception 'Sign in to sign as a member' using errcode = '42501';
	end if;
	if not exists (
		select 1 from public.petitions p
		where p.id = p_petition_id and p.status = 'published' and p.hidden_at is null
			and (p.deadline is null or p.deadline > now())
	) then
		return query select 'closed'::text, null::bigint;
		return;
	end if;

	select u.email, pr.display_name, ps.postal_code
	into v_email, v_name, v_postal
	from auth.users u
	join public.profiles pr on pr.id = u.id
	left join public.profile_settings ps on ps.user_id = u.id
	where u.id = v_uid and u.email_confirmed_at is not null;
	if v_email is null then
		raise exception 'Confirm your email address first' using errcode = '42501';
	end if;
	if coalesce(btrim(v_name), '') = '' or v_name ~ '^[=+@\t\r-]' or v_name ~* '(://|www\.|https?:)' then
		return query select 'needs_name'::text, null::bigint;
		return;
	end if;

	select pc.county_id, pc.state_id, pc.place_name || coalesce(', ' || s.abbreviation, '')
	into v_county_id, v_state_id, v_place
	from public.postal_codes pc
	join public.jurisdictions s on s.id = pc.state_id
	where pc.country_code = 'US' and pc.postal_code = v_postal;
	if not found then
		return query select 'needs_postal_code'::text, null::bigint;
		return;
	end if;

	v_normalized := private.normalize_email(v_email);
	select s.id, s.status into v_id, v_status
	from public.signatures s
	where s.petition_id = p_petition_id and s.email_normalized = v_normalized;
	if v_id is not null then
		if v_status = 'confirmed' then
			return query select 'already_confirmed'::text, v_id;
			return;
		end if;
		if v_status = 'pending' then
			-- The same person signed without signing in and has not clicked the link yet.
			update public.signatures
			set status = 'confirmed', confirmed_at = now(), user_id = v_uid, processed_at = coalesce(processed_at, now())
			where id = v_id;
			return query select 'signed'::text, v_id;
			return;
		end if;
		return query select 'already_confirmed'::text, v_id;
		return;
	end if;

	insert into public.signatures (
		petition_id, name, email, email_normalized, email_domain, country_code, postal_code, county_id, state_id,
		place_label, comment, show_name, wants_updates, user_id, status, processed_at, confirmed_at
	) values (
		p_petition_id, btrim(v_name), lower(v_email), v_normalized, split_part(v_normalized, '@', 2), 'US', v_postal,
		v_county_id, v_state_id, v_place, coalesce(btrim(p_comment), ''), p_show_name, p_wants_updates, v_uid,
		'confirmed', now(), now()
	)
	on conflict (petition_id, email_normalized) do nothing
	returning id into v_id;
	if v_id is null then
		return query select 'already_confirmed'::text, null::bigint;
		return;
	end if;
	return query select 'signed'::text, v_id;
end
$$;

-- The emailed link: confirms a pending signature. Idempotent.
--   confirmed | already_confirmed | not_confirmable | unknown
create function private.confirm_signature(p_token uuid)
returns table (result text, petition_slug text)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_sig record;
begin
	select s.id, s.status, p.slug, p.status as petition_status
	into v_sig
	from public.signatures s
	join public.petitions p on p.id = s.petition_id
	where s.token = p_token;
	if not found then
		return query select 'unknown'::text, null::text;
		return;
	end if;
	if v_sig.status = 'confirmed' then
		return query select 'already_confirmed'::text, v_sig.slug;
		return;
	end if;
	if v_sig.status <> 'pending' or v_sig.petition_status not in ('published', 'closed') then
		return query select 'not_confirmable'::text, v_sig.slug;
		return;
	end if;
	update public.signatures set status = 'confirmed', confirmed_at = now() where id = v_sig.id and status = 'pending';
	return query select 'confirmed'::text, v_sig.slug;
end
$$;

-- One-click unsubscribe from a petition's updates (and back again).
create function private.set_signature_updates(p_token uuid, p_wants_updates boolean)
returns table (petition_slug text, petition_title text)
language plpgsql
security definer
set search_path = ''
as $$
begin
	return query
	with changed as (
		update public.signatures s
		set unsubscribed_at = case when p_wants_updates then null else coalesce(s.unsubscribed_at, now()) end,
			wants_updates = case when p_wants_updates then true else s.wants_updates end
		where s.token = p_token
		returning s.petition_id
	)
	select p.slug, p.title from changed c join public.petitions p on p.id = c.petition_id;
end
$$;

-- Public: the first names and places of confirmed signers who agreed to be shown.
create function public.petition_recent_signers(p_petition_id uuid, p_limit integer default 10)
returns table (first_name text, place text, signed_at timestamptz)
language sql stable
security definer
set search_path = ''
as $$
	select split_part(btrim(s.name), ' ', 1), s.place_label, s.confirmed_at
	from public.signatures s
	where s.petition_id = p_petition_id
		and s.status = 'confirmed'
		and s.show_name
		and private.petition_is_public(p_petition_id)
	order by s.confirmed_at desc
	limit least(greatest(p_limit, 0), 50)
$$;

-- Folds the count events into the count tables; returns the petitions whose
-- count moved. Safe to run from several workers at once (skip locked).
create function private.fold_petition_counts(p_limit integer default 20000)
returns table (petition_id uuid)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
	return query
	with batch as (
		delete from private.petition_count_events e
		where e.id in (
			select x.id from private.petition_count_events x order by x.id limit p_limit for update skip locked
		)
		returning e.petition_id, e.country_code, e.state_id, e.county_id, e.hour, e.delta
	), live as (
		select b.* from batch b where exists (select 1 from public.petitions p where p.id = b.petition_id)
	), places as (
		insert into public.petition_place_counts as pc (petition_id, country_code, state_id, county_id, confirmed)
		select l.petition_id, l.country_code, l.state_id, l.county_id, sum(l.delta)
		from live l group by 1, 2, 3, 4
		on conflict (petition_id, country_code, state_id, county_id)
			do update set confirmed = greatest(pc.confirmed + excluded.confirmed, 0)
		returning 1
	), hours as (
		insert into public.petition_count_hours as h (petition_id, hour, confirmed)
		select l.petition_id, l.hour, sum(l.delta) from live l group by 1, 2
		on conflict (petition_id, hour) do update set confirmed = greatest(h.confirmed + excluded.confirmed, 0)
		returning 1
	), totals as (
		insert into public.petition_counts as c (petition_id, confirmed, updated_at)
		select l.petition_id, sum(l.delta), now() from live l group by 1
		on conflict on constraint petition_counts_pkey
			do update set confirmed = greatest(c.confirmed + excluded.confirmed, 0), updated_at = now()
		returning c.petition_id
	)
	select t.petition_id from totals t;
end
$$;

-- Where milestone emails go: the petition's organizers' account addresses.
-- For the job (service role) only; auth.users is not readable otherwise.
create function private.petition_organizer_emails(p_petition_ids uuid[])
returns table (petition_id uuid, email text)
language sql stable
security definer
set search_path = ''
as $$
	select p.id, u.email::text
	from public.petitions p
	join auth.users u on u.id = p.created_by
	where p.id = any(p_petition_ids) and p.chapter_id is null and u.email is not null
	union
	select p.id, u.email::text
	from public.petitions p
	join public.memberships m on m.chapter_id = p.chapter_id and m.role = 'organizer' and m.status = 'active'
	join auth.users u on u.id = m.user_id
	where p.id = any(p_petition_ids) and u.email is not null
$$;

-- ---------------------------------------------------------------- milestones

create table public.petition_milestones (
	petition_id uuid not null references public.petitions (id) on delete cascade,
	threshold integer not null check (threshold > 0),
	reached_at timestamptz not null default now(),
	primary key (petition_id, threshold)
);

alter table public.petition_milestones enable row level security;
revoke insert, update, delete on public.petition_milestones from anon, authenticated;
create policy "milestones of visible petitions are readable" on public.petition_milestones
	for select to anon, authenticated using (private.can_see_petition(petition_id));

-- ---------------------------------------------------------------- updates

create table public.petition_updates (
	id uuid primary key default gen_random_uuid(),
	petition_id uuid not null references public.petitions (id) on delete cascade,
	title text not null check (char_length(title) between 3 and 150),
	body text not null check (char_length(body) between 1 and 10000),
	created_by uuid references auth.users (id) on delete set null default auth.uid(),
	created_at timestamptz not null default now(),
	-- Set by the job that emails it to signers who asked for updates.
	emailed_at timestamptz,
	recipients integer not null default 0
);
create index petition_updates_petition_id_idx on public.petition_updates (petition_id, created_at desc);
create index petition_updates_created_by_idx on public.petition_updates (created_by);

alter table public.petition_updates enable row level security;
revoke insert, update on public.petition_updates from anon, authenticated;
grant insert (petition_id, title, body, created_by) on public.petition_updates to authenticated;

create policy "updates of visible petitions are readable" on public.petition_updates
	for select to anon, authenticated using (private.can_see_petition(petition_id));
create policy "organizers post updates as themselves" on public.petition_updates
	for insert to authenticated
	with check (created_by = (select auth.uid()) and private.is_petition_organizer(petition_id));
create policy "organizers delete updates" on public.petition_updates
	for delete to authenticated using (private.is_petition_organizer(petition_id));

-- ---------------------------------------------------------------- reports

create type public.report_reason as enum ('misleading', 'offensive', 'spam', 'personal_information', 'other');
create type public.report_status as enum ('open', 'dismissed', 'actioned');

create table public.petition_reports (
	id uuid primary key default gen_random_uuid(),
	petition_id uuid not null references public.petitions (id) on delete cascade,
	reason public.report_reason not null,
	details text not null default '' check (char_length(details) <= 2000),
	reporter_email text check (reporter_email is null or (char_length(reporter_email) <= 254 and reporter_email ~ '^[^@\s]+@[^@\s]+$')),
	reporter_id uuid references auth.users (id) on delete set null default auth.uid(),
	status public.report_status not null default 'open',
	resolution_note text not null default '' check (char_length(resolution_note) <= 2000),
	resolved_by uuid references auth.users (id) on delete set null,
	resolved_at timestamptz,
	created_at timestamptz not null default now()
);
create index petition_reports_open_idx on public.petition_reports (created_at) where status = 'open';
create index petition_reports_petition_id_idx on public.petition_reports (petition_id);
create index petition_reports_reporter_id_idx on public.petition_reports (reporter_id);
create index petition_reports_resolved_by_idx on public.petition_reports (resolved_by);

alter table public.petition_reports enable row level security;
revoke all on public.petition_reports from anon, authenticated;
grant insert (petition_id, reason, details, reporter_email, reporter_id) on public.petition_reports to anon, authenticated;
grant select on public.petition_reports to authenticated;
grant update (status, resolution_note, resolved_by, resolved_at) on public.petition_reports to authenticated;

create policy "visitors report public petitions" on public.petition_reports
	for insert to anon
	with check (reporter_id is null and private.petition_is_public(petition_id));
create policy "signed-in people report public petitions as themselves" on public.petition_reports
	for insert to authenticated
	with check (reporter_id = (select auth.uid()) and private.petition_is_public(petition_id));
create policy "moderators read reports" on public.petition_reports
	for select to authenticated using (private.is_site_moderator());
create policy "moderators resolve reports" on public.petition_reports
	for update to authenticated
	using (private.is_site_moderator())
	with check (private.is_site_moderator() and resolved_by = (select auth.uid()));

-- ---------------------------------------------------------------- audit log

create table public.petition_audit_log (
	id bigint generated always as identity primary key,
	petition_id uuid references public.petitions (id) on delete set null,
	actor_id uuid references auth.users (id) on delete set null,
	action text not null check (action in (
		'export_csv', 'export_pdf', 'invalidate_signatures', 'clear_signatures', 'hide_petition', 'unhide_petition'
	)),
	details jsonb not null default '{}',
	created_at timestamptz not null default now()
);
create index petition_audit_log_petition_id_idx on public.petition_audit_log (petition_id, created_at desc);
create index petition_audit_log_actor_id_idx on public.petition_audit_log (actor_id);

alter table public.petition_audit_log enable row level security;
revoke all on public.petition_audit_log from anon, authenticated;
grant select on public.petition_audit_log to authenticated;
grant insert (petition_id, actor_id, action, details) on public.petition_audit_log to authenticated;

create policy "organizers and moderators read a petition's audit log" on public.petition_audit_log
	for select to authenticated
	using (private.is_site_moderator() or private.is_petition_organizer(petition_id));
create policy "organizers record their exports" on public.petition_audit_log
	for insert to authenticated
	with check (
		actor_id = (select auth.uid())
		and action in ('export_csv', 'export_pdf')
		and private.is_petition_organizer(petition_id)
	);

-- ---------------------------------------------------------------- moderation
-- Moderators never read signature rows (emails and postal codes are for the
-- petition's organizers): they see patterns and act on them in bulk.

create function private.require_site_moderator() returns void
language plpgsql stable
security definer
set search_path = ''
as $$
begin
	if not private.is_site_moderator() then
		raise exception 'Only moderators can do this' using errcode = '42501';
	end if;
end
$$;

-- The IP addresses, email domains or postal codes with the most signatures
-- on a petition, with how many are confirmed and suspected.
create function private.signature_clusters(p_petition_id uuid, p_kind text, p_limit integer default 20)
returns table (value text, total bigint, confirmed bigint, suspected bigint, first_at timestamptz, last_at timestamptz)
language plpgsql stable
security definer
set search_path = ''
as $$
begin
	perform private.require_site_moderator();
	if p_kind not in ('ip', 'domain', 'postal_code') then
		raise exception 'Unknown cluster kind %', p_kind using errcode = '22023';
	end if;
	return query
	select k.value, count(*), count(*) filter (where k.status = 'confirmed'),
		count(*) filter (where k.status = 'suspected'), min(k.created_at), max(k.created_at)
	from (
		select case p_kind
				when 'ip' then coalesce(host(s.ip), '')
				when 'domain' then s.email_domain
				else s.country_code || ' ' || s.postal_code
			end as value,
			s.status, s.created_at
		from public.signatures s
		where s.petition_id = p_petition_id and s.status <> 'invalidated'
	) k
	group by k.value
	order by count(*) desc, k.value
	limit least(greatest(p_limit, 1), 200);
end
$$;

-- Invalidates (or only counts, with p_dry_run) the signatures on a petition
-- that match every filter given. At least one filter besides the petition.
-- Confirmed ones leave the count through the count events.
create function private.invalidate_signatures(
	p_petition_id uuid,
	p_ip inet,
	p_domain text,
	p_postal_code text,
	p_from timestamptz,
	p_to timestamptz,
	p_only_suspected boolean,
	p_dry_run boolean
) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_count integer;
begin
	perform private.require_site_moderator();
	if p_ip is null and nullif(btrim(p_domain), '') is null and nullif(btrim(p_postal_code), '') is null
		and p_from is null and p_to is null and not coalesce(p_only_suspected, false) then
		raise exception 'Give at least one filter' using errcode = '22023', hint = 'no_filter';
	end if;
	if p_dry_run then
		select count(*) into v_count
		from public.signatures s
		where s.petition_id = p_petition_id and s.status <> 'invalidated'
			and (p_ip is null or s.ip = p_ip)
			and (nullif(btrim(p_domain), '') is null or s.email_domain = lower(btrim(p_domain)))
			and (nullif(btrim(p_postal_code), '') is null or s.postal_code = upper(btrim(p_postal_code)))
			and (p_from is null or s.created_at >= p_from)
			and (p_to is null or s.created_at < p_to)
			and (not coalesce(p_only_suspected, false) or s.status = 'suspected');
		return v_count;
	end if;
	update public.signatures s
	set status = 'invalidated', invalidated_at = now()
	where s.petition_id = p_petition_id and s.status <> 'invalidated'
		and (p_ip is null or s.ip = p_ip)
		and (nullif(btrim(p_domain), '') is null or s.email_domain = lower(btrim(p_domain)))
		and (nullif(btrim(p_postal_code), '') is null or s.postal_code = upper(btrim(p_postal_code)))
		and (p_from is null or s.created_at >= p_from)
		and (p_to is null or s.created_at < p_to)
		and (not coalesce(p_only_suspected, false) or s.status = 'suspected');
	get diagnostics v_count = row_count;
	insert into public.petition_audit_log (petition_id, actor_id, action, details)
	values (p_petition_id, (select auth.uid()), 'invalidate_signatures', jsonb_build_object(
		'ip', host(p_ip), 'domain', p_domain, 'postal_code', p_postal_code, 'from', p_from, 'to', p_to,
		'only_suspected', p_only_suspected, 'count', v_count
	));
	return v_count;
end
$$;

-- Suspected signatures a moderator judges genuine go back to pending, exempt
-- from the rate limits, and get their confirmation email.
create function private.clear_suspected_signatures(p_petition_id uuid, p_ip inet, p_domain text)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_count integer;
begin
	perform private.require_site_moderator();
	update public.signatures s
	set status = 'pending', suspect_reason = null, rate_limit_exempt = true, processed_at = null
	where s.petition_id = p_petition_id and s.status = 'suspected'
		and s.suspect_reason in ('rate_ip', 'rate_domain')
		and (p_ip is null or s.ip = p_ip)
		and (nullif(btrim(p_domain), '') is null or s.email_domain = lower(btrim(p_domain)));
	get diagnostics v_count = row_count;
	insert into public.petition_audit_log (petition_id, actor_id, action, details)
	values (p_petition_id, (select auth.uid()), 'clear_signatures',
		jsonb_build_object('ip', host(p_ip), 'domain', p_domain, 'count', v_count));
	return v_count;
end
$$;

-- Hides a petition (it then answers 410 Gone) or shows it again.
create function private.set_petition_hidden(p_petition_id uuid, p_hidden boolean, p_reason text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.require_site_moderator();
	update public.petitions
	set hidden_at = case when p_hidden then now() else null end,
		hidden_reason = case when p_hidden then coalesce(p_reason, '') else '' end
	where id = p_petition_id;
	insert into public.petition_audit_log (petition_id, actor_id, action, details)
	values (p_petition_id, (select auth.uid()), case when p_hidden then 'hide_petition' else 'unhide_petition' end,
		jsonb_build_object('reason', p_reason));
end
$$;

-- Moderators see every petition's signature counts by status, not the rows.
create function private.signature_status_counts(p_petition_id uuid)
returns table (status public.signature_status, total bigint)
language plpgsql stable
security definer
set search_path = ''
as $$
begin
	if not (private.is_site_moderator() or private.is_petition_organizer(p_petition_id)) then
		raise exception 'Only organizers and moderators can do this' using errcode = '42501';
	end if;
	return query select s.status, count(*) from public.signatures s where s.petition_id = p_petition_id group by s.status;
end
$$;

-- Functions are executable by PUBLIC when created; name who may call each.
revoke execute on function
	private.is_site_moderator(),
	private.organizes_any_chapter(),
	private.is_petition_organizer(uuid),
	private.is_petition_organizer_folder(text),
	private.petition_is_public(uuid),
	private.petition_is_hidden(text),
	private.can_see_petition(uuid),
	private.normalize_email(text),
	private.sign_petition(uuid, text, text, text, text, text, boolean, boolean, inet, text),
	private.sign_petition_as_member(uuid, boolean, boolean, text),
	private.confirm_signature(uuid),
	private.set_signature_updates(uuid, boolean),
	private.require_site_moderator(),
	private.signature_clusters(uuid, text, integer),
	private.invalidate_signatures(uuid, inet, text, text, timestamptz, timestamptz, boolean, boolean),
	private.clear_suspected_signatures(uuid, inet, text),
	private.set_petition_hidden(uuid, boolean, text),
	private.signature_status_counts(uuid),
	private.fold_petition_counts(integer),
	private.petition_organizer_emails(uuid[]),
	private.guard_petition_change(),
	private.create_petition_count(),
	private.record_signature_count_change()
	from public;
grant execute on function
	private.is_site_moderator(),
	private.organizes_any_chapter(),
	private.is_petition_organizer(uuid),
	private.is_petition_organizer_folder(text),
	private.petition_is_public(uuid),
	private.petition_is_hidden(text),
	private.can_see_petition(uuid),
	private.normalize_email(text),
	private.sign_petition(uuid, text, text, text, text, text, boolean, boolean, inet, text),
	private.sign_petition_as_member(uuid, boolean, boolean, text),
	private.confirm_signature(uuid),
	private.set_signature_updates(uuid, boolean),
	private.require_site_moderator(),
	private.signature_clusters(uuid, text, integer),
	private.invalidate_signatures(uuid, inet, text, text, timestamptz, timestamptz, boolean, boolean),
	private.clear_suspected_signatures(uuid, inet, text),
	private.set_petition_hidden(uuid, boolean, text),
	private.signature_status_counts(uuid)
	to anon, authenticated, service_role;
grant execute on function private.fold_petition_counts(integer), private.petition_organizer_emails(uuid[]) to service_role;
revoke execute on function public.petition_recent_signers(uuid, integer) from public;
grant execute on function public.petition_recent_signers(uuid, integer) to anon, authenticated, service_role;

-- ---------------------------------------------------------------- cover images

-- Public (covers appear on the petition page and in link previews), images
-- only. The app resizes uploads before storing them. Organizers write under
-- petition-covers/<petition id>/.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('petition-covers', 'petition-covers', true, 5242880, array['image/png', 'image/jpeg', 'image/webp'])
on conflict (id) do update set
	public = excluded.public,
	file_size_limit = excluded.file_size_limit,
	allowed_mime_types = excluded.allowed_mime_types;

create policy "petition covers are readable by everyone" on storage.objects
	for select to anon, authenticated
	using (bucket_id = 'petition-covers');

create policy "petition organizers upload covers" on storage.objects
	for insert to authenticated
	with check (bucket_id = 'petition-covers' and private.is_petition_organizer_folder((storage.foldername(name))[1]));

create policy "petition organizers replace covers" on storage.objects
	for update to authenticated
	using (bucket_id = 'petition-covers' and private.is_petition_organizer_folder((storage.foldername(name))[1]))
	with check (bucket_id = 'petition-covers' and private.is_petition_organizer_folder((storage.foldername(name))[1]));

create policy "petition organizers delete covers" on storage.objects
	for delete to authenticated
	using (bucket_id = 'petition-covers' and private.is_petition_organizer_folder((storage.foldername(name))[1]));
