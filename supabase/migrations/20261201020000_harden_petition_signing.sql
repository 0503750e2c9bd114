-- Signing reveals nothing and nobody can block a signature (docs/decisions/032).
--   * Every form submission gets the same answer; the email says what happened.
--   * A valid submission, an opened confirmation link or a verified member
--     replaces a row that nobody has confirmed (planted with a bogus form
--     token, through a +tag variant, or removed before anyone confirmed it).
--   * A submission that only looked automated (honeypot, too fast) is still
--     emailed; opening the link counts it. Rate-limited ones wait for a
--     moderator, who can release every kind of hold.
--   * Emails about one signature back off: 10 minutes, then 20, 40 … at most
--     one a day.
--   * The audit log, which organizers read, no longer records IP addresses.
--   * Job worker processes register themselves, so the jobs of one that
--     crashed go back to the queue at once (docs/decisions/033).

-- ---------------------------------------------------------------- columns

-- How many emails this signature has had (confirmation or "already signed"):
-- each one waits twice as long as the last.
alter table public.signatures add column emails_sent integer not null default 0 check (emails_sent >= 0);
update public.signatures set emails_sent = 1 where confirmation_sent_at is not null;

comment on column public.signatures.confirmation_sent_at is
	'When the last email about this signature was queued (a confirmation link or "you had already signed").';
comment on column public.signatures.confirmed_at is
	'When the signer opened the emailed link (or signed as a verified member). A suspected row can have one: confirmed, held for a moderator.';

-- ---------------------------------------------------------------- helpers

-- Whether another email about a signature may go now: the first at once,
-- then after 10 minutes, 20, 40 … never more than one a day. The first one
-- after the signature changed (confirmed, removed) goes at once: it says
-- something new, and that happens once.
create function private.signature_email_due(p_last_sent timestamptz, p_emails_sent integer, p_changed_at timestamptz) returns boolean
language sql stable
set search_path = ''
as $$
	select p_last_sent is null
		or p_changed_at > p_last_sent
		or p_last_sent <= now() - least(interval '10 minutes' * power(2, greatest(p_emails_sent - 1, 0)), interval '24 hours')
$$;

-- The holds that say only that the form looked automated. The emailed link
-- proves a person, so opening it counts these. The rate-limit holds are about
-- many signatures from one place, which the link cannot disprove: a moderator decides.
create function private.is_form_suspicion(p_reason text) returns boolean
language sql immutable
set search_path = ''
as $$
	select p_reason is not null and p_reason in ('honeypot', 'too_fast')
$$;

-- ---------------------------------------------------------------- signing

