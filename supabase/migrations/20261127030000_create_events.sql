-- Events: public hearings to attend, meetings, canvasses and trainings. A
-- time-zone-aware start and end, a place or an online link, and an optional
-- capacity with a waitlist. RSVPs come from members and from visitors
-- without an account (name and email); every change to who has a seat goes
-- through the functions below, which lock the event row so that two people
-- taking the last seat get one seat and one waitlist place.

create type public.event_kind as enum ('hearing', 'meeting', 'canvass', 'training');
create type public.event_status as enum ('scheduled', 'cancelled');

create table public.events (
	id uuid primary key default gen_random_uuid(),
	chapter_id uuid not null references public.chapters (id) on delete cascade,
	kind public.event_kind not null,
	title text not null check (char_length(title) between 3 and 150),
	description text not null default '' check (char_length(description) <= 10000),
	starts_at timestamptz not null,
	ends_at timestamptz not null,
	-- The IANA zone the event happens in ('America/New_York'); times are shown
	-- in it. Checked by a trigger, since a check constraint cannot look it up.
	time_zone text not null check (char_length(time_zone) between 1 and 64),
	location_name text check (char_length(location_name) between 1 and 200),
	address text check (char_length(address) between 1 and 300),
	online_url text check (online_url ~ '^https?://[^\s]+$' and char_length(online_url) <= 500),
	-- Null: no limit, so no waitlist.
	capacity integer check (capacity between 1 and 100000),
	-- Kept by the RSVP functions under the event's row lock.
	going_count integer not null default 0 check (going_count >= 0),
	waitlist_count integer not null default 0 check (waitlist_count >= 0),
	status public.event_status not null default 'scheduled',
	cancelled_at timestamptz,
	cancellation_reason text check (char_length(cancellation_reason) <= 1000),
	-- Set by the reminder job, so a reminder goes out once.
	reminder_sent_at timestamptz,
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check (ends_at > starts_at and ends_at <= starts_at + interval '14 days'),
	check (location_name is not null or online_url is not null),
	check ((status = 'cancelled') = (cancelled_at is not null)),
	check (capacity is null or going_count <= capacity)
);
create index events_chapter_id_starts_at_idx on public.events (chapter_id, starts_at);
create index events_created_by_idx on public.events (created_by);
-- The reminder sweep looks for scheduled events about to start.
create index events_reminder_due_idx on public.events (starts_at) where status = 'scheduled' and reminder_sent_at is null;

create trigger events_touch_updated_at before update on public.events
	for each row execute function private.touch_updated_at();

create function private.check_event_time_zone() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	-- Raises 22023 "time zone … not recognized" for a zone PostgreSQL does not know.
	perform now() at time zone new.time_zone;
	return new;
end
$$;

create trigger events_check_time_zone before insert or update of time_zone on public.events
	for each row execute function private.check_event_time_zone();

alter table public.events enable row level security;

-- Organizers describe and cancel events; the counters and the reminder
-- bookkeeping are not theirs to write. Times and capacity are fixed once
-- people have answered: cancel and post a new event instead.
revoke insert, update, delete, truncate on public.events from anon, authenticated;
grant insert (chapter_id, kind, title, description, starts_at, ends_at, time_zone, location_name, address, online_url, capacity, created_by)
	on public.events to authenticated;
grant update (kind, title, description, location_name, address, online_url, status, cancelled_at, cancellation_reason)
	on public.events to authenticated;

create policy "events of public chapters are readable by everyone" on public.events
	for select to anon using (private.chapter_is_public(chapter_id));
create policy "events are readable by members, and by everyone for public chapters" on public.events
	for select to authenticated
	using (private.chapter_is_public(chapter_id) or private.is_chapter_member(chapter_id));
create policy "organizers create events as themselves" on public.events
	for insert to authenticated
	with check (private.is_chapter_organizer(chapter_id) and created_by = (select auth.uid()) and status = 'scheduled');
