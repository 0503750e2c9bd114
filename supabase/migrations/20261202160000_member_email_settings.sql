-- The member's one page of email settings (/account/emails, issue 15 item 1):
-- a signed-in person stops (or restarts) the updates of a petition they
-- signed while signed in, as the unsubscribe link in each update does, but
-- by the signature's id and only for their own signatures. Signatures stay
-- unwritable to anyone directly (20261128000000_create_petitions.sql).

create function private.set_my_signature_updates(p_signature_id bigint, p_wants_updates boolean)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := (select auth.uid());
	v_changed integer;
begin
	if v_uid is null then
		raise exception 'signed in only' using errcode = '42501';
	end if;
	update public.signatures s
	set unsubscribed_at = case when p_wants_updates then null else coalesce(s.unsubscribed_at, now()) end,
		wants_updates = case when p_wants_updates then true else s.wants_updates end
	where s.id = p_signature_id and s.user_id = v_uid;
	get diagnostics v_changed = row_count;
	return v_changed = 1;
end
$$;

revoke all on function private.set_my_signature_updates(bigint, boolean) from public, anon;
grant execute on function private.set_my_signature_updates(bigint, boolean) to authenticated, service_role;
