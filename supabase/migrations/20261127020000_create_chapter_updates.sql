-- Announcements ("updates"): an organizer writes one in Markdown; it shows
-- on the chapter page and is emailed to members who want each update, and
-- gathered into a weekly digest for those who chose that.

create table public.chapter_updates (
	id uuid primary key default gen_random_uuid(),
	chapter_id uuid not null references public.chapters (id) on delete cascade,
	author_id uuid references auth.users (id) on delete set null,
	title text not null check (char_length(title) between 3 and 150),
	-- Markdown as the organizer typed it. It is rendered and sanitized when
	-- shown, never stored as HTML, so nothing written through the API can
	-- put raw HTML in front of a reader.
	body text not null check (char_length(body) between 1 and 20000),
	-- Bookkeeping for the email fan-out, set by the job (service role).
	emailed_at timestamptz,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index chapter_updates_chapter_id_created_at_idx on public.chapter_updates (chapter_id, created_at desc);
create index chapter_updates_author_id_idx on public.chapter_updates (author_id);

create trigger chapter_updates_touch_updated_at before update on public.chapter_updates
	for each row execute function private.touch_updated_at();

alter table public.chapter_updates enable row level security;

revoke insert, update, delete, truncate on public.chapter_updates from anon, authenticated;
grant insert (chapter_id, author_id, title, body) on public.chapter_updates to authenticated;
grant update (title, body) on public.chapter_updates to authenticated;
grant delete on public.chapter_updates to authenticated;

-- A public chapter's updates are public; a private chapter's are for members.
create policy "updates are readable by everyone for public chapters" on public.chapter_updates
	for select to anon using (private.chapter_is_public(chapter_id));
create policy "updates are readable by members, and by everyone for public chapters" on public.chapter_updates
	for select to authenticated
	using (private.chapter_is_public(chapter_id) or private.is_chapter_member(chapter_id));
create policy "organizers post updates as themselves" on public.chapter_updates
	for insert to authenticated
	with check (private.is_chapter_organizer(chapter_id) and author_id = (select auth.uid()));
create policy "organizers edit their chapter's updates" on public.chapter_updates
	for update to authenticated
	using (private.is_chapter_organizer(chapter_id))
	with check (private.is_chapter_organizer(chapter_id));
create policy "organizers delete their chapter's updates" on public.chapter_updates
	for delete to authenticated using (private.is_chapter_organizer(chapter_id));

create function private.audit_chapter_update() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		perform private.write_audit(new.chapter_id, 'update.posted', null, jsonb_build_object('title', new.title));
	elsif tg_op = 'UPDATE' and (new.title, new.body) is distinct from (old.title, old.body) then
		perform private.write_audit(new.chapter_id, 'update.edited', null, jsonb_build_object('title', new.title));
	elsif tg_op = 'DELETE' then
		perform private.write_audit(old.chapter_id, 'update.deleted', null, jsonb_build_object('title', old.title));
	end if;
	return null;
end
$$;

create trigger chapter_updates_audit after insert or update or delete on public.chapter_updates
	for each row execute function private.audit_chapter_update();

-- One weekly digest per chapter and week, whichever worker gets there first.
create table private.chapter_digests (
	chapter_id uuid not null references public.chapters (id) on delete cascade,
	week_start date not null,
	recipients integer not null default 0,
	created_at timestamptz not null default now(),
	primary key (chapter_id, week_start)
);
alter table private.chapter_digests enable row level security;
revoke all on private.chapter_digests from anon, authenticated;
grant select, insert, update on private.chapter_digests to service_role;
