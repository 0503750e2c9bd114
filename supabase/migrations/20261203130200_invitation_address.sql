-- The address an open invitation was sent to, for whoever holds its link
-- (issue 15, item 9): the sign-up form it leads to starts with that address
-- filled in. The link went to that inbox, so it reveals nothing new; a used,
-- withdrawn or expired link answers nothing.
create function private.chapter_invitation_email(p_token text) returns text
language sql stable
security definer
set search_path = ''
as $$
	select i.email from public.chapter_invitations i
	where i.token_hash = sha256(convert_to(p_token, 'UTF8'))
		and i.accepted_at is null
		and i.revoked_at is null
		and i.expires_at > now()
$$;

revoke execute on function private.chapter_invitation_email(text) from public;
grant execute on function private.chapter_invitation_email(text) to anon, authenticated, service_role;
