-- Running a chapter: an audit log of every change to who is in it and what
-- it says about itself, invitations by email (a link that expires and works
-- once), each member's email settings with a one-click unsubscribe token,
-- and the few security-definer functions that let a visitor or member do
-- what a policy alone cannot (accept an invitation, unsubscribe by token)
-- and let organizers, and only organizers, read members' contact details.

-- ---------------------------------------------------------------- audit log

create table public.chapter_audit_log (
	id bigint generated always as identity primary key,
	chapter_id uuid not null references public.chapters (id) on delete cascade,
	-- Who did it; null when Groundwork itself did (a job, the seed, an admin tool).
	actor_id uuid references auth.users (id) on delete set null,
	-- 'member.joined', 'member.promoted', 'invitation.sent', 'event.cancelled' …
	action text not null check (action ~ '^[a-z]+\.[a-z_]+$' and char_length(action) <= 60),
	-- The person the change was about, when there is one.
	subject_user_id uuid references auth.users (id) on delete set null,
	details jsonb not null default '{}'::jsonb check (jsonb_typeof(details) = 'object'),
	created_at timestamptz not null default now()
);
create index chapter_audit_log_chapter_id_created_at_idx on public.chapter_audit_log (chapter_id, created_at desc, id desc);
create index chapter_audit_log_actor_id_idx on public.chapter_audit_log (actor_id);
create index chapter_audit_log_subject_user_id_idx on public.chapter_audit_log (subject_user_id);

alter table public.chapter_audit_log enable row level security;

-- Written only by the triggers below (security definer), so nobody can add,
-- change or remove an entry through the API; organizers read their chapter's.
revoke insert, update, delete, truncate on public.chapter_audit_log from anon, authenticated;
create policy "organizers read their chapter's audit log" on public.chapter_audit_log
	for select to authenticated using (private.is_chapter_organizer(chapter_id));

create function private.write_audit(p_chapter_id uuid, p_action text, p_subject uuid, p_details jsonb)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	-- A chapter being deleted takes its log with it: nothing to write.
	if not exists (select 1 from public.chapters c where c.id = p_chapter_id) then
		return;
	end if;
	insert into public.chapter_audit_log (chapter_id, actor_id, action, subject_user_id, details)
	values (
		p_chapter_id,
		-- An account deleted in the same statement cannot be named.
		(select u.id from auth.users u where u.id = (select auth.uid())),
		p_action,
		(select u.id from auth.users u where u.id = p_subject),
		coalesce(p_details, '{}'::jsonb)
	);
end
$$;

create function private.audit_membership() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_actor uuid := (select auth.uid());
begin
	if tg_op = 'INSERT' then
		perform private.write_audit(new.chapter_id,
			case new.status
				when 'active' then 'member.joined'
				when 'pending' then 'member.requested'
				else 'member.invited'
			end,
			new.user_id, jsonb_build_object('role', new.role));
	elsif tg_op = 'UPDATE' then
		if new.status is distinct from old.status and new.status = 'active' then
			perform private.write_audit(new.chapter_id,
				case old.status when 'invited' then 'member.accepted' else 'member.approved' end,
				new.user_id, jsonb_build_object('role', new.role));
		elsif new.status is distinct from old.status then
			perform private.write_audit(new.chapter_id, 'member.status_changed', new.user_id,
				jsonb_build_object('from', old.status, 'to', new.status));
		end if;
		if new.role is distinct from old.role then
			perform private.write_audit(new.chapter_id,
				case new.role when 'organizer' then 'member.promoted' else 'member.demoted' end,
				new.user_id, '{}'::jsonb);
		end if;
	else
		perform private.write_audit(old.chapter_id,
			case
				when v_actor is not distinct from old.user_id and old.status = 'pending' then 'member.request_withdrawn'
				when v_actor is not distinct from old.user_id and old.status = 'invited' then 'member.invitation_declined'
				when v_actor is not distinct from old.user_id then 'member.left'
				when old.status = 'pending' then 'member.declined'
				when old.status = 'invited' then 'member.invitation_withdrawn'
				else 'member.removed'
			end,
			old.user_id, jsonb_build_object('role', old.role));
	end if;
	return null;
