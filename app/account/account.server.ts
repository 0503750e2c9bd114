import { type Caller, asCaller } from '#app/db/db.server'

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

/** Everything Groundwork holds about the person, for "download my data". */
export async function exportAccountData(caller: Caller, user: { id: string; email: string; createdAt?: string; lastSignInAt?: string }) {
	return asCaller(caller, async (trx) => {
		const profile = await trx.selectFrom('profiles').selectAll().where('id', '=', user.id).executeTakeFirst()
		const settings = await trx.selectFrom('profile_settings').selectAll().where('user_id', '=', user.id).executeTakeFirst()
		const memberships = await trx
			.selectFrom('memberships as m')
			.innerJoin('chapters as c', 'c.id', 'm.chapter_id')
			.select(['c.name as chapter', 'c.slug', 'm.role', 'm.status', 'm.created_at as since'])
			.where('m.user_id', '=', user.id)
			.execute()
		const chapterEmailSettings = await trx
			.selectFrom('chapter_subscriptions as s')
			.innerJoin('chapters as c', 'c.id', 's.chapter_id')
			.select(['c.name as chapter', 's.frequency'])
			.where('s.user_id', '=', user.id)
			.execute()
		const eventAnswers = await trx
			.selectFrom('event_rsvps as r')
			// An event of a private chapter you left is no longer yours to read; your answer still is.
			.leftJoin('events as e', 'e.id', 'r.event_id')
			.select(['e.title as event', 'e.starts_at', 'r.name', 'r.email', 'r.status', 'r.created_at'])
			.where('r.user_id', '=', user.id)
			.execute()
		return {
			exportedAt: new Date().toISOString(),
			account: { id: user.id, email: user.email, createdAt: user.createdAt ?? null, lastSignInAt: user.lastSignInAt ?? null },
			profile: profile ?? null,
			settings: settings ?? null,
			memberships,
			chapterEmailSettings,
			eventAnswers,
		}
	})
}
