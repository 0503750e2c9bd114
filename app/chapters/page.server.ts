import type { Transaction } from 'kysely'
import { asCaller, type Caller, type Database } from '#app/db/db.server'
import { upcomingEvents } from '#app/events/events.server'
import { notFound } from '#app/utils/responses.server'
import { activeActions } from './actions.server'
import { findChapter } from './chapters.server'
import { isOrganizer, viewerMembership } from './members.server'
import { recentUpdates } from './updates.server'

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** A chapter address from the URL, or a 404. */
export function chapterSlug(params: { slug?: string }) {
	const slug = params.slug ?? ''
	if (!SLUG.test(slug) || slug.length > 80) notFound()
	return slug
}

/** The reader's time zone: theirs when signed in, else the default. */
export async function readerTimeZone(trx: Transaction<Database>, userId: string | null) {
	if (!userId) return null
	const row = await trx.selectFrom('profile_settings').select('time_zone').where('user_id', '=', userId).executeTakeFirst()
	return row?.time_zone ?? null
}

/**
 * Everything the chapter page shows, read as the visitor in one
 * transaction: RLS decides whether a private chapter's events and updates
 * are theirs to see.
 */
export async function chapterPage(caller: Caller, slug: string, userId: string | null) {
	return asCaller(caller, async (trx) => {
		const chapter = await findChapter(trx, slug)
		if (!chapter) return null
		const membership = await viewerMembership(trx, chapter.id, userId)
		const events = await upcomingEvents(trx, chapter.id, 5)
		const updates = await recentUpdates(trx, chapter.id, 5)
		const actions = await activeActions(trx, chapter.id)
		const pendingRequests = isOrganizer(membership)
			? Number(
					(
						await trx
							.selectFrom('memberships')
							.select((eb) => eb.fn.countAll<string>().as('n'))
							.where('chapter_id', '=', chapter.id)
							.where('status', '=', 'pending')
							.executeTakeFirstOrThrow()
					).n,
				)
			: 0
		const timeZone = await readerTimeZone(trx, userId)
		return { chapter, membership, events, updates, actions, pendingRequests, timeZone }
	})
}

/**
 * The chapter and the caller's place in it, for the pages under a chapter,
 * or null when there is no such chapter the caller may see. The guards in
 * app/auth/guards.server.ts turn null (and a role the page needs) into a 404.
 */
export async function chapterWithViewer(caller: Caller, slug: string, userId: string | null) {
	return asCaller(caller, async (trx) => {
		const chapter = await findChapter(trx, slug)
		if (!chapter) return null
		const membership = await viewerMembership(trx, chapter.id, userId)
		const timeZone = await readerTimeZone(trx, userId)
		return { chapter, membership, timeZone }
	})
}