end
$$;

create trigger memberships_audit after insert or update or delete on public.memberships
	for each row execute function private.audit_membership();

create function private.audit_chapter() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_changed text[] := array[]::text[];
begin
	if tg_op = 'INSERT' then
		perform private.write_audit(new.id, 'chapter.created', null,
			jsonb_build_object('name', new.name, 'visibility', new.visibility));
		return null;
	end if;
	if new.name is distinct from old.name then v_changed := array_append(v_changed, 'name'); end if;
	if new.description is distinct from old.description then v_changed := array_append(v_changed, 'description'); end if;
	if new.visibility is distinct from old.visibility then v_changed := array_append(v_changed, 'visibility'); end if;
	if new.jurisdiction_id is distinct from old.jurisdiction_id then v_changed := array_append(v_changed, 'place'); end if;
	if new.slug is distinct from old.slug then v_changed := array_append(v_changed, 'address'); end if;
	if cardinality(v_changed) > 0 then
		perform private.write_audit(new.id, 'chapter.updated', null,
			jsonb_build_object('fields', to_jsonb(v_changed), 'visibility', new.visibility));
	end if;
	return null;
end
$$;

-- After the creator's membership is written (that trigger sorts first by name).
create trigger chapters_audit after insert or update on public.chapters
	for each row execute function private.audit_chapter();

-- ---------------------------------------------------------------- invitations

-- An invitation by email. The link carries a random token; only its SHA-256
-- is stored, so the table cannot be used to accept anyone's invitation.
create table public.chapter_invitations (
	id uuid primary key default gen_random_uuid(),
	chapter_id uuid not null references public.chapters (id) on delete cascade,
	email text not null check (email = lower(email) and char_length(email) between 3 and 254 and email like '%_@_%'),
	token_hash bytea not null unique check (octet_length(token_hash) = 32),
	invited_by uuid references auth.users (id) on delete set null,
	expires_at timestamptz not null default now() + interval '7 days',
	accepted_at timestamptz,
	accepted_by uuid references auth.users (id) on delete set null,
	revoked_at timestamptz,
	created_at timestamptz not null default now(),
	check (expires_at > created_at and expires_at <= created_at + interval '30 days'),
	check ((accepted_at is null) or (revoked_at is null))
);
create index chapter_invitations_chapter_id_created_at_idx on public.chapter_invitations (chapter_id, created_at desc);
create index chapter_invitations_invited_by_idx on public.chapter_invitations (invited_by);
create index chapter_invitations_accepted_by_idx on public.chapter_invitations (accepted_by);

alter table public.chapter_invitations enable row level security;

-- Organizers write an invitation and may withdraw it; accepting goes through
-- private.accept_chapter_invitation, which checks the token.
revoke insert, update, delete, truncate on public.chapter_invitations from anon, authenticated;
grant insert (chapter_id, email, token_hash, invited_by, expires_at) on public.chapter_invitations to authenticated;
grant update (revoked_at) on public.chapter_invitations to authenticated;

create policy "organizers read their chapter's invitations" on public.chapter_invitations
	for select to authenticated using (private.is_chapter_organizer(chapter_id));
create policy "organizers invite people to their chapter as themselves" on public.chapter_invitations
	for insert to authenticated
	with check (private.is_chapter_organizer(chapter_id) and invited_by = (select auth.uid()));
create policy "organizers withdraw their chapter's invitations" on public.chapter_invitations
	for update to authenticated
	using (private.is_chapter_organizer(chapter_id))
	with check (private.is_chapter_organizer(chapter_id));

create function private.audit_invitation() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		perform private.write_audit(new.chapter_id, 'invitation.sent', null,
			jsonb_build_object('email', new.email, 'expires_at', new.expires_at));
	elsif new.accepted_at is not null and old.accepted_at is null then
		perform private.write_audit(new.chapter_id, 'invitation.accepted', new.accepted_by,
			jsonb_build_object('email', new.email));
	elsif new.revoked_at is not null and old.revoked_at is null then
		perform private.write_audit(new.chapter_id, 'invitation.revoked', null,
			jsonb_build_object('email', new.email));
	end if;
	return null;
end
$$;

