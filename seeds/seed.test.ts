import { readFile } from 'node:fs/promises'
import { compare } from 'bcryptjs'
import pg from 'pg'
import { expect, test } from 'vitest'
import { migrate, recreateDatabase } from '#supabase/local/migrate'
import { demoChapters, demoMemberships, FIGHTS_CREDIT } from './chapters'
import { seed } from './index'
import { cities, countyName, utilityCommissions } from './jurisdictions'
import { demoPeople } from './people'

// The test database is shared with other test files running at the same
// time, so every query here is limited to what the seed owns.

function databaseUrl() {
	const url = process.env.DATABASE_URL
	if (!url) throw new Error('DATABASE_URL is not set: run the tests through vitest')
	return url
}

async function withClient<T>(work: (client: pg.Client) => Promise<T>, url = databaseUrl()): Promise<T> {
	const client = new pg.Client({ connectionString: url })
	await client.connect()
	try {
		return await work(client)
	} finally {
		await client.end()
	}
}

const chapterSlugs = demoChapters.map((chapter) => chapter.slug)
const userIds = demoPeople.map((person) => person.id)

/** Counts and a digest of every row the seed writes, ids included. */
async function seededRows(client: pg.Client) {
	const { rows } = await client.query<Record<string, string>>(
		`with us as (select id from public.jurisdictions where iso_code = 'US'),
		states as (select j.* from public.jurisdictions j where j.kind = 'state' and j.parent_id = (select id from us)),
		counties as (select j.* from public.jurisdictions j where j.kind = 'county' and j.parent_id in (select id from states)),
		places as (
			select * from public.jurisdictions where kind = 'country' and iso_code in ('US', 'CA', 'GB', 'IE', 'NL', 'ES', 'CL', 'UY')
			union all select * from states
			union all select * from counties
			union all select * from public.jurisdictions where slug = any($3::text[])
		),
		chapters as (select * from public.chapters where slug = any($1::text[])),
		memberships as (select m.* from public.memberships m where m.chapter_id in (select id from chapters))
		select
			(select count(*) from states)::text as states,
			(select count(*) from counties)::text as counties,
			(select count(*) from places)::text as places,
			(select md5(string_agg(concat_ws('|', id, kind, name, parent_id, iso_code, fips_code, abbreviation, slug, latitude, longitude, updated_at), ',' order by id)) from places) as places_digest,
			(select count(*) from auth.users where id = any($2::uuid[]))::text as users,
			(select md5(string_agg(concat_ws('|', id, email, encrypted_password, raw_user_meta_data, updated_at), ',' order by id)) from auth.users where id = any($2::uuid[])) as users_digest,
			(select count(*) from auth.identities where user_id = any($2::uuid[]))::text as identities,
			(select md5(string_agg(concat_ws('|', id, provider_id, identity_data, updated_at), ',' order by id)) from auth.identities where user_id = any($2::uuid[])) as identities_digest,
			(select count(*) from public.profiles where id = any($2::uuid[]))::text as profiles,
			(select md5(string_agg(concat_ws('|', id, display_name, updated_at), ',' order by id)) from public.profiles where id = any($2::uuid[])) as profiles_digest,
			(select md5(string_agg(concat_ws('|', user_id, postal_code, jurisdiction_id, updated_at), ',' order by user_id)) from public.profile_settings where user_id = any($2::uuid[])) as settings_digest,
			(select count(*) from chapters)::text as chapters,
			(select md5(string_agg(concat_ws('|', id, slug, description, member_count, updated_at), ',' order by slug)) from chapters) as chapters_digest,
			(select count(*) from memberships)::text as memberships,
			(select md5(string_agg(concat_ws('|', chapter_id, user_id, role, status, updated_at), ',' order by chapter_id, user_id)) from memberships) as memberships_digest,
			(select count(*) from public.postal_codes where country_code = 'US')::text as postal_codes,
			(select count(*) from public.postal_codes where country_code = 'US' and county_id is null)::text as postal_codes_without_county,
			(select md5(string_agg(concat_ws('|', postal_code, place_name, county_id, state_id, latitude, longitude, updated_at), ',' order by postal_code)) from public.postal_codes where country_code = 'US') as postal_codes_digest`,
		[chapterSlugs, userIds, [...cities, ...utilityCommissions].map((place) => place.slug)],
	)
	return rows[0]
}

/** A database of its own, migrated and empty, dropped afterwards. */
async function withEmptyDatabase(work: (url: string) => Promise<void>) {
	const url = new URL(databaseUrl())
	url.pathname = `/groundwork_seed_test_${process.pid}`
	await recreateDatabase(url.toString())
	try {
		await migrate(url.toString())
		await work(url.toString())
	} finally {
		const maintenance = new URL(databaseUrl())
		maintenance.pathname = '/postgres'
		const client = new pg.Client({ connectionString: maintenance.toString() })
		await client.connect()
		await client.query(`drop database if exists ${client.escapeIdentifier(url.pathname.slice(1))} with (force)`)
		await client.end()
	}
}

