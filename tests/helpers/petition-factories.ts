import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { uniqueSuffix, type Chapter, type User } from './factories'
import { onlyRow } from './rls'

// Petitions and signatures for tests, inserted as the connecting superuser
// (inside the caller's transaction when it has one).

export type Petition = { id: string; slug: string; chapterId: string | null; createdBy: string }
export type PetitionStatus = 'draft' | 'published' | 'closed' | 'delivered'

export async function createPetition(
	client: pg.ClientBase,
	options: { organizer: User; chapter?: Chapter | null; status?: PetitionStatus; goal?: number; deadline?: Date | null },
): Promise<Petition> {
	const slug = `test-petition-${uniqueSuffix()}`
	const row = onlyRow(
		await client.query<{ id: string }>(
			`insert into public.petitions (slug, title, decision_maker, summary, body, signature_goal, chapter_id, created_by, deadline)
			values ($1, 'Keep the county water study public', 'County Board of Supervisors',
				'Publish the full water study before any vote on the rezoning.', 'Why it **matters**.', $2, $3, $4, $5)
			returning id`,
			[slug, options.goal ?? 100, options.chapter?.id ?? null, options.organizer.id, options.deadline ?? null],
		),
	)
	const status = options.status ?? 'published'
	if (status !== 'draft') await client.query(`update public.petitions set status = 'published' where id = $1`, [row.id])
	if (status === 'closed') await client.query(`update public.petitions set status = 'closed' where id = $1`, [row.id])
	if (status === 'delivered') {
		await client.query(
			`update public.petitions set status = 'delivered', delivered_on = current_date, delivery_method = 'By hand' where id = $1`,
			[row.id],
		)
	}
	return { id: row.id, slug, chapterId: options.chapter?.id ?? null, createdBy: options.organizer.id }
}

export type Signature = { id: string; email: string; token: string }

/** A signature row as the signing functions would leave it; pending unless told. */
export async function createSignature(
	client: pg.ClientBase,
	petition: Petition,
	overrides: {
		name?: string
		email?: string
		status?: 'pending' | 'confirmed' | 'suspected' | 'invalidated'
		showName?: boolean
		wantsUpdates?: boolean
		ip?: string
		postalCode?: string
		userId?: string | null
		createdAt?: Date
	} = {},
): Promise<Signature> {
	const email = overrides.email ?? `signer-${randomUUID().slice(0, 12)}@example.org`
	const status = overrides.status ?? 'pending'
	const row = onlyRow(
		await client.query<{ id: string; token: string }>(
			`insert into public.signatures (petition_id, name, email, email_normalized, email_domain, country_code, postal_code,
				county_id, state_id, place_label, show_name, wants_updates, status, confirmed_at, ip, user_id, created_at, processed_at)
			select $1, $2, $3, private.normalize_email($3), split_part(private.normalize_email($3), '@', 2), 'US', z.postal_code,
				z.county_id, z.state_id, z.place_name || ', VA', $4, $5, $6::public.signature_status,
				case when $6 = 'confirmed' then now() end, $7::inet, $8, $9, $9
			from public.postal_codes z where z.country_code = 'US' and z.postal_code = $10
			returning id, token`,
			[
				petition.id,
				overrides.name ?? 'Robin Signer',
				email,
				overrides.showName ?? false,
				overrides.wantsUpdates ?? false,
				status,
				overrides.ip ?? '203.0.113.9',
				overrides.userId ?? null,
				overrides.createdAt ?? new Date(),
				overrides.postalCode ?? '20175',
			],
		),
	)
	return { id: row.id, email, token: row.token }
}

export async function makeModerator(client: pg.ClientBase, user: User) {
	await client.query(`insert into public.site_roles (user_id, role) values ($1, 'moderator')`, [user.id])
}
