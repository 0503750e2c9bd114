-- Public-ownership campaigns: a coalition of chapters working for years to
-- bring power or computing infrastructure into public hands (a municipal
-- utility, a public-power authority, a ballot measure, a bill). Stages and
-- milestones, the ballot-qualification figures, paper signature sheets,
-- endorsements, links to petitions, events, proceedings and bodies, updates
-- and the people who follow them (docs/decisions/059, 060, 061).
--
-- Who sees what: everything but drafts is public, except the paper sheets.
-- Paper signers' names and addresses are read only by the campaign's managers
-- (the organizers of its owning chapters) and never by anyone else; the
-- circulator who entered a sheet reads their own sheets' totals.

create type public.campaign_kind as enum (
	'municipal_utility', 'cooperative_utility', 'public_power_authority', 'public_ownership', 'community_benefit_agreement',
	'ballot_initiative', 'legislation'
);
create type public.campaign_target as enum ('utility', 'authority', 'council', 'legislature', 'voters', 'company', 'agency', 'other');
create type public.campaign_status as enum ('draft', 'active', 'won', 'lost', 'paused', 'ended');

create table public.campaigns (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 80),
	name text not null check (char_length(name) between 3 and 150),
	kind public.campaign_kind not null,
	-- The goal in one sentence.
	goal text not null check (char_length(goal) between 10 and 300),
	-- Markdown, rendered through the whitelist.
	description text not null default '' check (char_length(description) <= 10000),
	jurisdiction_id integer not null references public.jurisdictions (id) on delete restrict,
	target public.campaign_target not null,
	-- Who exactly: "Central Maine Power and Versant", "the Legislature".
	target_name text not null check (char_length(target_name) between 2 and 200),
	status public.campaign_status not null default 'draft',
	-- How it ended, in a sentence, with its source.
	outcome text not null default '' check (char_length(outcome) <= 500),
	outcome_source_url text check (outcome_source_url ~ '^https?://' and char_length(outcome_source_url) <= 2000),
	-- Optional: the data-center project the campaign answers.
	project_id uuid references public.projects (id) on delete set null,
	created_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now()
);
create index campaigns_jurisdiction_id_idx on public.campaigns (jurisdiction_id);
create index campaigns_project_id_idx on public.campaigns (project_id);
create index campaigns_created_by_idx on public.campaigns (created_by);
create index campaigns_status_idx on public.campaigns (status);
create trigger campaigns_touch_updated_at before update on public.campaigns
	for each row execute function private.touch_updated_at();

-- The coalition: chapters that own the campaign. A manager invites a chapter;
-- that chapter's organizers accept (status active) or decline (delete).
create table public.campaign_chapters (
	campaign_id uuid not null references public.campaigns (id) on delete cascade,
	chapter_id uuid not null references public.chapters (id) on delete cascade,
	status text not null default 'invited' check (status in ('invited', 'active')),
	added_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	primary key (campaign_id, chapter_id)
);
create index campaign_chapters_chapter_id_idx on public.campaign_chapters (chapter_id);
create index campaign_chapters_added_by_idx on public.campaign_chapters (added_by);