test('seeding an empty database, then seeding it again, leaves exactly the same rows', async () => {
	await withEmptyDatabase(async (url) => {
		const log: string[] = []
		await seed(url, { onlyIfEmpty: true, log: (line) => log.push(line) })
		const first = await withClient(seededRows, url)
		await seed(url, { log: (line) => log.push(line) })
		const second = await withClient(seededRows, url)

		expect(second).toEqual(first)
		expect(first).toMatchObject({
			states: '56',
			counties: '3231',
			users: String(demoPeople.length),
			identities: String(demoPeople.length),
			// Made by the on_auth_user_created trigger.
			profiles: String(demoPeople.length),
			chapters: String(demoChapters.length),
			memberships: String(new Set(demoMemberships.map((m) => `${m.chapterSlug} ${m.userId}`)).size),
		})
		// Every ZIP the seed reports is in the table, and nearly all have a county.
		expect(Number(first?.postal_codes)).toBeGreaterThan(40_000)
		expect(Number(first?.postal_codes_without_county)).toBeLessThan(1_000)
		expect(
			log.filter((line) =>
				line.includes(` cities, ${first?.postal_codes} ZIP codes (${first?.postal_codes_without_county} without a county;`),
			),
		).toHaveLength(2)
		expect(log).toContain(
			`seed: ${demoPeople.length} demo accounts (${demoPeople.length} passwords hashed), ${demoChapters.length} chapters, ${demoMemberships.length} memberships`,
		)
		expect(log).toContain(
			`seed: ${demoPeople.length} demo accounts (0 passwords hashed), ${demoChapters.length} chapters, ${demoMemberships.length} memberships`,
		)
		expect(log.filter((line) => /^seed: done in \d+ ms$/.test(line))).toHaveLength(2)
	})
})

test('seeding the shared test database again changes nothing', async () => {
	await seed(databaseUrl())
	const first = await withClient(seededRows)
	await seed(databaseUrl())
	expect(await withClient(seededRows)).toEqual(first)
})

test('every state, DC and territory is a state under the United States, with its postal code', async () => {
	await seed(databaseUrl())
	const states = await withClient(async (client) => {
		const { rows } = await client.query<{ fips_code: string; abbreviation: string; iso_code: string; slug: string }>(
			`select s.fips_code, s.abbreviation, s.iso_code, s.slug
			from public.jurisdictions s join public.jurisdictions us on us.id = s.parent_id
			where s.kind = 'state' and us.iso_code = 'US' and us.kind = 'country'`,
		)
		return rows
	})
	expect(states.length).toBeGreaterThanOrEqual(51)
	expect(states).toContainEqual({ fips_code: '51', abbreviation: 'VA', iso_code: 'US-VA', slug: 'us-va' })
	expect(states).toContainEqual({ fips_code: '11', abbreviation: 'DC', iso_code: 'US-DC', slug: 'us-dc' })
	expect(states).toContainEqual({ fips_code: '72', abbreviation: 'PR', iso_code: 'US-PR', slug: 'us-pr' })
})

test('every county is under its state, with its FIPS code and a centroid inside it', async () => {
	await seed(databaseUrl())
	await withClient(async (client) => {
		const { rows: counted } = await client.query<{ n: number }>(
			`select count(*)::int as n from public.jurisdictions c
			join public.jurisdictions s on s.id = c.parent_id and s.kind = 'state'
			where c.kind = 'county' and left(c.fips_code, 2) = s.fips_code`,
		)
		expect(counted[0]?.n).toBeGreaterThanOrEqual(3140)

		const { rows } = await client.query<{ name: string; slug: string; state: string; latitude: number; longitude: number }>(
			`select c.name, c.slug, s.abbreviation as state, c.latitude, c.longitude
			from public.jurisdictions c join public.jurisdictions s on s.id = c.parent_id
			where c.fips_code = '51107'`,
		)
		const loudoun = rows[0]
		expect(loudoun).toMatchObject({ name: 'Loudoun County', slug: 'us-va-loudoun', state: 'VA' })
		// Virginia's bounding box.
		expect(loudoun?.latitude).toBeGreaterThan(36.54)
		expect(loudoun?.latitude).toBeLessThan(39.47)
		expect(loudoun?.longitude).toBeGreaterThan(-83.68)
		expect(loudoun?.longitude).toBeLessThan(-75.24)

		const { rows: slugs } = await client.query<{ fips_code: string; slug: string }>(
			`select fips_code, slug from public.jurisdictions where fips_code in ('35013', '51059', '51600') order by fips_code`,
		)
		expect(slugs).toEqual([
			{ fips_code: '35013', slug: 'us-nm-dona-ana' },
			{ fips_code: '51059', slug: 'us-va-fairfax-51059' },
			{ fips_code: '51600', slug: 'us-va-fairfax-51600' },
		])
	})
})

