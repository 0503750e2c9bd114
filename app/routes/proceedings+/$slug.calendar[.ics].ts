import type { LoaderFunctionArgs } from '@remix-run/node'
import { anon, asCaller } from '#app/db/db.server'
import { calendarResponse, projectCalendar } from '#app/siting/calendar.server'
import { getProject } from '#app/siting/projects.server'
import { notFound } from '#app/utils/responses.server'

/** One proceeding's dates (notice, comment deadline, sign-up, hearings, vote, appeal window) as a calendar file. */
export async function loader({ params }: LoaderFunctionArgs) {
	const slug = params.slug ?? ''
	if (!/^[a-z0-9-]{1,100}$/.test(slug)) notFound()
	const owner = await asCaller(anon, (trx) =>
		trx
			.selectFrom('proceedings as pr')
			.innerJoin('projects as p', 'p.id', 'pr.project_id')
			.select('p.slug')
			.where('pr.slug', '=', slug)
			.executeTakeFirst(),
	)
	const project = owner ? await getProject(anon, owner.slug) : null
	if (!project) notFound()
	const headers = new Headers({ 'Content-Disposition': `attachment; filename="${slug}.ics"` })
	return calendarResponse(projectCalendar(project, slug), headers)
}
