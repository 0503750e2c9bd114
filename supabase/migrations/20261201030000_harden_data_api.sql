-- Supabase's Data API (PostgREST, exposing `public`) is a client of its own:
-- anyone with the anon key, or any organizer's session, can send it what the
-- app never would. This migration makes the policies allow exactly what the
-- app does, and clears what Supabase's Security Advisor flags. See
-- docs/decisions/034 (the advisor, the job queue's schema) and 035 (signer
-- addresses, archived chapters, audit logs, storage types).

-- ---------------------------------------------------------------- pgcrypto

-- Supabase keeps extensions in `extensions`; the plain-Postgres bootstrap
-- used to put pgcrypto in public. Move it where it is there; on Supabase it
-- is already in `extensions` and this does nothing. Nothing here calls its
-- functions (sha256 and gen_random_uuid are core).
do $$
begin
	if exists (
		select 1 from pg_extension e where e.extname = 'pgcrypto' and e.extnamespace = 'public'::regnamespace
	) then
		create schema if not exists extensions;
		grant usage on schema extensions to anon, authenticated, service_role;
		alter extension pgcrypto set schema extensions;
	end if;
end
$$;

-- ---------------------------------------------------------------- signer addresses

-- No signed-in role reads the address column: not to select it, filter on
-- it or sort by it. Organizers get addresses only through their export, and
-- only of confirmed signers who asked for updates and have not unsubscribed
-- (decision 025). Jobs read them as the service role.
revoke select (email) on public.signatures from authenticated;

-- The CSV export: every confirmed signature (name, place and date are the
-- signature), the address only where the signer consented. Recorded in the
-- petition's audit log in the same statement, so no export goes unrecorded.
create function private.signatures_for_export(p_petition_id uuid)
returns table (
	name text,
	place_label text,
	postal_code text,
	country_code text,
	confirmed_at timestamptz,
	comment text,
	email text
)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_rows integer;
begin
	if not private.is_petition_organizer(p_petition_id) then
		raise exception 'Only the petition''s organizers export its signatures' using errcode = '42501';
	end if;
	return query
	select s.name, s.place_label, s.postal_code, s.country_code::text, s.confirmed_at, s.comment,
		case when s.wants_updates and s.unsubscribed_at is null then s.email end
	from public.signatures s
	where s.petition_id = p_petition_id and s.status = 'confirmed'
	order by s.confirmed_at, s.id;
	get diagnostics v_rows = row_count;
	insert into public.petition_audit_log (petition_id, actor_id, action, details)
	values (p_petition_id, (select auth.uid()), 'export_csv', jsonb_build_object('rows', v_rows));
end
$$;

revoke execute on function private.signatures_for_export(uuid) from public;
grant execute on function private.signatures_for_export(uuid) to authenticated, service_role;

-- Jurisdictions are merged or removed rarely, but then the foreign-key check
-- must not scan every signature. Most signatures have both; non-US ones neither.
create index signatures_county_id_idx on public.signatures (county_id) where county_id is not null;
create index signatures_state_id_idx on public.signatures (state_id) where state_id is not null;

-- ---------------------------------------------------------------- recent signers

-- A security-definer function in an exposed schema is an RPC anyone can
-- call with the anon key. The petition page calls it from the server.
alter function public.petition_recent_signers(uuid, integer) set schema private;

-- ---------------------------------------------------------------- chapters: archived, not deleted

-- Deleting a chapter takes its events, RSVPs, memberships and updates with
-- it. Organizers archive a chapter instead (it leaves the lists and the map,
-- and keeps its page and history); only the service role's admin tools
-- delete one.
alter table public.chapters add column archived_at timestamptz;
grant update (archived_at) on public.chapters to authenticated;

drop policy "chapters are deleted by their organizers" on public.chapters;
revoke delete, truncate on public.chapters from anon, authenticated;

-- The archive time is the database's, not whatever the request said.
create function private.stamp_chapter_archive() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if new.archived_at is not null and old.archived_at is null then
		new.archived_at := now();
	elsif new.archived_at is not null then
		new.archived_at := old.archived_at;
	end if;
	return new;
end
$$;

create trigger chapters_stamp_archive before update of archived_at on public.chapters
	for each row execute function private.stamp_chapter_archive();

create or replace function private.audit_chapter() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_changed text[] := array[]::text[];
begin
	if tg_op = 'INSERT' then
		perform private.write_audit(new.id, 'chapter.created', null,
			jsonb_build_object('name', new.name, 'visibility', new.visibility));
		return null;
	end if;
	if new.name is distinct from old.name then v_changed := array_append(v_changed, 'name'); end if;
	if new.description is distinct from old.description then v_changed := array_append(v_changed, 'description'); end if;
	if new.visibility is distinct from old.visibility then v_changed := array_append(v_changed, 'visibility'); end if;
	if new.jurisdiction_id is distinct from old.jurisdiction_id then v_changed := array_append(v_changed, 'place'); end if;
	if new.slug is distinct from old.slug then v_changed := array_append(v_changed, 'address'); end if;
	if cardinality(v_changed) > 0 then
		perform private.write_audit(new.id, 'chapter.updated', null,
			jsonb_build_object('fields', to_jsonb(v_changed), 'visibility', new.visibility));
	end if;
	if new.archived_at is distinct from old.archived_at then
		perform private.write_audit(new.id,
			case when new.archived_at is null then 'chapter.restored' else 'chapter.archived' end,
			null, '{}'::jsonb);
	end if;
	return null;
