-- Core schema: people (profiles), places (jurisdictions), local groups
-- (chapters) and who belongs to them (memberships). Row-level security is the
-- authorization layer: every table has it on, with one policy per operation.

create schema if not exists private;
grant usage on schema private to anon, authenticated, service_role;

create function private.touch_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	new.updated_at := now();
	return new;
end
$$;

-- ---------------------------------------------------------------- jurisdictions

create type public.jurisdiction_kind as enum ('country', 'state', 'county', 'city', 'utility_commission');

create table public.jurisdictions (
	id integer generated always as identity primary key,
	kind public.jurisdiction_kind not null,
	name text not null check (char_length(name) between 1 and 200),
	parent_id integer references public.jurisdictions (id) on delete restrict,
	-- ISO 3166-1 alpha-2 of the country the place is in ('US', 'IE').
	country_code char(2) not null check (country_code ~ '^[A-Z]{2}$'),
	-- ISO 3166-1 / 3166-2 code where one exists ('US', 'US-VA', 'IE-D').
	iso_code text unique,
	-- US FIPS: 2 digits for a state, 5 for a county, 7 for a place.
	fips_code text unique check (fips_code ~ '^[0-9]{2}([0-9]{3})?([0-9]{2})?$'),
	-- Postal abbreviation for US states ('VA').
	abbreviation text,
	slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	latitude double precision check (latitude between -90 and 90),
	longitude double precision check (longitude between -180 and 180),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check ((latitude is null) = (longitude is null)),
	check ((kind = 'country') = (parent_id is null))
);
create index jurisdictions_parent_id_idx on public.jurisdictions (parent_id);
create index jurisdictions_kind_name_idx on public.jurisdictions (kind, name);

create trigger jurisdictions_touch_updated_at before update on public.jurisdictions
	for each row execute function private.touch_updated_at();

alter table public.jurisdictions enable row level security;

-- Places are public reference data. Only the service role (seeds, admin
-- tools) writes them, so there are no insert, update or delete policies.
create policy "jurisdictions are readable by everyone" on public.jurisdictions
	for select to anon, authenticated using (true);

-- ---------------------------------------------------------------- profiles

-- The public face of an account: what other people may see.
create table public.profiles (
	id uuid primary key references auth.users (id) on delete cascade,
	display_name text not null default '' check (char_length(display_name) <= 80),
	avatar_path text check (char_length(avatar_path) <= 300),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);

create trigger profiles_touch_updated_at before update on public.profiles
	for each row execute function private.touch_updated_at();

