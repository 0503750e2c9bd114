-- Formal objections (docs/decisions/052): a chapter drafts an objection to a
-- proceeding, saves versions, asks members for comments, has it approved by
-- an organizer other than the author, collects co-signers, files it with the
-- body and keeps the record. Drafts, evidence files and co-signers' contact
-- details stay inside the chapter; a filed objection the chapter publishes is
-- public (its text, grounds, signer count and the names shown with consent).

create type public.objection_status as enum ('draft', 'approved', 'filed', 'withdrawn');

create table public.objections (
	id uuid primary key default gen_random_uuid(),
	proceeding_id uuid not null references public.proceedings (id) on delete cascade,
	chapter_id uuid not null references public.chapters (id) on delete cascade,
	author_id uuid references auth.users (id) on delete set null,
	subject text not null check (char_length(subject) between 5 and 300),
	-- Who objects and why they have standing, per kind of signer.
	standing_residents text not null default '' check (char_length(standing_residents) <= 4000),
	standing_organizations text not null default '' check (char_length(standing_organizations) <= 4000),
	relief text[] not null default '{}' check (
		relief <@ array['deny', 'defer', 'conditions', 'moratorium', 'special_use_permit', 'environmental_review']
	),
	relief_conditions text[] not null default '{}' check (cardinality(relief_conditions) <= 40),
	relief_note text not null default '' check (char_length(relief_note) <= 4000),
	status public.objection_status not null default 'draft',
	-- Every save is a version (objection_versions); a material change asks co-signers again.
	current_version integer not null default 1 check (current_version >= 1),
	material_version integer not null default 1 check (material_version >= 1),
	approved_version integer,
	approved_by uuid references auth.users (id) on delete set null,
	approved_at timestamptz,
	-- The chapter had one organizer, who approved their own draft.
	self_approved boolean not null default false,
	-- Anyone holding this link may read the approved text and co-sign it.
	signing_token text not null unique default replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
	signer_count integer not null default 0 check (signer_count >= 0),
	filed_at timestamptz,
	published_at timestamptz,
	outcome text check (char_length(outcome) <= 2000),
	outcome_decided_on date,
	conditions_adopted text[] not null default '{}',
	outcome_source_url text check (outcome_source_url ~ '^https?://' and char_length(outcome_source_url) <= 2000),
	model_count integer not null default 0 check (model_count >= 0),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check (material_version <= current_version),
	check (published_at is null or status = 'filed'),
	check ((approved_by is null) = (approved_at is null))
);
create index objections_proceeding_id_idx on public.objections (proceeding_id);
create index objections_chapter_id_idx on public.objections (chapter_id);
create index objections_author_id_idx on public.objections (author_id);
create index objections_approved_by_idx on public.objections (approved_by);
create index objections_published_idx on public.objections (published_at) where published_at is not null;
create trigger objections_touch_updated_at before update on public.objections
	for each row execute function private.touch_updated_at();

create table public.objection_grounds (
	id uuid primary key default gen_random_uuid(),
	objection_id uuid not null references public.objections (id) on delete cascade,
	position integer not null check (position between 1 and 100),
	-- A checklist ground (app/objections/grounds.ts) or 'custom'.
	kind text not null check (kind in (
		'noise', 'water', 'generators_air', 'electricity_rates', 'tax_abatements', 'land_use', 'farmland',
		'property_values', 'environmental_review', 'traffic', 'secrecy', 'custom'
	)),
	title text not null check (char_length(title) between 2 and 200),
	argument text not null check (char_length(argument) between 1 and 20000),
	-- Figures pulled from the project record: [{ figure, label, value, source_title, source_url }].
	figures jsonb not null default '[]' check (jsonb_typeof(figures) = 'array' and jsonb_array_length(figures) <= 20),
	created_at timestamptz not null default now(),
	unique (objection_id, position) deferrable initially deferred
);

