-- Join requests carry a short note, and are no longer silent (issue 15 item 5,
-- docs/decisions/077). The note lives on the pending membership, which only
-- the person who asked and the chapter's organizers can read (fellow members
-- read active memberships only); it is cleared when the request is approved,
-- so it never becomes readable by the members the person joins.

alter table public.memberships
	add column request_note text
		constraint memberships_request_note_length check (char_length(request_note) <= 500),
	add constraint memberships_request_note_only_pending check (request_note is null or status = 'pending');

create function private.clear_request_note() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if new.status <> 'pending' then
		new.request_note := null;
	end if;
	return new;
end
$$;

create trigger memberships_clear_request_note before update of status on public.memberships
	for each row execute function private.clear_request_note();

-- Whom a new request notifies: the chapter's active organizers' addresses,
-- with how many requests that chapter has had since midnight UTC (the first
-- of the day emails at once, later ones go in one daily digest). Answers only
-- someone whose own request to that chapter is pending, and tells them
-- nothing but addresses they send to through us, never shown on a page.
create function private.join_request_recipients(p_chapter_id uuid)
returns table (email text, requests_today integer)
language sql stable
security definer
set search_path = ''
as $$
	select u.email::text,
		(
			select count(*)::integer from public.memberships r
			where r.chapter_id = p_chapter_id
				and r.status = 'pending'
				and r.created_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc'
		)
	from public.memberships m
	join auth.users u on u.id = m.user_id
	where m.chapter_id = p_chapter_id
		and m.role = 'organizer'
		and m.status = 'active'
		and exists (
			select 1 from public.memberships mine
			where mine.chapter_id = p_chapter_id
				and mine.user_id = (select auth.uid())
				and mine.status = 'pending'
		)
$$;

revoke execute on function private.join_request_recipients(uuid) from public;
grant execute on function private.join_request_recipients(uuid) to authenticated;
