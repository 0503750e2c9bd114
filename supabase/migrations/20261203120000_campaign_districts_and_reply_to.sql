-- Issue 13, left open: a distribution rule computed district by district, and
-- a Reply-To on update emails (docs/decisions/074).
--
-- Colorado's constitutional amendments also need signatures from at least 2%
-- of the registered electors of each of the 35 state senate districts (Colo.
-- Const. art. V, § 1(2.5)). The organizer enters, per district, its registered
-- electors and the signatures gathered there; the page shows which districts
-- are short. These are totals, public with the campaign like the rest of its
-- ballot figures; no signer is named.

alter table public.campaign_ballot_rules
	-- The share each district needs (Colorado: 2), and how many districts the rule names (Colorado: 35).
	add column distribution_percent numeric(5, 2) check (distribution_percent > 0 and distribution_percent <= 100),
	add column distribution_district_count integer check (distribution_district_count between 1 and 1000);

create table public.campaign_ballot_districts (
	id uuid primary key default gen_random_uuid(),
	campaign_id uuid not null references public.campaign_ballot_rules (campaign_id) on delete cascade,
	position integer not null check (position between 0 and 1000),
	district text not null check (char_length(district) between 1 and 80 and district !~ '^[=+@\t\r-]'),
	registered_electors integer not null check (registered_electors between 1 and 100000000),
	signatures integer not null check (signatures between 0 and 100000000),
	created_at timestamptz not null default now()
);
create unique index campaign_ballot_districts_once_idx on public.campaign_ballot_districts (campaign_id, lower(district));
create index campaign_ballot_districts_campaign_id_idx on public.campaign_ballot_districts (campaign_id, position);

alter table public.campaign_ballot_districts enable row level security;

create policy "district figures are public with their campaign" on public.campaign_ballot_districts for select to anon, authenticated
	using (private.can_see_campaign(campaign_id));
create policy "managers record district figures" on public.campaign_ballot_districts for insert to authenticated
	with check (private.can_manage_campaign(campaign_id));
create policy "managers correct district figures" on public.campaign_ballot_districts for update to authenticated
	using (private.can_manage_campaign(campaign_id)) with check (private.can_manage_campaign(campaign_id));
create policy "managers remove district figures" on public.campaign_ballot_districts for delete to authenticated
	using (private.can_manage_campaign(campaign_id));

revoke all on public.campaign_ballot_districts from anon, authenticated;
grant select on public.campaign_ballot_districts to anon, authenticated;
grant insert (campaign_id, position, district, registered_electors, signatures),
	update (position, district, registered_electors, signatures), delete
	on public.campaign_ballot_districts to authenticated;
grant insert (distribution_percent, distribution_district_count), update (distribution_percent, distribution_district_count)
	on public.campaign_ballot_rules to authenticated;

-- Replies to an update's email reach the organizer who wrote it (UX.md: a
-- message a person writes carries a Reply-To that reaches that person). Read
-- only by the email job; the address is never on a page.
create function private.campaign_update_reply_to(p_update_id uuid) returns text
language sql stable
security definer
set search_path = ''
as $$
	select u.email from public.campaign_updates cu join auth.users u on u.id = cu.author_id where cu.id = p_update_id
$$;
revoke all on function private.campaign_update_reply_to(uuid) from public;
grant execute on function private.campaign_update_reply_to(uuid) to service_role;

-- ---------------------------------------------------------------- correcting paper sheets

-- A manager corrects a sheet (circulator, day, town, number, count) or one of
-- its rows (name, address, ZIP); every change is logged with what it was and
-- what it became, and the log is read by the campaign's managers only, the
-- same people who read the names (docs/decisions/060). Written only by the
-- triggers below. batch_id keeps no foreign key: the entry outlives a sheet
-- that is removed.
create table public.campaign_audit_log (
	id bigint generated always as identity primary key,
	campaign_id uuid not null references public.campaigns (id) on delete cascade,
	batch_id uuid,
	actor_id uuid references auth.users (id) on delete set null,
	action text not null check (action in ('sheet.corrected', 'sheet.removed', 'row.corrected', 'row.removed')),
	details jsonb not null default '{}'::jsonb check (jsonb_typeof(details) = 'object'),
	created_at timestamptz not null default now()
);
create index campaign_audit_log_campaign_id_idx on public.campaign_audit_log (campaign_id, created_at desc, id desc);
create index campaign_audit_log_batch_id_idx on public.campaign_audit_log (batch_id, created_at desc);
create index campaign_audit_log_actor_id_idx on public.campaign_audit_log (actor_id);