create trigger chapter_invitations_audit after insert or update on public.chapter_invitations
	for each row execute function private.audit_invitation();

-- What the invitation page shows before anyone signs in: which chapter, who
-- asked, and whether the link still works. Never the invited address.
create function private.chapter_invitation_by_token(p_token text)
returns table (chapter_id uuid, chapter_slug text, chapter_name text, invited_by_name text, state text, expires_at timestamptz)
language sql stable
security definer
set search_path = ''
as $$
	select c.id, c.slug, c.name, coalesce(p.display_name, ''),
		case
			when i.accepted_at is not null then 'used'
			when i.revoked_at is not null then 'revoked'
			when i.expires_at <= now() then 'expired'
			else 'valid'
		end,
		i.expires_at
	from public.chapter_invitations i
	join public.chapters c on c.id = i.chapter_id
	left join public.profiles p on p.id = i.invited_by
	where i.token_hash = sha256(convert_to(p_token, 'UTF8'))
$$;

-- Accepts an invitation for the signed-in caller. The row is locked, so the
-- same link opened twice at once is accepted once. Answers one of:
-- accepted, already_member, used, revoked, expired, not_found.
create function private.accept_chapter_invitation(p_token text)
returns table (outcome text, chapter_slug text)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_user uuid := (select auth.uid());
	v_invitation public.chapter_invitations%rowtype;
	v_slug text;
	v_status public.membership_status;
begin
	if v_user is null then
		raise exception 'Sign in to accept an invitation' using errcode = '42501';
	end if;
	select * into v_invitation from public.chapter_invitations i
	where i.token_hash = sha256(convert_to(p_token, 'UTF8'))
	for update;
	if not found then
		return query select 'not_found'::text, null::text;
		return;
	end if;
	select c.slug into v_slug from public.chapters c where c.id = v_invitation.chapter_id;
	if v_invitation.accepted_at is not null then
		return query select 'used'::text, v_slug;
		return;
	end if;
	if v_invitation.revoked_at is not null then
		return query select 'revoked'::text, v_slug;
		return;
	end if;
	if v_invitation.expires_at <= now() then
		return query select 'expired'::text, v_slug;
		return;
	end if;

	select m.status into v_status from public.memberships m
	where m.chapter_id = v_invitation.chapter_id and m.user_id = v_user
	for update;
	update public.chapter_invitations set accepted_at = now(), accepted_by = v_user where id = v_invitation.id;
	if v_status = 'active' then
		return query select 'already_member'::text, v_slug;
		return;
	elsif v_status is not null then
		update public.memberships set status = 'active'
		where chapter_id = v_invitation.chapter_id and user_id = v_user;
	else
		insert into public.memberships (chapter_id, user_id, role, status)
		values (v_invitation.chapter_id, v_user, 'member', 'active');
	end if;
	return query select 'accepted'::text, v_slug;
end
$$;

-- Contact details (email addresses) of a chapter's members and of people
-- asking to join, for its organizers only; anyone else gets no rows.
create function private.chapter_member_contacts(p_chapter_id uuid)
returns table (user_id uuid, email text)
language sql stable
security definer
set search_path = ''
as $$
	select m.user_id, u.email::text
	from public.memberships m
	join auth.users u on u.id = m.user_id
	where m.chapter_id = p_chapter_id
		and m.status in ('active', 'pending')
		and private.is_chapter_organizer(p_chapter_id)
$$;

-- ---------------------------------------------------------------- email settings

create type public.email_frequency as enum ('immediate', 'weekly', 'none');

-- How each active member hears about a chapter's updates. Created when a
-- membership becomes active and removed with it. The unsubscribe token goes
-- in every email's List-Unsubscribe link.
create table public.chapter_subscriptions (
	chapter_id uuid not null,
	user_id uuid not null,
	frequency public.email_frequency not null default 'immediate',
	unsubscribe_token uuid not null default gen_random_uuid() unique,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	primary key (chapter_id, user_id),
	foreign key (chapter_id, user_id) references public.memberships (chapter_id, user_id) on delete cascade
);
-- Fan-out reads one chapter's members at one frequency.
create index chapter_subscriptions_chapter_id_frequency_idx on public.chapter_subscriptions (chapter_id, frequency);
create index chapter_subscriptions_user_id_idx on public.chapter_subscriptions (user_id);

