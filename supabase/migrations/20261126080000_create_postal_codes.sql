-- Postal codes and the places they lie in, so a ZIP typed on the account page
-- or a petition resolves to a county and a state without a call to an outside
-- service. Loaded by the seed from GeoNames (CC BY 4.0, see seeds/README.md).

create table public.postal_codes (
	-- ISO 3166-1 alpha-2, like jurisdictions.country_code.
	country_code char(2) not null check (country_code ~ '^[A-Z]{2}$'),
	-- As the country's post office writes it; a US ZIP is exactly five digits
	-- (ZIP+4 is cut to its ZIP before lookup).
	postal_code text not null check (
		char_length(postal_code) between 2 and 10
		and (country_code <> 'US' or postal_code ~ '^[0-9]{5}$')
	),
	-- The post office's name for the place, often not the municipality.
	place_name text not null check (char_length(place_name) between 1 and 200),
	-- Null when the county is not a seeded jurisdiction, such as a Connecticut
	-- planning region the data uses in place of the old counties.
	county_id integer references public.jurisdictions (id) on delete restrict,
	-- Every row resolves at least to a state; ZIPs that do not (APO/FPO) are
	-- not loaded.
	state_id integer not null references public.jurisdictions (id) on delete restrict,
	latitude double precision check (latitude between -90 and 90),
	longitude double precision check (longitude between -180 and 180),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	primary key (country_code, postal_code),
	check ((latitude is null) = (longitude is null))
);
-- Foreign keys are indexed so deleting or merging a jurisdiction does not scan
-- every postal code, and so "ZIPs in this county" is cheap.
create index postal_codes_county_id_idx on public.postal_codes (county_id);
create index postal_codes_state_id_idx on public.postal_codes (state_id);

create trigger postal_codes_touch_updated_at before update on public.postal_codes
	for each row execute function private.touch_updated_at();

alter table public.postal_codes enable row level security;

-- Public reference data, like jurisdictions: a visitor signing a petition
-- resolves a ZIP as anon. Only the service role (seeds, admin tools) writes
-- it, so there are no insert, update or delete policies.
create policy "postal codes are readable by everyone" on public.postal_codes
	for select to anon, authenticated using (true);