alter table public.campaign_audit_log enable row level security;
revoke all on public.campaign_audit_log from anon, authenticated;
grant select on public.campaign_audit_log to authenticated;
create policy "managers read their campaign's log" on public.campaign_audit_log for select to authenticated
	using (private.can_manage_campaign(campaign_id));

create function private.write_campaign_audit(p_campaign_id uuid, p_batch_id uuid, p_action text, p_details jsonb) returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
	-- A campaign being deleted takes its log with it.
	if not exists (select 1 from public.campaigns c where c.id = p_campaign_id) then
		return;
	end if;
	insert into public.campaign_audit_log (campaign_id, batch_id, actor_id, action, details)
	values (p_campaign_id, p_batch_id, (select u.id from auth.users u where u.id = (select auth.uid())), p_action, p_details);
end
$$;

create function private.audit_paper_batch() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_before jsonb;
	v_after jsonb;
begin
	if tg_op = 'DELETE' then
		perform private.write_campaign_audit(old.campaign_id, old.id, 'sheet.removed', jsonb_build_object(
			'circulator', old.circulator, 'collected_on', old.collected_on, 'town', old.town,
			'sheet_number', old.sheet_number, 'signature_count', old.signature_count));
		return old;
	end if;
	v_before := jsonb_build_object('circulator', old.circulator, 'collected_on', old.collected_on, 'town', old.town,
		'sheet_number', old.sheet_number, 'signature_count', old.signature_count);
	v_after := jsonb_build_object('circulator', new.circulator, 'collected_on', new.collected_on, 'town', new.town,
		'sheet_number', new.sheet_number, 'signature_count', new.signature_count);
	if v_before <> v_after then
		perform private.write_campaign_audit(new.campaign_id, new.id, 'sheet.corrected', jsonb_build_object('before', v_before, 'after', v_after));
	end if;
	return new;
end
$$;
create trigger campaign_paper_batches_audit after update or delete on public.campaign_paper_batches
	for each row execute function private.audit_paper_batch();

create function private.audit_paper_signer() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_before jsonb;
	v_after jsonb;
begin
	if tg_op = 'DELETE' then
		-- A row goes with its sheet: the sheet's own entry says so.
		if exists (select 1 from public.campaign_paper_batches b where b.id = old.batch_id) then
			perform private.write_campaign_audit(old.campaign_id, old.batch_id, 'row.removed', jsonb_build_object(
				'line', old.line, 'name', old.name, 'address', old.address, 'postal_code', old.postal_code));
		end if;
		return old;
	end if;
	v_before := jsonb_build_object('name', old.name, 'address', old.address, 'postal_code', old.postal_code);
	v_after := jsonb_build_object('name', new.name, 'address', new.address, 'postal_code', new.postal_code);
	if v_before <> v_after then
		perform private.write_campaign_audit(new.campaign_id, new.batch_id, 'row.corrected',
			jsonb_build_object('line', new.line, 'before', v_before, 'after', v_after));
	end if;
	return new;
end
$$;
create trigger campaign_paper_signers_audit after update or delete on public.campaign_paper_signers
	for each row execute function private.audit_paper_signer();

-- A corrected count still covers every named row: a sheet with a signer on
-- line 12 has at least 12 lines.
create function private.check_paper_batch_count() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	if exists (select 1 from public.campaign_paper_signers s where s.batch_id = new.id and s.line > new.signature_count) then
		raise exception 'The sheet has named rows past that count' using errcode = '23514', hint = 'campaign_paper_batch_count';
	end if;
	return new;
end
$$;
create trigger campaign_paper_batches_count_check before update of signature_count on public.campaign_paper_batches
	for each row execute function private.check_paper_batch_count();

revoke all on function private.write_campaign_audit(uuid, uuid, text, jsonb) from public;
revoke all on function private.audit_paper_batch() from public;
revoke all on function private.audit_paper_signer() from public;
revoke all on function private.check_paper_batch_count() from public;
