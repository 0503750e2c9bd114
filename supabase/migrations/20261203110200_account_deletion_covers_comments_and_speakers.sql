-- Deleting an account and "download my data" cover public comments and
-- speakers' lists (docs/decisions/073, extending 036). A person's comments
-- and sign-ups are found as their other records are: by account, or by the
-- address Auth has verified (commenting and signing up to speak need no
-- account).
--
-- - Comments not yet delivered to the body (unconfirmed, waiting, held,
--   removed) are erased with their record and deliveries: nothing was filed.
-- - Comments the body has received stay, as the body holds them: name,
--   organization, town and ZIP code, the text, when it was confirmed and
--   its receipts, so the drive's counts, the printed packet and the
--   attribution record still agree with what was filed. The email, the
--   street address and the address the confirmation came from are erased,
--   and the comment's link stops working.
-- - Reports they filed stay for the reviewers, without their address.
-- - Sign-ups to speak at a hearing still ahead are cancelled the way any
--   cancellation is (the first person waiting takes the slot and is emailed),
--   then every sign-up is erased with its testimony. Authorization letters
--   are removed from Storage by the app before the account.

alter table public.comments add column erased_at timestamptz;
grant select (erased_at) on public.comments to authenticated;

create function private.erase_comments_and_speakers(p_user_id uuid, p_email text) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_email text := nullif(lower(btrim(coalesce(p_email, ''))), '');
	v_normalized text := case when nullif(btrim(coalesce(p_email, '')), '') is null then null else private.normalize_email(p_email) end;
	v_speaker record;
begin
	-- Speakers: live places given up through the cancellation path, hearings in order, then erased.
	for v_speaker in
		select s.token_hash from public.speakers s
		where (s.user_id = p_user_id or lower(s.email) = v_email) and s.status <> 'cancelled'
		order by s.clock_id, s.id
	loop
		perform private.cancel_speaker(v_speaker.token_hash);
	end loop;
	delete from public.speakers s where s.user_id = p_user_id or lower(s.email) = v_email;

	if v_normalized is null then
		return;
	end if;

	-- Comments the body never received: erased.
	delete from public.comments c
	where c.email_normalized = v_normalized
		and c.delivered_at is null
		and not exists (
			select 1 from public.comment_deliveries x
			where x.drive_id = c.drive_id and x.kind = 'sign_on_letter' and x.status = 'delivered'
				and c.status = 'confirmed' and c.confirmed_at <= x.created_at
		);
	-- Comments the body received: kept as filed, without the person's addresses.
	update public.comment_changes h set detail = null
	from public.comments c
	where h.comment_id = c.id and h.kind = 'confirmed' and c.email_normalized = v_normalized;
	update public.comments c set
		email = '', email_normalized = 'erased:' || c.id, address = null,
		confirmed_email = case when c.confirmed_at is null then null else '' end,
		token_hash = sha256(convert_to(gen_random_uuid()::text, 'UTF8')),
		erased_at = now()
	where c.email_normalized = v_normalized;

	update public.comment_reports r set reporter_email = null, reporter_postal_code = null
	where lower(r.reporter_email) = v_email;
end
$$;
revoke all on function private.erase_comments_and_speakers(uuid, text) from public;

create function private.erase_deleted_account_comments_and_speakers() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.erase_comments_and_speakers(old.id, case when old.email_confirmed_at is not null then old.email::text end);
	return old;
end
$$;
revoke all on function private.erase_deleted_account_comments_and_speakers() from public;

-- Runs after on_auth_user_deleted (triggers fire in name order), which refuses the last organizer first.
create trigger on_auth_user_deleted_comments_and_speakers before delete on auth.users
	for each row execute function private.erase_deleted_account_comments_and_speakers();

-- "Download my data" gains the comments and the sign-ups to speak.
alter function private.account_export() rename to account_export_before_comments;
revoke all on function private.account_export_before_comments() from public, authenticated;

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

	return private.account_export_before_comments() || jsonb_build_object(
		'comments', coalesce((
			select jsonb_agg(jsonb_build_object(
				'drive', d.title, 'slug', d.slug, 'name', c.name, 'familyName', c.family_name, 'email', c.email,
				'address', c.address, 'postalCode', c.postal_code, 'place', c.place_label, 'organization', c.organization,
				'submitter', c.submitter, 'comment', c.body, 'status', c.status, 'writtenAt', c.created_at,
				'confirmedAt', c.confirmed_at, 'confirmedFrom', c.confirmed_email, 'deliveredAt', c.delivered_at,
				'deliveries', coalesce((
					select jsonb_agg(jsonb_build_object('channel', x.kind, 'status', x.status, 'receipt', x.receipt, 'deliveredAt', x.delivered_at)
						order by x.created_at)
					from public.comment_deliveries x where x.comment_id = c.id
				), '[]'::jsonb),
				'changes', coalesce((
					select jsonb_agg(jsonb_build_object('change', h.kind, 'at', h.at) order by h.id)
					from public.comment_changes h where h.comment_id = c.id
				), '[]'::jsonb)
			) order by c.created_at, c.id)
			from public.comments c join public.comment_drives d on d.id = c.drive_id
			where c.email_normalized = v_normalized
		), '[]'::jsonb),
		'commentReportsFiled', coalesce((
			select jsonb_agg(jsonb_build_object(
				'drive', d.title, 'name', r.reporter_name, 'email', r.reporter_email, 'postalCode', r.reporter_postal_code,
				'details', r.details, 'status', r.status, 'reportedAt', r.created_at
			) order by r.created_at, r.id)
			from public.comment_reports r join public.comment_drives d on d.id = r.drive_id
			where lower(r.reporter_email) = v_email
		), '[]'::jsonb),
		'speakerSignUps', coalesce((
			select jsonb_agg(jsonb_build_object(
				'proceeding', pr.title, 'hearing', coalesce(k.label, 'Hearing'), 'hearingAt', k.due_at, 'name', s.name,
				'email', s.email, 'organization', s.organization, 'authorizationLetter', s.letter_path is not null,
				'mode', s.mode, 'status', s.status, 'slot', s.slot, 'testimony', s.testimony, 'signedUpAt', s.created_at,
				'confirmedAt', s.confirmed_at, 'waitlistedAt', s.waitlisted_at, 'promotedAt', s.promoted_at,
				'cancelledAt', s.cancelled_at
			) order by k.due_at, s.id)
			from public.speakers s
			join public.proceedings pr on pr.id = s.proceeding_id
			join public.proceeding_clocks k on k.id = s.clock_id
			where s.user_id = v_user or lower(s.email) = v_email
		), '[]'::jsonb)
	);
end
$$;
revoke all on function private.account_export() from public;
grant execute on function private.account_export() to authenticated;