test('each demo account signs in with the password in seeds/README.md', async () => {
	await seed(databaseUrl())
	const readme = await readFile(new URL('./README.md', import.meta.url), 'utf8')
	const documented = /Password: `([^`]+)`/.exec(readme)?.[1]
	expect(documented).toBeTruthy()

	const users = await withClient(async (client) => {
		const { rows } = await client.query<{
			id: string
			email: string
			encrypted_password: string
			display_name: string
			identity_email: string | null
			jurisdiction_id: number | null
		}>(
			`select u.id, u.email, u.encrypted_password, p.display_name, i.identity_data ->> 'email' as identity_email,
				s.jurisdiction_id
			from auth.users u
			join public.profiles p on p.id = u.id
			join public.profile_settings s on s.user_id = u.id
			left join auth.identities i on i.user_id = u.id and i.provider = 'email' and i.provider_id = u.id::text
			where u.id = any($1::uuid[])`,
			[userIds],
		)
		return rows
	})
	expect(users).toHaveLength(demoPeople.length)
	for (const user of users) {
		expect(readme).toContain(user.email)
		expect(await compare(documented ?? '', user.encrypted_password)).toBe(true)
		expect(user.display_name).not.toBe('')
		expect(user.identity_email).toBe(user.email)
		expect(user.jurisdiction_id).not.toBeNull()
	}
})

test('each demo chapter has an active organizer, and the memberships cover every status', async () => {
	await seed(databaseUrl())
	const chapters = await withClient(async (client) => {
		const { rows } = await client.query<{
			slug: string
			visibility: string
			description: string
			organizers: number
			pending: number
			invited: number
			member_count: number
			active: number
		}>(
			`select c.slug, c.visibility, c.description, c.member_count,
				count(*) filter (where m.role = 'organizer' and m.status = 'active')::int as organizers,
				count(*) filter (where m.status = 'active')::int as active,
				count(*) filter (where m.status = 'pending')::int as pending,
				count(*) filter (where m.status = 'invited')::int as invited
			from public.chapters c left join public.memberships m on m.chapter_id = c.id
			where c.slug = any($1::text[])
			group by c.id`,
			[chapterSlugs],
		)
		return rows
	})
	expect(chapters).toHaveLength(demoChapters.length)
	for (const chapter of chapters) {
		expect(chapter.organizers, chapter.slug).toBeGreaterThanOrEqual(1)
		expect(chapter.member_count, chapter.slug).toBe(chapter.active)
		// Figures and dates come from the tracker, whose licence asks for credit.
		if (/\d/.test(chapter.description)) expect(chapter.description.endsWith(FIGHTS_CREDIT), chapter.slug).toBe(true)
	}
	expect(chapters.some((chapter) => chapter.visibility === 'private' && chapter.pending > 0)).toBe(true)
	expect(chapters.some((chapter) => chapter.invited > 0)).toBe(true)
})

test('onlyIfEmpty leaves a database that already has chapters alone', async () => {
	await seed(databaseUrl())
	const [chapter] = demoChapters
	if (!chapter) throw new Error('no demo chapters')
	const edited = 'Edited by the onlyIfEmpty test.'
	const description = async () =>
		withClient(async (client) => {
			const { rows } = await client.query<{ description: string }>('select description from public.chapters where slug = $1', [
				chapter.slug,
			])
			return rows[0]?.description
		})
	await withClient((client) => client.query('update public.chapters set description = $1 where slug = $2', [edited, chapter.slug]))

	const log: string[] = []
	await seed(databaseUrl(), { onlyIfEmpty: true, log: (line) => log.push(line) })
	expect(await description()).toBe(edited)
	expect(log.join('\n')).toMatch(/skipped/)

	// A full run puts the demo text back.
	await seed(databaseUrl())
	expect(await description()).toBe(chapter.description)
})

test('county names read the way people say them', () => {
	expect(countyName('51107', 'Loudoun')).toBe('Loudoun County')
	expect(countyName('22033', 'East Baton Rouge')).toBe('East Baton Rouge Parish')
	expect(countyName('51600', 'Fairfax')).toBe('City of Fairfax')
	expect(countyName('51059', 'Fairfax')).toBe('Fairfax County')
	expect(countyName('24510', 'Baltimore')).toBe('Baltimore City')
	expect(countyName('02060', 'Bristol Bay')).toBe('Bristol Bay')
	expect(countyName('32510', 'Carson City')).toBe('Carson City')
})
