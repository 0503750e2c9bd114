-- The community around a project: the documents a records request brought
-- back, and each person's calendar feed of every deadline they follow
-- (docs/decisions/050).

-- ---------------------------------------------------------------- records request documents

-- What a body sent back: links (to the body's portal, a shared folder, a
-- scanned copy). Read by everyone, as the request is; kept by the project's editors.
create table public.records_request_documents (
	id uuid primary key default gen_random_uuid(),
	request_id uuid not null references public.records_requests (id) on delete cascade,
	title text not null check (char_length(title) between 1 and 300),
	url text not null check (url ~ '^https?://' and char_length(url) <= 2000),
	received_on date,
	added_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	unique (request_id, url)
);
create index records_request_documents_added_by_idx on public.records_request_documents (added_by);

create function private.can_edit_records_request(p_request_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.records_requests r where r.id = p_request_id and private.can_edit_project(r.project_id)
	)
$$;

alter table public.records_request_documents enable row level security;
create policy "records documents are public" on public.records_request_documents for select to anon, authenticated using (true);
create policy "editors add records documents" on public.records_request_documents for insert to authenticated
	with check (private.can_edit_records_request(request_id) and added_by = (select auth.uid()));
create policy "editors remove records documents" on public.records_request_documents for delete to authenticated
	using (private.can_edit_records_request(request_id));

-- A request's creator and chapter are the app's to set once.
revoke update on public.records_requests from authenticated;
grant update (body_name, asked_for, sent_on, response_due_on, status, outcome, chapter_id) on public.records_requests to authenticated;

-- A request may name only a chapter that works on its project.
create function private.records_request_chapter_linked() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if new.chapter_id is not null and not exists (
		select 1 from public.project_chapters pc where pc.project_id = new.project_id and pc.chapter_id = new.chapter_id
	) then
		raise exception 'The chapter does not work on this project' using errcode = '23514';
	end if;
	return new;
end
$$;
create trigger records_requests_chapter_linked before insert or update of chapter_id on public.records_requests
	for each row execute function private.records_request_chapter_linked();

-- ---------------------------------------------------------------- personal calendar feeds

-- One feed per person. The secret in its address is derived from the feed's
-- id with a server key and only its sha256 is kept, so a database reader
-- cannot rebuild the address; revoking deletes the row, and a new feed has
-- a new id and so a new address.
create table public.calendar_feeds (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null unique references auth.users (id) on delete cascade,
	token_hash bytea not null unique,
	created_at timestamptz not null default now()
);

alter table public.calendar_feeds enable row level security;
create policy "people see their own feed" on public.calendar_feeds for select to authenticated
	using (user_id = (select auth.uid()));
create policy "people make their own feed" on public.calendar_feeds for insert to authenticated
	with check (user_id = (select auth.uid()));
create policy "people revoke their own feed" on public.calendar_feeds for delete to authenticated
	using (user_id = (select auth.uid()));
revoke all on public.calendar_feeds from anon, authenticated;
grant select (id, user_id, created_at), insert (id, user_id, token_hash), delete on public.calendar_feeds to authenticated;

-- A calendar app fetches the feed with no session: the token says whose it
-- is. Returns what that person follows (projects and proceedings), nothing
-- for an unknown or revoked token.
create function private.calendar_feed_follows(p_token_hash bytea)
returns table (project_id uuid, proceeding_id uuid)
language sql stable
security definer
set search_path = ''
as $$
	select f.project_id, f.proceeding_id
	from public.calendar_feeds c
	join public.follows f on f.user_id = c.user_id and f.confirmed_at is not null
	where c.token_hash = p_token_hash
$$;
revoke all on function private.calendar_feed_follows(bytea) from public;
grant execute on function private.calendar_feed_follows(bytea) to anon, authenticated;

-- ---------------------------------------------------------------- petitions and events about a project

-- Organizers say which project (and which of its proceedings) a petition or
-- an event is about: a project their chapter works on.
grant insert (project_id, proceeding_id), update (project_id, proceeding_id) on public.petitions to authenticated;
grant insert (project_id, proceeding_id), update (project_id, proceeding_id) on public.events to authenticated;

create function private.check_project_link() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if new.proceeding_id is not null and (new.project_id is null or not exists (
		select 1 from public.proceedings pr where pr.id = new.proceeding_id and pr.project_id = new.project_id
	)) then
		raise exception 'The proceeding is not part of this project' using errcode = '23514';
	end if;
	if new.project_id is not null
		and (tg_op = 'INSERT' or new.project_id is distinct from old.project_id or new.chapter_id is distinct from old.chapter_id)
		and (new.chapter_id is null or not exists (
			select 1 from public.project_chapters pc where pc.project_id = new.project_id and pc.chapter_id = new.chapter_id
		)) then
		raise exception 'The chapter does not work on this project' using errcode = '23514';
	end if;
	return new;
end
$$;
create trigger petitions_check_project_link before insert or update of project_id, proceeding_id, chapter_id on public.petitions
	for each row execute function private.check_project_link();
create trigger events_check_project_link before insert or update of project_id, proceeding_id on public.events
	for each row execute function private.check_project_link();

-- Whether a token is a live feed's, so a feed with nothing followed yet is
-- an empty calendar and a revoked one is gone.
create function private.calendar_feed_exists(p_token_hash bytea) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (select 1 from public.calendar_feeds c where c.token_hash = p_token_hash)
$$;
revoke all on function private.calendar_feed_exists(bytea) from public;
grant execute on function private.calendar_feed_exists(bytea) to anon, authenticated;

-- TRUNCATE skips row-level security: no client empties these either.
revoke truncate on public.records_request_documents, public.calendar_feeds from anon, authenticated;
