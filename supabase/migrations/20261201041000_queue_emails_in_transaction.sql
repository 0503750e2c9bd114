-- Every email is queued in the same transaction as the change that causes
-- it (docs/decisions/037). Until now an RSVP's confirmation, a promotion from
-- the waitlist, an event's cancellation notice and an update's fan-out were
-- queued by the app after the change had committed: a crash in between lost
-- them for good. Here the database queues them itself, with graphile-worker's
-- add_job, inside the statement that makes the change — so also when the
-- change comes through the Data API rather than the app.

-- Queues a job in graphile-worker's schema. That schema is the app's (it is
-- installed by the app or the worker when they start, and by the seed), so a
-- database that has never seen either has no queue: refuse the change rather
-- than lose its email. Called only by the functions and triggers below.
create function private.queue_job(
	p_task text,
	p_payload jsonb,
	p_job_key text,
	p_run_at timestamptz default null,
	p_max_attempts integer default 10
) returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	if to_regnamespace('graphile_worker') is null then
		raise exception 'The job queue is not installed yet: start the app or `npm run worker` once'
			using errcode = '55000', hint = 'job_queue_missing';
	end if;
	perform graphile_worker.add_job(
		identifier => p_task,
		payload => p_payload::json,
		run_at => p_run_at,
		max_attempts => p_max_attempts,
		job_key => p_job_key
	);
end
$$;

-- ---------------------------------------------------------------- RSVPs

-- The email about one person's answer: built and sent by the worker's
-- email_about_rsvp job (app/events/jobs.server.ts), which reads the answer
-- as it is then. Keyed on the answer's last change, so a retried request
-- queues it once; "already on the list" at most once an hour, so nobody can
-- fill someone's inbox by typing their address again and again.
create function private.queue_rsvp_email(p_rsvp_id uuid, p_kind text) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_event_id uuid;
	v_stamp bigint;
begin
	select r.event_id,
		case when p_kind = 'already' then floor(extract(epoch from now()) / 3600)::bigint
			else floor(extract(epoch from r.updated_at) * 1000)::bigint end
	into v_event_id, v_stamp
	from public.event_rsvps r where r.id = p_rsvp_id;
	if v_event_id is null then
		return;
	end if;
	perform private.queue_job('email_about_rsvp',
		jsonb_build_object('rsvpId', p_rsvp_id, 'eventId', v_event_id, 'kind', p_kind, 'stamp', v_stamp),
		format('rsvp-email:%s:%s:%s', p_rsvp_id, p_kind, v_stamp), null, 25);
end
$$;

-- As in 20261127030000_create_events.sql, and the answer's email is queued
-- with it: a confirmation (seat or waitlist), or for a visitor already on
-- the list a reminder of their link.
create or replace function private.rsvp_to_event(p_event_id uuid, p_name text, p_email text)
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

	-- A member already on the list sees it on the page; a visitor gets their link again.
	if v_outcome <> 'already' then
		perform private.queue_rsvp_email(v_rsvp.id, v_status::text);
	elsif v_user is null then
		perform private.queue_rsvp_email(v_rsvp.id, 'already');
	end if;

	return query select v_rsvp.id, v_status, v_rsvp.manage_token, v_outcome,
		case when v_status = 'waitlisted' then (
			select count(*)::int from public.event_rsvps w
			where w.event_id = p_event_id and w.status = 'waitlisted'
				and (w.waitlisted_at, w.id) <= (v_rsvp.waitlisted_at, v_rsvp.id)
		) end;
end
$$;

-- As before, with two changes: the person who moves up from the waitlist is
-- emailed in the same transaction, and nobody is moved up to an event that
-- is over or called off (a seat there is worth nothing, and an email saying
-- "a place opened up" would be false).
create or replace function private.cancel_event_rsvp(p_rsvp_id uuid)
returns table (outcome text, event_id uuid, promoted_rsvp_id uuid)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_event_id uuid;
	v_event public.events%rowtype;
	v_rsvp public.event_rsvps%rowtype;
	v_promoted uuid;
begin
	select r.event_id into v_event_id from public.event_rsvps r where r.id = p_rsvp_id;
	if v_event_id is null then
		raise exception 'No such RSVP' using errcode = 'P0002', hint = 'rsvp_not_found';
	end if;
	-- The same lock order as rsvp_to_event: the event, then the answer.
	select * into v_event from public.events e where e.id = v_event_id for update;
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

	if v_rsvp.status = 'going' and v_event.capacity is not null
		and v_event.status = 'scheduled' and v_event.ends_at > now() then
		select w.id into v_promoted from public.event_rsvps w
		where w.event_id = v_event_id and w.status = 'waitlisted'
		order by w.waitlisted_at, w.id
		limit 1
		for update;
		if v_promoted is not null then
			update public.event_rsvps set status = 'going', promoted_at = now(), waitlisted_at = null where id = v_promoted;
			update public.events set going_count = going_count + 1, waitlist_count = waitlist_count - 1 where id = v_event_id;
			perform private.queue_rsvp_email(v_promoted, 'promoted');
		end if;
	end if;
	return query select 'cancelled'::text, v_event_id, v_promoted;
end
$$;

-- ---------------------------------------------------------------- events

-- An event called off: everyone who said yes is told, by the
-- notify_event_cancelled job, whichever way it was cancelled.
create function private.queue_event_cancelled_notice() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.queue_job('notify_event_cancelled', jsonb_build_object('eventId', new.id), 'event-cancelled:' || new.id, null, 10);
	return null;
end
$$;

create trigger events_queue_cancelled_notice after update of status on public.events
	for each row when (old.status = 'scheduled' and new.status = 'cancelled')
	execute function private.queue_event_cancelled_notice();

-- ---------------------------------------------------------------- updates

-- A chapter update posted: the announce_chapter_update job picks its
-- recipients and queues their batches. Updates written already emailed
-- (the demo data) queue nothing.
create function private.queue_chapter_update_email() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.queue_job('announce_chapter_update', jsonb_build_object('updateId', new.id), 'announce:' || new.id, null, 10);
	return null;
end
$$;

create trigger chapter_updates_queue_email after insert on public.chapter_updates
	for each row when (new.emailed_at is null)
	execute function private.queue_chapter_update_email();

-- A petition update posted: the send_petition_update job emails the
-- confirmed signers who asked for updates.
create function private.queue_petition_update_email() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.queue_job('send_petition_update', jsonb_build_object('updateId', new.id), 'petition-update:' || new.id, null, 25);
	return null;
end
$$;

create trigger petition_updates_queue_email after insert on public.petition_updates
	for each row when (new.emailed_at is null)
	execute function private.queue_petition_update_email();

-- Functions are executable by PUBLIC when created; these are called only by
-- the functions and triggers above (as their owner), never by a client.
revoke execute on function
	private.queue_job(text, jsonb, text, timestamptz, integer),
	private.queue_rsvp_email(uuid, text),
	private.queue_event_cancelled_notice(),
	private.queue_chapter_update_email(),
	private.queue_petition_update_email()
	from public;