create policy "organizers change and cancel their chapter's events" on public.events
	for update to authenticated
	using (private.is_chapter_organizer(chapter_id))
	with check (private.is_chapter_organizer(chapter_id));
-- No delete policy: an event people answered is cancelled, never erased.

create function private.audit_event() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		perform private.write_audit(new.chapter_id, 'event.created', null,
			jsonb_build_object('title', new.title, 'starts_at', new.starts_at));
	elsif new.status = 'cancelled' and old.status <> 'cancelled' then
		perform private.write_audit(new.chapter_id, 'event.cancelled', null,
			jsonb_build_object('title', new.title, 'starts_at', new.starts_at, 'going', new.going_count, 'waitlisted', new.waitlist_count));
	elsif (new.kind, new.title, new.description, new.location_name, new.address, new.online_url)
		is distinct from (old.kind, old.title, old.description, old.location_name, old.address, old.online_url) then
		perform private.write_audit(new.chapter_id, 'event.edited', null, jsonb_build_object('title', new.title));
	end if;
	return null;
end
$$;

create trigger events_audit after insert or update on public.events
	for each row execute function private.audit_event();

-- ---------------------------------------------------------------- RSVPs

create type public.rsvp_status as enum ('going', 'waitlisted', 'cancelled');

create table public.event_rsvps (
	id uuid primary key default gen_random_uuid(),
	event_id uuid not null references public.events (id) on delete cascade,
	-- Null for a visitor without an account.
	user_id uuid references auth.users (id) on delete cascade,
	name text not null check (char_length(name) between 1 and 120),
	email text not null check (email = lower(email) and char_length(email) between 3 and 254 and email like '%_@_%'),
	status public.rsvp_status not null,
	-- The link in the confirmation email that lets a visitor change their answer.
	manage_token uuid not null unique default gen_random_uuid(),
	-- Place in the queue: first waitlisted, first promoted. The clock time,
	-- not the transaction's, so answers within one transaction still queue in order.
	waitlisted_at timestamptz,
	promoted_at timestamptz,
	cancelled_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	unique (event_id, email),
	check ((status = 'cancelled') = (cancelled_at is not null)),
	check (status <> 'waitlisted' or waitlisted_at is not null)
);
create unique index event_rsvps_event_id_user_id_key on public.event_rsvps (event_id, user_id) where user_id is not null;
create index event_rsvps_user_id_idx on public.event_rsvps (user_id);
create index event_rsvps_waitlist_idx on public.event_rsvps (event_id, waitlisted_at, id) where status = 'waitlisted';
create index event_rsvps_event_id_status_idx on public.event_rsvps (event_id, status);

create trigger event_rsvps_touch_updated_at before update on public.event_rsvps
	for each row execute function private.touch_updated_at();

-- The caller organizes the chapter an event belongs to.
create function private.organizes_event(p_event_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.events e
		where e.id = p_event_id and private.is_chapter_organizer(e.chapter_id)
	)
$$;

alter table public.event_rsvps enable row level security;

-- Written only through the functions below.
revoke insert, update, delete, truncate on public.event_rsvps from anon, authenticated;

create policy "people read their own RSVPs; organizers read their events' RSVPs" on public.event_rsvps
	for select to authenticated
	using (user_id = (select auth.uid()) or private.organizes_event(event_id));

-- A visitor's or member's answer. Members answer as their account (name
-- and address from it); visitors give a name and an email address. Saying
-- yes twice keeps one place; saying yes after cancelling queues again.
-- outcome: created | already | rejoined.
create function private.rsvp_to_event(p_event_id uuid, p_name text, p_email text)
returns table (rsvp_id uuid, status public.rsvp_status, manage_token uuid, outcome text, waitlist_position integer)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_user uuid := (select auth.uid());
	v_event public.events%rowtype;
	v_name text := trim(coalesce(p_name, ''));
	v_email text := lower(trim(coalesce(p_email, '')));
	v_rsvp public.event_rsvps%rowtype;
	v_status public.rsvp_status;
	v_outcome text;
