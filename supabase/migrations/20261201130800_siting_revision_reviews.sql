-- Reviewing a proposed change to the siting record tells its author the
-- outcome, queued with the review (docs/decisions/037, 049). The reviewer
-- cannot read auth.users; this gives them the author's address for the one
-- revision they have just reviewed, and nothing else.
create function private.reviewed_revision_author(p_revision_id uuid) returns table (email text, display_name text)
language sql stable
security definer
set search_path = ''
as $$
	select u.email::text, coalesce(p.display_name, '')
	from public.project_revisions v
	join auth.users u on u.id = v.author_id
	left join public.profiles p on p.id = v.author_id
	where v.id = p_revision_id
		and v.status <> 'proposed'
		and v.reviewed_by = (select auth.uid())
		and v.author_id <> (select auth.uid())
$$;
revoke all on function private.reviewed_revision_author(uuid) from public;
grant execute on function private.reviewed_revision_author(uuid) to authenticated;