create trigger chapter_subscriptions_touch_updated_at before update on public.chapter_subscriptions
	for each row execute function private.touch_updated_at();

alter table public.chapter_subscriptions enable row level security;

revoke insert, update, delete, truncate on public.chapter_subscriptions from anon, authenticated;
grant update (frequency) on public.chapter_subscriptions to authenticated;

create policy "members read their own email settings" on public.chapter_subscriptions
	for select to authenticated using (user_id = (select auth.uid()));
create policy "members change their own email settings" on public.chapter_subscriptions
	for update to authenticated
	using (user_id = (select auth.uid()))
	with check (user_id = (select auth.uid()));

create function private.subscribe_active_member() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if new.status = 'active' then
		insert into public.chapter_subscriptions (chapter_id, user_id)
		values (new.chapter_id, new.user_id)
		on conflict do nothing;
	end if;
	return null;
end
$$;

create trigger memberships_subscribe_active_member after insert or update of status on public.memberships
	for each row execute function private.subscribe_active_member();

-- Every existing active member starts with emails on.
insert into public.chapter_subscriptions (chapter_id, user_id)
select chapter_id, user_id from public.memberships where status = 'active'
on conflict do nothing;

-- The unsubscribe page, reached from an email without signing in.
create function private.chapter_subscription_by_token(p_token uuid)
returns table (chapter_slug text, chapter_name text, frequency public.email_frequency)
language sql stable
security definer
set search_path = ''
as $$
	select c.slug, c.name, s.frequency
	from public.chapter_subscriptions s
	join public.chapters c on c.id = s.chapter_id
	where s.unsubscribe_token = p_token
$$;

-- One-click unsubscribe (RFC 8058): the token alone is enough, and doing it
-- twice is harmless.
create function private.unsubscribe_by_token(p_token uuid)
returns table (chapter_slug text, chapter_name text)
language sql
security definer
set search_path = ''
as $$
	update public.chapter_subscriptions s set frequency = 'none'
	from public.chapters c
	where s.unsubscribe_token = p_token and c.id = s.chapter_id
	returning c.slug, c.name
$$;

-- Who gets a chapter's email at a frequency: jobs only (service role).
create function private.chapter_email_recipients(p_chapter_id uuid, p_frequency public.email_frequency)
returns table (user_id uuid, email text, unsubscribe_token uuid)
language sql stable
security definer
set search_path = ''
as $$
	select m.user_id, u.email::text, s.unsubscribe_token
	from public.memberships m
	join public.chapter_subscriptions s on s.chapter_id = m.chapter_id and s.user_id = m.user_id
	join auth.users u on u.id = m.user_id
	where m.chapter_id = p_chapter_id
		and m.status = 'active'
		and s.frequency = p_frequency
		and u.email is not null
		and u.email <> ''
	order by m.user_id
$$;

-- How many members hear about an update, and how: for the chapter's organizers.
create function private.chapter_subscription_counts(p_chapter_id uuid)
returns table (frequency public.email_frequency, members bigint)
language sql stable
security definer
set search_path = ''
as $$
	select s.frequency, count(*)
	from public.chapter_subscriptions s
	join public.memberships m on m.chapter_id = s.chapter_id and m.user_id = s.user_id and m.status = 'active'
	where s.chapter_id = p_chapter_id and private.is_chapter_organizer(p_chapter_id)
	group by s.frequency
$$;

revoke execute on all functions in schema private from public;
-- The helpers the earlier migration granted keep their grants (revoke only
-- removes PUBLIC's); grant the new ones to whom they are for.
grant execute on function
	private.chapter_invitation_by_token(text),
	private.chapter_subscription_by_token(uuid),
	private.unsubscribe_by_token(uuid)
	to anon, authenticated, service_role;
grant execute on function
	private.accept_chapter_invitation(text),
	private.chapter_member_contacts(uuid),
	private.chapter_subscription_counts(uuid)
	to authenticated, service_role;
grant execute on function private.chapter_email_recipients(uuid, public.email_frequency) to service_role;
