-- Closing issue 12's open gaps in comment drives (docs/decisions/072):
-- the sign-on letter goes with the organizer who sent it as Reply-To; a
-- report from the drive page holds only the comments that match the
-- reporter's claim; a printed packet handed to the clerk marks the comments
-- it carried delivered; and the drive counters read one index, not a
-- subquery per comment.

-- ---------------------------------------------------------------- the sign-on letter's sender

-- Who asked for this delivery (the organizer who sent the sign-on letter, or
-- who recorded a packet's hand-over): the clerk's replies go to them.
alter table public.comment_deliveries add column requested_by uuid references auth.users (id) on delete set null;
create index comment_deliveries_requested_by_idx on public.comment_deliveries (requested_by);

create or replace function private.send_sign_on_letter(p_drive_id uuid) returns boolean
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
	insert into public.comment_deliveries (drive_id, kind, item_count, requested_by)
	values (p_drive_id, 'sign_on_letter', v_signers, (select auth.uid()))
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

-- ---------------------------------------------------------------- reports from the drive page

-- The reporter's ZIP code, the place the comment would claim standing in.
alter table public.comment_reports add column reporter_postal_code text check (char_length(reporter_postal_code) <= 20);

-- A comment's ZIP code for matching a report: the one it gave, else a
-- five-digit number in its street address.
create function private.comment_zip(p_postal_code text, p_address text) returns text
language sql immutable
set search_path = ''
as $$
	select nullif(coalesce(
		substring(upper(btrim(p_postal_code)) from '^(\d{5})'),
		nullif(upper(regexp_replace(btrim(p_postal_code), '\s+', '', 'g')), ''),
		substring(p_address from '\m(\d{5})(?:-\d{4})?\s*$')
	), '')
$$;

-- "Filed in my name", from the drive page: holds the live comments that match
-- the claim, that is under the reporter's name, in the reporter's ZIP code,
-- and not written from the reporter's own address (a comment confirmed from
-- their own inbox is theirs; its copy carries the link to withdraw or
-- report it). Answers nothing about whether any matched.
drop function private.report_comment_by_name(uuid, text, text, text);
create function private.report_comment_by_name(p_drive_id uuid, p_name text, p_email text, p_postal_code text, p_details text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_report uuid;
	v_held integer;
	v_zip text := private.comment_zip(p_postal_code, null);
begin
	if not exists (select 1 from public.comment_drives d where d.id = p_drive_id and d.status <> 'draft') then
		raise exception 'No such comment drive' using errcode = 'P0002';
	end if;
	insert into public.comment_reports (drive_id, reporter_name, reporter_email, reporter_postal_code, details, source)
	values (p_drive_id, p_name, p_email, p_postal_code, coalesce(p_details, ''), 'drive_page')
	returning id into v_report;
	with held as (
		update public.comments c set status = 'held'
		where c.drive_id = p_drive_id and c.status in ('confirmed', 'unconfirmed')
			and lower(btrim(regexp_replace(concat_ws(' ', c.name, c.family_name), '\s+', ' ', 'g')))
				= lower(btrim(regexp_replace(p_name, '\s+', ' ', 'g')))
			and v_zip is not null and private.comment_zip(c.postal_code, c.address) = v_zip
			and private.normalize_email(c.email) <> private.normalize_email(p_email)
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
revoke all on function private.report_comment_by_name(uuid, text, text, text, text) from public;
grant execute on function private.report_comment_by_name(uuid, text, text, text, text) to anon, authenticated;
revoke all on function private.comment_zip(text, text) from public;

-- ---------------------------------------------------------------- delivered, kept on the comment

-- When the comment first reached the body by any channel: kept by the
-- deliveries' trigger so the counters read it from one index.
alter table public.comments add column delivered_at timestamptz;
grant select (delivered_at) on public.comments to authenticated;

create function private.mark_comment_delivered() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if new.comment_id is not null and new.status = 'delivered' then
		update public.comments set delivered_at = coalesce(delivered_at, new.delivered_at, now())
		where id = new.comment_id and delivered_at is null;
	end if;
	return null;
end
$$;
create trigger comment_deliveries_mark_comment after insert or update of status on public.comment_deliveries
	for each row execute function private.mark_comment_delivered();
revoke all on function private.mark_comment_delivered() from public;

update public.comments c set delivered_at = x.first
from (select comment_id, min(delivered_at) as first from public.comment_deliveries where status = 'delivered' and comment_id is not null
	group by comment_id) x
where x.comment_id = c.id;

-- The counters: one pass over this index per drive, no lookup per comment.
create index comments_drive_counts_idx on public.comments (drive_id) include (status, near_duplicate, delivered_at);

create or replace function private.comment_drive_counts(p_drive_ids uuid[])
returns table (drive_id uuid, started bigint, confirmed bigint, delivered bigint, unique_count bigint, near_duplicates bigint, held bigint)
language sql stable
security definer
set search_path = ''
as $$
	select d.id,
		count(c.drive_id) filter (where c.status not in ('withdrawn', 'removed')),
		count(c.drive_id) filter (where c.status = 'confirmed'),
		count(c.drive_id) filter (where c.status = 'confirmed' and c.delivered_at is not null) + coalesce((
			select sum(x.item_count) from public.comment_deliveries x
			where x.drive_id = d.id and x.kind = 'sign_on_letter' and x.status = 'delivered'
		), 0)::bigint,
		count(c.drive_id) filter (where c.status = 'confirmed' and not c.near_duplicate),
		count(c.drive_id) filter (where c.status = 'confirmed' and c.near_duplicate),
		count(c.drive_id) filter (where c.status = 'held')
	from public.comment_drives d
	left join public.comments c on c.drive_id = d.id
	where d.id = any (p_drive_ids) and (d.status <> 'draft' or private.organizes_drive(d.id))
	group by d.id
$$;

-- ---------------------------------------------------------------- printed packets

alter type public.delivery_kind add value if not exists 'printed_packet';

-- Each printed packet: when it was printed and how many comments it carried
-- (those confirmed by then), and, once an organizer records it, when and to
-- whom it was handed at the hearing.
create table public.comment_packets (
	id uuid primary key default gen_random_uuid(),
	drive_id uuid not null references public.comment_drives (id) on delete cascade,
	printed_at timestamptz not null default now(),
	printed_by uuid references auth.users (id) on delete set null,
	comment_count integer not null check (comment_count >= 0),
	handed_on date,
	handed_to text check (char_length(handed_to) between 1 and 200),
	recorded_by uuid references auth.users (id) on delete set null,
	recorded_at timestamptz,
	check ((handed_on is null) = (handed_to is null) and (handed_on is null) = (recorded_at is null))
);
create index comment_packets_drive_id_idx on public.comment_packets (drive_id, printed_at);
create index comment_packets_printed_by_idx on public.comment_packets (printed_by);
create index comment_packets_recorded_by_idx on public.comment_packets (recorded_by);
alter table public.comment_packets enable row level security;
create policy "drive organizers read printed packets" on public.comment_packets for select to authenticated
	using (private.organizes_drive(drive_id));
revoke all on public.comment_packets from anon, authenticated;
grant select on public.comment_packets to authenticated;
grant select, insert, update, delete on public.comment_packets to service_role;

-- Printing a packet records it, with the moment that decides which comments it holds.
create function private.record_comment_packet(p_drive_id uuid) returns table (id uuid, printed_at timestamptz)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_now timestamptz := now();
begin
	if not private.organizes_drive(p_drive_id) then
		raise exception 'No such comment drive' using errcode = 'P0002';
	end if;
	return query
	insert into public.comment_packets as p (drive_id, printed_at, printed_by, comment_count)
	values (p_drive_id, v_now, (select auth.uid()),
		(select count(*) from public.comments c where c.drive_id = p_drive_id and c.status = 'confirmed' and c.confirmed_at <= v_now))
	returning p.id, p.printed_at;
end
$$;

-- "Handed to the clerk at the hearing": the comments the packet carried
-- (confirmed by the time it was printed, and still confirmed) become
-- delivered with that receipt. Returns how many; null when the packet is
-- not the caller's or was already recorded.
create function private.hand_over_comment_packet(p_packet_id uuid, p_handed_on date, p_handed_to text) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_packet public.comment_packets%rowtype;
	v_receipt text;
	v_count integer;
begin
	select * into v_packet from public.comment_packets p where p.id = p_packet_id for update;
	if v_packet.id is null or not private.organizes_drive(v_packet.drive_id) then
		raise exception 'No such packet' using errcode = 'P0002';
	end if;
	if v_packet.recorded_at is not null then
		return null;
	end if;
	update public.comment_packets
	set handed_on = p_handed_on, handed_to = btrim(p_handed_to), recorded_by = (select auth.uid()), recorded_at = now()
	where id = p_packet_id;
	v_receipt := left(format('Printed packet handed to %s on %s', btrim(p_handed_to), to_char(p_handed_on, 'YYYY-MM-DD')), 200);
	with carried as (
		insert into public.comment_deliveries (drive_id, comment_id, kind, status, receipt, delivered_at, requested_by)
		select c.drive_id, c.id, 'printed_packet', 'delivered', v_receipt, now(), (select auth.uid())
		from public.comments c
		where c.drive_id = v_packet.drive_id and c.status = 'confirmed' and c.confirmed_at <= v_packet.printed_at
		on conflict (comment_id, kind) where comment_id is not null do nothing
		returning comment_id
	), noted as (
		insert into public.comment_changes (comment_id, kind, detail, by_user)
		select comment_id, 'delivered', concat_ws(': ', 'printed_packet', v_receipt), (select auth.uid()) from carried
		returning 1
	)
	select count(*) into v_count from noted;
	return v_count;
end
$$;

revoke all on function private.record_comment_packet(uuid) from public;
revoke all on function private.hand_over_comment_packet(uuid, date, text) from public;
grant execute on function private.record_comment_packet(uuid) to authenticated;
grant execute on function private.hand_over_comment_packet(uuid, date, text) to authenticated;

-- ---------------------------------------------------------------- editing a drive

-- A drive's channel stays once a comment has gone (or is on its way) through
-- it, and a sign-on letter's text stays once someone has signed it.
create function private.guard_drive_edit() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if new.channel is distinct from old.channel
		and exists (select 1 from public.comment_deliveries x where x.drive_id = old.id) then
		raise exception 'Comments have already gone through this drive''s channel' using errcode = 'P0001', hint = 'channel_locked';
	end if;
	if old.sign_on and new.template is distinct from old.template
		and exists (select 1 from public.comments c where c.drive_id = old.id and c.status in ('confirmed', 'held')) then
		raise exception 'People have signed this letter as it is' using errcode = 'P0001', hint = 'letter_signed';
	end if;
	return new;
end
$$;
revoke all on function private.guard_drive_edit() from public;
create trigger comment_drives_guard_edit before update of channel, template on public.comment_drives
	for each row execute function private.guard_drive_edit();
