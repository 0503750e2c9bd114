-- Siting gaps (issue 10): the source of a recorded decision, and the files a
-- records request brought back, kept in Storage (docs/decisions/062).

-- ---------------------------------------------------------------- a decision's source

-- A decision is recorded with the minutes, order or notice that states it.
alter table public.proceedings
	add column decision_source_url text check (decision_source_url ~ '^https?://' and char_length(decision_source_url) <= 2000);
grant update (decision_source_url) on public.proceedings to authenticated;

-- ---------------------------------------------------------------- records request files

-- A file a body sent back (a PDF, a scan as an image) in the private bucket
-- `records-documents`, at <request id>/<file id>.<ext>. What a body releases
-- is a public record, but it often carries third parties' home addresses,
-- personal emails or phone numbers unredacted: a file is seen only by the
-- project's editors until one of them has checked it and shares it.
create table public.records_request_files (
	id uuid primary key default gen_random_uuid(),
	request_id uuid not null references public.records_requests (id) on delete cascade,
	title text not null check (char_length(title) between 1 and 300),
	storage_path text not null unique check (char_length(storage_path) <= 200),
	content_type text not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')),
	size_bytes integer not null check (size_bytes > 0 and size_bytes <= 10485760),
	received_on date,
	shared boolean not null default false,
	shared_by uuid references auth.users (id) on delete set null,
	shared_at timestamptz,
	added_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	check (shared = (shared_at is not null)),
	-- The file sits in its request's folder.
	check (split_part(storage_path, '/', 1) = request_id::text)
);
create index records_request_files_request_id_idx on public.records_request_files (request_id);
create index records_request_files_added_by_idx on public.records_request_files (added_by);
create index records_request_files_shared_by_idx on public.records_request_files (shared_by);

alter table public.records_request_files enable row level security;
create policy "shared records files are public; held ones to the project's editors" on public.records_request_files
	for select to anon, authenticated
	using (shared or private.can_edit_records_request(request_id));
create policy "editors add records files" on public.records_request_files for insert to authenticated
	with check (private.can_edit_records_request(request_id) and added_by = (select auth.uid()));
create policy "editors share records files" on public.records_request_files for update to authenticated
	using (private.can_edit_records_request(request_id))
	with check (private.can_edit_records_request(request_id));
create policy "editors remove records files" on public.records_request_files for delete to authenticated
	using (private.can_edit_records_request(request_id));

-- Who shared a file, and when, is the database's to record: the person whose
-- change shares it, at that moment; unsharing clears both.
create function private.stamp_records_file_share() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if new.shared and (tg_op = 'INSERT' or not old.shared) then
		new.shared_by := (select auth.uid());
		new.shared_at := now();
	elsif not new.shared then
		new.shared_by := null;
		new.shared_at := null;
	else
		new.shared_by := old.shared_by;
		new.shared_at := old.shared_at;
	end if;
	return new;
end
$$;
revoke execute on function private.stamp_records_file_share() from public;
create trigger records_request_files_stamp_share before insert or update of shared on public.records_request_files
	for each row execute function private.stamp_records_file_share();

revoke all on public.records_request_files from anon, authenticated;
grant select on public.records_request_files to anon, authenticated;
grant insert (id, request_id, title, storage_path, content_type, size_bytes, received_on, shared, added_by)
	on public.records_request_files to authenticated;
grant update (title, received_on, shared) on public.records_request_files to authenticated;
grant delete on public.records_request_files to authenticated;

-- ---------------------------------------------------------------- the bucket

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('records-documents', 'records-documents', false, 10485760,
	array['application/pdf', 'image/png', 'image/jpeg', 'image/webp'])
on conflict (id) do update set
	public = excluded.public,
	file_size_limit = excluded.file_size_limit,
	allowed_mime_types = excluded.allowed_mime_types;

-- Whether the caller keeps the records request a folder is named after.
create function private.can_edit_records_folder(p_folder text) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select p_folder ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
		and private.can_edit_records_request(p_folder::uuid)
$$;

-- Whether the caller may read a stored file: anyone once it is shared, the
-- project's editors always (also before its row exists, while uploading).
create function private.can_read_records_file(p_name text) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (select 1 from public.records_request_files f where f.storage_path = p_name and f.shared)
		or private.can_edit_records_folder(split_part(p_name, '/', 1))
$$;
revoke all on function private.can_edit_records_folder(text), private.can_read_records_file(text) from public;
grant execute on function private.can_edit_records_folder(text), private.can_read_records_file(text) to anon, authenticated;

create policy "records files are read as their rows say" on storage.objects
	for select to anon, authenticated
	using (bucket_id = 'records-documents' and private.can_read_records_file(name));

create policy "editors upload records files" on storage.objects
	for insert to authenticated
	with check (
		bucket_id = 'records-documents'
		and private.can_edit_records_folder((storage.foldername(name))[1])
		and (metadata ->> 'mimetype' is null
			or metadata ->> 'mimetype' = any (array['application/pdf', 'image/png', 'image/jpeg', 'image/webp']))
	);

create policy "editors remove records files" on storage.objects
	for delete to authenticated
	using (bucket_id = 'records-documents' and private.can_edit_records_folder((storage.foldername(name))[1]));