-- Managers: the active organizers of an active owning chapter, or a site moderator.
create function private.can_manage_campaign(p_campaign_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select private.is_site_moderator() or exists (
		select 1 from public.campaign_chapters cc
		join public.memberships m on m.chapter_id = cc.chapter_id
		where cc.campaign_id = p_campaign_id and cc.status = 'active'
			and m.user_id = (select auth.uid()) and m.role = 'organizer' and m.status = 'active'
	)
$$;

-- Circulators: active members (any role) of an active owning chapter.
create function private.is_campaign_member(p_campaign_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (
		select 1 from public.campaign_chapters cc
		join public.memberships m on m.chapter_id = cc.chapter_id
		where cc.campaign_id = p_campaign_id and cc.status = 'active'
			and m.user_id = (select auth.uid()) and m.status = 'active'
	)
$$;

create function private.campaign_is_public(p_campaign_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (select 1 from public.campaigns c where c.id = p_campaign_id and c.status <> 'draft')
$$;

create function private.can_see_campaign(p_campaign_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select private.campaign_is_public(p_campaign_id) or private.can_manage_campaign(p_campaign_id)
$$;

-- The first owning chapter: its organizer starts the campaign and becomes a
-- manager. Later chapters are invited by a manager and accept themselves.
create function private.may_add_campaign_chapter(p_campaign_id uuid, p_chapter_id uuid, p_status text) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select case
		when p_status = 'active' then private.is_chapter_organizer(p_chapter_id) and (
			private.can_manage_campaign(p_campaign_id)
			or exists (
				select 1 from public.campaigns c
				where c.id = p_campaign_id and c.created_by = (select auth.uid())
					and not exists (select 1 from public.campaign_chapters cc where cc.campaign_id = c.id and cc.status = 'active')
			)
		)
		else private.can_manage_campaign(p_campaign_id)
	end
$$;

-- ---------------------------------------------------------------- stages and milestones

create type public.campaign_stage_status as enum ('not_started', 'in_progress', 'done', 'blocked', 'skipped');

create table public.campaign_stages (
	id uuid primary key default gen_random_uuid(),
	campaign_id uuid not null references public.campaigns (id) on delete cascade,
	position integer not null check (position between 0 and 1000),
	-- The template stage it came from ('feasibility_study'); null for a custom stage.
	template_key text check (template_key ~ '^[a-z_]{2,60}$'),
	title text not null check (char_length(title) between 2 and 150),
	status public.campaign_stage_status not null default 'not_started',
	starts_on date,
	ends_on date,
	-- Who carries it: a person or a committee, as the campaign names them.
	owner_name text not null default '' check (char_length(owner_name) <= 120),
	notes text not null default '' check (char_length(notes) <= 2000),
	-- Evidence: links to minutes, filings, studies, stored files.
	evidence_urls text[] not null default '{}' check (cardinality(evidence_urls) <= 20),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check (ends_on is null or starts_on is null or ends_on >= starts_on)
);
create index campaign_stages_campaign_id_idx on public.campaign_stages (campaign_id, position);
create trigger campaign_stages_touch_updated_at before update on public.campaign_stages
	for each row execute function private.touch_updated_at();

create function private.campaign_evidence_are_links() returns trigger
language plpgsql
set search_path = ''
as $$
begin
	if exists (select 1 from unnest(new.evidence_urls) u where u !~ '^https?://' or char_length(u) > 2000) then
		raise exception 'Evidence must be web addresses' using errcode = '23514', hint = 'campaign_evidence_link';
	end if;
	return new;
end
$$;
create trigger campaign_stages_evidence_links before insert or update of evidence_urls on public.campaign_stages
	for each row execute function private.campaign_evidence_are_links();

create table public.campaign_milestones (
	id uuid primary key default gen_random_uuid(),
	campaign_id uuid not null references public.campaigns (id) on delete cascade,
	stage_id uuid references public.campaign_stages (id) on delete set null,
	title text not null check (char_length(title) between 2 and 150),
	due_on date not null,
	owner_name text not null default '' check (char_length(owner_name) <= 120),
	done_on date,
	created_at timestamptz not null default now()
);
create index campaign_milestones_campaign_id_idx on public.campaign_milestones (campaign_id, due_on);
create index campaign_milestones_stage_id_idx on public.campaign_milestones (stage_id);

-- ---------------------------------------------------------------- the ballot requirement

-- How the jurisdiction defines qualification, with its statute, and the
-- campaign's own assumptions (validity, margin). One per campaign.
create table public.campaign_ballot_rules (
	campaign_id uuid primary key references public.campaigns (id) on delete cascade,
	rule_kind text not null check (rule_kind in ('fixed', 'percent')),
	required_count integer check (required_count between 1 and 100000000),
	percent numeric(6, 3) check (percent > 0 and percent <= 100),
	base_count bigint check (base_count between 1 and 1000000000),
	-- What the base is: "votes cast for governor, November 2018".
	base_label text not null default '' check (char_length(base_label) <= 200),
	-- The statute or source of the rule, always shown beside it.
	rule_citation text not null check (char_length(rule_citation) between 2 and 300),
	rule_source_url text check (rule_source_url ~ '^https?://' and char_length(rule_source_url) <= 2000),
	-- A distribution rule in words ("2% in every state senate district"), with the same citation.
	distribution_rule text not null default '' check (char_length(distribution_rule) <= 500),
	circulation_starts_on date,
	circulation_ends_on date,
	validity_percent numeric(5, 2) not null default 78.8 check (validity_percent > 0 and validity_percent <= 100),
	safety_margin_percent numeric(5, 2) not null default 10 check (safety_margin_percent >= 0 and safety_margin_percent <= 200),
	sampling_rule text not null default 'none' check (sampling_rule in ('none', 'colorado', 'california_local')),
	review_days integer check (review_days between 1 and 365),
	review_day_count text check (review_day_count in ('calendar', 'business')),
	filed_on date,
	filed_count integer check (filed_count between 1 and 100000000),
	-- For a city: its ZIP codes, so online signatures can be placed inside it.
	postal_codes text[] not null default '{}' check (cardinality(postal_codes) <= 300),
	updated_at timestamptz not null default now(),
	check ((rule_kind = 'fixed') = (required_count is not null)),
	check ((rule_kind = 'percent') = (percent is not null and base_count is not null)),
	check (circulation_ends_on is null or circulation_starts_on is null or circulation_ends_on >= circulation_starts_on),
	check ((review_days is null) = (review_day_count is null)),
	check ((filed_on is null) = (filed_count is null))
);
create trigger campaign_ballot_rules_touch_updated_at before update on public.campaign_ballot_rules
	for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------- links to the rest of the record

create table public.campaign_links (
	id uuid primary key default gen_random_uuid(),
	campaign_id uuid not null references public.campaigns (id) on delete cascade,
	petition_id uuid references public.petitions (id) on delete cascade,
	event_id uuid references public.events (id) on delete cascade,
	-- The campaign's bills and ordinances: officials' votes on them show on the campaign.
	proceeding_id uuid references public.proceedings (id) on delete cascade,
	body_id uuid references public.bodies (id) on delete cascade,
	added_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	check (num_nonnulls(petition_id, event_id, proceeding_id, body_id) = 1)
);
create unique index campaign_links_petition_idx on public.campaign_links (campaign_id, petition_id) where petition_id is not null;
create unique index campaign_links_event_idx on public.campaign_links (campaign_id, event_id) where event_id is not null;
create unique index campaign_links_proceeding_idx on public.campaign_links (campaign_id, proceeding_id) where proceeding_id is not null;
create unique index campaign_links_body_idx on public.campaign_links (campaign_id, body_id) where body_id is not null;
create index campaign_links_petition_id_idx on public.campaign_links (petition_id);
create index campaign_links_event_id_idx on public.campaign_links (event_id);
create index campaign_links_proceeding_id_idx on public.campaign_links (proceeding_id);
create index campaign_links_body_id_idx on public.campaign_links (body_id);
create index campaign_links_added_by_idx on public.campaign_links (added_by);

-- ---------------------------------------------------------------- endorsements

create table public.campaign_endorsements (
	id uuid primary key default gen_random_uuid(),
	campaign_id uuid not null references public.campaigns (id) on delete cascade,
	official_id uuid references public.officials (id) on delete cascade,
	-- An organization's name; for an official, their name comes from their record.
	organization text check (char_length(organization) between 2 and 200),
	endorsed_on date not null,
	source_url text not null check (source_url ~ '^https?://' and char_length(source_url) <= 2000),
	created_at timestamptz not null default now(),
	check ((official_id is null) <> (organization is null))
);
create index campaign_endorsements_campaign_id_idx on public.campaign_endorsements (campaign_id, endorsed_on);
create index campaign_endorsements_official_id_idx on public.campaign_endorsements (official_id);
create unique index campaign_endorsements_official_once_idx on public.campaign_endorsements (campaign_id, official_id)
	where official_id is not null;
create unique index campaign_endorsements_organization_once_idx on public.campaign_endorsements (campaign_id, lower(organization))
	where organization is not null;

-- ---------------------------------------------------------------- paper signatures

-- One circulator's sheet (or bundle): who, when, where, and how many lines.
-- A sheet typed in by name keeps its readable rows in campaign_paper_signers;
-- signature_count is every line, unreadable ones included.
create table public.campaign_paper_batches (
	id uuid primary key default gen_random_uuid(),
	campaign_id uuid not null references public.campaigns (id) on delete cascade,
	circulator text not null check (char_length(circulator) between 2 and 120),
	collected_on date not null,
	town text not null check (char_length(town) between 2 and 120),
	-- The number written on the sheet, when circulators number them.
	sheet_number text not null default '' check (char_length(sheet_number) <= 30),
	signature_count integer not null check (signature_count between 1 and 100000),
	named boolean not null default false,
	recorded_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now()
);
create index campaign_paper_batches_campaign_id_idx on public.campaign_paper_batches (campaign_id);
create index campaign_paper_batches_recorded_by_idx on public.campaign_paper_batches (recorded_by);
-- The same sheet entered twice is refused: same circulator, day, town and sheet number.
create unique index campaign_paper_batches_once_idx on public.campaign_paper_batches
	(campaign_id, lower(circulator), collected_on, lower(town), lower(sheet_number));

-- Lower case, letters and digits only, single spaces: "O'Brien,  Mary" → "o brien mary".
create function private.normalize_signer_text(p_text text) returns text
language sql immutable
set search_path = ''
as $$
	select btrim(regexp_replace(regexp_replace(lower(coalesce(p_text, '')), '[^[:alnum:]]+', ' ', 'g'), '\s+', ' ', 'g'))
$$;

-- Addresses written the way people write them: "12 Elm Street" and "12 elm st." are one.
create function private.normalize_signer_address(p_text text) returns text
language sql immutable
set search_path = ''
as $$
	select regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
		' ' || private.normalize_signer_text(p_text) || ' ',
		' street ', ' st ', 'g'), ' avenue ', ' ave ', 'g'), ' road ', ' rd ', 'g'), ' drive ', ' dr ', 'g'),
		' lane ', ' ln ', 'g'), ' apartment ', ' apt ', 'g'), '^ | $', '', 'g')
