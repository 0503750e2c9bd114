import { hash } from 'bcryptjs'
import type { ClientBase } from 'pg'

/** Every demo account signs in with this password (documented in seeds/README.md). */
export const DEMO_PASSWORD = 'groundwork-demo'

export type DemoPerson = {
	id: string
	email: string
	displayName: string
	postalCode: string
	jurisdictionSlug: string
	timeZone: string
}

// Fixed ids so that re-running the seed, tests and docs can name the same people.
export const people = {
	dana: {
		id: '5eed0000-0000-4000-8000-000000000001',
		email: 'dana.whitfield@example.org',
		displayName: 'Dana Whitfield',
		postalCode: '31046',
		jurisdictionSlug: 'us-ga-monroe',
		timeZone: 'America/New_York',
	},
	marcus: {
		id: '5eed0000-0000-4000-8000-000000000002',
		email: 'marcus.bell@example.org',
		displayName: 'Marcus Bell',
		postalCode: '31029',
		jurisdictionSlug: 'us-ga-monroe',
		timeZone: 'America/New_York',
	},
	priya: {
		id: '5eed0000-0000-4000-8000-000000000003',
		email: 'priya.raman@example.org',
		displayName: 'Priya Raman',
		postalCode: '20147',
		jurisdictionSlug: 'us-va-loudoun',
		timeZone: 'America/New_York',
	},
	ruth: {
		id: '5eed0000-0000-4000-8000-000000000004',
		email: 'ruth.kowalski@example.org',
		displayName: 'Ruth Kowalski',
		postalCode: '48176',
		jurisdictionSlug: 'us-mi-washtenaw',
		timeZone: 'America/Detroit',
	},
	luis: {
		id: '5eed0000-0000-4000-8000-000000000005',
		email: 'luis.herrera@example.org',
		displayName: 'Luis Herrera',
		postalCode: '85705',
		jurisdictionSlug: 'us-az-pima',
		timeZone: 'America/Phoenix',
	},
	grace: {
		id: '5eed0000-0000-4000-8000-000000000006',
		email: 'grace.okafor@example.org',
		displayName: 'Grace Okafor',
		postalCode: '20176',
		jurisdictionSlug: 'us-va-loudoun',
		timeZone: 'America/New_York',
	},
	tom: {
		id: '5eed0000-0000-4000-8000-000000000007',
		email: 'tom.nguyen@example.org',
		displayName: 'Tom Nguyen',
		postalCode: '20175',
		jurisdictionSlug: 'us-va-loudoun',
		timeZone: 'America/New_York',
	},
	evelyn: {
		id: '5eed0000-0000-4000-8000-000000000008',
		email: 'evelyn.carter@example.org',
		displayName: 'Evelyn Carter',
		postalCode: '22191',
		jurisdictionSlug: 'us-va-prince-william',
		timeZone: 'America/New_York',
	},
	ben: {
		id: '5eed0000-0000-4000-8000-000000000009',
		email: 'ben.schaefer@example.org',
		displayName: 'Ben Schaefer',
		postalCode: '48176',
		jurisdictionSlug: 'us-mi-washtenaw',
		timeZone: 'America/Detroit',
	},
} satisfies Record<string, DemoPerson>

export const demoPeople: DemoPerson[] = Object.values(people)