begin
	-- Everyone answering this event waits here, one at a time: the seat count
	-- below is read and written under this lock.
	select * into v_event from public.events e where e.id = p_event_id for update;
	if not found or not (private.chapter_is_public(v_event.chapter_id) or private.is_chapter_member(v_event.chapter_id)) then
		raise exception 'No such event' using errcode = 'P0002', hint = 'event_not_found';
	end if;
	if v_event.status = 'cancelled' then
		raise exception 'This event was cancelled' using errcode = 'P0001', hint = 'event_cancelled';
	end if;
	if v_event.ends_at <= now() then
		raise exception 'This event is over' using errcode = 'P0001', hint = 'event_over';
	end if;

	if v_user is not null then
		select u.email::text into v_email from auth.users u where u.id = v_user;
		select coalesce(nullif(trim(p.display_name), ''), v_name) into v_name from public.profiles p where p.id = v_user;
		v_email := lower(coalesce(v_email, ''));
	end if;
	if char_length(v_name) < 1 or char_length(v_name) > 120 then
		raise exception 'A name is needed' using errcode = '22023', hint = 'name';
	end if;
	if v_email !~ '^[^@\s]+@[^@\s]+$' or char_length(v_email) > 254 then
		raise exception 'An email address is needed' using errcode = '22023', hint = 'email';
	end if;

	select * into v_rsvp from public.event_rsvps r
	where r.event_id = p_event_id and (r.email = v_email or (v_user is not null and r.user_id = v_user))
	order by (r.user_id is not distinct from v_user) desc
	limit 1
	for update;

	if found and v_rsvp.status <> 'cancelled' then
		-- Already on the list. A visitor's answer made with this address before
		-- they had an account becomes theirs.
		if v_user is not null and v_rsvp.user_id is null then
			update public.event_rsvps set user_id = v_user where id = v_rsvp.id;
		end if;
		v_status := v_rsvp.status;
		v_outcome := 'already';
	else
		v_status := case
			when v_event.capacity is null or v_event.going_count < v_event.capacity then 'going'::public.rsvp_status
			else 'waitlisted'::public.rsvp_status
		end;
		if found then
			update public.event_rsvps set
				status = v_status,
				name = v_name,
				user_id = coalesce(v_user, user_id),
				cancelled_at = null,
				promoted_at = null,
				waitlisted_at = case when v_status = 'waitlisted' then clock_timestamp() else null end
			where id = v_rsvp.id
			returning * into v_rsvp;
			v_outcome := 'rejoined';
		else
			insert into public.event_rsvps (event_id, user_id, name, email, status, waitlisted_at)
			values (p_event_id, v_user, v_name, v_email, v_status, case when v_status = 'waitlisted' then clock_timestamp() end)
			returning * into v_rsvp;
			v_outcome := 'created';
		end if;
		update public.events set
			going_count = going_count + (v_status = 'going')::int,
			waitlist_count = waitlist_count + (v_status = 'waitlisted')::int
		where id = p_event_id;
	end if;

	return query select v_rsvp.id, v_status, v_rsvp.manage_token, v_outcome,
		case when v_status = 'waitlisted' then (
			select count(*)::int from public.event_rsvps w
			where w.event_id = p_event_id and w.status = 'waitlisted'
				and (w.waitlisted_at, w.id) <= (v_rsvp.waitlisted_at, v_rsvp.id)
		) end;
end
$$;

-- Cancels one RSVP. A seat it frees goes to the first person on the
-- waitlist, whose RSVP id is returned so they can be told.
-- outcome: cancelled | already_cancelled.
create function private.cancel_event_rsvp(p_rsvp_id uuid)
returns table (outcome text, event_id uuid, promoted_rsvp_id uuid)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_event_id uuid;
	v_capacity integer;
	v_rsvp public.event_rsvps%rowtype;
	v_promoted uuid;
