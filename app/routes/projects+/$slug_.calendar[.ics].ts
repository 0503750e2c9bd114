import type { LoaderFunctionArgs } from '@remix-run/node'
import { anon } from '#app/db/db.server'
import { calendarResponse, projectCalendar } from '#app/siting/calendar.server'
import { getProject } from '#app/siting/projects.server'
import { notFound } from '#app/utils/responses.server'

/** Every dated clock of a project's proceedings, as a calendar feed. */
export async function loader({ params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	const project = /^[a-z0-9-]{1,80}$/.test(slug) ? await getProject(anon, slug) : null
	if (!project) notFound()
	return calendarResponse(projectCalendar(project), new Headers())
}
