import { calendar, type CalendarEvent } from '#app/events/calendar.server'
import { t } from '#app/i18n/i18n'
import { env } from '#app/utils/env.server'
import type { ProjectDetail } from './projects.server'

// A proceeding's clocks, or a whole project's, as an iCalendar file that
// calendar apps can subscribe to. A deadline is an hour-long entry ending at
// the deadline (so "comments close 5 pm" shows at 4–5 pm); an all-day one
// covers its whole day in UTC terms of the body's date.

function clockEvents(project: ProjectDetail, proceedingSlug?: string): CalendarEvent[] {
	const site = env().SITE_URL
	return project.proceedings
		.filter((proceeding) => !proceedingSlug || proceeding.slug === proceedingSlug)
		.flatMap((proceeding) =>
			proceeding.clocks.map((clock) => {
				const what = clock.label ?? t(`clock.${clock.kind}`)
				const endsAt = clock.dueAt
				const startsAt = clock.kind === 'hearing' || clock.kind === 'vote' ? clock.dueAt : new Date(clock.dueAt.getTime() - 3_600_000)
				return {
					id: `clock-${clock.id}`,
					title: `${what}: ${project.name}`,
					description: [proceeding.title, clock.explanation ?? ''].filter(Boolean).join('\n'),
					startsAt,
					endsAt: clock.kind === 'hearing' || clock.kind === 'vote' ? new Date(clock.dueAt.getTime() + 2 * 3_600_000) : endsAt,
					locationName: clock.place ?? proceeding.body?.meetingPlace ?? null,
					address: null,
					onlineUrl: null,
					status: 'scheduled' as const,
					url: new URL(`/projects/${project.slug}#proceeding-${proceeding.slug}`, site).toString(),
					updatedAt: clock.dueAt,
				}
			}),
		)
}

export function projectCalendar(project: ProjectDetail, proceedingSlug?: string) {
	const proceeding = proceedingSlug ? project.proceedings.find((item) => item.slug === proceedingSlug) : null
	return calendar({
		name: proceeding ? `${proceeding.title} — ${project.name}` : project.name,
		host: new URL(env().SITE_URL).host,
		events: clockEvents(project, proceedingSlug),
	})
}

export function calendarResponse(body: string, headers: Headers) {
	headers.set('Content-Type', 'text/calendar; charset=utf-8')
	headers.set('Cache-Control', 'public, max-age=300')
	return new Response(body, { headers })
}
