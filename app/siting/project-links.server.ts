import pg from 'pg'
import { asCaller, type Caller } from '#app/db/db.server'
import { t } from '#app/i18n/i18n'

// "Which project is this about?" on the petition and event forms: one
// select whose options are the projects the chapters work on and, under
// each, its proceedings ("project:<id>" or "proceeding:<id>"). The database
// checks the same (private.check_project_link), so a forged value is refused.

export type ProjectOption = { value: string; label: string; projectId: string; proceedingId: string | null; chapterIds: string[] }

/** Projects the given chapters work on, with their proceedings, as options. */
export async function projectOptions(caller: Caller, chapterIds: string[]): Promise<ProjectOption[]> {
	if (chapterIds.length === 0) return []
	const rows = await asCaller(caller, (trx) =>
		trx
			.selectFrom('project_chapters as pc')
			.innerJoin('projects as p', 'p.id', 'pc.project_id')
			.leftJoin('proceedings as pr', 'pr.project_id', 'p.id')
			.select(['p.id as project_id', 'p.name as project_name', 'pc.chapter_id', 'pr.id as proceeding_id', 'pr.title as proceeding_title'])
			.where('pc.chapter_id', 'in', chapterIds)
			.orderBy('p.name')
			.orderBy('pr.created_at')
			.limit(500)
			.execute(),
	)
	const options = new Map<string, ProjectOption>()
	for (const row of rows) {
		const project = options.get(`project:${row.project_id}`) ?? {
			value: `project:${row.project_id}`,
			label: row.project_name,
			projectId: row.project_id,
			proceedingId: null,
			chapterIds: [],
		}
		if (!project.chapterIds.includes(row.chapter_id)) project.chapterIds.push(row.chapter_id)
		options.set(project.value, project)
	}
	for (const row of rows) {
		if (!row.proceeding_id || !row.proceeding_title) continue
		const key = `proceeding:${row.proceeding_id}`
		const project = options.get(`project:${row.project_id}`)
		options.set(key, {
			value: key,
			label: t('about.proceeding.option', { project: row.project_name, proceeding: row.proceeding_title }),
			projectId: row.project_id,
			proceedingId: row.proceeding_id,
			chapterIds: project?.chapterIds ?? [],
		})
	}
	// Each project followed by its own proceedings.
	return [...options.values()].sort((a, b) => a.label.localeCompare(b.label) || (a.proceedingId ? 1 : 0) - (b.proceedingId ? 1 : 0))
}

export type ProjectChoice = { ok: true; projectId: string | null; proceedingId: string | null } | { ok: false; message: string }

/** The posted choice, checked against the options and the chapter the petition or event belongs to. */
export function chooseProject(options: ProjectOption[], posted: FormDataEntryValue | null, chapterId: string | null): ProjectChoice {
	if (posted === null || posted === '') return { ok: true, projectId: null, proceedingId: null }
	const option = options.find((candidate) => candidate.value === posted)
	if (!option || !chapterId || !option.chapterIds.includes(chapterId)) return { ok: false, message: t('about.project.invalid') }
	return { ok: true, projectId: option.projectId, proceedingId: option.proceedingId }
}

/** The current link as the select's value. */
export function choiceValue(link: { project_id: string | null; proceeding_id: string | null }) {
	return link.proceeding_id ? `proceeding:${link.proceeding_id}` : link.project_id ? `project:${link.project_id}` : ''
}

export async function linkToProject(
	caller: Caller,
	table: 'petitions' | 'events',
	id: string,
	choice: { projectId: string | null; proceedingId: string | null },
) {
	try {
		await asCaller(caller, (trx) =>
			trx.updateTable(table).set({ project_id: choice.projectId, proceeding_id: choice.proceedingId }).where('id', '=', id).execute(),
		)
		return true
	} catch (error) {
		if (error instanceof pg.DatabaseError && (error.code === '23514' || error.code === '42501')) return false
		throw error
	}
}

/** The project (and proceeding) a petition or event is about, for its page. */
export async function projectLinkOf(caller: Caller, table: 'petitions' | 'events', id: string) {
	return asCaller(caller, async (trx) => {
		const link =
			table === 'petitions'
				? await trx.selectFrom('petitions').select(['project_id', 'proceeding_id']).where('id', '=', id).executeTakeFirst()
				: await trx.selectFrom('events').select(['project_id', 'proceeding_id']).where('id', '=', id).executeTakeFirst()
		if (!link?.project_id) return null
		const project = await trx.selectFrom('projects').select(['slug', 'name']).where('id', '=', link.project_id).executeTakeFirst()
		const proceeding = link.proceeding_id
			? await trx.selectFrom('proceedings').select(['slug', 'title']).where('id', '=', link.proceeding_id).executeTakeFirst()
			: undefined
		return project ? { slug: project.slug, name: project.name, proceeding: proceeding ?? null } : null
	})
}

/** The select's current value for a petition or event. */
export async function currentChoice(caller: Caller, table: 'petitions' | 'events', id: string) {
	return asCaller(caller, async (trx) => {
		const link =
			table === 'petitions'
				? await trx.selectFrom('petitions').select(['project_id', 'proceeding_id']).where('id', '=', id).executeTakeFirst()
				: await trx.selectFrom('events').select(['project_id', 'proceeding_id']).where('id', '=', id).executeTakeFirst()
		return link ? choiceValue(link) : ''
	})
}
