import type { LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { optionalUser } from '#app/auth/guards.server'
import { findChapter } from '#app/chapters/chapters.server'
import { chapterSlug } from '#app/chapters/page.server'
import { asCaller } from '#app/db/db.server'
import { calendar } from '#app/events/calendar.server'
import { eventUrl } from '#app/events/events.server'
import { plainText } from '#app/markdown/markdown'
import { env } from '#app/utils/env.server'
import { notFound } from '#app/utils/responses.server'

/**
 * A chapter's calendar feed: its events from the last 30 days on, cancelled
 * ones marked so, for calendar apps to subscribe to. A private chapter's
 * feed needs a signed-in member (see docs/decisions/015).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = chapterSlug(params)
	const { caller, headers } = await optionalUser(request)
	const found = await asCaller(caller, async (trx) => {
		const chapter = await findChapter(trx, slug)
		if (!chapter) return null
		const events = await trx
			.selectFrom('events')
			.select([
				'id',
				'title',
				'description',
				'starts_at',
				'ends_at',
				'location_name',
				'address',
				'online_url',
				'status',
				'updated_at',
				'sequence',
			])
			.where('chapter_id', '=', chapter.id)
			.where('ends_at', '>', sql<Date>`now() - interval '30 days'`)
			.orderBy('starts_at')
			.limit(500)
			.execute()
		return { chapter, events }
	})
	if (!found) notFound(headers)
	const { chapter, events } = found
	const body = calendar({
		name: chapter.name,
		host: new URL(env().SITE_URL).host,
		events: events.map((event) => ({
			id: event.id,
			title: event.title,
			description: plainText(event.description, 2000),
			startsAt: event.starts_at,
			endsAt: event.ends_at,
			locationName: event.location_name,
			address: event.address,
			onlineUrl: event.online_url,
			status: event.status,
			url: eventUrl(chapter.slug, event.id),
			updatedAt: event.updated_at,
			sequence: event.sequence,
		})),
	})
	headers.set('Content-Type', 'text/calendar; charset=utf-8')
	headers.set('Cache-Control', chapter.visibility === 'public' ? 'public, max-age=300' : 'private, max-age=60')
	return new Response(body, { headers })
}
