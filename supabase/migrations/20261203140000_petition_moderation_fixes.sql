-- Petitions and moderation, from what volunteers hit (issue 15, items 10 and 11
-- and the "Recent signers" names; docs/decisions/078, 079).
--   * "Recent signers" shows the name a consenting signer gave, as typed, not
--     its first word ("Nguyễn" is a family name).
--   * A takedown needs a reason, tells the organizers (the app queues the
--     email in the same transaction, with the addresses this returns) and can
--     be appealed from the petition's dashboard. Putting it back leaves the
--     petition as it was: a takedown never touches its status.
--   * Moderators look at held signatures one at a time (never a name, an
--     email address, a postal code or a comment) and release or remove one.

-- ---------------------------------------------------------------- recent signers

-- The name shown on the petition page, set from the name and the consent by
-- a trigger, so every way of signing (form, member, replaced row) agrees. A
-- signature given before this consented to its first name only: it keeps that.
alter table public.signatures add column shown_name text check (shown_name is null or char_length(shown_name) <= 100);
update public.signatures set shown_name = nullif(split_part(btrim(name), ' ', 1), '') where show_name and erased_at is null;

create function private.set_signature_shown_name() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if tg_op = 'INSERT' or new.name is distinct from old.name or new.show_name is distinct from old.show_name
		or new.erased_at is distinct from old.erased_at then
		new.shown_name := case when new.show_name and new.erased_at is null then nullif(btrim(new.name), '') end;
	end if;
	return new;
end
$$;
create trigger signatures_shown_name before insert or update of name, show_name, erased_at on public.signatures
	for each row execute function private.set_signature_shown_name();

drop function private.petition_recent_signers(uuid, integer);
create function private.petition_recent_signers(p_petition_id uuid, p_limit integer default 10)
returns table (name text, place text, signed_at timestamptz)
language sql stable
security definer
set search_path = ''
as $$
	select s.shown_name, s.place_label, s.confirmed_at
	from public.signatures s
	where s.petition_id = p_petition_id
		and s.status = 'confirmed'
		and s.show_name
		and s.shown_name is not null
		and private.petition_is_public(p_petition_id)
	order by s.confirmed_at desc
	limit least(greatest(p_limit, 0), 50)
$$;
revoke execute on function private.petition_recent_signers(uuid, integer) from public;
grant execute on function private.petition_recent_signers(uuid, integer) to anon, authenticated, service_role;

-- ---------------------------------------------------------------- takedowns