-- What only the account holder sees: where they live, how they read.
create table public.profile_settings (
	user_id uuid primary key references auth.users (id) on delete cascade,
	postal_code text check (char_length(postal_code) <= 12),
	jurisdiction_id integer references public.jurisdictions (id) on delete set null,
	locale text not null default 'en' check (locale in ('en', 'es')),
	time_zone text not null default 'America/New_York' check (char_length(time_zone) <= 64),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index profile_settings_jurisdiction_id_idx on public.profile_settings (jurisdiction_id);

create trigger profile_settings_touch_updated_at before update on public.profile_settings
	for each row execute function private.touch_updated_at();

create function private.handle_new_user() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	insert into public.profiles (id, display_name)
	values (
		new.id,
		left(coalesce(
			nullif(trim(new.raw_user_meta_data ->> 'display_name'), ''),
			nullif(trim(new.raw_user_meta_data ->> 'full_name'), ''),
			''
		), 80)
	);
	insert into public.profile_settings (user_id) values (new.id);
	return new;
end
$$;

create trigger on_auth_user_created after insert on auth.users
	for each row execute function private.handle_new_user();

-- ---------------------------------------------------------------- chapters

create type public.chapter_visibility as enum ('public', 'private');

create table public.chapters (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 80),
	name text not null check (char_length(name) between 3 and 120),
	description text not null default '' check (char_length(description) <= 5000),
	jurisdiction_id integer not null references public.jurisdictions (id) on delete restrict,
	-- public: anyone joins at once. private: an organizer approves each request.
	-- Both are listed; what a private chapter does is for members only.
	visibility public.chapter_visibility not null default 'public',
	-- Active members, kept by a trigger so listing chapters never counts rows.
	member_count integer not null default 0 check (member_count >= 0),
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index chapters_jurisdiction_id_idx on public.chapters (jurisdiction_id);
create index chapters_created_by_idx on public.chapters (created_by);

create trigger chapters_touch_updated_at before update on public.chapters
	for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------- memberships

create type public.membership_role as enum ('organizer', 'member');
create type public.membership_status as enum ('active', 'pending', 'invited');

create table public.memberships (
	chapter_id uuid not null references public.chapters (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	role public.membership_role not null default 'member',
	status public.membership_status not null default 'pending',
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	primary key (chapter_id, user_id)
);
create index memberships_user_id_idx on public.memberships (user_id);
create index memberships_chapter_id_role_status_idx on public.memberships (chapter_id, role, status);

create trigger memberships_touch_updated_at before update on public.memberships
	for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------- membership helpers
-- security definer so that policies on memberships can ask about memberships
-- without recursing into their own policy.

create function private.is_chapter_member(p_chapter_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.memberships m
		where m.chapter_id = p_chapter_id
			and m.user_id = (select auth.uid())
			and m.status = 'active'
	)
$$;

create function private.is_chapter_organizer(p_chapter_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.memberships m
		where m.chapter_id = p_chapter_id
			and m.user_id = (select auth.uid())
			and m.status = 'active'
			and m.role = 'organizer'
	)
$$;

create function private.chapter_is_public(p_chapter_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.chapters c where c.id = p_chapter_id and c.visibility = 'public'
	)
$$;

-- Someone whose name may be shown on a chapter page: an active organizer.
create function private.is_listed_organizer(p_user_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.memberships m
		where m.user_id = p_user_id and m.role = 'organizer' and m.status = 'active'
	)
$$;

-- The caller and p_user_id are both active members of one chapter.
create function private.shares_chapter_with(p_user_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1
		from public.memberships mine
		join public.memberships theirs on theirs.chapter_id = mine.chapter_id
		where mine.user_id = (select auth.uid())
			and mine.status = 'active'
			and theirs.user_id = p_user_id
			and theirs.status = 'active'
	)
$$;

-- The caller organizes a chapter p_user_id belongs to in any status, so
-- they can see who asks to join or was invited.
create function private.organizes_chapter_of(p_user_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1
		from public.memberships theirs
		join public.memberships mine on mine.chapter_id = theirs.chapter_id
		where theirs.user_id = p_user_id
			and mine.user_id = (select auth.uid())
			and mine.role = 'organizer'
			and mine.status = 'active'
	)
$$;

revoke execute on all functions in schema private from public;
grant execute on function
	private.is_chapter_member(uuid),
	private.is_chapter_organizer(uuid),
	private.chapter_is_public(uuid),
	private.is_listed_organizer(uuid),
	private.shares_chapter_with(uuid),
	private.organizes_chapter_of(uuid)
	to anon, authenticated, service_role;

-- The person who creates a chapter is its first organizer.
create function private.add_creator_as_organizer() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if new.created_by is not null then
		insert into public.memberships (chapter_id, user_id, role, status)
		values (new.id, new.created_by, 'organizer', 'active');
	end if;
	return new;
end
$$;

create trigger chapters_add_creator_as_organizer after insert on public.chapters
	for each row execute function private.add_creator_as_organizer();

-- Rules a policy cannot express because they compare old and new rows or
-- look at the whole chapter: only organizers change roles, and a chapter
-- always keeps at least one active organizer.
create function private.guard_membership_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_chapter_id uuid := coalesce(old.chapter_id, new.chapter_id);
	v_caller_role text := coalesce(
		nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role',
		''
	);
begin
	if tg_op = 'UPDATE' and new.role is distinct from old.role
		and v_caller_role in ('anon', 'authenticated')
		and not private.is_chapter_organizer(v_chapter_id) then
		raise exception 'Only an organizer can change a member''s role'
			using errcode = '42501';
	end if;

	-- Joining is the invited person's choice: an organizer can invite, not enrol.
	if tg_op = 'UPDATE' and old.status = 'invited' and new.status is distinct from old.status
		and v_caller_role in ('anon', 'authenticated')
		and old.user_id is distinct from (select auth.uid()) then
		raise exception 'Only the invited person can accept an invitation'
			using errcode = '42501';
	end if;

	if tg_op = 'UPDATE' and (new.chapter_id, new.user_id) is distinct from (old.chapter_id, old.user_id) then
		raise exception 'A membership cannot move to another chapter or person'
			using errcode = '42501';
	end if;

	-- A chapter (or account) being deleted takes its memberships with it.
	if not exists (select 1 from public.chapters c where c.id = v_chapter_id)
		or not exists (select 1 from auth.users u where u.id = old.user_id) then
		return coalesce(new, old);
	end if;

	if old.role = 'organizer' and old.status = 'active'
		and (tg_op = 'DELETE' or new.role <> 'organizer' or new.status <> 'active')
		and not exists (
			select 1 from public.memberships m
			where m.chapter_id = v_chapter_id
				and m.user_id <> old.user_id
				and m.role = 'organizer'
				and m.status = 'active'
		) then
		raise exception 'A chapter must keep at least one organizer. Make someone else an organizer first.'
			using errcode = 'P0001', hint = 'last_organizer';
	end if;

	return coalesce(new, old);
end
$$;

create trigger memberships_guard_change before update or delete on public.memberships
	for each row execute function private.guard_membership_change();

create function private.count_active_members() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if tg_op in ('UPDATE', 'DELETE') and old.status = 'active' then
		update public.chapters set member_count = member_count - 1 where id = old.chapter_id;
	end if;
	if tg_op in ('INSERT', 'UPDATE') and new.status = 'active' then
		update public.chapters set member_count = member_count + 1 where id = new.chapter_id;
	end if;
	return null;
end
$$;

create trigger memberships_count_active_members after insert or update of status or delete on public.memberships
	for each row execute function private.count_active_members();

-- ---------------------------------------------------------------- policies

alter table public.profiles enable row level security;
alter table public.profile_settings enable row level security;
alter table public.chapters enable row level security;
alter table public.memberships enable row level security;

-- profiles: you see yourself, people you share a chapter with, and organizers
-- (their names appear on chapter pages). You edit only yourself. Rows are
-- created by the auth.users trigger and removed with the account.
create policy "profiles are readable by their owner, chapter mates, and for organizers by everyone"
	on public.profiles for select to authenticated
	using (
		id = (select auth.uid())
		or private.shares_chapter_with(id)
		or private.is_listed_organizer(id)
		or private.organizes_chapter_of(id)
	);
create policy "organizer profiles are readable by visitors" on public.profiles
	for select to anon using (private.is_listed_organizer(id));
create policy "profiles are updated by their owner" on public.profiles
	for update to authenticated
	using (id = (select auth.uid()))
	with check (id = (select auth.uid()));

-- profile_settings: yours alone.
create policy "settings are readable by their owner" on public.profile_settings
	for select to authenticated using (user_id = (select auth.uid()));
create policy "settings are updated by their owner" on public.profile_settings
	for update to authenticated
	using (user_id = (select auth.uid()))
	with check (user_id = (select auth.uid()));

-- Organizers edit what a chapter says about itself, never its bookkeeping.
revoke insert, update on public.chapters from anon, authenticated;
grant insert (slug, name, description, jurisdiction_id, visibility, created_by) on public.chapters to authenticated;
grant update (slug, name, description, jurisdiction_id, visibility) on public.chapters to authenticated;

-- chapters: listed for everyone; created by any signed-in person, who
-- becomes its organizer; changed and deleted by its organizers.
create policy "chapters are readable by everyone" on public.chapters
	for select to anon, authenticated using (true);
create policy "chapters are created by signed-in people as themselves" on public.chapters
	for insert to authenticated with check (created_by = (select auth.uid()));
create policy "chapters are updated by their organizers" on public.chapters
	for update to authenticated
	using (private.is_chapter_organizer(id))
	with check (private.is_chapter_organizer(id));
create policy "chapters are deleted by their organizers" on public.chapters
	for delete to authenticated using (private.is_chapter_organizer(id));

-- memberships
create policy "memberships are readable by the member, fellow members, organizers; organizers by everyone"
	on public.memberships for select to authenticated
	using (
		user_id = (select auth.uid())
		or private.is_chapter_organizer(chapter_id)
		or (status = 'active' and private.is_chapter_member(chapter_id))
		or (status = 'active' and role = 'organizer')
	);
create policy "active organizers are readable by visitors" on public.memberships
	for select to anon using (status = 'active' and role = 'organizer');
create policy "people join public chapters, ask to join private ones; organizers invite"
	on public.memberships for insert to authenticated
	with check (
		(
			user_id = (select auth.uid())
			and role = 'member'
			and (
				(status = 'active' and private.chapter_is_public(chapter_id))
				or (status = 'pending' and not private.chapter_is_public(chapter_id))
			)
		)
		or (status = 'invited' and private.is_chapter_organizer(chapter_id))
	);
create policy "organizers manage memberships; the invited accept" on public.memberships
	for update to authenticated
	using (
		private.is_chapter_organizer(chapter_id)
		or (user_id = (select auth.uid()) and status = 'invited')
	)
	with check (
		private.is_chapter_organizer(chapter_id)
		or (user_id = (select auth.uid()) and status = 'active')
	);
create policy "members leave; organizers remove" on public.memberships
	for delete to authenticated
	using (user_id = (select auth.uid()) or private.is_chapter_organizer(chapter_id));