create table public.objection_evidence (
	id uuid primary key default gen_random_uuid(),
	objection_id uuid not null references public.objections (id) on delete cascade,
	ground_id uuid not null references public.objection_grounds (id) on delete cascade,
	title text not null check (char_length(title) between 2 and 200),
	url text check (url ~ '^https?://' and char_length(url) <= 2000),
	-- A file in the private objection-files bucket: <objection id>/evidence/<file>.
	storage_path text check (char_length(storage_path) <= 300),
	content_type text check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
	byte_size integer check (byte_size > 0),
	added_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	check ((url is null) <> (storage_path is null)),
	check ((storage_path is null) = (content_type is null))
);
create index objection_evidence_objection_id_idx on public.objection_evidence (objection_id);
create index objection_evidence_ground_id_idx on public.objection_evidence (ground_id);
-- Deleting an account sets these to null: without an index each delete scans the table.
create index objection_evidence_added_by_idx on public.objection_evidence (added_by);

-- Each save, as the text stood: { subject, standing…, relief…, grounds: [{ kind, title, argument, figures, evidence }] }.
create table public.objection_versions (
	objection_id uuid not null references public.objections (id) on delete cascade,
	number integer not null check (number >= 1),
	snapshot jsonb not null check (jsonb_typeof(snapshot) = 'object'),
	material boolean not null default true,
	saved_by uuid references auth.users (id) on delete set null,
	saved_at timestamptz not null default now(),
	primary key (objection_id, number)
);
create index objection_versions_saved_by_idx on public.objection_versions (saved_by);

create table public.objection_comments (
	id uuid primary key default gen_random_uuid(),
	objection_id uuid not null references public.objections (id) on delete cascade,
	version integer not null,
	author_id uuid references auth.users (id) on delete set null,
	body text not null check (char_length(body) between 1 and 4000),
	created_at timestamptz not null default now()
);
create index objection_comments_objection_id_idx on public.objection_comments (objection_id, created_at);
create index objection_comments_author_id_idx on public.objection_comments (author_id);

create type public.objection_signer_kind as enum ('person', 'organization');

create table public.objection_signers (
	id uuid primary key default gen_random_uuid(),
	objection_id uuid not null references public.objections (id) on delete cascade,
	kind public.objection_signer_kind not null,
	-- The account that signed, when there is one; people without one sign by link.
	user_id uuid references auth.users (id) on delete set null,
	name text not null check (char_length(name) between 2 and 200),
	email text not null check (char_length(email) between 3 and 254),
	address text not null check (char_length(address) between 5 and 400),
	-- Consent to show the address on the filing, and the name on the public page.
	show_address boolean not null default false,
	show_name boolean not null default false,
	organization text check (char_length(organization) <= 200),
	representative_title text check (char_length(representative_title) <= 200),
	-- The organization's letter authorizing its representative: <objection id>/letters/<file>.
	authorization_path text check (char_length(authorization_path) <= 300),
	-- Standing may be weaker when the address is outside the body's jurisdiction.
	outside_jurisdiction boolean not null default false,
	signed_version integer not null,
	signed_at timestamptz not null default now(),
	withdrawn_at timestamptz,
	-- The signer's own link for withdrawing or consenting again (stored hashed).
	manage_token_hash bytea unique,
	check (kind = 'person' or organization is not null)
);
create index objection_signers_objection_id_idx on public.objection_signers (objection_id);
create index objection_signers_user_id_idx on public.objection_signers (user_id);
-- One signature per person (by email) per objection, withdrawn or not.
create unique index objection_signers_once on public.objection_signers (objection_id, kind, lower(email), coalesce(lower(organization), ''));

create type public.objection_filing_method as enum ('email', 'hand', 'mail', 'portal');
create type public.objection_delivery_status as enum ('pending', 'sent', 'delivered', 'failed', 'recorded');

