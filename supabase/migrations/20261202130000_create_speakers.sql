-- The speakers' list for a proceeding's hearing (docs/decisions/057): people
-- sign up to speak, with an account or with an email address confirmed by
-- link; each gets a slot and, from the body's speaking limits, an estimated
-- time; a full list has a waitlist that fills freed slots; representatives of
-- an organization upload their authorization letter to a private bucket. The
-- public sees how many are listed and waiting, never who. Organizers of the
-- chapters working on the project see the whole list with contact details
-- (docs/decisions/058).

-- Whether the body takes testimony remotely (by video or phone). Null: nobody
-- has recorded it, and the sign-up offers speaking in person only.
alter table public.body_rules add column remote_testimony boolean;
grant insert (remote_testimony), update (remote_testimony) on public.body_rules to authenticated;

-- One list per hearing clock: its counts (read by everyone) and how many
-- places it has (null: no limit, set by the project's organizers).
create table public.speaker_lists (
	clock_id uuid primary key references public.proceeding_clocks (id) on delete cascade,
	proceeding_id uuid not null references public.proceedings (id) on delete cascade,
	places integer check (places between 1 and 1000),
	listed_count integer not null default 0 check (listed_count >= 0),
	waitlist_count integer not null default 0 check (waitlist_count >= 0),
	updated_at timestamptz not null default now()
);
create index speaker_lists_proceeding_id_idx on public.speaker_lists (proceeding_id);
create trigger speaker_lists_touch_updated_at before update on public.speaker_lists
	for each row execute function private.touch_updated_at();

create type public.speaker_status as enum ('pending', 'listed', 'waitlisted', 'cancelled');
create type public.speaking_mode as enum ('in_person', 'remote');

create table public.speakers (
	id uuid primary key default gen_random_uuid(),
	clock_id uuid not null references public.speaker_lists (clock_id) on delete cascade,
	proceeding_id uuid not null references public.proceedings (id) on delete cascade,
	user_id uuid references auth.users (id) on delete cascade,
	name text not null check (char_length(name) between 1 and 120),
	email text not null check (char_length(email) between 3 and 254),
	-- Speaking for an organization: its name, and the letter that authorizes them.
	organization text check (char_length(organization) between 1 and 200),
	letter_path text check (char_length(letter_path) <= 300),
	mode public.speaking_mode not null default 'in_person',
	status public.speaker_status not null,
	slot integer check (slot between 1 and 10000),
	testimony text not null default '' check (char_length(testimony) <= 20000),
	-- sha256 of the token in the person's links (derived from the id with a server secret).
	token_hash bytea not null unique,
	confirmed_at timestamptz,
	waitlisted_at timestamptz,
	promoted_at timestamptz,
	cancelled_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check ((status = 'listed') = (slot is not null)),
	check ((status = 'waitlisted') = (waitlisted_at is not null)),
	check (letter_path is null or organization is not null)
);
-- One live sign-up per person per hearing, and one person per slot.
create unique index speakers_email_clock_idx on public.speakers (clock_id, lower(email)) where status <> 'cancelled';
create unique index speakers_user_clock_idx on public.speakers (clock_id, user_id) where status <> 'cancelled' and user_id is not null;
create unique index speakers_slot_idx on public.speakers (clock_id, slot) where slot is not null;
create index speakers_user_id_idx on public.speakers (user_id);
create index speakers_proceeding_id_idx on public.speakers (proceeding_id);
create index speakers_waitlist_idx on public.speakers (clock_id, waitlisted_at) where status = 'waitlisted';
create trigger speakers_touch_updated_at before update on public.speakers
	for each row execute function private.touch_updated_at();

-- Reminders already sent: the day before and the morning of, once each per
-- hearing time (a moved hearing is reminded again).
create table private.speaker_reminders_sent (
	speaker_id uuid not null references public.speakers (id) on delete cascade,
	which text not null check (which in ('day_before', 'morning_of')),
	due_at timestamptz not null,
	sent_at timestamptz not null default now(),
	primary key (speaker_id, which, due_at)
);
alter table private.speaker_reminders_sent enable row level security;
grant select, insert, delete on private.speaker_reminders_sent to service_role;

-- Who sees a hearing's list with contact details: the organizers of the
-- chapters that work on the project (not site moderators: they keep the
-- record, not the community's lists).
create function private.organizes_for_proceeding(p_proceeding_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.proceedings p
		join public.project_chapters pc on pc.project_id = p.project_id
		join public.memberships m on m.chapter_id = pc.chapter_id
		where p.id = p_proceeding_id and m.user_id = (select auth.uid())
			and m.role = 'organizer' and m.status = 'active'
	)
$$;
revoke all on function private.organizes_for_proceeding(uuid) from public;
grant execute on function private.organizes_for_proceeding(uuid) to anon, authenticated, service_role;

alter table public.speaker_lists enable row level security;
alter table public.speakers enable row level security;

create policy "speaker counts are public" on public.speaker_lists for select to anon, authenticated using (true);
create policy "organizers set a hearing's places" on public.speaker_lists for update to authenticated
	using (private.organizes_for_proceeding(proceeding_id)) with check (private.organizes_for_proceeding(proceeding_id));
revoke all on public.speaker_lists from anon, authenticated;
grant select on public.speaker_lists to anon, authenticated;
grant update (places) on public.speaker_lists to authenticated;
grant select, update on public.speaker_lists to service_role;

create policy "speakers see themselves; organizers see their hearings' lists" on public.speakers for select to authenticated
	using (user_id = (select auth.uid()) or private.organizes_for_proceeding(proceeding_id));
create policy "speakers write their own testimony" on public.speakers for update to authenticated
	using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
revoke all on public.speakers from anon, authenticated;
-- The testimony is the speaker's own draft: read only through their link
-- (private.speaker_by_token), never by the list's organizers.
grant select (
	id, clock_id, proceeding_id, user_id, name, email, organization, letter_path, mode, status, slot,
	confirmed_at, waitlisted_at, promoted_at, cancelled_at, created_at, updated_at
) on public.speakers to authenticated;
grant update (testimony) on public.speakers to authenticated;
grant select on public.speakers to service_role;
revoke truncate on public.speaker_lists, public.speakers from anon, authenticated;

-- ---------------------------------------------------------------- the list's rules

-- The email about one sign-up, queued in the statement that changes it
-- (docs/decisions/037): built and sent by the worker's email_about_speaker job
-- (app/speakers/jobs.server.ts), which reads the sign-up as it is then. Keyed
-- on the change, so a retried request queues it once; "already on the list"
-- at most once an hour, so nobody fills someone's inbox by typing their
-- address again and again.
create function private.queue_speaker_email(p_speaker_id uuid, p_kind text) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_stamp bigint;
begin
	select case when p_kind = 'already' then floor(extract(epoch from now()) / 3600)::bigint
		else floor(extract(epoch from s.updated_at) * 1000)::bigint end
	into v_stamp
	from public.speakers s where s.id = p_speaker_id;
	if v_stamp is null then
		return;
	end if;
	perform private.queue_job('email_about_speaker', jsonb_build_object('speakerId', p_speaker_id, 'kind', p_kind),
		format('speaker-email:%s:%s:%s', p_speaker_id, p_kind, v_stamp), null, 25);
end
$$;

-- When sign-up to a hearing closes: the body's cut-off before the hearing,
-- or the hearing's start when none is recorded.
create function private.speaker_signup_closes_at(p_clock_id uuid) returns timestamptz
language sql stable
security definer
set search_path = ''
as $$
	select k.due_at - make_interval(secs => coalesce(r.signup_closes_hours_before, 0) * 3600)
	from public.proceeding_clocks k
	join public.proceedings pr on pr.id = k.proceeding_id
	left join public.body_rules r on r.body_id = pr.body_id
	where k.id = p_clock_id
$$;

-- Puts a confirmed person on the list: the lowest free slot if the list has
-- room, the waitlist if not. Called with the list locked.
create function private.place_speaker(p_speaker_id uuid) returns public.speaker_status
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_speaker public.speakers%rowtype;
	v_list public.speaker_lists%rowtype;
	v_slot integer;
begin
	select * into v_speaker from public.speakers s where s.id = p_speaker_id;
	select * into v_list from public.speaker_lists l where l.clock_id = v_speaker.clock_id;
	if v_list.places is null or v_list.listed_count < v_list.places then
		select min(n) into v_slot from generate_series(1, v_list.listed_count + 1) n
		where not exists (select 1 from public.speakers s where s.clock_id = v_speaker.clock_id and s.slot = n);
		update public.speakers set status = 'listed', slot = v_slot, waitlisted_at = null, confirmed_at = coalesce(confirmed_at, now())
		where id = p_speaker_id;
		update public.speaker_lists set listed_count = listed_count + 1 where clock_id = v_speaker.clock_id;
		perform private.queue_speaker_email(p_speaker_id, 'listed');
		return 'listed';
	end if;
	update public.speakers set status = 'waitlisted', slot = null, waitlisted_at = clock_timestamp(), confirmed_at = coalesce(confirmed_at, now())
	where id = p_speaker_id;
	update public.speaker_lists set waitlist_count = waitlist_count + 1 where clock_id = v_speaker.clock_id;
	perform private.queue_speaker_email(p_speaker_id, 'waitlisted');
	return 'waitlisted';
end
$$;

-- Signs someone up to speak. A signed-in person is listed (or waitlisted) at
-- once, as themselves; a visitor is 'pending' until they open the emailed
-- link. Someone already on this hearing's list gets 'already' and their
-- existing row. Refusals name the rule in the hint: not_a_hearing, no_time,
-- signup_closed, remote_not_taken, letter_missing, name, email.
create function private.sign_up_to_speak(
	p_new_id uuid,
	p_clock_id uuid,
	p_name text,
	p_email text,
	p_organization text,
	p_letter_path text,
	p_mode public.speaking_mode,
	p_token_hash bytea
) returns table (speaker_id uuid, status public.speaker_status, slot integer, outcome text)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_user uuid := (select auth.uid());
	v_clock public.proceeding_clocks%rowtype;
	v_rules public.body_rules%rowtype;
	v_name text := trim(coalesce(p_name, ''));
	v_email text := lower(trim(coalesce(p_email, '')));
	v_organization text := nullif(trim(coalesce(p_organization, '')), '');
	v_existing public.speakers%rowtype;
	v_status public.speaker_status;
begin
	select * into v_clock from public.proceeding_clocks k where k.id = p_clock_id;
	if not found or v_clock.kind <> 'hearing' then
		raise exception 'No such hearing' using errcode = 'P0002', hint = 'not_a_hearing';
	end if;
	-- A hearing known only by its day has no time to count slots from.
	if v_clock.all_day then
		raise exception 'This hearing has no time yet' using errcode = 'P0001', hint = 'no_time';
	end if;
	if now() >= private.speaker_signup_closes_at(p_clock_id) then
		raise exception 'Sign-up to speak has closed' using errcode = 'P0001', hint = 'signup_closed';
	end if;
	select r.* into v_rules from public.body_rules r join public.proceedings pr on pr.body_id = r.body_id where pr.id = v_clock.proceeding_id;
	if p_mode = 'remote' and v_rules.remote_testimony is not true then
		raise exception 'This body does not take remote testimony' using errcode = 'P0001', hint = 'remote_not_taken';
	end if;
	if v_organization is not null and v_rules.representative_authorization is not null and p_letter_path is null then
		raise exception 'An authorization letter is needed' using errcode = 'P0001', hint = 'letter_missing';
	end if;
	if p_letter_path is not null and (v_user is null or split_part(p_letter_path, '/', 1) <> v_user::text) then
		raise exception 'The letter is not yours' using errcode = '42501', hint = 'letter_not_yours';
	end if;
	if v_user is not null then
		select u.email::text into v_email from auth.users u where u.id = v_user;
		v_email := lower(coalesce(v_email, ''));
	end if;
	if char_length(v_name) < 1 or char_length(v_name) > 120 then
		raise exception 'A name is needed' using errcode = '22023', hint = 'name';
	end if;
	if v_email !~ '^[^@\s]+@[^@\s]+$' or char_length(v_email) > 254 then
		raise exception 'An email address is needed' using errcode = '22023', hint = 'email';
	end if;

	-- Everyone signing up to this hearing waits here, one at a time.
	insert into public.speaker_lists (clock_id, proceeding_id) values (p_clock_id, v_clock.proceeding_id) on conflict do nothing;
	perform 1 from public.speaker_lists l where l.clock_id = p_clock_id for update;

	select * into v_existing from public.speakers s
	where s.clock_id = p_clock_id and s.status <> 'cancelled'
		and (lower(s.email) = v_email or (v_user is not null and s.user_id = v_user))
	order by (s.user_id is not distinct from v_user) desc
	limit 1;
	if found then
		if v_user is not null and v_existing.user_id is null then
			update public.speakers set user_id = v_user where id = v_existing.id;
		elsif v_user is null then
			-- The page answers as for a new sign-up; the email says which it was.
			perform private.queue_speaker_email(v_existing.id, 'already');
		end if;
		return query select v_existing.id, v_existing.status, v_existing.slot, 'already'::text;
		return;
	end if;

	insert into public.speakers (id, clock_id, proceeding_id, user_id, name, email, organization, letter_path, mode, status, token_hash)
	values (p_new_id, p_clock_id, v_clock.proceeding_id, v_user, v_name, v_email, v_organization, p_letter_path, p_mode, 'pending', p_token_hash);
	if v_user is null then
		perform private.queue_speaker_email(p_new_id, 'confirm');
		return query select p_new_id, 'pending'::public.speaker_status, null::integer, 'confirm'::text;
		return;
	end if;
	v_status := private.place_speaker(p_new_id);
	return query select s.id, s.status, s.slot, 'created'::text from public.speakers s where s.id = p_new_id;
end
$$;

-- A visitor opens their confirmation link: they are listed or waitlisted now
-- (or told the sign-up closed meanwhile). Any later opening answers 'already'.
create function private.confirm_speaker(p_token_hash bytea)
returns table (speaker_id uuid, status public.speaker_status, outcome text)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_speaker public.speakers%rowtype;
begin
	select * into v_speaker from public.speakers s where s.token_hash = p_token_hash;
	if not found then
		return;
	end if;
	if v_speaker.status <> 'pending' then
		return query select v_speaker.id, v_speaker.status, 'already'::text;
		return;
	end if;
	perform 1 from public.speaker_lists l where l.clock_id = v_speaker.clock_id for update;
	if now() >= private.speaker_signup_closes_at(v_speaker.clock_id) then
		return query select v_speaker.id, v_speaker.status, 'closed'::text;
		return;
	end if;
	return query select v_speaker.id, private.place_speaker(v_speaker.id), 'confirmed'::text;
end
$$;

-- Someone drops out (by their link, or signed in as themselves). A freed slot
-- goes to the first person on the waitlist, who keeps that slot's time; the
-- app emails them in this same transaction. Nobody is moved up once the
-- hearing has started.
create function private.cancel_speaker(p_token_hash bytea)
returns table (outcome text, clock_id uuid, promoted_id uuid)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_speaker public.speakers%rowtype;
	v_due timestamptz;
	v_next uuid;
begin
	select * into v_speaker from public.speakers s where s.token_hash = p_token_hash;
	if not found then
		return;
	end if;
	perform 1 from public.speaker_lists l where l.clock_id = v_speaker.clock_id for update;
	select * into v_speaker from public.speakers s where s.id = v_speaker.id;
	if v_speaker.status = 'cancelled' then
		return query select 'already'::text, v_speaker.clock_id, null::uuid;
		return;
	end if;
	update public.speakers set status = 'cancelled', slot = null, waitlisted_at = null, cancelled_at = now() where id = v_speaker.id;
	update public.speaker_lists set
		listed_count = listed_count - (v_speaker.status = 'listed')::int,
		waitlist_count = waitlist_count - (v_speaker.status = 'waitlisted')::int
	where speaker_lists.clock_id = v_speaker.clock_id;
	select k.due_at into v_due from public.proceeding_clocks k where k.id = v_speaker.clock_id;
	if v_speaker.status = 'listed' and v_due > now() then
		select s.id into v_next from public.speakers s
		where s.clock_id = v_speaker.clock_id and s.status = 'waitlisted'
		order by s.waitlisted_at, s.id limit 1 for update;
		if v_next is not null then
			update public.speakers set status = 'listed', slot = v_speaker.slot, waitlisted_at = null, promoted_at = now() where id = v_next;
			update public.speaker_lists set listed_count = listed_count + 1, waitlist_count = waitlist_count - 1
			where speaker_lists.clock_id = v_speaker.clock_id;
			perform private.queue_speaker_email(v_next, 'promoted');
		end if;
	end if;
	return query select 'cancelled'::text, v_speaker.clock_id, v_next;
end
$$;

-- What a person's link shows them: their own sign-up, found by its token.
create function private.speaker_by_token(p_token_hash bytea)
returns table (
	id uuid, clock_id uuid, proceeding_id uuid, name text, organization text, mode public.speaking_mode,
	status public.speaker_status, slot integer, testimony text, has_letter boolean, waitlist_position integer
)
language sql stable
security definer
set search_path = ''
as $$
	select s.id, s.clock_id, s.proceeding_id, s.name, s.organization, s.mode, s.status, s.slot, s.testimony, s.letter_path is not null,
		case when s.status = 'waitlisted' then (
			select count(*)::int from public.speakers w
			where w.clock_id = s.clock_id and w.status = 'waitlisted' and (w.waitlisted_at, w.id) <= (s.waitlisted_at, s.id)
		) end
	from public.speakers s where s.token_hash = p_token_hash
$$;

-- Saves the text a speaker means to read, by their link.
create function private.save_testimony(p_token_hash bytea, p_testimony text) returns boolean
language sql
security definer
set search_path = ''
as $$
	with saved as (
		update public.speakers set testimony = p_testimony where token_hash = p_token_hash and status <> 'cancelled' returning 1
	)
	select exists (select 1 from saved)
$$;

-- What an estimated time needs and nothing more: which slots are taken, and
-- whether each is an organization's representative (who has the longer time).
create function private.speaker_slots(p_clock_ids uuid[])
returns table (clock_id uuid, slot integer, representative boolean)
language sql stable
security definer
set search_path = ''
as $$
	select s.clock_id, s.slot, s.organization is not null from public.speakers s
	where s.clock_id = any(p_clock_ids) and s.status = 'listed'
$$;

revoke all on function
	private.queue_speaker_email(uuid, text), private.speaker_signup_closes_at(uuid), private.place_speaker(uuid),
	private.sign_up_to_speak(uuid, uuid, text, text, text, text, public.speaking_mode, bytea),
	private.confirm_speaker(bytea), private.cancel_speaker(bytea), private.speaker_by_token(bytea),
	private.save_testimony(bytea, text), private.speaker_slots(uuid[])
	from public;
grant execute on function
	private.speaker_signup_closes_at(uuid),
	private.sign_up_to_speak(uuid, uuid, text, text, text, text, public.speaking_mode, bytea),
	private.confirm_speaker(bytea), private.cancel_speaker(bytea), private.speaker_by_token(bytea),
	private.save_testimony(bytea, text), private.speaker_slots(uuid[])
	to anon, authenticated, service_role;

-- ---------------------------------------------------------------- authorization letters

-- Private: a letter is read by the person who uploaded it and by the
-- organizers who see the list it was given for; written only into the
-- uploader's own folder: speaker-letters/<uid>/<file>.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('speaker-letters', 'speaker-letters', false, 5242880, array['application/pdf', 'image/png', 'image/jpeg'])
on conflict (id) do update set
	public = excluded.public,
	file_size_limit = excluded.file_size_limit,
	allowed_mime_types = excluded.allowed_mime_types;

create function private.can_read_speaker_letter(p_name text) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.speakers s
		where s.letter_path = p_name and private.organizes_for_proceeding(s.proceeding_id)
	)
$$;
revoke all on function private.can_read_speaker_letter(text) from public;
grant execute on function private.can_read_speaker_letter(text) to authenticated;

create policy "speaker letters are read by their uploader and the list's organizers" on storage.objects
	for select to authenticated
	using (
		bucket_id = 'speaker-letters'
		and ((storage.foldername(name))[1] = (select auth.uid())::text or private.can_read_speaker_letter(name))
	);
create policy "people upload speaker letters into their own folder" on storage.objects
	for insert to authenticated
	with check (
		bucket_id = 'speaker-letters'
		and (storage.foldername(name))[1] = (select auth.uid())::text
		and (metadata ->> 'mimetype' is null or metadata ->> 'mimetype' = any (array['application/pdf', 'image/png', 'image/jpeg']))
	);
create policy "people delete their own speaker letters" on storage.objects
	for delete to authenticated
	using (bucket_id = 'speaker-letters' and (storage.foldername(name))[1] = (select auth.uid())::text);

-- A sign-up deleted with its account (or its hearing) leaves the counts right.
create function private.speaker_deleted() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	update public.speaker_lists set
		listed_count = greatest(listed_count - (old.status = 'listed')::int, 0),
		waitlist_count = greatest(waitlist_count - (old.status = 'waitlisted')::int, 0)
	where clock_id = old.clock_id;
	return null;
end
$$;
revoke all on function private.speaker_deleted() from public;
create trigger speakers_keep_counts after delete on public.speakers
	for each row execute function private.speaker_deleted();

-- More places on a list move people up from its waitlist, in order, each
-- emailed in the same transaction.
create function private.fill_speaker_places() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_list public.speaker_lists%rowtype;
	v_next uuid;
	v_slot integer;
begin
	if exists (select 1 from public.proceeding_clocks k where k.id = new.clock_id and k.due_at <= now()) then
		return null;
	end if;
	loop
		select * into v_list from public.speaker_lists l where l.clock_id = new.clock_id;
		exit when v_list.places is not null and v_list.listed_count >= v_list.places;
		select s.id into v_next from public.speakers s
		where s.clock_id = new.clock_id and s.status = 'waitlisted' order by s.waitlisted_at, s.id limit 1;
		exit when v_next is null;
		select min(n) into v_slot from generate_series(1, v_list.listed_count + 1) n
		where not exists (select 1 from public.speakers s where s.clock_id = new.clock_id and s.slot = n);
		update public.speakers set status = 'listed', slot = v_slot, waitlisted_at = null, promoted_at = now() where id = v_next;
		update public.speaker_lists set listed_count = listed_count + 1, waitlist_count = waitlist_count - 1 where clock_id = new.clock_id;
		perform private.queue_speaker_email(v_next, 'promoted');
	end loop;
	return null;
end
$$;
revoke all on function private.fill_speaker_places() from public;
create trigger speaker_lists_fill_places after update of places on public.speaker_lists
	for each row when (new.places is distinct from old.places) execute function private.fill_speaker_places();

-- An organizer sets a hearing's places before anyone has signed up: the list
-- is made for them. False for anyone who may not (and for a clock that is not
-- a hearing).
create function private.set_speaker_places(p_clock_id uuid, p_places integer) returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_proceeding uuid;
begin
	select k.proceeding_id into v_proceeding from public.proceeding_clocks k where k.id = p_clock_id and k.kind = 'hearing';
	if v_proceeding is null or not private.organizes_for_proceeding(v_proceeding) then
		return false;
	end if;
	insert into public.speaker_lists (clock_id, proceeding_id, places) values (p_clock_id, v_proceeding, p_places)
	on conflict (clock_id) do update set places = excluded.places;
	return true;
end
$$;
revoke all on function private.set_speaker_places(uuid, integer) from public;
grant execute on function private.set_speaker_places(uuid, integer) to authenticated;