begin
	select r.event_id into v_event_id from public.event_rsvps r where r.id = p_rsvp_id;
	if v_event_id is null then
		raise exception 'No such RSVP' using errcode = 'P0002', hint = 'rsvp_not_found';
	end if;
	-- The same lock order as rsvp_to_event: the event, then the answer.
	select e.capacity into v_capacity from public.events e where e.id = v_event_id for update;
	select * into v_rsvp from public.event_rsvps r where r.id = p_rsvp_id for update;
	if v_rsvp.status = 'cancelled' then
		return query select 'already_cancelled'::text, v_event_id, null::uuid;
		return;
	end if;
	update public.event_rsvps set status = 'cancelled', cancelled_at = now(), waitlisted_at = null where id = p_rsvp_id;
	update public.events set
		going_count = going_count - (v_rsvp.status = 'going')::int,
		waitlist_count = waitlist_count - (v_rsvp.status = 'waitlisted')::int
	where id = v_event_id;

	if v_rsvp.status = 'going' and v_capacity is not null then
		select w.id into v_promoted from public.event_rsvps w
		where w.event_id = v_event_id and w.status = 'waitlisted'
		order by w.waitlisted_at, w.id
		limit 1
		for update;
		if v_promoted is not null then
			update public.event_rsvps set status = 'going', promoted_at = now(), waitlisted_at = null where id = v_promoted;
			update public.events set going_count = going_count + 1, waitlist_count = waitlist_count - 1 where id = v_event_id;
		end if;
	end if;
	return query select 'cancelled'::text, v_event_id, v_promoted;
end
$$;

-- A visitor cancels with the link from their confirmation email.
create function private.cancel_rsvp_by_token(p_token uuid)
returns table (outcome text, event_id uuid, promoted_rsvp_id uuid)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_id uuid;
begin
	select r.id into v_id from public.event_rsvps r where r.manage_token = p_token;
	if v_id is null then
		raise exception 'No such RSVP' using errcode = 'P0002', hint = 'rsvp_not_found';
	end if;
	return query select * from private.cancel_event_rsvp(v_id);
end
$$;

-- A signed-in member cancels their own answer.
create function private.cancel_my_rsvp(p_event_id uuid)
returns table (outcome text, event_id uuid, promoted_rsvp_id uuid)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_id uuid;
begin
	select r.id into v_id from public.event_rsvps r
	where r.event_id = p_event_id and r.user_id = (select auth.uid());
	if v_id is null then
		raise exception 'No such RSVP' using errcode = 'P0002', hint = 'rsvp_not_found';
	end if;
	return query select * from private.cancel_event_rsvp(v_id);
end
$$;

-- What the "change your answer" page shows a visitor holding the link.
create function private.event_rsvp_by_token(p_token uuid)
returns table (rsvp_id uuid, event_id uuid, chapter_slug text, name text, status public.rsvp_status, waitlist_position integer)
language sql stable
security definer
set search_path = ''
as $$
	select r.id, r.event_id, c.slug, r.name, r.status,
		case when r.status = 'waitlisted' then (
			select count(*)::int from public.event_rsvps w
			where w.event_id = r.event_id and w.status = 'waitlisted'
				and (w.waitlisted_at, w.id) <= (r.waitlisted_at, r.id)
		) end
	from public.event_rsvps r
	join public.events e on e.id = r.event_id
	join public.chapters c on c.id = e.chapter_id
	where r.manage_token = p_token
$$;

revoke execute on all functions in schema private from public;
grant execute on function private.organizes_event(uuid) to anon, authenticated, service_role;
grant execute on function
	private.rsvp_to_event(uuid, text, text),
	private.cancel_rsvp_by_token(uuid),
	private.event_rsvp_by_token(uuid)
	to anon, authenticated, service_role;
grant execute on function private.cancel_my_rsvp(uuid) to authenticated, service_role;
-- cancel_event_rsvp is the shared step: callable only through the two above,
-- and by jobs.
grant execute on function private.cancel_event_rsvp(uuid) to service_role;