create table public.objection_filings (
	id uuid primary key default gen_random_uuid(),
	objection_id uuid not null references public.objections (id) on delete cascade,
	method public.objection_filing_method not null,
	version integer not null,
	to_address text check (char_length(to_address) <= 254),
	reply_to text check (char_length(reply_to) <= 254),
	subject text not null check (char_length(subject) <= 400),
	-- The letter exactly as filed: <objection id>/filings/<filing id>.pdf
	pdf_path text not null check (char_length(pdf_path) <= 300),
	signer_count integer not null check (signer_count >= 0),
	after_cutoff boolean not null default false,
	confirmation_number text check (char_length(confirmation_number) <= 200),
	filed_on date not null default current_date,
	receipt_path text check (char_length(receipt_path) <= 300),
	provider_message_id text check (char_length(provider_message_id) <= 200),
	delivery_status public.objection_delivery_status not null default 'pending',
	delivered_at timestamptz,
	acknowledgement text check (char_length(acknowledgement) <= 2000),
	filed_by uuid references auth.users (id) on delete set null,
	created_at timestamptz not null default now(),
	check (method <> 'email' or to_address is not null)
);
-- Filed once: a second filing of the same objection is refused.
create unique index objection_filings_once on public.objection_filings (objection_id);
create index objection_filings_filed_by_idx on public.objection_filings (filed_by);

create table public.objection_models (
	objection_id uuid not null references public.objections (id) on delete cascade,
	user_id uuid not null references auth.users (id) on delete cascade,
	created_at timestamptz not null default now(),
	primary key (objection_id, user_id)
);
create index objection_models_user_id_idx on public.objection_models (user_id);

-- ---------------------------------------------------------------- helpers

create function private.objection_chapter(p_objection_id uuid) returns uuid
language sql stable security definer set search_path = ''
as $$ select o.chapter_id from public.objections o where o.id = p_objection_id $$;

