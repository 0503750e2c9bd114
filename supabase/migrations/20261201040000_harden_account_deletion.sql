-- Deleting an account: what happens to each kind of record the person left
-- behind (docs/decisions/036). Until now the foreign keys decided alone:
-- RSVPs vanished without freeing their seats or moving anyone up, a petition
-- of no chapter was left with nobody who could run it, and signatures kept
-- the person's name, email and IP address. Now one function does it all, run
-- by a trigger on auth.users in the same transaction that removes the
-- account — however it is removed (the app, the dashboard, an admin tool) —
-- and the foreign keys only tidy up after it.

-- ---------------------------------------------------------------- who runs a petition

-- A petition's chapter's active organizers run it; a petition of no chapter
-- is run by its creator. A petition nobody runs any more (its creator's
-- account is gone, or its chapter has no organizer left) is run by the
-- site's moderators, so that someone can always close it, deliver it or
-- post its updates.
create function private.runs_petition(p_chapter_id uuid, p_created_by uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select coalesce(case
		when p_chapter_id is not null then
			private.is_chapter_organizer(p_chapter_id)
			or (private.is_site_moderator() and not exists (
				select 1 from public.memberships m
				where m.chapter_id = p_chapter_id and m.role = 'organizer' and m.status = 'active'
			))
		else
			p_created_by = (select auth.uid())
			or (p_created_by is null and private.is_site_moderator())
	end, false)
$$;

create or replace function private.is_petition_organizer(p_petition_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.petitions p
		where p.id = p_petition_id and private.runs_petition(p.chapter_id, p.created_by)
	)
$$;

drop policy "petitions are changed by their organizers" on public.petitions;
create policy "petitions are changed by whoever runs them" on public.petitions
	for update to authenticated
	using (private.runs_petition(chapter_id, created_by))
	with check (private.runs_petition(chapter_id, created_by));

drop policy "organizers delete drafts" on public.petitions;
create policy "whoever runs a draft may delete it" on public.petitions
	for delete to authenticated
	using (status = 'draft' and private.runs_petition(chapter_id, created_by));

-- Milestone emails go to whoever runs the petition, moderators included.
create or replace function private.petition_organizer_emails(p_petition_ids uuid[])
returns table (petition_id uuid, email text)
language sql stable
security definer
set search_path = ''
as $$
	select p.id, u.email::text
	from public.petitions p
	join auth.users u on u.id = p.created_by
	where p.id = any(p_petition_ids) and p.chapter_id is null and u.email is not null
	union
	select p.id, u.email::text
	from public.petitions p
	join public.memberships m on m.chapter_id = p.chapter_id and m.role = 'organizer' and m.status = 'active'
	join auth.users u on u.id = m.user_id
	where p.id = any(p_petition_ids) and u.email is not null
	union
	select p.id, u.email::text
	from public.petitions p
	join public.site_roles r on r.role = 'moderator'
	join auth.users u on u.id = r.user_id
	where p.id = any(p_petition_ids) and u.email is not null
		and case
			when p.chapter_id is null then p.created_by is null
			else not exists (
				select 1 from public.memberships m
				where m.chapter_id = p.chapter_id and m.role = 'organizer' and m.status = 'active'
			)
		end
$$;

-- ---------------------------------------------------------------- erased signatures

-- A confirmed signature keeps counting after its signer deletes their
-- account (a real person signed it, and the count is what was delivered),
-- but nothing is left to say who: no name, address, postal code, IP address
-- or comment. County and state stay, coarse enough to say nothing about one
-- person, so that the place counts still add up if it is ever invalidated.
alter table public.signatures add column erased_at timestamptz;

alter table public.signatures
	drop constraint signatures_name_check,
	add constraint signatures_name_check check (
		erased_at is not null or (
			char_length(name) between 1 and 100
			and name !~ '^[=+@\t\r-]'
			and name !~* '(://|www\.|https?:)'
		)
	),
	drop constraint signatures_email_check,
	add constraint signatures_email_check check (
		erased_at is not null or (char_length(email) between 3 and 254 and email ~ '^[^@\s]+@[^@\s]+$')
	),
	drop constraint signatures_postal_code_check,
	add constraint signatures_postal_code_check check (
		erased_at is not null or char_length(postal_code) between 2 and 10
	),
	add constraint signatures_erased_hold_nothing check (
		erased_at is null or (
			name = '' and email = '' and email_domain = '' and postal_code = '' and place_label = ''
			and comment = '' and ip is null and user_id is null and not show_name and not wants_updates
		)
	);

-- ---------------------------------------------------------------- the erasure

-- Everything the person left behind, in one transaction. p_email is the
-- account's verified address (null when it was never verified): what they
-- did with it before they had an account (signing, answering an event) is
-- theirs too. Refuses, and so refuses the deletion, while the person is the
-- last organizer of a chapter: someone must keep running it.
create function private.erase_account(p_user_id uuid, p_email text) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_email text := nullif(lower(btrim(coalesce(p_email, ''))), '');
	v_normalized text := case when nullif(btrim(coalesce(p_email, '')), '') is null then null else private.normalize_email(p_email) end;
	v_rsvp record;
	v_petition record;
	v_chapter uuid;
begin
	if exists (
		select 1 from public.memberships m
		where m.user_id = p_user_id and m.role = 'organizer' and m.status = 'active'
			and not exists (
				select 1 from public.memberships o
				where o.chapter_id = m.chapter_id and o.user_id <> p_user_id and o.role = 'organizer' and o.status = 'active'
			)
	) then
		raise exception 'This account is the only organizer of a chapter. Make someone else an organizer first.'
			using errcode = 'P0001', hint = 'last_organizer';
	end if;

	-- Event answers: cancelled through the same path as any cancellation (the
	-- counts move, the first person waiting gets the seat and an email), then
	-- erased. Events in order, the lock order everything else uses.
	for v_rsvp in
		select r.id from public.event_rsvps r
		where (r.user_id = p_user_id or r.email = v_email) and r.status <> 'cancelled'
		order by r.event_id
	loop
		perform private.cancel_event_rsvp(v_rsvp.id);
	end loop;
	delete from public.event_rsvps r where r.user_id = p_user_id or r.email = v_email;

	-- Signatures never confirmed were never counted and prove nothing: erased.
	-- Confirmed ones keep counting, with nothing left to say who signed.
	delete from public.signatures s
	where (s.user_id = p_user_id or s.email_normalized = v_normalized) and s.status <> 'confirmed';
	update public.signatures s set
		name = '', email = '', email_normalized = 'erased:' || s.id, email_domain = '',
		postal_code = '', place_label = '', comment = '', ip = null, user_id = null,
		show_name = false, wants_updates = false, unsubscribed_at = coalesce(s.unsubscribed_at, now()),
		-- The links in old emails (confirm, unsubscribe) stop working.
		token = gen_random_uuid(),
		erased_at = now()
	where s.user_id = p_user_id or s.email_normalized = v_normalized;

	-- Petitions: a draft of no chapter is unfinished work nobody else has
	-- seen, erased. A petition of no chapter that people have signed goes to
	-- the first chapter the person organizes, whose organizers are told in
	-- its audit log; with no such chapter, the moderators run it
	-- (private.runs_petition). A chapter's petitions stay with the chapter.
	delete from public.petitions p where p.created_by = p_user_id and p.chapter_id is null and p.status = 'draft';
	select m.chapter_id into v_chapter from public.memberships m
	where m.user_id = p_user_id and m.role = 'organizer' and m.status = 'active'
	order by m.created_at, m.chapter_id
	limit 1;
	if v_chapter is not null then
		for v_petition in
			update public.petitions p set chapter_id = v_chapter
			where p.created_by = p_user_id and p.chapter_id is null
			returning p.id, p.title
		loop
			perform private.write_audit(v_chapter, 'petition.handed_over', null,
				jsonb_build_object('title', v_petition.title, 'petition_id', v_petition.id));
		end loop;
	end if;

	-- Invitations to the person: their address in a chapter's list, erased.
	-- Invitations they sent belong to the chapter and stay (the sender's
	-- name goes with the account).
	delete from public.chapter_invitations i where i.email = v_email or i.accepted_by = p_user_id;

	-- Reports they filed stay for the moderators, without their address.
	update public.petition_reports r set reporter_email = null
	where r.reporter_id = p_user_id or lower(r.reporter_email) = v_email;

	-- Audit logs outlive what they record; their address goes from them (the
	-- account's own id goes with the foreign keys, set to null).
	update public.chapter_audit_log a set details = a.details - 'email'
	where v_email is not null and lower(a.details ->> 'email') = v_email;

	-- Profile, settings, site roles, memberships and their email settings go
	-- with the account (on delete cascade); chapters, events, updates and
	-- petition updates they wrote stay with their chapter, their author
	-- unnamed (on delete set null). Their profile picture is removed from
	-- Storage by the app first (app/account/account.server.ts).
end
$$;

create function private.erase_deleted_account() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.erase_account(old.id, case when old.email_confirmed_at is not null then old.email::text end);
	return old;
end
$$;

create trigger on_auth_user_deleted before delete on auth.users
	for each row execute function private.erase_deleted_account();

-- Memberships removed with an account say so in the chapter's audit log,
-- rather than "removed by Groundwork". As in
-- 20261127010000_create_chapter_management.sql, with that one case added.
create or replace function private.audit_membership() returns trigger
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
				when not exists (select 1 from auth.users u where u.id = old.user_id) then 'member.account_deleted'
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

-- ---------------------------------------------------------------- "download my data"

-- Everything Groundwork holds about the signed-in person, for the export:
-- what RLS shows them and what it does not (their signatures and event
-- answers made with their address before they had an account, invitations
-- to them, reports they filed, audit entries about them). Link tokens are
-- left out: they are keys, not information about anyone.
create function private.account_export() returns jsonb
language plpgsql stable
security definer
set search_path = ''
as $$
declare
	v_user uuid := (select auth.uid());
	v_email text;
	v_normalized text;
begin
	if v_user is null then
		raise exception 'Sign in to download your data' using errcode = '42501';
	end if;
	select case when u.email_confirmed_at is not null then lower(u.email::text) end into v_email
	from auth.users u where u.id = v_user;
	v_normalized := case when v_email is null then null else private.normalize_email(v_email) end;

	return jsonb_build_object(
		'profile', (select to_jsonb(p) from public.profiles p where p.id = v_user),
		'settings', (
			select to_jsonb(s) || jsonb_build_object('place', j.name)
			from public.profile_settings s left join public.jurisdictions j on j.id = s.jurisdiction_id
			where s.user_id = v_user
		),
		'siteRoles', coalesce((
			select jsonb_agg(jsonb_build_object('role', r.role, 'since', r.created_at) order by r.role)
			from public.site_roles r where r.user_id = v_user
		), '[]'::jsonb),
		'memberships', coalesce((
			select jsonb_agg(jsonb_build_object('chapter', c.name, 'slug', c.slug, 'role', m.role, 'status', m.status, 'since', m.created_at) order by c.name)
			from public.memberships m join public.chapters c on c.id = m.chapter_id
			where m.user_id = v_user
		), '[]'::jsonb),
		'chapterEmailSettings', coalesce((
			select jsonb_agg(jsonb_build_object('chapter', c.name, 'frequency', s.frequency) order by c.name)
			from public.chapter_subscriptions s join public.chapters c on c.id = s.chapter_id
			where s.user_id = v_user
		), '[]'::jsonb),
		'eventAnswers', coalesce((
			select jsonb_agg(jsonb_build_object(
				'event', e.title, 'chapter', c.name, 'startsAt', e.starts_at, 'name', r.name, 'email', r.email,
				'status', r.status, 'answeredAt', r.created_at, 'waitlistedAt', r.waitlisted_at,
				'promotedAt', r.promoted_at, 'cancelledAt', r.cancelled_at
			) order by e.starts_at, r.id)
			from public.event_rsvps r
			join public.events e on e.id = r.event_id
			join public.chapters c on c.id = e.chapter_id
			where r.user_id = v_user or r.email = v_email
		), '[]'::jsonb),
		'signatures', coalesce((
			select jsonb_agg(jsonb_build_object(
				'petition', p.title, 'slug', p.slug, 'name', s.name, 'email', s.email,
				'countryCode', s.country_code, 'postalCode', s.postal_code, 'place', s.place_label,
				'comment', s.comment, 'showName', s.show_name, 'wantsUpdates', s.wants_updates,
				'status', s.status, 'ipAddress', host(s.ip), 'signedAt', s.created_at,
				'confirmedAt', s.confirmed_at, 'unsubscribedAt', s.unsubscribed_at
			) order by s.created_at, s.id)
			from public.signatures s join public.petitions p on p.id = s.petition_id
			where s.user_id = v_user or s.email_normalized = v_normalized
		), '[]'::jsonb),
		'petitionsStarted', coalesce((
			select jsonb_agg(jsonb_build_object('title', p.title, 'slug', p.slug, 'status', p.status, 'chapter', c.name, 'createdAt', p.created_at) order by p.created_at)
			from public.petitions p left join public.chapters c on c.id = p.chapter_id
			where p.created_by = v_user
		), '[]'::jsonb),
		'petitionUpdatesPosted', coalesce((
			select jsonb_agg(jsonb_build_object('petition', p.title, 'title', u.title, 'body', u.body, 'postedAt', u.created_at) order by u.created_at)
			from public.petition_updates u join public.petitions p on p.id = u.petition_id
			where u.created_by = v_user
		), '[]'::jsonb),
		'chapterUpdatesPosted', coalesce((
			select jsonb_agg(jsonb_build_object('chapter', c.name, 'title', u.title, 'body', u.body, 'postedAt', u.created_at) order by u.created_at)
			from public.chapter_updates u join public.chapters c on c.id = u.chapter_id
			where u.author_id = v_user
		), '[]'::jsonb),
		'eventsCreated', coalesce((
			select jsonb_agg(jsonb_build_object('chapter', c.name, 'title', e.title, 'startsAt', e.starts_at, 'status', e.status, 'createdAt', e.created_at) order by e.created_at)
			from public.events e join public.chapters c on c.id = e.chapter_id
			where e.created_by = v_user
		), '[]'::jsonb),
		'chaptersStarted', coalesce((
			select jsonb_agg(jsonb_build_object('chapter', c.name, 'slug', c.slug, 'createdAt', c.created_at) order by c.created_at)
			from public.chapters c where c.created_by = v_user
		), '[]'::jsonb),
		'invitationsSent', coalesce((
			select jsonb_agg(jsonb_build_object('chapter', c.name, 'email', i.email, 'sentAt', i.created_at, 'acceptedAt', i.accepted_at, 'revokedAt', i.revoked_at) order by i.created_at)
			from public.chapter_invitations i join public.chapters c on c.id = i.chapter_id
			where i.invited_by = v_user
		), '[]'::jsonb),
		'invitationsReceived', coalesce((
			select jsonb_agg(jsonb_build_object('chapter', c.name, 'email', i.email, 'sentAt', i.created_at, 'acceptedAt', i.accepted_at, 'revokedAt', i.revoked_at) order by i.created_at)
			from public.chapter_invitations i join public.chapters c on c.id = i.chapter_id
			where i.email = v_email or i.accepted_by = v_user
		), '[]'::jsonb),
		'reportsFiled', coalesce((
			select jsonb_agg(jsonb_build_object('petition', p.title, 'reason', r.reason, 'details', r.details, 'email', r.reporter_email, 'status', r.status, 'reportedAt', r.created_at) order by r.created_at)
			from public.petition_reports r join public.petitions p on p.id = r.petition_id
			where r.reporter_id = v_user or lower(r.reporter_email) = v_email
		), '[]'::jsonb),
		'chapterAuditEntries', coalesce((
			select jsonb_agg(jsonb_build_object(
				'chapter', c.name, 'action', a.action, 'at', a.created_at,
				'byYou', a.actor_id is not distinct from v_user, 'details', a.details
			) order by a.id)
			from public.chapter_audit_log a join public.chapters c on c.id = a.chapter_id
			where a.actor_id = v_user or a.subject_user_id = v_user
		), '[]'::jsonb),
		'petitionAuditEntries', coalesce((
			select jsonb_agg(jsonb_build_object('petition', p.title, 'action', a.action, 'at', a.created_at) order by a.id)
			from public.petition_audit_log a left join public.petitions p on p.id = a.petition_id
			where a.actor_id = v_user
		), '[]'::jsonb)
	);
end
$$;

revoke execute on function
	private.runs_petition(uuid, uuid),
	private.erase_account(uuid, text),
	private.erase_deleted_account(),
	private.account_export()
	from public;
grant execute on function private.runs_petition(uuid, uuid) to anon, authenticated, service_role;
grant execute on function private.account_export() to authenticated;