end
$$;

-- ---------------------------------------------------------------- audit logs outlive what they record

-- An audit log keeps the id of what it recorded, whatever happens to it
-- later: no foreign key, so deleting a chapter or a draft petition neither
-- erases nor blanks its entries. The indexes on these columns stay.
alter table public.chapter_audit_log drop constraint chapter_audit_log_chapter_id_fkey;
alter table public.petition_audit_log drop constraint petition_audit_log_petition_id_fkey;

-- A chapter deleted by an admin tool: one entry says so. The memberships
-- and events its deletion removes are not logged one by one (write_audit
-- finds no chapter and writes nothing, as its comment, from before the log
-- outlived its chapter, says).
create function private.audit_chapter_deleted() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	insert into public.chapter_audit_log (chapter_id, actor_id, action, details)
	values (
		old.id,
		(select u.id from auth.users u where u.id = (select auth.uid())),
		'chapter.deleted',
		jsonb_build_object('name', old.name, 'slug', old.slug)
	);
	return null;
end
$$;

create trigger chapters_audit_delete after delete on public.chapters
	for each row execute function private.audit_chapter_deleted();

-- ---------------------------------------------------------------- events: cancellation is final

-- `status` is column-granted so organizers can cancel. People were told the
-- event was off; setting it back would send them reminders for it.
create function private.guard_event_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if old.status = 'cancelled' and new.status is distinct from old.status then
		raise exception 'A cancelled event stays cancelled. Post a new event instead.'
			using errcode = 'P0001', hint = 'event_cancellation_final';
	end if;
	return new;
end
$$;

create trigger events_guard_change before update of status on public.events
	for each row execute function private.guard_event_change();

-- ---------------------------------------------------------------- memberships: no invitations by insert

-- Invitations go by email as chapter_invitations tokens, accepted by the
-- invited person (decision 010). An `invited` row inserted for someone else
-- let anyone create a chapter, name any account in it and read its profile.
-- A person joins or asks to join as themselves; the service role may still
-- write any membership.
drop policy "people join public chapters, ask to join private ones; organizers invite" on public.memberships;
create policy "people join public chapters and ask to join private ones, as themselves" on public.memberships
	for insert to authenticated
	with check (
		user_id = (select auth.uid())
		and role = 'member'
		and (
			(status = 'active' and private.chapter_is_public(chapter_id))
			or (status = 'pending' and not private.chapter_is_public(chapter_id))
		)
	);

-- ---------------------------------------------------------------- public buckets: no listing, images only

-- A public bucket's files are served by URL without any policy; a SELECT
-- policy for everyone only lets any client list every file. What the app
-- does through the API as a person is replace and remove its own pictures
-- (remove returns the rows, so it needs SELECT), and list its own folder.
-- The insert and update checks repeat the buckets' MIME types, because
-- hosted Storage applies the bucket's list to uploads but not to copy or
-- move, which do run these policies.
drop policy "avatars are readable by everyone" on storage.objects;
drop policy "people upload avatars into their own folder" on storage.objects;
drop policy "people replace their own avatars" on storage.objects;

create policy "people read their own avatars" on storage.objects
	for select to authenticated
	using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "people upload avatars into their own folder" on storage.objects
	for insert to authenticated
	with check (
		bucket_id = 'avatars'
		and (storage.foldername(name))[1] = (select auth.uid())::text
		and (metadata ->> 'mimetype' is null or metadata ->> 'mimetype' = any (array['image/png', 'image/jpeg', 'image/webp']))
	);

create policy "people replace their own avatars" on storage.objects
	for update to authenticated
	using (bucket_id = 'avatars' and (storage.foldername(name))[1] = (select auth.uid())::text)
	with check (
		bucket_id = 'avatars'
		and (storage.foldername(name))[1] = (select auth.uid())::text
		and (metadata ->> 'mimetype' is null or metadata ->> 'mimetype' = any (array['image/png', 'image/jpeg', 'image/webp']))
	);

drop policy "petition covers are readable by everyone" on storage.objects;
drop policy "petition organizers upload covers" on storage.objects;
drop policy "petition organizers replace covers" on storage.objects;

create policy "petition organizers read covers" on storage.objects
	for select to authenticated
	using (bucket_id = 'petition-covers' and private.is_petition_organizer_folder((storage.foldername(name))[1]));

create policy "petition organizers upload covers" on storage.objects
	for insert to authenticated
	with check (
		bucket_id = 'petition-covers'
		and private.is_petition_organizer_folder((storage.foldername(name))[1])
		and (metadata ->> 'mimetype' is null or metadata ->> 'mimetype' = any (array['image/png', 'image/jpeg', 'image/webp']))
	);

create policy "petition organizers replace covers" on storage.objects
	for update to authenticated
	using (bucket_id = 'petition-covers' and private.is_petition_organizer_folder((storage.foldername(name))[1]))
	with check (
		bucket_id = 'petition-covers'
		and private.is_petition_organizer_folder((storage.foldername(name))[1])
		and (metadata ->> 'mimetype' is null or metadata ->> 'mimetype' = any (array['image/png', 'image/jpeg', 'image/webp']))
	);

revoke execute on function
	private.stamp_chapter_archive(),
	private.audit_chapter_deleted(),
	private.guard_event_change()
	from public;
