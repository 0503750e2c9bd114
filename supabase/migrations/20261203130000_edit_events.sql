-- Organizers edit events (issue 15, item 4): the title, description, time,
-- zone, place and capacity. Until now times and capacity were fixed once
-- made, so a typo in the room meant cancelling (which emails everyone) and
-- posting again. Here:
--   * each version of an event has a number, `sequence`, which calendar files
--     carry as SEQUENCE with the same UID, so calendar apps replace the old
--     copy (RFC 5545 §3.8.7.4);
--   * a change of time or place queues the notify_event_changed job, which
--     emails everyone who said yes (seated or waiting), in the transaction of
--     the change and whichever way the change was made; a change to the title
--     or description alone emails nobody;
--   * more seats (or no limit) move the first people waiting up, each told
--     by email, as a cancellation does;
--   * fewer seats than people already seated is refused by the existing
--     check (going_count <= capacity): nobody who was told they have a place
--     loses it (docs/decisions/076).

alter table public.events add column sequence integer not null default 0 check (sequence >= 0);

-- Cancelled events were version 1 in their calendar files: keep it so.
alter table public.events disable trigger events_touch_updated_at;
alter table public.events disable trigger events_audit;
update public.events set sequence = 1 where status = 'cancelled';
alter table public.events enable trigger events_touch_updated_at;
alter table public.events enable trigger events_audit;

grant update (starts_at, ends_at, time_zone, capacity) on public.events to authenticated;

-- A new version for every change a calendar shows; the reminder goes again
-- for a new start time (it was about the old one).
create function private.version_event() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if (new.title, new.description, new.starts_at, new.ends_at, new.location_name, new.address, new.online_url, new.status)
		is distinct from (old.title, old.description, old.starts_at, old.ends_at, old.location_name, old.address, old.online_url, old.status) then
		new.sequence := old.sequence + 1;
	else
		new.sequence := old.sequence;
	end if;
	if new.starts_at <> old.starts_at then
		new.reminder_sent_at := null;
	end if;
	return new;
end
$$;

create trigger events_version before update on public.events
	for each row execute function private.version_event();

-- A change of time or place: everyone who said yes is told what it was and
-- what it is now. Keyed on the version, so each change is told once.
create function private.queue_event_changed_notice() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.queue_job(
		'notify_event_changed',
		jsonb_build_object(
			'eventId', new.id,
			'sequence', new.sequence,
			'was', jsonb_build_object(
				'startsAt', old.starts_at,
				'endsAt', old.ends_at,
				'timeZone', old.time_zone,
				'locationName', old.location_name,
				'address', old.address,
				'onlineUrl', old.online_url
			)
		),
		'event-changed:' || new.id || ':' || new.sequence,
		null,
		10
	);
	return null;
end
$$;

create trigger events_queue_changed_notice after update on public.events
	for each row when (
		old.status = 'scheduled' and new.status = 'scheduled'
		and (old.starts_at, old.ends_at, old.time_zone, old.location_name, old.address, old.online_url)
			is distinct from (new.starts_at, new.ends_at, new.time_zone, new.location_name, new.address, new.online_url)
	)
	execute function private.queue_event_changed_notice();

-- More seats: the first people waiting move up, in the order they joined the
-- waitlist, under the event's row lock the update already holds.
create function private.fill_event_seats() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_rsvp_id uuid;
	v_promoted integer := 0;
begin
	for v_rsvp_id in
		select w.id from public.event_rsvps w
		where w.event_id = new.id and w.status = 'waitlisted'
		order by w.waitlisted_at, w.id
		limit case when new.capacity is null then null else greatest(new.capacity - new.going_count, 0) end
		for update
	loop
		update public.event_rsvps set status = 'going', promoted_at = now(), waitlisted_at = null where id = v_rsvp_id;
		perform private.queue_rsvp_email(v_rsvp_id, 'promoted');
		v_promoted := v_promoted + 1;
	end loop;
	if v_promoted > 0 then
		update public.events set going_count = going_count + v_promoted, waitlist_count = waitlist_count - v_promoted where id = new.id;
	end if;
	return null;
end
$$;

create trigger events_fill_seats after update of capacity on public.events
	for each row when (
		new.status = 'scheduled' and new.waitlist_count > 0
		and (new.capacity is null or (old.capacity is not null and new.capacity > old.capacity))
	)
	execute function private.fill_event_seats();

revoke execute on function
	private.version_event(),
	private.queue_event_changed_notice(),
	private.fill_event_seats()
	from public;

-- The chapter's audit log names a change of time, zone or capacity too.
create or replace function private.audit_event() returns trigger
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
	elsif (new.kind, new.title, new.description, new.location_name, new.address, new.online_url, new.starts_at, new.ends_at, new.time_zone, new.capacity)
		is distinct from (old.kind, old.title, old.description, old.location_name, old.address, old.online_url, old.starts_at, old.ends_at, old.time_zone, old.capacity) then
		perform private.write_audit(new.chapter_id, 'event.edited', null, jsonb_build_object('title', new.title, 'starts_at', new.starts_at));
	end if;
	return null;
end
$$;