create function private.in_objection_chapter(p_objection_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$ select private.is_chapter_member(private.objection_chapter(p_objection_id)) $$;

create function private.organizes_objection(p_objection_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$ select private.is_chapter_organizer(private.objection_chapter(p_objection_id)) $$;

create function private.objection_is_public(p_objection_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$ select exists (select 1 from public.objections o where o.id = p_objection_id and o.published_at is not null) $$;

create function private.objection_status_of(p_objection_id uuid) returns public.objection_status
language sql stable security definer set search_path = ''
as $$ select o.status from public.objections o where o.id = p_objection_id $$;

create function private.objection_text_open(p_objection_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$ select coalesce(private.objection_status_of(p_objection_id) in ('draft', 'approved'), false) $$;

-- The rules a policy cannot say: who approves, what filing freezes.
create function private.guard_objection_change() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
	v_user uuid := (select auth.uid());
	v_organizers integer;
begin
	if new.proceeding_id <> old.proceeding_id or new.chapter_id <> old.chapter_id or new.signing_token <> old.signing_token then
		raise exception 'An objection stays with its proceeding and chapter' using errcode = 'P0001', hint = 'objection_fixed';
	end if;
	if old.status = 'filed' and (
		new.subject <> old.subject or new.standing_residents <> old.standing_residents
		or new.standing_organizations <> old.standing_organizations or new.relief <> old.relief
		or new.relief_conditions <> old.relief_conditions or new.relief_note <> old.relief_note
		or new.current_version <> old.current_version or new.status <> old.status
	) then
		raise exception 'A filed objection is the record' using errcode = 'P0001', hint = 'objection_filed';
	end if;
	if new.published_at is not null and old.status <> 'filed' then
		raise exception 'Only a filed objection is published' using errcode = 'P0001', hint = 'objection_not_filed';
	end if;
	if new.status = 'approved' and old.status <> 'approved' then
		if v_user is not null then
			select count(*) into v_organizers from public.memberships m
			where m.chapter_id = new.chapter_id and m.role = 'organizer' and m.status = 'active';
			if v_user = old.author_id and v_organizers > 1 then
				raise exception 'Another organizer approves this draft' using errcode = 'P0001', hint = 'objection_needs_other_organizer';
			end if;
			new.approved_by := v_user;
			new.self_approved := v_user = old.author_id;
		end if;
		new.approved_at := now();
		new.approved_version := new.current_version;
	elsif new.status = 'draft' then
		new.approved_by := null;
		new.approved_at := null;
		new.approved_version := null;
		new.self_approved := false;
	end if;
	if new.status = 'filed' and old.status <> 'filed' then
		if old.status <> 'approved' or old.approved_version is distinct from old.current_version then
			raise exception 'Only the approved text is filed' using errcode = 'P0001', hint = 'objection_not_approved';
		end if;
		new.filed_at := now();
	end if;
	return new;
end;
$$;
create trigger objections_guard before update on public.objections
	for each row execute function private.guard_objection_change();

create function private.count_objection_signers() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	update public.objections o set signer_count = (
		select count(*) from public.objection_signers s where s.objection_id = o.id and s.withdrawn_at is null
	) where o.id = coalesce(new.objection_id, old.objection_id);
	return null;
end;
$$;
create trigger objection_signers_count after insert or update or delete on public.objection_signers
	for each row execute function private.count_objection_signers();

create function private.count_objection_models() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	update public.objections o set model_count = (select count(*) from public.objection_models m where m.objection_id = o.id)
	where o.id = coalesce(new.objection_id, old.objection_id);
	return null;
end;
$$;
create trigger objection_models_count after insert or delete on public.objection_models
	for each row execute function private.count_objection_models();

-- A signer may change their signature until filing; after it, nothing moves.
create function private.guard_signer_change() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	if private.objection_status_of(coalesce(new.objection_id, old.objection_id)) not in ('draft', 'approved') then
		raise exception 'The objection has been filed' using errcode = 'P0001', hint = 'objection_filed';
	end if;
	if tg_op = 'UPDATE' and (new.objection_id <> old.objection_id or new.kind <> old.kind or new.user_id is distinct from old.user_id) then
		raise exception 'A signature stays with its signer' using errcode = 'P0001', hint = 'objection_fixed';
	end if;
	return coalesce(new, old);
end;
$$;
create trigger objection_signers_guard before insert or update or delete on public.objection_signers
	for each row execute function private.guard_signer_change();

-- What the signing page shows to someone holding the link: the approved text
-- (or the draft while it is not approved, so the page can say it is not ready).
create function private.objection_by_signing_token(p_token text)
returns table (objection_id uuid, status public.objection_status, current_version integer, approved boolean,
	snapshot jsonb, chapter_name text, proceeding_title text, case_number text, body_name text, body_jurisdiction_id integer,
	organization_letter_rule text)
language sql stable security definer set search_path = ''
as $$
	select o.id, o.status, o.current_version, o.status = 'approved' and o.approved_version = o.current_version,
		v.snapshot, c.name, p.title, p.case_number, b.name, b.jurisdiction_id, r.representative_authorization
	from public.objections o
	join public.chapters c on c.id = o.chapter_id
	join public.proceedings p on p.id = o.proceeding_id
	left join public.bodies b on b.id = p.body_id
	left join public.body_rules r on r.body_id = b.id
	left join public.objection_versions v on v.objection_id = o.id and v.number = o.current_version
	where o.signing_token = p_token
$$;

-- Co-signing by link, with or without an account. Answers signed, already_signed or not_open.
create function private.sign_objection(
	p_token text, p_kind public.objection_signer_kind, p_name text, p_email text, p_address text,
	p_show_address boolean, p_show_name boolean, p_organization text, p_representative_title text,
	p_authorization_path text, p_outside boolean, p_version integer, p_manage_token_hash bytea
) returns text
language plpgsql security definer set search_path = ''
as $$
declare
	v_objection public.objections%rowtype;
begin
	select * into v_objection from public.objections o where o.signing_token = p_token for share;
	if not found or v_objection.status <> 'approved' or v_objection.approved_version <> v_objection.current_version
		or p_version <> v_objection.current_version then
		return 'not_open';
	end if;
	insert into public.objection_signers (
		objection_id, kind, user_id, name, email, address, show_address, show_name, organization,
		representative_title, authorization_path, outside_jurisdiction, signed_version, manage_token_hash
	) values (
		v_objection.id, p_kind, (select auth.uid()), p_name, p_email, p_address, p_show_address, p_show_name,
		nullif(p_organization, ''), nullif(p_representative_title, ''), p_authorization_path, p_outside, p_version,
		p_manage_token_hash
	);
	return 'signed';
exception when unique_violation then
	return 'already_signed';
end;
$$;

-- The signer's own link: withdraw, or consent again to the current text.
create function private.signer_by_manage_token(p_token_hash bytea)
returns table (signer_id uuid, objection_id uuid, name text, kind public.objection_signer_kind, organization text,
	signed_version integer, withdrawn boolean, signing_token text)
language sql stable security definer set search_path = ''
as $$
	select s.id, s.objection_id, s.name, s.kind, s.organization, s.signed_version, s.withdrawn_at is not null, o.signing_token
	from public.objection_signers s join public.objections o on o.id = s.objection_id
	where s.manage_token_hash = p_token_hash
$$;

create function private.change_signature(p_token_hash bytea, p_action text) returns text
language plpgsql security definer set search_path = ''
as $$
declare
	v_signer public.objection_signers%rowtype;
	v_objection public.objections%rowtype;
begin
	select * into v_signer from public.objection_signers s where s.manage_token_hash = p_token_hash for update;
	if not found then return 'not_found'; end if;
	select * into v_objection from public.objections o where o.id = v_signer.objection_id;
	if v_objection.status not in ('draft', 'approved') then return 'filed'; end if;
	if p_action = 'withdraw' then
		update public.objection_signers set withdrawn_at = coalesce(withdrawn_at, now()) where id = v_signer.id;
		return 'withdrawn';
	elsif p_action = 'consent' then
		if v_objection.status <> 'approved' or v_objection.approved_version <> v_objection.current_version then
			return 'not_open';
		end if;
		update public.objection_signers set signed_version = v_objection.current_version, withdrawn_at = null, signed_at = now()
		where id = v_signer.id;
		return 'consented';
	end if;
	raise exception 'Unknown action %', p_action using errcode = '22023';
end;
$$;

-- Names the public page may show: people and organizations who agreed, still signed.
create function private.public_objection_signers(p_objection_id uuid)
returns table (kind public.objection_signer_kind, name text, organization text)
language sql stable security definer set search_path = ''
as $$
	select s.kind, s.name, s.organization from public.objection_signers s
	join public.objections o on o.id = s.objection_id
	where s.objection_id = p_objection_id and o.published_at is not null and s.show_name and s.withdrawn_at is null
		and s.signed_version >= o.material_version
	order by s.signed_at, s.id
$$;

-- How many organizers the chapter has (a single one approves their own draft).
create function private.objection_organizer_count(p_objection_id uuid) returns integer
language sql stable security definer set search_path = ''
as $$
	select count(*)::integer from public.memberships m
	where m.chapter_id = private.objection_chapter(p_objection_id) and m.role = 'organizer' and m.status = 'active'
		and private.in_objection_chapter(p_objection_id)
$$;

-- ---------------------------------------------------------------- policies

alter table public.objections enable row level security;
alter table public.objection_grounds enable row level security;
alter table public.objection_evidence enable row level security;
alter table public.objection_versions enable row level security;
alter table public.objection_comments enable row level security;
alter table public.objection_signers enable row level security;
alter table public.objection_filings enable row level security;
alter table public.objection_models enable row level security;

create policy "the chapter reads its objections; anyone reads published ones" on public.objections
	for select to anon, authenticated
	using (published_at is not null or private.is_chapter_member(chapter_id));
create policy "organizers start objections" on public.objections for insert to authenticated
	with check (private.is_chapter_organizer(chapter_id) and author_id = (select auth.uid()) and status = 'draft');
create policy "organizers edit objections" on public.objections for update to authenticated
	using (private.is_chapter_organizer(chapter_id)) with check (private.is_chapter_organizer(chapter_id));
create policy "organizers delete unfiled drafts" on public.objections for delete to authenticated
	using (private.is_chapter_organizer(chapter_id) and status = 'draft');

create policy "grounds: the chapter, or anyone once published" on public.objection_grounds
	for select to anon, authenticated
	using (private.objection_is_public(objection_id) or private.in_objection_chapter(objection_id));
create policy "organizers add grounds" on public.objection_grounds for insert to authenticated
	with check (private.organizes_objection(objection_id) and private.objection_text_open(objection_id));
create policy "organizers edit grounds" on public.objection_grounds for update to authenticated
	using (private.organizes_objection(objection_id) and private.objection_text_open(objection_id))
	with check (private.organizes_objection(objection_id) and private.objection_text_open(objection_id));
create policy "organizers remove grounds" on public.objection_grounds for delete to authenticated
	using (private.organizes_objection(objection_id) and private.objection_text_open(objection_id));

create policy "evidence: the chapter, or anyone once published" on public.objection_evidence
	for select to anon, authenticated
	using (private.objection_is_public(objection_id) or private.in_objection_chapter(objection_id));
create policy "organizers add evidence" on public.objection_evidence for insert to authenticated
	with check (private.organizes_objection(objection_id) and private.objection_text_open(objection_id));
create policy "organizers remove evidence" on public.objection_evidence for delete to authenticated
	using (private.organizes_objection(objection_id) and private.objection_text_open(objection_id));

create policy "versions: the chapter" on public.objection_versions for select to authenticated
	using (private.in_objection_chapter(objection_id));
create policy "organizers save versions" on public.objection_versions for insert to authenticated
	with check (private.organizes_objection(objection_id) and saved_by = (select auth.uid()) and private.objection_text_open(objection_id));

create policy "comments: the chapter" on public.objection_comments for select to authenticated
	using (private.in_objection_chapter(objection_id));
create policy "members comment on drafts" on public.objection_comments for insert to authenticated
	with check (private.in_objection_chapter(objection_id) and author_id = (select auth.uid()) and private.objection_text_open(objection_id));
create policy "people delete their own comments" on public.objection_comments for delete to authenticated
	using (author_id = (select auth.uid()));

create policy "signers: the chapter's organizers and the signer" on public.objection_signers for select to authenticated
	using (user_id = (select auth.uid()) or private.organizes_objection(objection_id));
create policy "signers change their own signature" on public.objection_signers for update to authenticated
	using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

create policy "filings: the chapter" on public.objection_filings for select to authenticated
	using (private.in_objection_chapter(objection_id));
create policy "organizers file" on public.objection_filings for insert to authenticated
	with check (private.organizes_objection(objection_id) and filed_by = (select auth.uid()));
create policy "organizers record acknowledgements" on public.objection_filings for update to authenticated
	using (private.organizes_objection(objection_id)) with check (private.organizes_objection(objection_id));

create policy "models are public" on public.objection_models for select to anon, authenticated using (true);
create policy "people mark published objections as models" on public.objection_models for insert to authenticated
	with check (user_id = (select auth.uid()) and private.objection_is_public(objection_id));
create policy "people unmark their own" on public.objection_models for delete to authenticated
	using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------- grants

revoke all on public.objections, public.objection_grounds, public.objection_evidence, public.objection_versions,
	public.objection_comments, public.objection_signers, public.objection_filings, public.objection_models
	from anon, authenticated;
grant select on public.objection_grounds, public.objection_evidence, public.objection_models to anon;
-- Visitors never get the signing link (members share it).
grant select (id, proceeding_id, chapter_id, author_id, subject, standing_residents, standing_organizations, relief,
	relief_conditions, relief_note, status, current_version, material_version, approved_version, approved_by, approved_at,
	self_approved, signer_count, filed_at, published_at, outcome, outcome_decided_on, conditions_adopted, outcome_source_url,
	model_count, created_at, updated_at) on public.objections to anon;
grant select on public.objections, public.objection_grounds, public.objection_evidence, public.objection_versions,
	public.objection_comments, public.objection_filings, public.objection_models to authenticated;
grant select (id, objection_id, kind, user_id, name, email, address, show_address, show_name, organization,
	representative_title, authorization_path, outside_jurisdiction, signed_version, signed_at, withdrawn_at)
	on public.objection_signers to authenticated;
grant insert (id, proceeding_id, chapter_id, author_id, subject, standing_residents, standing_organizations, relief,
	relief_conditions, relief_note) on public.objections to authenticated;
grant update (subject, standing_residents, standing_organizations, relief, relief_conditions, relief_note, status,
	current_version, material_version, published_at, outcome, outcome_decided_on, conditions_adopted, outcome_source_url)
	on public.objections to authenticated;
grant delete on public.objections to authenticated;
grant insert (id, objection_id, position, kind, title, argument, figures), update (position, kind, title, argument, figures), delete
	on public.objection_grounds to authenticated;
grant insert (id, objection_id, ground_id, title, url, storage_path, content_type, byte_size, added_by), delete
	on public.objection_evidence to authenticated;
grant insert (objection_id, number, snapshot, material, saved_by) on public.objection_versions to authenticated;
grant insert (objection_id, version, author_id, body), delete on public.objection_comments to authenticated;
grant update (name, address, show_address, show_name, signed_version, withdrawn_at, signed_at) on public.objection_signers to authenticated;
grant insert (id, objection_id, method, version, to_address, reply_to, subject, pdf_path, signer_count, after_cutoff,
	confirmation_number, filed_on, receipt_path, filed_by) on public.objection_filings to authenticated;
grant update (acknowledgement, delivery_status, delivered_at) on public.objection_filings to authenticated;
grant insert (objection_id, user_id), delete on public.objection_models to authenticated;
grant select, insert, update, delete on public.objections, public.objection_grounds, public.objection_evidence,
	public.objection_versions, public.objection_comments, public.objection_signers, public.objection_filings,
	public.objection_models to service_role;

revoke all on function private.objection_chapter(uuid), private.in_objection_chapter(uuid), private.organizes_objection(uuid),
	private.objection_is_public(uuid), private.objection_status_of(uuid), private.objection_text_open(uuid),
	private.guard_objection_change(), private.count_objection_signers(), private.count_objection_models(),
	private.guard_signer_change(), private.objection_by_signing_token(text),
	private.sign_objection(text, public.objection_signer_kind, text, text, text, boolean, boolean, text, text, text, boolean, integer, bytea),
	private.signer_by_manage_token(bytea), private.change_signature(bytea, text), private.public_objection_signers(uuid),
	private.objection_organizer_count(uuid)
	from public;
grant execute on function private.objection_chapter(uuid), private.in_objection_chapter(uuid), private.organizes_objection(uuid),
	private.objection_is_public(uuid), private.objection_status_of(uuid), private.objection_text_open(uuid)
	to anon, authenticated, service_role;
grant execute on function private.objection_by_signing_token(text),
	private.sign_objection(text, public.objection_signer_kind, text, text, text, boolean, boolean, text, text, text, boolean, integer, bytea),
	private.signer_by_manage_token(bytea), private.change_signature(bytea, text), private.public_objection_signers(uuid)
	to anon, authenticated, service_role;
grant execute on function private.objection_organizer_count(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------- files

-- Evidence, authorization letters, filed letters and receipts. Private: read
-- through short-lived signed URLs by the chapter (and a signer their own letter).
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('objection-files', 'objection-files', false, 10485760, array['application/pdf', 'image/png', 'image/jpeg'])
on conflict (id) do update set
	public = excluded.public,
	file_size_limit = excluded.file_size_limit,
	allowed_mime_types = excluded.allowed_mime_types;

create function private.objection_folder(p_folder text) returns uuid
language sql immutable set search_path = ''
as $$ select case when p_folder ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then p_folder::uuid end $$;
revoke all on function private.objection_folder(text) from public;
grant execute on function private.objection_folder(text) to anon, authenticated, service_role;

create policy "the chapter reads its objection files" on storage.objects for select to authenticated
	using (bucket_id = 'objection-files' and (
		private.in_objection_chapter(private.objection_folder((storage.foldername(name))[1]))
		or ((storage.foldername(name))[2] = 'letters' and (storage.foldername(name))[3] = (select auth.uid())::text)
	));
create policy "organizers store objection files" on storage.objects for insert to authenticated
	with check (bucket_id = 'objection-files'
		and (storage.foldername(name))[2] in ('evidence', 'filings', 'receipts')
		and private.organizes_objection(private.objection_folder((storage.foldername(name))[1])));
create policy "representatives store their authorization letter" on storage.objects for insert to authenticated
	with check (bucket_id = 'objection-files'
		and (storage.foldername(name))[2] = 'letters' and (storage.foldername(name))[3] = (select auth.uid())::text
		and private.objection_text_open(private.objection_folder((storage.foldername(name))[1])));
create policy "organizers remove evidence files of drafts" on storage.objects for delete to authenticated
	using (bucket_id = 'objection-files' and (storage.foldername(name))[2] = 'evidence'
		and private.organizes_objection(private.objection_folder((storage.foldername(name))[1]))
		and private.objection_text_open(private.objection_folder((storage.foldername(name))[1])));
