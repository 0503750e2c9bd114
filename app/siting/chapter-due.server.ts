import { sql } from 'kysely'
import { asCaller, type Caller } from '#app/db/db.server'
import { DEFAULT_ZONE } from './projects.server'

// A chapter page's "Due this week": every clock in the next seven days on
// the projects the chapter works on (project_chapters), soonest first.

export type DueItem = Awaited<ReturnType<typeof dueThisWeek>>['items'][number]

export async function dueThisWeek(caller: Caller, chapterSlug: string) {
	const { rows, projects } = await asCaller(caller, async (trx) => ({
		projects: await trx
			.selectFrom('project_chapters as pc')
			.innerJoin('chapters as c', 'c.id', 'pc.chapter_id')
			.select((eb) => eb.fn.countAll<string>().as('count'))
			.where('c.slug', '=', chapterSlug)
			.executeTakeFirst(),
		rows: await trx
			.selectFrom('proceeding_clocks as k')
			.innerJoin('proceedings as pr', 'pr.id', 'k.proceeding_id')
			.innerJoin('projects as p', 'p.id', 'pr.project_id')
			.innerJoin('project_chapters as pc', 'pc.project_id', 'p.id')
			.innerJoin('chapters as c', 'c.id', 'pc.chapter_id')
			.leftJoin('bodies as b', 'b.id', 'pr.body_id')
			.select([
				'k.id',
				'k.kind',
				'k.label',
				'k.due_at',
				'k.all_day',
				'pr.slug as proceeding_slug',
				'pr.title as proceeding_title',
				'p.slug as project_slug',
				'p.name as project_name',
				'b.time_zone',
			])
			.where('c.slug', '=', chapterSlug)
			.where('k.due_at', '>', sql<Date>`now()`)
			.where('k.due_at', '<=', sql<Date>`now() + interval '7 days'`)
			.orderBy('k.due_at')
			.limit(30)
			.execute(),
	}))
	const items = rows.map((row) => ({
		id: row.id,
		kind: row.kind,
		label: row.label,
		dueAt: row.due_at,
		allDay: row.all_day,
		timeZone: row.time_zone ?? DEFAULT_ZONE,
		proceeding: { slug: row.proceeding_slug, title: row.proceeding_title },
		project: { slug: row.project_slug, name: row.project_name },
	}))
	return { items, projectCount: Number(projects?.count ?? 0) }
}