$$;

create table public.campaign_paper_signers (
	id uuid primary key default gen_random_uuid(),
	-- Entry order: the later of two matching rows is the one shown as the repeat.
	seq bigint generated always as identity,
	batch_id uuid not null references public.campaign_paper_batches (id) on delete cascade,
	campaign_id uuid not null references public.campaigns (id) on delete cascade,
	line integer not null check (line between 1 and 100000),
	name text not null check (char_length(name) between 2 and 120 and name !~ '^[=+@\t\r-]'),
	address text not null check (char_length(address) between 2 and 200 and address !~ '^[=+@\t\r-]'),
	postal_code text not null default '' check (char_length(postal_code) <= 10),
	name_normalized text generated always as (private.normalize_signer_text(name)) stored,
	address_normalized text generated always as (private.normalize_signer_address(address)) stored,
	created_at timestamptz not null default now(),
	unique (batch_id, line)
);
create index campaign_paper_signers_campaign_id_idx on public.campaign_paper_signers (campaign_id, name_normalized);

-- A signer row belongs to its batch's campaign, and a sheet holds no more
-- named rows than it has lines.
create function private.check_paper_signer() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
	v_batch public.campaign_paper_batches;
begin
	select * into v_batch from public.campaign_paper_batches b where b.id = new.batch_id;
	if v_batch.campaign_id is distinct from new.campaign_id then
		raise exception 'The row is not on this campaign''s sheet' using errcode = '23514', hint = 'campaign_paper_signer_batch';
	end if;
	if new.line > v_batch.signature_count then
		raise exception 'The sheet has fewer lines' using errcode = '23514', hint = 'campaign_paper_signer_line';
	end if;
	return new;