-- Signs a petition for someone without an account. Called by the app's
-- server as anon. The app gives every outcome below the same answer ("check
-- your email"); the worker's email says what happened. Returns:
--   signed               a new signature (pending, or suspected when the form looked automated)
--   replaced             an unconfirmed row for this address now holds these details
--   existing             the address already has a signature that stays as it is
--                        (an email about it is sent again if one is due)
--   closed               the petition is not open for signing
--   unknown_postal_code  a US ZIP we cannot place
create or replace function private.sign_petition(
	p_petition_id uuid,
	p_name text,
	p_email text,
	p_country_code text,
	p_postal_code text,
	p_comment text,
	p_show_name boolean,
	p_wants_updates boolean,
	p_ip inet,
	p_suspect_reason text
) returns table (result text, signature_id bigint)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_email text := lower(btrim(p_email));
	v_normalized text := private.normalize_email(p_email);
	v_country text := upper(btrim(p_country_code));
	v_postal text := upper(btrim(p_postal_code));
	v_status public.signature_status := case when p_suspect_reason is null then 'pending' else 'suspected' end;
	v_county_id integer;
	v_state_id integer;
	v_place text := '';
	v_id bigint;
	v_existing record;
begin
	if not exists (
		select 1 from public.petitions p
		where p.id = p_petition_id and p.status = 'published' and p.hidden_at is null
			and (p.deadline is null or p.deadline > now())
	) then
		return query select 'closed'::text, null::bigint;
		return;
	end if;

	if v_country = 'US' then
		v_postal := substr(v_postal, 1, 5);
		select pc.county_id, pc.state_id, pc.place_name || coalesce(', ' || s.abbreviation, '')
		into v_county_id, v_state_id, v_place
		from public.postal_codes pc
		join public.jurisdictions s on s.id = pc.state_id
		where pc.country_code = 'US' and pc.postal_code = v_postal;
		if not found then
			return query select 'unknown_postal_code'::text, null::bigint;
			return;
		end if;
	else
		select j.name into v_place from public.jurisdictions j where j.kind = 'country' and j.country_code = v_country;
		v_place := coalesce(v_place, v_country);
	end if;

	-- The hot path: nearly every signature is a new address.
	insert into public.signatures (
		petition_id, name, email, email_normalized, email_domain, country_code, postal_code, county_id, state_id,
		place_label, comment, show_name, wants_updates, ip, status, suspect_reason
	) values (
		p_petition_id, btrim(p_name), v_email, v_normalized, split_part(v_normalized, '@', 2), v_country, v_postal,
		v_county_id, v_state_id, v_place, coalesce(btrim(p_comment), ''), p_show_name, p_wants_updates, p_ip,
		v_status, p_suspect_reason
	)
	on conflict (petition_id, email_normalized) do nothing
	returning id into v_id;
	if v_id is not null then
		return query select 'signed'::text, v_id;
		return;
	end if;

	select s.id, s.status, s.suspect_reason, s.confirmed_at, s.invalidated_at, s.confirmation_sent_at, s.emails_sent into v_existing
	from public.signatures s
	where s.petition_id = p_petition_id and s.email_normalized = v_normalized
	for update;

	-- Nobody has confirmed this row, so it proves nothing about the address:
	-- a valid submission takes it over (a row planted with a bogus token or a
	-- +tag variant cannot block the real person), and so does any submission
	-- when a moderator had removed it before anyone confirmed it.
	if v_existing.confirmed_at is null
		and (v_existing.status = 'invalidated' or (p_suspect_reason is null and v_existing.status in ('pending', 'suspected'))) then
		update public.signatures s
		set name = btrim(p_name), email = v_email, email_domain = split_part(v_normalized, '@', 2),
			country_code = v_country, postal_code = v_postal, county_id = v_county_id, state_id = v_state_id,
			place_label = v_place, comment = coalesce(btrim(p_comment), ''), show_name = p_show_name,
			wants_updates = p_wants_updates, ip = p_ip, user_id = null, created_at = now(),
			status = v_status, suspect_reason = p_suspect_reason, rate_limit_exempt = false, invalidated_at = null,
			-- A removed row starts again from the beginning, rate limits and all.
			confirmation_sent_at = case when v_existing.status = 'invalidated' then null else s.confirmation_sent_at end,
			-- Back to the job when an email is due, or when none has gone yet
			-- (a held row is checked against the limits again, with this IP).
			processed_at = case
				when v_existing.status = 'invalidated' or s.confirmation_sent_at is null
					or private.signature_email_due(s.confirmation_sent_at, s.emails_sent, null) then null
				else s.processed_at
			end
		where s.id = v_existing.id;
		return query select 'replaced'::text, v_existing.id::bigint;
		return;
	end if;

	-- The row stays as it is. Its owner hears about it again (confirm link,
	-- "already signed", "held", "removed") when an email is due, except when it
	-- is held by the rate limits before any email went: that waits for a moderator.
	if not (v_existing.status = 'suspected' and not private.is_form_suspicion(v_existing.suspect_reason) and v_existing.confirmed_at is null)
		and private.signature_email_due(v_existing.confirmation_sent_at, v_existing.emails_sent,
			greatest(v_existing.confirmed_at, v_existing.invalidated_at)) then
		update public.signatures set processed_at = null where id = v_existing.id and processed_at is not null;
	end if;
	return query select 'existing'::text, v_existing.id::bigint;
end
$$;

-- A signed-in member signs with one click: the account's verified email,
-- name and ZIP, confirmed at once. A verified member also takes over any row
-- for their address that nobody confirmed, and confirms a held one.
--   signed | already_confirmed | removed | closed | needs_postal_code | needs_name
create or replace function private.sign_petition_as_member(
	p_petition_id uuid,
	p_show_name boolean,
	p_wants_updates boolean,
	p_comment text
) returns table (result text, signature_id bigint)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_uid uuid := (select auth.uid());
	v_email text;
	v_name text;
	v_postal text;
	v_normalized text;
	v_county_id integer;
	v_state_id integer;
	v_place text;
	v_id bigint;
	v_existing record;
begin
	if v_uid is null then
		raise exception 'Sign in to sign as a member' using errcode = '42501';
	end if;
	if not exists (
		select 1 from public.petitions p
		where p.id = p_petition_id and p.status = 'published' and p.hidden_at is null
			and (p.deadline is null or p.deadline > now())
	) then
		return query select 'closed'::text, null::bigint;
		return;
	end if;

	select u.email, pr.display_name, ps.postal_code
	into v_email, v_name, v_postal
	from auth.users u
	join public.profiles pr on pr.id = u.id
	left join public.profile_settings ps on ps.user_id = u.id
	where u.id = v_uid and u.email_confirmed_at is not null;
	if v_email is null then
		raise exception 'Confirm your email address first' using errcode = '42501';
	end if;
	if coalesce(btrim(v_name), '') = '' or v_name ~ '^[=+@\t\r-]' or v_name ~* '(://|www\.|https?:)' then
		return query select 'needs_name'::text, null::bigint;
		return;
	end if;

	select pc.county_id, pc.state_id, pc.place_name || coalesce(', ' || s.abbreviation, '')
	into v_county_id, v_state_id, v_place
	from public.postal_codes pc
	join public.jurisdictions s on s.id = pc.state_id
	where pc.country_code = 'US' and pc.postal_code = v_postal;
	if not found then
		return query select 'needs_postal_code'::text, null::bigint;
		return;
	end if;

	v_normalized := private.normalize_email(v_email);
	-- Twice at most: a row inserted by someone else between the look and the insert is handled the second time.
	for attempt in 1..2 loop
		select s.id, s.status, s.confirmed_at into v_existing
		from public.signatures s
		where s.petition_id = p_petition_id and s.email_normalized = v_normalized
		for update;
		if found then
			if v_existing.status = 'confirmed' then
				return query select 'already_confirmed'::text, v_existing.id::bigint;
				return;
			end if;
			if v_existing.status = 'invalidated' and v_existing.confirmed_at is not null then
				-- A moderator removed a signature its owner had confirmed: that stands.
				return query select 'removed'::text, v_existing.id::bigint;
				return;
			end if;
			-- Pending, held, or removed before anyone confirmed it: the member's verified signature replaces it.
			update public.signatures
			set name = btrim(v_name), email = lower(v_email), email_domain = split_part(v_normalized, '@', 2),
				country_code = 'US', postal_code = v_postal, county_id = v_county_id, state_id = v_state_id,
				place_label = v_place, comment = coalesce(btrim(p_comment), ''), show_name = p_show_name,
				wants_updates = p_wants_updates, user_id = v_uid, ip = null, status = 'confirmed',
				suspect_reason = null, invalidated_at = null, confirmed_at = now(),
				processed_at = coalesce(processed_at, now())
			where id = v_existing.id;
			return query select 'signed'::text, v_existing.id::bigint;
			return;
		end if;

		insert into public.signatures (
			petition_id, name, email, email_normalized, email_domain, country_code, postal_code, county_id, state_id,
			place_label, comment, show_name, wants_updates, user_id, status, processed_at, confirmed_at
		) values (
			p_petition_id, btrim(v_name), lower(v_email), v_normalized, split_part(v_normalized, '@', 2), 'US', v_postal,
			v_county_id, v_state_id, v_place, coalesce(btrim(p_comment), ''), p_show_name, p_wants_updates, v_uid,
			'confirmed', now(), now()
		)
		on conflict (petition_id, email_normalized) do nothing
		returning id into v_id;
		if v_id is not null then
			return query select 'signed'::text, v_id;
			return;
		end if;
	end loop;
	raise exception 'Could not sign; try again' using errcode = '40001';
end
$$;

-- The emailed link. Opening it is the proof of a person:
--   confirmed          pending, or held only because the form looked automated: now counted
--   held               held by the rate limits: the confirmation is recorded, a moderator decides
--   already_confirmed  opened before
--   not_confirmable    removed by a moderator, or the petition is not signable any more
--   unknown
create or replace function private.confirm_signature(p_token uuid)
returns table (result text, petition_slug text)
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_sig record;
begin
	select s.id, s.status, s.suspect_reason, p.slug, p.status as petition_status
	into v_sig
	from public.signatures s
	join public.petitions p on p.id = s.petition_id
	where s.token = p_token
	for update of s;
	if not found then
		return query select 'unknown'::text, null::text;
		return;
	end if;
	if v_sig.status = 'confirmed' then
		return query select 'already_confirmed'::text, v_sig.slug;
		return;
	end if;
	if v_sig.status = 'invalidated' or v_sig.petition_status not in ('published', 'closed') then
		return query select 'not_confirmable'::text, v_sig.slug;
		return;
	end if;
	if v_sig.status = 'suspected' and not private.is_form_suspicion(v_sig.suspect_reason) then
		update public.signatures
		set confirmed_at = coalesce(confirmed_at, now()), processed_at = coalesce(processed_at, now())
		where id = v_sig.id;
		return query select 'held'::text, v_sig.slug;
		return;
	end if;
	-- An email queued for a later submission is no longer needed.
	update public.signatures
	set status = 'confirmed', confirmed_at = now(), suspect_reason = null, processed_at = coalesce(processed_at, now())
	where id = v_sig.id;
	return query select 'confirmed'::text, v_sig.slug;
end
$$;

-- ---------------------------------------------------------------- moderation

-- Held signatures on a petition by why they are held, with how many of them
-- their signers have already confirmed by email.
create function private.suspected_signature_reasons(p_petition_id uuid)
returns table (reason text, total bigint, confirmed bigint)
language plpgsql stable
security definer
set search_path = ''
as $$
begin
	perform private.require_site_moderator();
	return query
	select s.suspect_reason, count(*), count(*) filter (where s.confirmed_at is not null)
	from public.signatures s
	where s.petition_id = p_petition_id and s.status = 'suspected'
	group by 1
	order by 2 desc, 1;
end
$$;

-- Every kind of hold can be released, by IP address, email domain, reason,
-- or all at once. Released signatures their owners already confirmed count
-- now; the rest become pending, exempt from the rate limits, and get their
-- confirmation email if they have not had one.
drop function private.clear_suspected_signatures(uuid, inet, text);
create function private.clear_suspected_signatures(p_petition_id uuid, p_ip inet, p_domain text, p_reason text)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_count integer;
begin
	perform private.require_site_moderator();
	update public.signatures s
	set status = case when s.confirmed_at is not null then 'confirmed' else 'pending' end::public.signature_status,
		suspect_reason = null,
		rate_limit_exempt = true,
		processed_at = case when s.confirmed_at is null and s.confirmation_sent_at is null then null else coalesce(s.processed_at, now()) end
	where s.petition_id = p_petition_id and s.status = 'suspected'
		and (p_ip is null or s.ip = p_ip)
		and (nullif(btrim(p_domain), '') is null or s.email_domain = lower(btrim(p_domain)))
		and (nullif(btrim(p_reason), '') is null or s.suspect_reason = btrim(p_reason));
	get diagnostics v_count = row_count;
	-- The petition's organizers read this log: it says an IP address was the filter, never which.
	insert into public.petition_audit_log (petition_id, actor_id, action, details)
	values (p_petition_id, (select auth.uid()), 'clear_signatures', jsonb_strip_nulls(jsonb_build_object(
		'by_ip', p_ip is not null, 'domain', nullif(btrim(p_domain), ''), 'reason', nullif(btrim(p_reason), ''), 'count', v_count
	)));
	return v_count;
end
$$;

-- As before, but the audit log records that an IP address was a filter, not
-- which one, and a row removed before the job saw it is never emailed.
create or replace function private.invalidate_signatures(
	p_petition_id uuid,
	p_ip inet,
	p_domain text,
	p_postal_code text,
	p_from timestamptz,
	p_to timestamptz,
	p_only_suspected boolean,
	p_dry_run boolean
) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_count integer;
begin
	perform private.require_site_moderator();
	if p_ip is null and nullif(btrim(p_domain), '') is null and nullif(btrim(p_postal_code), '') is null
		and p_from is null and p_to is null and not coalesce(p_only_suspected, false) then
		raise exception 'Give at least one filter' using errcode = '22023', hint = 'no_filter';
	end if;
	if p_dry_run then
		select count(*) into v_count
		from public.signatures s
		where s.petition_id = p_petition_id and s.status <> 'invalidated'
			and (p_ip is null or s.ip = p_ip)
			and (nullif(btrim(p_domain), '') is null or s.email_domain = lower(btrim(p_domain)))
			and (nullif(btrim(p_postal_code), '') is null or s.postal_code = upper(btrim(p_postal_code)))
			and (p_from is null or s.created_at >= p_from)
			and (p_to is null or s.created_at < p_to)
			and (not coalesce(p_only_suspected, false) or s.status = 'suspected');
		return v_count;
	end if;
	update public.signatures s
	set status = 'invalidated', invalidated_at = now(), processed_at = coalesce(s.processed_at, now())
	where s.petition_id = p_petition_id and s.status <> 'invalidated'
		and (p_ip is null or s.ip = p_ip)
		and (nullif(btrim(p_domain), '') is null or s.email_domain = lower(btrim(p_domain)))
		and (nullif(btrim(p_postal_code), '') is null or s.postal_code = upper(btrim(p_postal_code)))
		and (p_from is null or s.created_at >= p_from)
		and (p_to is null or s.created_at < p_to)
		and (not coalesce(p_only_suspected, false) or s.status = 'suspected');
	get diagnostics v_count = row_count;
	insert into public.petition_audit_log (petition_id, actor_id, action, details)
	values (p_petition_id, (select auth.uid()), 'invalidate_signatures', jsonb_build_object(
		'by_ip', p_ip is not null, 'domain', p_domain, 'postal_code', p_postal_code, 'from', p_from, 'to', p_to,
		'only_suspected', p_only_suspected, 'count', v_count
	));
	return v_count;
end
$$;

-- Entries written before this migration named the IP address: keep only that there was one.
update public.petition_audit_log
set details = (details - 'ip') || jsonb_build_object('by_ip', details->>'ip' is not null)
where details ? 'ip';

-- ---------------------------------------------------------------- job worker processes

-- One row per running job worker process (app/jobs/recovery.server.ts): the
-- second half of the session advisory lock it holds while it lives, and its
-- graphile-worker ids. A row whose lock is gone belongs to a process that died;
-- the next process to look releases the jobs its workers had locked.
create table private.job_worker_processes (
	process_key integer primary key check (process_key > 0),
	worker_ids text[] not null default '{}',
	started_at timestamptz not null default now()
);
revoke all on private.job_worker_processes from public, anon, authenticated;

-- ---------------------------------------------------------------- grants

revoke execute on function
	private.signature_email_due(timestamptz, integer, timestamptz),
	private.is_form_suspicion(text),
	private.suspected_signature_reasons(uuid),
	private.clear_suspected_signatures(uuid, inet, text, text)
	from public;
grant execute on function
	private.signature_email_due(timestamptz, integer, timestamptz),
	private.is_form_suspicion(text),
	private.suspected_signature_reasons(uuid),
	private.clear_suspected_signatures(uuid, inet, text, text)
	to anon, authenticated, service_role;
