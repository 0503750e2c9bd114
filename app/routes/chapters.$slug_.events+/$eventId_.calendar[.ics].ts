import type { LoaderFunctionArgs } from '@remix-run/node'
import { optionalUser } from '#app/auth/guards.server'
import { findChapter } from '#app/chapters/chapters.server'
import { chapterSlug } from '#app/chapters/page.server'
import { asCaller } from '#app/db/db.server'
import { calendar, calendarFileName } from '#app/events/calendar.server'
import { eventUrl, findEvent, isUuid } from '#app/events/events.server'
import { plainText } from '#app/markdown/markdown'
import { env } from '#app/utils/env.server'
import { notFound } from '#app/utils/responses.server'

/** One event as an .ics file to open in any calendar app. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const slug = chapterSlug(params)
	const eventId = params.eventId
	if (!isUuid(eventId)) notFound()
	const { caller, headers } = await optionalUser(request)
	const found = await asCaller(caller, async (trx) => {
		const chapter = await findChapter(trx, slug)
		const event = chapter ? await findEvent(trx, chapter.id, eventId) : null
		return chapter && event ? { chapter, event } : null
	})
	if (!found) notFound(headers)
	const { chapter, event } = found
	const body = calendar({
		name: chapter.name,
		host: new URL(env().SITE_URL).host,
		events: [{ ...event, description: plainText(event.description, 2000), url: eventUrl(chapter.slug, event.id) }],
	})
	headers.set('Content-Type', 'text/calendar; charset=utf-8')
	headers.set('Content-Disposition', `attachment; filename="${calendarFileName(event.title, event.startsAt, event.timeZone)}"`)
	headers.set('Cache-Control', 'private, max-age=60')
	return new Response(body, { headers })
}
