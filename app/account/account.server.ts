import type { SupabaseClient } from '@supabase/supabase-js'
import { sql } from 'kysely'
import type { AuthenticatedCaller } from '#app/chapters/members.server'
import { asCaller, type Caller } from '#app/db/db.server'
import { ensureJobQueue } from '#app/jobs/queue.server'
import { lookupPostalCode } from '#app/places/postal-codes.server'

export type Account = {
	displayName: string
	avatarPath: string | null
	postalCode: string
	place: string | null
	memberships: Array<{ chapterName: string; chapterSlug: string; role: 'organizer' | 'member'; status: 'active' | 'pending' | 'invited' }>
}

/** What the account page shows: read as the person themselves, so RLS applies. */
export async function getAccount(caller: Caller, userId: string): Promise<Account> {
	return asCaller(caller, async (trx) => {
		const profile = await trx
			.selectFrom('profiles as p')
			.leftJoin('profile_settings as s', 's.user_id', 'p.id')
			.leftJoin('jurisdictions as j', 'j.id', 's.jurisdiction_id')
			.leftJoin('jurisdictions as parent', 'parent.id', 'j.parent_id')
			.select(['p.display_name', 'p.avatar_path', 's.postal_code', 'j.name as place_name', 'parent.abbreviation as region'])
			.where('p.id', '=', userId)
			.executeTakeFirst()
		const memberships = await trx
			.selectFrom('memberships as m')
			.innerJoin('chapters as c', 'c.id', 'm.chapter_id')
			.select(['c.name', 'c.slug', 'm.role', 'm.status'])
			.where('m.user_id', '=', userId)
			.orderBy('c.name')
			.execute()
		return {
			displayName: profile?.display_name ?? '',
			avatarPath: profile?.avatar_path ?? null,
			postalCode: profile?.postal_code ?? '',
			place: profile?.place_name ? [profile.place_name, profile.region].filter(Boolean).join(', ') : null,
			memberships: memberships.map((m) => ({ chapterName: m.name, chapterSlug: m.slug, role: m.role, status: m.status })),
		}
	})
}

export type ProfileOutcome = { ok: true } | { ok: false; reason: 'unknown_postal_code' }

/**
 * Saves the name and the ZIP code a person gave, with the county (or state)
 * the ZIP code lies in, so lists can start near them. A ZIP code we do not
 * know is refused rather than saved.
 */
export async function saveProfile(
	caller: Caller,
	userId: string,
	input: { displayName: string; postalCode: string },
): Promise<ProfileOutcome> {
	let jurisdictionId: number | null = null
	let normalized = ''
	if (input.postalCode) {
		const place = await asCaller(caller, (trx) => lookupPostalCode(trx, 'US', input.postalCode))
		if (!place) return { ok: false, reason: 'unknown_postal_code' }
		jurisdictionId = place.county?.id ?? place.state.id
		normalized = place.postalCode
	}
	await updateProfile(caller, userId, { displayName: input.displayName, postalCode: normalized, jurisdictionId })
	return { ok: true }
}

export async function updateProfile(
	caller: Caller,
	userId: string,
	changes: { displayName: string; postalCode: string; jurisdictionId: number | null },
) {
	await asCaller(caller, async (trx) => {
		await trx.updateTable('profiles').set({ display_name: changes.displayName }).where('id', '=', userId).execute()
		await trx
			.updateTable('profile_settings')
			.set({ postal_code: changes.postalCode || null, jurisdiction_id: changes.jurisdictionId })
			.where('user_id', '=', userId)
			.execute()
	})
}

export async function setAvatarPath(caller: Caller, userId: string, avatarPath: string | null) {
	await asCaller(caller, (trx) => trx.updateTable('profiles').set({ avatar_path: avatarPath }).where('id', '=', userId).execute())
}

/** Chapters that would be left with no organizer if this person left. */
export async function chaptersOnlyOrganizedBy(caller: Caller, userId: string) {
	return asCaller(caller, async (trx) => {
		const rows = await trx
			.selectFrom('memberships as mine')
			.innerJoin('chapters as c', 'c.id', 'mine.chapter_id')
			.select(['c.name', 'c.slug'])
			.where('mine.user_id', '=', userId)
			.where('mine.role', '=', 'organizer')
			.where('mine.status', '=', 'active')
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('memberships as other')
							.select('other.user_id')
							.whereRef('other.chapter_id', '=', 'mine.chapter_id')
							.where('other.user_id', '<>', userId)
							.where('other.role', '=', 'organizer')
							.where('other.status', '=', 'active'),
					),
				),
			)
			.execute()
		return rows
	})
}

/**
 * Everything Groundwork holds about the person, for "download my data": the
 * account from Auth, and from the database what private.account_export
 * gathers (what RLS shows them, and what it does not: signatures and event
 * answers made with their address before they had an account, invitations
 * to them, reports they filed, audit entries about them).
 */
export async function exportAccountData(caller: Caller, user: { id: string; email: string; createdAt?: string; lastSignInAt?: string }) {
	const stored = await asCaller(caller, async (trx) => {
		const { rows } = await sql<{ data: Record<string, unknown> }>`select private.account_export() as data`.execute(trx)
		return rows[0]?.data ?? {}
	})
	return {
		exportedAt: new Date().toISOString(),
		account: { id: user.id, email: user.email, createdAt: user.createdAt ?? null, lastSignInAt: user.lastSignInAt ?? null },
		...stored,
	}
}

export type DeleteAccountOutcome = { ok: true } | { ok: false; reason: 'sole_organizer' }

/**
 * Deletes the person's account. Files go first, through Storage (the
 * database cannot remove them): their profile pictures, and the covers of
 * drafts only they could see, which are erased with the account. Then Auth
 * removes the account, and in that same transaction the database erases,
 * anonymizes or hands over everything else (private.erase_account, see
 * docs/decisions/036): seats are freed and the waitlist moves up, with its
 * email. The service role is used here, after Auth has said who this is.
 */
export async function deleteAccount(caller: AuthenticatedCaller, admin: SupabaseClient): Promise<DeleteAccountOutcome> {
	const userId = caller.claims.sub
	if ((await chaptersOnlyOrganizedBy(caller, userId)).length > 0) return { ok: false, reason: 'sole_organizer' }
	await ensureJobQueue()
	const drafts = await asCaller(caller, (trx) =>
		trx
			.selectFrom('petitions')
			.select('id')
			.where('created_by', '=', userId)
			.where('chapter_id', 'is', null)
			.where('status', '=', 'draft')
			.execute(),
	)
	await setAvatarPath(caller, userId, null)
	await removeFolder(admin, 'avatars', userId)
	// Authorization letters uploaded to speak for an organization (docs/decisions/073).
	await removeFolder(admin, 'speaker-letters', userId)
	for (const draft of drafts) await removeFolder(admin, 'petition-covers', draft.id)
	const { error } = await admin.auth.admin.deleteUser(userId)
	if (error) {
		// Someone else stepped down as organizer in the meantime: the database refused.
		if ((await chaptersOnlyOrganizedBy(caller, userId)).length > 0) return { ok: false, reason: 'sole_organizer' }
		throw error
	}
	return { ok: true }
}

async function removeFolder(admin: SupabaseClient, bucket: string, folder: string) {
	const { data: files, error } = await admin.storage.from(bucket).list(folder, { limit: 1000 })
	if (error) throw error
	if (files.length === 0) return
	const { error: removeError } = await admin.storage.from(bucket).remove(files.map((file) => `${folder}/${file.name}`))
	if (removeError) throw removeError
}