export async function seedPeople(client: ClientBase): Promise<{ people: number; passwordsHashed: number }> {
	const ids = demoPeople.map((person) => person.id)
	// bcrypt is the slow part of seeding, so an account that already has a hash keeps it.
	const { rows: hashed } = await client.query<{ id: string }>(
		`select id from auth.users where id = any($1::uuid[]) and coalesce(encrypted_password, '') <> ''`,
		[ids],
	)
	const keep = new Set(hashed.map((row) => row.id))
	const passwords = await Promise.all(demoPeople.map((person) => (keep.has(person.id) ? null : hash(DEMO_PASSWORD, 10))))

	// A real insert, so the on_auth_user_created trigger makes the profile rows.
	// Each statement skips rows that already match: ON CONFLICT would lock them,
	// and tests running beside a re-seed would wait on those locks for nothing.
	await client.query(
		`insert into auth.users as u (
			instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
			confirmation_token, recovery_token, email_change_token_new, email_change,
			email_change_token_current, phone_change, phone_change_token, reauthentication_token,
			raw_app_meta_data, raw_user_meta_data, is_super_admin, is_sso_user, is_anonymous,
			created_at, updated_at
		)
		select '00000000-0000-0000-0000-000000000000', p.id, 'authenticated', 'authenticated', p.email,
			p.encrypted_password, now(), '', '', '', '', '', '', '', '',
			'{"provider":"email","providers":["email"]}'::jsonb,
			jsonb_build_object('display_name', p.display_name), false, false, false, now(), now()
		from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as p(id, email, display_name, encrypted_password)
		where not exists (
			select from auth.users x
			where x.id = p.id
				and p.encrypted_password is null
				and x.email_confirmed_at is not null
				and x.deleted_at is null
				and not x.is_anonymous
				and x.instance_id = '00000000-0000-0000-0000-000000000000'
				and (x.aud, x.role, x.email) = ('authenticated', 'authenticated', p.email)
				and x.raw_app_meta_data = '{"provider":"email","providers":["email"]}'::jsonb
				and coalesce(x.raw_user_meta_data @> jsonb_build_object('display_name', p.display_name), false)
		)
		on conflict (id) do update set
			instance_id = excluded.instance_id, aud = excluded.aud, role = excluded.role, email = excluded.email,
			encrypted_password = coalesce(excluded.encrypted_password, u.encrypted_password),
			email_confirmed_at = coalesce(u.email_confirmed_at, excluded.email_confirmed_at),
			raw_app_meta_data = excluded.raw_app_meta_data,
			raw_user_meta_data = coalesce(u.raw_user_meta_data, '{}'::jsonb) || excluded.raw_user_meta_data,
			is_anonymous = false, deleted_at = null, updated_at = now()`,
		[ids, demoPeople.map((person) => person.email), demoPeople.map((person) => person.displayName), passwords],
	)

	await client.query(
		`with p as (
			select e.id, jsonb_build_object('sub', e.id::text, 'email', e.email, 'email_verified', true,
				'phone_verified', false) as identity_data
			from unnest($1::uuid[], $2::text[]) as e(id, email)
		)
		insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
		select p.id::text, p.id, p.identity_data, 'email', now(), now()
		from p
		where not exists (
			select from auth.identities x
			where x.provider = 'email' and x.provider_id = p.id::text
				and x.user_id = p.id and x.identity_data = p.identity_data
		)
		on conflict (provider_id, provider) do update set
			user_id = excluded.user_id, identity_data = excluded.identity_data, updated_at = now()`,
		[ids, demoPeople.map((person) => person.email)],
	)

	// The trigger made these rows on first insert; upserting also repairs later edits.
	await client.query(
		`insert into public.profiles (id, display_name)
		select p.id, p.display_name from unnest($1::uuid[], $2::text[]) as p(id, display_name)
		where not exists (select from public.profiles x where x.id = p.id and x.display_name = p.display_name)
		on conflict (id) do update set display_name = excluded.display_name`,
		[ids, demoPeople.map((person) => person.displayName)],
	)
	await client.query(
		`insert into public.profile_settings (user_id, postal_code, jurisdiction_id, time_zone)
		select p.id, p.postal_code, j.id, p.time_zone
		from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as p(id, postal_code, jurisdiction_slug, time_zone)
		join public.jurisdictions j on j.slug = p.jurisdiction_slug
		where not exists (
			select from public.profile_settings x
			where x.user_id = p.id
				and (x.postal_code, x.jurisdiction_id, x.time_zone) is not distinct from (p.postal_code, j.id, p.time_zone)
		)
		on conflict (user_id) do update set
			postal_code = excluded.postal_code, jurisdiction_id = excluded.jurisdiction_id, time_zone = excluded.time_zone`,
		[
			ids,
			demoPeople.map((person) => person.postalCode),
			demoPeople.map((person) => person.jurisdictionSlug),
			demoPeople.map((person) => person.timeZone),
		],
	)

	return { people: demoPeople.length, passwordsHashed: passwords.filter((password) => password !== null).length }
}