-- Whether a petition is taken down, by id, for the appeal policy (organizers
-- may not be able to read the row through another policy's subquery).
create function private.petition_is_taken_down(p_petition_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (select 1 from public.petitions p where p.id = p_petition_id and p.hidden_at is not null)
$$;

-- An appeal is a report from the petition's organizers on their own
-- taken-down petition; it reaches the same moderators' queue.
alter table public.petition_reports add column is_appeal boolean not null default false;
grant insert (is_appeal) on public.petition_reports to authenticated;

drop policy "visitors report public petitions" on public.petition_reports;
create policy "visitors report public petitions" on public.petition_reports
	for insert to anon
	with check (reporter_id is null and not is_appeal and private.petition_is_public(petition_id));
drop policy "signed-in people report public petitions as themselves" on public.petition_reports;
create policy "signed-in people report public petitions as themselves" on public.petition_reports
	for insert to authenticated
	with check (reporter_id = (select auth.uid()) and not is_appeal and private.petition_is_public(petition_id));
create policy "organizers appeal the takedown of their petition" on public.petition_reports
	for insert to authenticated
	with check (
		is_appeal
		and reporter_id = (select auth.uid())
		and private.is_petition_organizer(petition_id)
		and private.petition_is_taken_down(petition_id)
	);
create policy "organizers read their own appeals" on public.petition_reports
	for select to authenticated
	using (is_appeal and reporter_id = (select auth.uid()));

-- Takes a petition down (a reason is required) or puts it back. Only a real
-- change is made and logged; it returns whether it changed and the addresses
-- of whoever runs the petition, for the email the app queues in this same
-- transaction. Putting it back closes its open appeals.
drop function private.set_petition_hidden(uuid, boolean, text);
create function private.set_petition_hidden(p_petition_id uuid, p_hidden boolean, p_reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.require_site_moderator();
	if p_hidden and nullif(btrim(coalesce(p_reason, '')), '') is null then
		raise exception 'A takedown needs a reason' using errcode = '22023', hint = 'no_reason';
	end if;
	update public.petitions
	set hidden_at = case when p_hidden then now() else null end,
		hidden_reason = case when p_hidden then btrim(p_reason) else '' end
	where id = p_petition_id and (hidden_at is null) = p_hidden;
	if not found then
		return jsonb_build_object('changed', false, 'emails', '[]'::jsonb);
	end if;
	if not p_hidden then
		update public.petition_reports
		set status = 'actioned', resolved_by = (select auth.uid()), resolved_at = now(),
			resolution_note = 'Put back'
		where petition_id = p_petition_id and is_appeal and status = 'open';
	end if;
	insert into public.petition_audit_log (petition_id, actor_id, action, details)
	values (p_petition_id, (select auth.uid()), case when p_hidden then 'hide_petition' else 'unhide_petition' end,
		jsonb_build_object('reason', case when p_hidden then btrim(p_reason) else '' end));
	return jsonb_build_object('changed', true, 'emails', coalesce(
		(select jsonb_agg(o.email order by o.email) from private.petition_organizer_emails(array[p_petition_id]) o), '[]'::jsonb));
end
$$;

-- ---------------------------------------------------------------- held signatures, one at a time

-- The held signatures of a petition, oldest first, as a moderator sees them:
-- when, why, the network and email domain (what the rate limits count), the
-- town, and whether the signer opened the emailed link. Never a name, an
-- email address, a postal code or a comment (docs/decisions/023).
create function private.held_signature_list(p_petition_id uuid, p_limit integer default 100)
returns table (id bigint, created_at timestamptz, suspect_reason text, confirmed boolean, ip text, email_domain text, place_label text)
language plpgsql stable
security definer
set search_path = ''
as $$
begin
	perform private.require_site_moderator();
	return query
	select s.id, s.created_at, s.suspect_reason, s.confirmed_at is not null, host(s.ip), s.email_domain, s.place_label
	from public.signatures s
	where s.petition_id = p_petition_id and s.status = 'suspected'
	order by s.created_at, s.id
	limit least(greatest(p_limit, 1), 500);
end
$$;

-- One signature of a petition, any state, with the same limits on what it shows.
create function private.moderated_signature(p_petition_id uuid, p_signature_id bigint)
returns table (
	id bigint, status public.signature_status, suspect_reason text, created_at timestamptz, processed_at timestamptz,
	confirmation_sent_at timestamptz, emails_sent integer, confirmed_at timestamptz, invalidated_at timestamptz,
	rate_limit_exempt boolean, ip text, email_domain text, place_label text, country_code text, same_ip bigint, same_domain bigint
)
language plpgsql stable
security definer
set search_path = ''
as $$
begin
	perform private.require_site_moderator();
	return query
	select s.id, s.status, s.suspect_reason, s.created_at, s.processed_at, s.confirmation_sent_at, s.emails_sent,
		s.confirmed_at, s.invalidated_at, s.rate_limit_exempt, host(s.ip), s.email_domain, s.place_label, s.country_code::text,
		(select count(*) from public.signatures o where o.petition_id = s.petition_id and s.ip is not null and o.ip = s.ip),
		(select count(*) from public.signatures o where o.petition_id = s.petition_id and o.email_domain = s.email_domain)
	from public.signatures s
	where s.petition_id = p_petition_id and s.id = p_signature_id;
end
$$;

-- Releases (as clear_suspected_signatures does) or removes one signature.
-- Returns whether it changed: a signature no longer held cannot be released.
create function private.moderate_signature(p_petition_id uuid, p_signature_id bigint, p_release boolean)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_found boolean;
begin
	perform private.require_site_moderator();
	if p_release then
		update public.signatures s
		set status = case when s.confirmed_at is not null then 'confirmed' else 'pending' end::public.signature_status,
			suspect_reason = null,
			rate_limit_exempt = true,
			processed_at = case when s.confirmed_at is null and s.confirmation_sent_at is null then null else coalesce(s.processed_at, now()) end
		where s.petition_id = p_petition_id and s.id = p_signature_id and s.status = 'suspected';
	else
		update public.signatures s
		set status = 'invalidated', invalidated_at = now(), processed_at = coalesce(s.processed_at, now())
		where s.petition_id = p_petition_id and s.id = p_signature_id and s.status <> 'invalidated';
	end if;
	v_found := found;
	if v_found then
		insert into public.petition_audit_log (petition_id, actor_id, action, details)
		values (p_petition_id, (select auth.uid()), case when p_release then 'clear_signatures' else 'invalidate_signatures' end,
			jsonb_build_object('count', 1, 'one', true));
	end if;
	return v_found;
end
$$;

revoke execute on function
	private.set_signature_shown_name(),
	private.petition_is_taken_down(uuid),
	private.set_petition_hidden(uuid, boolean, text),
	private.held_signature_list(uuid, integer),
	private.moderated_signature(uuid, bigint),
	private.moderate_signature(uuid, bigint, boolean)
	from public;
grant execute on function
	private.petition_is_taken_down(uuid),
	private.set_petition_hidden(uuid, boolean, text),
	private.held_signature_list(uuid, integer),
	private.moderated_signature(uuid, bigint),
	private.moderate_signature(uuid, bigint, boolean)
	to authenticated, service_role;
