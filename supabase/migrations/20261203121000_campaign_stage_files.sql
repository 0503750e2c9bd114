-- Issue 13, left open: a stage's evidence as files (a PDF of the minutes, a
-- photo of a filing receipt), not only links (docs/decisions/075).
--
-- Files sit in the private bucket `campaign-files` at
-- <campaign id>/<file id>.<ext>. A file is held for the campaign's managers
-- until one of them marks it public: evidence often carries what should not
-- be published (a filing receipt with a circulator's home address, a scan of
-- a signature sheet). Once public, anyone who may see the campaign reads it.

create table public.campaign_stage_files (
	id uuid primary key default gen_random_uuid(),
	campaign_id uuid not null references public.campaigns (id) on delete cascade,
	stage_id uuid not null references public.campaign_stages (id) on delete cascade,
	title text not null check (char_length(title) between 1 and 200),
	storage_path text not null unique check (char_length(storage_path) <= 200),
	content_type text not null check (content_type in ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')),
	size_bytes integer not null check (size_bytes > 0 and size_bytes <= 10485760),
	public boolean not null default false,
	added_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	-- The file sits in its campaign's folder.
	check (split_part(storage_path, '/', 1) = campaign_id::text)
);
create index campaign_stage_files_campaign_id_idx on public.campaign_stage_files (campaign_id);
create index campaign_stage_files_stage_id_idx on public.campaign_stage_files (stage_id, created_at);
create index campaign_stage_files_added_by_idx on public.campaign_stage_files (added_by);

-- A file belongs to a stage of its own campaign.
create function private.check_campaign_stage_file() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if not exists (select 1 from public.campaign_stages s where s.id = new.stage_id and s.campaign_id = new.campaign_id) then
		raise exception 'The stage is not this campaign''s' using errcode = '23514', hint = 'campaign_stage_file_stage';
	end if;
	return new;
end
$$;
revoke all on function private.check_campaign_stage_file() from public;
create trigger campaign_stage_files_check before insert on public.campaign_stage_files
	for each row execute function private.check_campaign_stage_file();

alter table public.campaign_stage_files enable row level security;
create policy "public evidence files with their campaign; held ones to its managers" on public.campaign_stage_files
	for select to anon, authenticated
	using ((public and private.can_see_campaign(campaign_id)) or private.can_manage_campaign(campaign_id));
create policy "managers add evidence files" on public.campaign_stage_files for insert to authenticated
	with check (private.can_manage_campaign(campaign_id) and added_by = (select auth.uid()));
create policy "managers publish or hold evidence files" on public.campaign_stage_files for update to authenticated
	using (private.can_manage_campaign(campaign_id)) with check (private.can_manage_campaign(campaign_id));
create policy "managers remove evidence files" on public.campaign_stage_files for delete to authenticated
	using (private.can_manage_campaign(campaign_id));

revoke all on public.campaign_stage_files from anon, authenticated;
grant select on public.campaign_stage_files to anon, authenticated;
grant insert (id, campaign_id, stage_id, title, storage_path, content_type, size_bytes, public, added_by)
	on public.campaign_stage_files to authenticated;
grant update (title, public) on public.campaign_stage_files to authenticated;
grant delete on public.campaign_stage_files to authenticated;

-- ---------------------------------------------------------------- the bucket

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('campaign-files', 'campaign-files', false, 10485760, array['application/pdf', 'image/png', 'image/jpeg', 'image/webp'])
on conflict (id) do update set
	public = excluded.public,
	file_size_limit = excluded.file_size_limit,
	allowed_mime_types = excluded.allowed_mime_types;

-- Whether the caller manages the campaign a folder is named after.
create function private.can_manage_campaign_folder(p_folder text) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select p_folder ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
		and private.can_manage_campaign(p_folder::uuid)
$$;

-- Whether the caller may read a stored file: anyone who may see the campaign
-- once its row is public, the managers always (also while uploading).
create function private.can_read_campaign_file(p_name text) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.campaign_stage_files f
		where f.storage_path = p_name and f.public and private.can_see_campaign(f.campaign_id)
	) or private.can_manage_campaign_folder(split_part(p_name, '/', 1))
$$;
revoke all on function private.can_manage_campaign_folder(text), private.can_read_campaign_file(text) from public;
grant execute on function private.can_manage_campaign_folder(text), private.can_read_campaign_file(text) to anon, authenticated;

create policy "campaign files are read as their rows say" on storage.objects
	for select to anon, authenticated
	using (bucket_id = 'campaign-files' and private.can_read_campaign_file(name));

create policy "managers upload campaign files" on storage.objects
	for insert to authenticated
	with check (
		bucket_id = 'campaign-files'
		and private.can_manage_campaign_folder((storage.foldername(name))[1])
		and (metadata ->> 'mimetype' is null
			or metadata ->> 'mimetype' = any (array['application/pdf', 'image/png', 'image/jpeg', 'image/webp']))
	);

create policy "managers remove campaign files" on storage.objects
	for delete to authenticated
	using (bucket_id = 'campaign-files' and private.can_manage_campaign_folder((storage.foldername(name))[1]));
