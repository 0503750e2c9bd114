import { sql, type Transaction } from 'kysely'
import type { z } from 'zod'
import { asCaller, type AuthenticatedCaller, type Caller, type Database } from '#app/db/db.server'
import type { Json } from '#app/db/types'
import { t } from '#app/i18n/i18n'
import type { timelineEntrySchema } from './edit-schemas'

// A project's timeline goes through the same revisions as its record
// (docs/decisions/049, 063): an editor's entry or correction applies at once
// and is recorded as an approved revision by them; anyone else's is a
// proposed revision the editors review. The revision's `changes` holds one
// `timeline` change, shown by the review table like any field (a "date:
// title" line each side, and the entry's source) and carrying the entry's
// values, so approving applies exactly what was proposed, and refuses it if
// the entry changed since (staleness, as for the record's fields).

export type TimelineValues = { occurredOn: string; title: string; sourceUrl: string }
export type TimelineChange = {
	from: string | null
	to: string
	source: string
	entry: { id: string | null; from: TimelineValues | null; to: TimelineValues }
}

type TimelineForm = z.infer<typeof timelineEntrySchema>

function dateText(value: Date) {
	return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
}

function line(values: TimelineValues) {
	return t('timeline.change', { date: values.occurredOn, title: values.title })
}

async function editorOf(trx: Transaction<Database>, projectId: string) {
	const { rows } = await sql<{ editor: boolean }>`select private.can_edit_project(${projectId}) as editor`.execute(trx)
	return rows[0]?.editor === true
}

async function entriesOf(trx: Transaction<Database>, projectId: string) {
	const rows = await trx
		.selectFrom('project_timeline_entries as e')
		.leftJoin('project_sources as s', 's.id', 'e.source_id')
		.select(['e.id', 'e.occurred_on', 'e.title', 's.url'])
		.where('e.project_id', '=', projectId)
		.orderBy('e.occurred_on', 'desc')
		.orderBy('e.created_at', 'desc')
		.limit(500)
		.execute()
	return rows.map((row) => ({ id: row.id, occurredOn: dateText(row.occurred_on), title: row.title, sourceUrl: row.url ?? '' }))
}

/** The project's timeline as its form shows it, and whether the caller's changes apply at once. */
export async function timelineForEdit(caller: Caller, slug: string) {
	return asCaller(caller, async (trx) => {
		const project = await trx.selectFrom('projects').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst()
		if (!project) return null
		return {
			project: { slug: project.slug, name: project.name },
			entries: await entriesOf(trx, project.id),
			editor: caller.role === 'authenticated' && (await editorOf(trx, project.id)),
		}
	})
}

export type TimelineOutcome = { ok: true; applied: boolean } | { ok: false; errors: Record<string, string> } | { ok: false; notFound: true }

/** Adds or corrects one entry: applied at once for an editor, proposed for anyone else. */
export async function saveTimelineEntry(caller: AuthenticatedCaller, slug: string, input: TimelineForm) {
	return asCaller(caller, async (trx): Promise<TimelineOutcome> => {
		const project = await trx.selectFrom('projects').select('id').where('slug', '=', slug).executeTakeFirst()
		if (!project) return { ok: false, notFound: true }
		const current = input.entryId ? (await entriesOf(trx, project.id)).find((entry) => entry.id === input.entryId) : undefined
		if (input.entryId && !current) return { ok: false, errors: { form: t('timeline.error.gone') } }
		// What happened has happened: a date after today anywhere in the country is a slip.
		if (input.occurredOn > new Date(Date.now() + 86400_000).toISOString().slice(0, 10))
			return { ok: false, errors: { occurredOn: t('timeline.error.future') } }
		const to: TimelineValues = { occurredOn: input.occurredOn, title: input.title, sourceUrl: input.sourceUrl }
		const from: TimelineValues | null = current
			? { occurredOn: current.occurredOn, title: current.title, sourceUrl: current.sourceUrl }
			: null
		if (from && from.occurredOn === to.occurredOn && from.title === to.title && from.sourceUrl === to.sourceUrl)
			return { ok: false, errors: { form: t('timeline.error.unchanged') } }
		const change: TimelineChange = {
			from: from ? line(from) : null,
			to: line(to),
			source: to.sourceUrl,
			entry: { id: current?.id ?? null, from, to },
		}
		const editor = await editorOf(trx, project.id)
		if (editor) await applyTimelineChange(trx, project.id, change, caller.claims.sub)
		await trx
			.insertInto('project_revisions')
			.values({
				project_id: project.id,
				author_id: caller.claims.sub,
				changes: { timeline: change } as unknown as Json,
				source_url: to.sourceUrl,
				note: input.note,
				...(editor ? { status: 'approved' as const, reviewed_by: caller.claims.sub, reviewed_at: sql<Date>`now()` } : {}),
			})
			.execute()
		return { ok: true, applied: editor }
	})
}

/** The timeline change a revision carries, if it is one. */
export function timelineChangeOf(changes: unknown): TimelineChange | null {
	if (changes === null || typeof changes !== 'object' || !('timeline' in changes)) return null
	const change = (changes as { timeline: unknown }).timeline
	if (change === null || typeof change !== 'object' || !('entry' in change)) return null
	return change as TimelineChange
}

/**
 * Writes a timeline change as the caller (an editor: the policies say so).
 * A correction applies only while the entry still says what it said when the
 * change was made; otherwise nothing is written and the answer is "stale".
 */
export async function applyTimelineChange(
	trx: Transaction<Database>,
	projectId: string,
	change: TimelineChange,
	userId: string,
): Promise<{ ok: true } | { ok: false; reason: 'stale' }> {
	const { id, from, to } = change.entry
	if (id) {
		const now = (await entriesOf(trx, projectId)).find((entry) => entry.id === id)
		if (!now || !from || now.occurredOn !== from.occurredOn || now.title !== from.title || now.sourceUrl !== from.sourceUrl)
			return { ok: false, reason: 'stale' }
	}
	const existing = await trx
		.selectFrom('project_sources')
		.select('id')
		.where('project_id', '=', projectId)
		.where('url', '=', to.sourceUrl)
		.executeTakeFirst()
	const sourceId =
		existing?.id ??
		(await trx.insertInto('project_sources').values({ project_id: projectId, url: to.sourceUrl }).returning('id').executeTakeFirstOrThrow())
			.id
	if (id) {
		await trx
			.updateTable('project_timeline_entries')
			.set({ occurred_on: to.occurredOn, title: to.title, source_id: sourceId })
			.where('id', '=', id)
			.where('project_id', '=', projectId)
			.execute()
	} else {
		await trx
			.insertInto('project_timeline_entries')
			.values({ project_id: projectId, occurred_on: to.occurredOn, title: to.title, source_id: sourceId, created_by: userId })
			.execute()
	}
	return { ok: true }
}
