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
