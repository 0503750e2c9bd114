-- Where replies to a chapter's emails go (issue 15, item 3). An update or an
-- invitation is a message an organizer writes to people, so it carries a
-- Reply-To that reaches the chapter: the address its organizers set, or the
-- sending organizer's own when they set none. The address sits in the private
-- schema, out of the Data API's reach; organizers read and set it through the
-- functions below, and the email jobs (the service role) read it when they
-- send (docs/decisions/077).

create table private.chapter_contacts (
	chapter_id uuid primary key references public.chapters (id) on delete cascade,
	email text not null check (char_length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	updated_at timestamptz not null default now()
);

-- The chapter's own reply address: its organizers and the jobs only.
create function private.chapter_contact(p_chapter_id uuid) returns text
language sql stable
security definer
set search_path = ''
as $$
	select c.email from private.chapter_contacts c
	where c.chapter_id = p_chapter_id
		and ((select auth.role()) = 'service_role' or private.is_chapter_organizer(p_chapter_id))
$$;

-- Where replies to what `p_sender` sends for the chapter go: the chapter's
-- address, or the sender's own. An organizer may ask only about themselves.
create function private.chapter_reply_to(p_chapter_id uuid, p_sender uuid) returns text
language sql stable
security definer
set search_path = ''
as $$
	select coalesce(
		(select c.email from private.chapter_contacts c where c.chapter_id = p_chapter_id),
		(select u.email::text from auth.users u where u.id = p_sender)
	)
	where (select auth.role()) = 'service_role'
		or (private.is_chapter_organizer(p_chapter_id) and p_sender = (select auth.uid()))
$$;

-- An organizer sets the address, or clears it with an empty one.
create function private.set_chapter_contact(p_chapter_id uuid, p_email text) returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	if not private.is_chapter_organizer(p_chapter_id) then
		raise exception 'Only the chapter''s organizers set its reply address' using errcode = '42501';
	end if;
	if coalesce(btrim(p_email), '') = '' then
		delete from private.chapter_contacts where chapter_id = p_chapter_id;
	else
		insert into private.chapter_contacts (chapter_id, email) values (p_chapter_id, lower(btrim(p_email)))
		on conflict (chapter_id) do update set email = excluded.email, updated_at = now();
	end if;
end
$$;

revoke all on table private.chapter_contacts from public;
revoke execute on function
	private.chapter_contact(uuid),
	private.chapter_reply_to(uuid, uuid),
	private.set_chapter_contact(uuid, text)
	from public;
grant execute on function
	private.chapter_contact(uuid),
	private.chapter_reply_to(uuid, uuid),
	private.set_chapter_contact(uuid, text)
	to authenticated, service_role;