end
$$;
create trigger campaign_paper_signers_check before insert or update on public.campaign_paper_signers
	for each row execute function private.check_paper_signer();

-- ---------------------------------------------------------------- updates and followers

create table public.campaign_updates (
	id uuid primary key default gen_random_uuid(),
	campaign_id uuid not null references public.campaigns (id) on delete cascade,
	author_id uuid references auth.users (id) on delete set null,
	title text not null check (char_length(title) between 3 and 150),
	body text not null check (char_length(body) between 1 and 10000),
	emailed_at timestamptz,
	created_at timestamptz not null default now()
);
create index campaign_updates_campaign_id_idx on public.campaign_updates (campaign_id, created_at desc);
create index campaign_updates_author_id_idx on public.campaign_updates (author_id);

create table public.campaign_followers (
	campaign_id uuid not null references public.campaigns (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	-- In the one-click unsubscribe link; read only by the email job.
	unsubscribe_token uuid not null unique default gen_random_uuid(),
	created_at timestamptz not null default now(),
	primary key (campaign_id, user_id)
);
create index campaign_followers_user_id_idx on public.campaign_followers (user_id);

-- An update reaches its followers: the job is queued in the same transaction
-- as the update (docs/decisions/037) and picks the recipients when it runs.
create function private.queue_campaign_update_email() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
	perform private.queue_job('announce_campaign_update', jsonb_build_object('updateId', new.id), 'campaign-update:' || new.id, null, 10);
	return null;
end
$$;
create trigger campaign_updates_queue_email after insert on public.campaign_updates
	for each row execute function private.queue_campaign_update_email();

-- ---------------------------------------------------------------- functions the pages and jobs call

-- What the calculator counts, for anyone who may see the campaign: confirmed
-- online signatures on linked petitions inside the jurisdiction (and those
-- outside, shown apart), paper lines, and named paper rows that repeat an
-- online signer or an earlier paper row. No name or address leaves here.
create function private.campaign_signature_totals(p_campaign_id uuid)
returns table (online_inside bigint, online_outside bigint, paper bigint, duplicates bigint, jurisdiction_placeable boolean)
language plpgsql stable
security definer
set search_path = ''
as $$
declare
	v_kind public.jurisdiction_kind;
	v_jurisdiction integer;
	v_country char(2);
	v_postal text[];
begin
	if not private.can_see_campaign(p_campaign_id) then
		return;
	end if;
	select j.kind, j.id, j.country_code, coalesce(r.postal_codes, '{}')
	into v_kind, v_jurisdiction, v_country, v_postal
	from public.campaigns c
	join public.jurisdictions j on j.id = c.jurisdiction_id
	left join public.campaign_ballot_rules r on r.campaign_id = c.id
	where c.id = p_campaign_id;

	return query
	with online as (
		select
			case
				when v_kind = 'country' then s.country_code = v_country
				when v_kind = 'state' then s.state_id = v_jurisdiction
				when v_kind = 'county' then s.county_id = v_jurisdiction
				else s.country_code = 'US' and s.postal_code = any (v_postal)
			end as inside
		from public.campaign_links l
		join public.signatures s on s.petition_id = l.petition_id and s.status = 'confirmed'
		where l.campaign_id = p_campaign_id and l.petition_id is not null
	)
	select
		(select count(*) from online where inside),
		(select count(*) from online where not inside),
		(select coalesce(sum(b.signature_count), 0)::bigint from public.campaign_paper_batches b where b.campaign_id = p_campaign_id),
		(select count(*) from private.campaign_paper_matches_all(p_campaign_id)),
		v_kind in ('country', 'state', 'county') or cardinality(v_postal) > 0;
end
$$;

-- Named paper rows that repeat someone: an online signer of a linked
-- petition (same normalized name and postal code) or an earlier paper row
-- (same normalized name and address). Every match is listed, never dropped.
-- Granted to nobody: campaign_signature_totals counts them, and
-- campaign_paper_matches shows them to the managers.
create function private.campaign_paper_matches_all(p_campaign_id uuid)
returns table (signer_id uuid, batch_id uuid, line integer, name text, address text, matched text, matched_name text, matched_batch_id uuid)
language plpgsql stable
security definer
set search_path = ''
as $$
begin
	return query
	with matches as (
		select distinct on (ps.id) ps.id, ps.batch_id, ps.line, ps.name, ps.address, m.matched, m.matched_name, m.matched_batch_id
		from public.campaign_paper_signers ps
		cross join lateral (
			select 'online'::text as matched, s.name as matched_name, null::uuid as matched_batch_id, 0 as rank
			from public.campaign_links l
			join public.signatures s on s.petition_id = l.petition_id and s.status = 'confirmed'
			where l.campaign_id = ps.campaign_id and l.petition_id is not null
				and private.normalize_signer_text(s.name) = ps.name_normalized
				and ps.postal_code <> '' and upper(s.postal_code) = upper(ps.postal_code)
			union all
			select 'paper', earlier.name, earlier.batch_id, 1
			from public.campaign_paper_signers earlier
			where earlier.campaign_id = ps.campaign_id and earlier.id <> ps.id
				and earlier.name_normalized = ps.name_normalized
				and earlier.address_normalized = ps.address_normalized
				and earlier.seq < ps.seq
		) m
		where ps.campaign_id = p_campaign_id
		order by ps.id, m.rank
	)
	select m.id, m.batch_id, m.line, m.name, m.address, m.matched, m.matched_name, m.matched_batch_id from matches m;
end
$$;

create function private.campaign_paper_matches(p_campaign_id uuid)
returns table (signer_id uuid, batch_id uuid, line integer, name text, address text, matched text, matched_name text, matched_batch_id uuid)
language sql stable
security definer
set search_path = ''
as $$
	select * from private.campaign_paper_matches_all(p_campaign_id) where private.can_manage_campaign(p_campaign_id)
$$;

-- The email job's recipients: each follower's address and unsubscribe token.
create function private.campaign_follower_recipients(p_campaign_id uuid) returns table (email text, unsubscribe_token uuid)
language sql stable
security definer
set search_path = ''
as $$
	select u.email, f.unsubscribe_token
	from public.campaign_followers f
	join auth.users u on u.id = f.user_id
	where f.campaign_id = p_campaign_id and u.email is not null
$$;

-- The one-click unsubscribe link: the token is the whole authority.
create function private.campaign_follow_by_token(p_token uuid) returns table (campaign_slug text, campaign_name text)
language sql stable
security definer
set search_path = ''
as $$
	select c.slug, c.name from public.campaign_followers f join public.campaigns c on c.id = f.campaign_id
	where f.unsubscribe_token = p_token
$$;
create function private.campaign_unfollow_by_token(p_token uuid) returns table (campaign_slug text, campaign_name text)
language sql
security definer
set search_path = ''
as $$
	with gone as (delete from public.campaign_followers where unsubscribe_token = p_token returning campaign_id)
	select c.slug, c.name from gone g join public.campaigns c on c.id = g.campaign_id
$$;

-- How many follow a campaign, for its page (the followers themselves are private).
create function private.campaign_follower_count(p_campaign_id uuid) returns bigint
language sql stable
security definer
set search_path = ''
as $$
	select case when private.can_see_campaign(p_campaign_id)
		then (select count(*) from public.campaign_followers f where f.campaign_id = p_campaign_id) end
$$;

-- Whether an address is taken, drafts included (a draft is not visible to others).
create function private.campaign_slug_taken(p_slug text) returns boolean
language sql stable
security definer
set search_path = ''
as $$
	select exists (select 1 from public.campaigns c where c.slug = p_slug)
$$;
revoke all on function private.campaign_slug_taken(text) from public;
grant execute on function private.campaign_slug_taken(text) to authenticated, service_role;

revoke all on function private.can_manage_campaign(uuid) from public;
revoke all on function private.is_campaign_member(uuid) from public;
revoke all on function private.campaign_is_public(uuid) from public;
revoke all on function private.can_see_campaign(uuid) from public;
revoke all on function private.may_add_campaign_chapter(uuid, uuid, text) from public;
revoke all on function private.campaign_signature_totals(uuid) from public;
revoke all on function private.campaign_paper_matches_all(uuid) from public;
revoke all on function private.campaign_paper_matches(uuid) from public;
revoke all on function private.campaign_follower_recipients(uuid) from public;
revoke all on function private.campaign_follow_by_token(uuid) from public;
revoke all on function private.campaign_unfollow_by_token(uuid) from public;
revoke all on function private.campaign_follower_count(uuid) from public;
revoke all on function private.queue_campaign_update_email() from public;
revoke all on function private.check_paper_signer() from public;
revoke all on function private.campaign_evidence_are_links() from public;
revoke all on function private.normalize_signer_text(text) from public;
revoke all on function private.normalize_signer_address(text) from public;
grant execute on function private.normalize_signer_text(text), private.normalize_signer_address(text) to authenticated, service_role;
grant execute on function private.can_manage_campaign(uuid), private.is_campaign_member(uuid),
	private.campaign_is_public(uuid), private.can_see_campaign(uuid), private.may_add_campaign_chapter(uuid, uuid, text)
	to anon, authenticated, service_role;
grant execute on function private.campaign_signature_totals(uuid), private.campaign_follower_count(uuid),
	private.campaign_follow_by_token(uuid), private.campaign_unfollow_by_token(uuid) to anon, authenticated, service_role;
grant execute on function private.campaign_paper_matches(uuid) to authenticated, service_role;
grant execute on function private.campaign_follower_recipients(uuid) to service_role;

-- ---------------------------------------------------------------- row-level security

alter table public.campaigns enable row level security;
alter table public.campaign_chapters enable row level security;
alter table public.campaign_stages enable row level security;
alter table public.campaign_milestones enable row level security;
alter table public.campaign_ballot_rules enable row level security;
alter table public.campaign_links enable row level security;
alter table public.campaign_endorsements enable row level security;
alter table public.campaign_paper_batches enable row level security;
alter table public.campaign_paper_signers enable row level security;
alter table public.campaign_updates enable row level security;
alter table public.campaign_followers enable row level security;

create policy "campaigns are public once out of draft; drafts to their managers and creator" on public.campaigns
	for select to anon, authenticated
	using (status <> 'draft' or created_by = (select auth.uid()) or private.can_manage_campaign(id));
create policy "organizers start campaigns" on public.campaigns for insert to authenticated
	with check (private.organizes_any_chapter() and created_by = (select auth.uid()));
create policy "managers update campaigns" on public.campaigns for update to authenticated
	using (private.can_manage_campaign(id)) with check (private.can_manage_campaign(id));
create policy "managers delete draft campaigns" on public.campaigns for delete to authenticated
	using (status = 'draft' and private.can_manage_campaign(id));

create policy "the coalition is public with its campaign" on public.campaign_chapters for select to anon, authenticated
	using (private.can_see_campaign(campaign_id) or private.is_chapter_organizer(chapter_id));
create policy "organizers bring their chapter; managers invite chapters" on public.campaign_chapters for insert to authenticated
	with check (added_by = (select auth.uid()) and private.may_add_campaign_chapter(campaign_id, chapter_id, status));
create policy "a chapter's organizers accept an invitation" on public.campaign_chapters for update to authenticated
	using (private.is_chapter_organizer(chapter_id)) with check (private.is_chapter_organizer(chapter_id) and status = 'active');
create policy "a chapter's organizers leave or decline; managers withdraw invitations" on public.campaign_chapters
	for delete to authenticated
	using (private.is_chapter_organizer(chapter_id) or (status = 'invited' and private.can_manage_campaign(campaign_id)));

create policy "stages are public with their campaign" on public.campaign_stages for select to anon, authenticated
	using (private.can_see_campaign(campaign_id));
create policy "managers add stages" on public.campaign_stages for insert to authenticated
	with check (private.can_manage_campaign(campaign_id));
create policy "managers update stages" on public.campaign_stages for update to authenticated
	using (private.can_manage_campaign(campaign_id)) with check (private.can_manage_campaign(campaign_id));
create policy "managers remove stages" on public.campaign_stages for delete to authenticated
	using (private.can_manage_campaign(campaign_id));

create policy "milestones are public with their campaign" on public.campaign_milestones for select to anon, authenticated
	using (private.can_see_campaign(campaign_id));
create policy "managers add milestones" on public.campaign_milestones for insert to authenticated
	with check (private.can_manage_campaign(campaign_id));
create policy "managers update milestones" on public.campaign_milestones for update to authenticated
	using (private.can_manage_campaign(campaign_id)) with check (private.can_manage_campaign(campaign_id));
create policy "managers remove milestones" on public.campaign_milestones for delete to authenticated
	using (private.can_manage_campaign(campaign_id));

create policy "ballot rules are public with their campaign" on public.campaign_ballot_rules for select to anon, authenticated
	using (private.can_see_campaign(campaign_id));
create policy "managers record the ballot rule" on public.campaign_ballot_rules for insert to authenticated
	with check (private.can_manage_campaign(campaign_id));
create policy "managers update the ballot rule" on public.campaign_ballot_rules for update to authenticated
	using (private.can_manage_campaign(campaign_id)) with check (private.can_manage_campaign(campaign_id));
create policy "managers remove the ballot rule" on public.campaign_ballot_rules for delete to authenticated
	using (private.can_manage_campaign(campaign_id));

create policy "links are public with their campaign" on public.campaign_links for select to anon, authenticated
	using (private.can_see_campaign(campaign_id));
-- A petition is linked only by someone who may see it (its signatures then count).
create policy "managers link actions" on public.campaign_links for insert to authenticated
	with check (
		private.can_manage_campaign(campaign_id) and added_by = (select auth.uid())
		and (petition_id is null or private.can_see_petition(petition_id))
	);
create policy "managers unlink actions" on public.campaign_links for delete to authenticated
	using (private.can_manage_campaign(campaign_id));

create policy "endorsements are public with their campaign" on public.campaign_endorsements for select to anon, authenticated
	using (private.can_see_campaign(campaign_id));
create policy "managers record endorsements" on public.campaign_endorsements for insert to authenticated
	with check (private.can_manage_campaign(campaign_id));
create policy "managers correct endorsements" on public.campaign_endorsements for update to authenticated
	using (private.can_manage_campaign(campaign_id)) with check (private.can_manage_campaign(campaign_id));
create policy "managers remove endorsements" on public.campaign_endorsements for delete to authenticated
	using (private.can_manage_campaign(campaign_id));

-- Sheets: managers see every one; a circulator (a member of an owning
-- chapter) records sheets and sees the ones they recorded.
create policy "managers and the circulator who recorded it read a sheet" on public.campaign_paper_batches
	for select to authenticated
	using (private.can_manage_campaign(campaign_id) or (recorded_by = (select auth.uid()) and private.is_campaign_member(campaign_id)));
create policy "members of an owning chapter record sheets" on public.campaign_paper_batches for insert to authenticated
	with check (recorded_by = (select auth.uid()) and (private.is_campaign_member(campaign_id) or private.can_manage_campaign(campaign_id)));
create policy "managers correct sheets" on public.campaign_paper_batches for update to authenticated
	using (private.can_manage_campaign(campaign_id)) with check (private.can_manage_campaign(campaign_id));
create policy "managers remove sheets" on public.campaign_paper_batches for delete to authenticated
	using (private.can_manage_campaign(campaign_id));

-- Names and addresses: the managers only. The circulator types them in and
-- cannot read them back (nor can anyone else).
create policy "only managers read paper signers" on public.campaign_paper_signers for select to authenticated
	using (private.can_manage_campaign(campaign_id));
create policy "the sheet's recorder or a manager adds its rows" on public.campaign_paper_signers for insert to authenticated
	with check (
		private.can_manage_campaign(campaign_id) or exists (
			select 1 from public.campaign_paper_batches b
			where b.id = batch_id and b.recorded_by = (select auth.uid()) and private.is_campaign_member(b.campaign_id)
		)
	);
create policy "managers correct paper signers" on public.campaign_paper_signers for update to authenticated
	using (private.can_manage_campaign(campaign_id)) with check (private.can_manage_campaign(campaign_id));
create policy "managers remove paper signers" on public.campaign_paper_signers for delete to authenticated
	using (private.can_manage_campaign(campaign_id));

create policy "updates are public with their campaign" on public.campaign_updates for select to anon, authenticated
	using (private.can_see_campaign(campaign_id));
create policy "managers post updates as themselves" on public.campaign_updates for insert to authenticated
	with check (private.can_manage_campaign(campaign_id) and author_id = (select auth.uid()));
create policy "managers correct updates" on public.campaign_updates for update to authenticated
	using (private.can_manage_campaign(campaign_id)) with check (private.can_manage_campaign(campaign_id));
create policy "managers remove updates" on public.campaign_updates for delete to authenticated
	using (private.can_manage_campaign(campaign_id));

create policy "people see their own follows of campaigns" on public.campaign_followers for select to authenticated
	using (user_id = (select auth.uid()));
create policy "people follow a campaign they can see, as themselves" on public.campaign_followers for insert to authenticated
	with check (user_id = (select auth.uid()) and private.can_see_campaign(campaign_id));
create policy "people stop following" on public.campaign_followers for delete to authenticated
	using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------- grants

revoke all on public.campaigns, public.campaign_chapters, public.campaign_stages, public.campaign_milestones,
	public.campaign_ballot_rules, public.campaign_links, public.campaign_endorsements, public.campaign_paper_batches,
	public.campaign_paper_signers, public.campaign_updates, public.campaign_followers
	from anon, authenticated;

grant select on public.campaigns, public.campaign_chapters, public.campaign_stages, public.campaign_milestones,
	public.campaign_ballot_rules, public.campaign_links, public.campaign_endorsements, public.campaign_updates
	to anon, authenticated;

grant insert (slug, name, kind, goal, description, jurisdiction_id, target, target_name, status, outcome, outcome_source_url,
	project_id, created_by) on public.campaigns to authenticated;
grant update (name, kind, goal, description, jurisdiction_id, target, target_name, status, outcome, outcome_source_url, project_id)
	on public.campaigns to authenticated;
grant delete on public.campaigns to authenticated;

grant insert (campaign_id, chapter_id, status, added_by) on public.campaign_chapters to authenticated;
grant update (status) on public.campaign_chapters to authenticated;
grant delete on public.campaign_chapters to authenticated;

grant insert (campaign_id, position, template_key, title, status, starts_on, ends_on, owner_name, notes, evidence_urls),
	update (position, title, status, starts_on, ends_on, owner_name, notes, evidence_urls), delete
	on public.campaign_stages to authenticated;
grant insert (campaign_id, stage_id, title, due_on, owner_name, done_on),
	update (stage_id, title, due_on, owner_name, done_on), delete
	on public.campaign_milestones to authenticated;
grant insert (campaign_id, rule_kind, required_count, percent, base_count, base_label, rule_citation, rule_source_url,
	distribution_rule, circulation_starts_on, circulation_ends_on, validity_percent, safety_margin_percent, sampling_rule,
	review_days, review_day_count, filed_on, filed_count, postal_codes),
	update (rule_kind, required_count, percent, base_count, base_label, rule_citation, rule_source_url, distribution_rule,
	circulation_starts_on, circulation_ends_on, validity_percent, safety_margin_percent, sampling_rule, review_days,
	review_day_count, filed_on, filed_count, postal_codes), delete
	on public.campaign_ballot_rules to authenticated;
grant insert (campaign_id, petition_id, event_id, proceeding_id, body_id, added_by), delete on public.campaign_links to authenticated;
grant insert (campaign_id, official_id, organization, endorsed_on, source_url),
	update (organization, endorsed_on, source_url), delete
	on public.campaign_endorsements to authenticated;
grant select (id, campaign_id, circulator, collected_on, town, sheet_number, signature_count, named, recorded_by, created_at),
	insert (id, campaign_id, circulator, collected_on, town, sheet_number, signature_count, named, recorded_by),
	update (circulator, collected_on, town, sheet_number, signature_count), delete
	on public.campaign_paper_batches to authenticated;
grant select (id, batch_id, campaign_id, line, name, address, postal_code, name_normalized, address_normalized, created_at),
	insert (batch_id, campaign_id, line, name, address, postal_code),
	update (name, address, postal_code), delete
	on public.campaign_paper_signers to authenticated;
grant insert (campaign_id, author_id, title, body), update (title, body), delete on public.campaign_updates to authenticated;
grant select (campaign_id, user_id, created_at), insert (campaign_id, user_id), delete on public.campaign_followers to authenticated;
