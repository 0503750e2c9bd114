import { sql, type Transaction } from 'kysely'
import pg from 'pg'
import { asCaller, type Caller, type Database } from '#app/db/db.server'
import { documentLinks, type RecordsRequestInput } from './community-schemas'
import { responseDeadline, type RecordsRule } from './records-deadline'

// Public-records requests about a project: often the only way past an NDA.
// Editors of the project track them; the response deadline is computed from
// the state's law when the request is sent, and stored with it.

/** A `date` column as YYYY-MM-DD. pg makes it a Date at local midnight, so its local parts are the date. */
export function dateText(value: Date | string | null) {
	if (value === null) return null
	if (typeof value === 'string') return value.slice(0, 10)
	const pad = (n: number) => String(n).padStart(2, '0')
	return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
}

/** The state's records rule as the deadline engine takes it, from a row that joined `records_request_rules`. */
export function ruleOf(row: {
	response_days: number | null
	day_count: string | null
	statute: string | null
	notes: string | null
	source_url: string | null
}): RecordsRule | null {
	return row.statute
		? {
				responseDays: row.response_days,
				dayCount: row.day_count === 'business' || row.day_count === 'calendar' ? row.day_count : null,
				statute: row.statute,
				notes: row.notes,
				sourceUrl: row.source_url ?? '',
			}
		: null
}

async function projectContext(trx: Transaction<Database>, slug: string, caller: Caller) {
	const project = await trx
		.selectFrom('projects as p')
		.innerJoin('jurisdictions as s', 's.id', 'p.state_id')
		.leftJoin('records_request_rules as r', 'r.state_id', 'p.state_id')
		.select([
			'p.id',
			'p.slug',
			'p.name',
			's.name as state_name',
			's.abbreviation as state_abbreviation',
			'r.response_days',
			'r.day_count',
			'r.statute',
			'r.notes',
			'r.source_url',
			sql<boolean>`${caller.role === 'authenticated'} and private.can_edit_project(p.id)`.as('can_edit'),
		])
		.where('p.slug', '=', slug)
		.executeTakeFirst()
	if (!project) return null
	const chapters = await trx
		.selectFrom('project_chapters as pc')
		.innerJoin('chapters as c', 'c.id', 'pc.chapter_id')
		.select(['c.id', 'c.name'])
		.where('pc.project_id', '=', project.id)
		.where('c.archived_at', 'is', null)
		.orderBy('c.name')
		.execute()
	const rule = ruleOf(project)
	return {
		id: project.id,
		slug: project.slug,
		name: project.name,
		stateName: project.state_name,
		state: project.state_abbreviation,
		rule,
		chapters,
		canEdit: project.can_edit,
	}
}

export type RecordsContext = NonNullable<Awaited<ReturnType<typeof getRecordsContext>>>

/** A project as the records forms need it: its state's rule, the chapters that work on it, whether the caller may edit. */
export async function getRecordsContext(caller: Caller, projectSlug: string) {
	return asCaller(caller, (trx) => projectContext(trx, projectSlug, caller))
}

export type RecordsRequestView = Awaited<ReturnType<typeof listRecordsRequests>>[number]

/** Every request about a project with its documents and its deadline as the state's law sets it. */
export async function listRecordsRequests(caller: Caller, projectSlug: string) {
	return asCaller(caller, async (trx) => {
		const context = await projectContext(trx, projectSlug, caller)
		if (!context) return []
		return requestsOf(trx, context)
	})
}

export async function requestsOf(
	trx: Transaction<Database>,
	context: { id: string; state: string | null; rule: RecordsRule | null },
	requestId?: string,
) {
	let select = trx
		.selectFrom('records_requests as q')
		.leftJoin('chapters as c', 'c.id', 'q.chapter_id')
		.select([
			'q.id',
			'q.body_name',
			'q.asked_for',
			'q.sent_on',
			'q.response_due_on',
			'q.status',
			'q.outcome',
			'q.chapter_id',
			'c.name as chapter_name',
			'c.slug as chapter_slug',
		])
		.where('q.project_id', '=', context.id)
	if (requestId) select = select.where('q.id', '=', requestId)
	const requests = await select.orderBy('q.created_at', 'desc').execute()
	const documents = requests.length
		? await trx
				.selectFrom('records_request_documents')
				.select(['request_id', 'title', 'url'])
				.where(
					'request_id',
					'in',
					requests.map((request) => request.id),
				)
				.orderBy('created_at')
				.execute()
		: []
	// The files received: RLS shows shared ones to everyone, held ones to the project's editors (docs/decisions/062).
	const files = requests.length
		? await trx
				.selectFrom('records_request_files')
				.select(['id', 'request_id', 'title', 'content_type', 'size_bytes', 'received_on', 'shared'])
				.where(
					'request_id',
					'in',
					requests.map((request) => request.id),
				)
				.orderBy('created_at')
				.execute()
		: []
	return requests.map((request) => {
		const sentOn = dateText(request.sent_on)
		const deadline = responseDeadline(context.rule, sentOn, context.state)
		return {
			id: request.id,
			bodyName: request.body_name,
			askedFor: request.asked_for,
			sentOn,
			responseDueOn: dateText(request.response_due_on),
			status: request.status,
			outcome: request.outcome,
			chapter: request.chapter_id && request.chapter_name ? { id: request.chapter_id, name: request.chapter_name } : null,
			deadline,
			documents: documents.filter((document) => document.request_id === request.id).map(({ title, url }) => ({ title, url })),
			files: files
				.filter((file) => file.request_id === request.id)
				.map((file) => ({
					id: file.id,
					title: file.title,
					contentType: file.content_type,
					sizeBytes: file.size_bytes,
					receivedOn: dateText(file.received_on),
					shared: file.shared,
				})),
		}
	})
}

/** One request, for its edit form. */
export async function getRecordsRequest(caller: Caller, projectSlug: string, requestId: string) {
	return asCaller(caller, async (trx) => {
		const context = await projectContext(trx, projectSlug, caller)
		if (!context) return null
		const [request] = await requestsOf(trx, context, requestId)
		return request ? { context, request } : null
	})
}

export type SaveRecordsResult = { ok: true; id: string } | { ok: false; reason: 'not_allowed' | 'chapter' | 'not_found' }

function dueOn(context: RecordsContext, input: RecordsRequestInput) {
	const deadline = responseDeadline(context.rule, input.sentOn || null, context.state)
	return deadline.kind === 'date' ? deadline.date : null
}

async function saving(work: () => Promise<SaveRecordsResult>): Promise<SaveRecordsResult> {
	try {
		return await work()
	} catch (error) {
		if (error instanceof pg.DatabaseError && error.code === '42501') return { ok: false, reason: 'not_allowed' }
		if (error instanceof pg.DatabaseError && error.code === '23514' && /chapter/i.test(error.message))
			return { ok: false, reason: 'chapter' }
		throw error
	}
}

async function replaceDocuments(trx: Transaction<Database>, requestId: string, userId: string, documents: string) {
	const { links } = documentLinks(documents)
	const unique = [...new Map(links.map((link) => [link.url, link])).values()]
	await trx
		.deleteFrom('records_request_documents')
		.where('request_id', '=', requestId)
		.where('url', 'not in', unique.length ? unique.map((link) => link.url) : [''])
		.execute()
	if (unique.length) {
		await trx
			.insertInto('records_request_documents')
			.values(unique.map((link) => ({ request_id: requestId, title: link.title, url: link.url, added_by: userId })))
			.onConflict((oc) => oc.columns(['request_id', 'url']).doNothing())
			.execute()
	}
}

export async function createRecordsRequest(caller: Caller, userId: string, context: RecordsContext, input: RecordsRequestInput) {
	return saving(() =>
		asCaller(caller, async (trx) => {
			const created = await trx
				.insertInto('records_requests')
				.values({
					project_id: context.id,
					chapter_id: input.chapterId || null,
					body_name: input.bodyName,
					asked_for: input.askedFor,
					sent_on: input.sentOn || null,
					response_due_on: dueOn(context, input),
					status: input.status,
					outcome: input.outcome || null,
					created_by: userId,
				})
				.returning('id')
				.executeTakeFirstOrThrow()
			await replaceDocuments(trx, created.id, userId, input.documents)
			return { ok: true as const, id: created.id }
		}),
	)
}

export async function updateRecordsRequest(
	caller: Caller,
	userId: string,
	context: RecordsContext,
	requestId: string,
	input: RecordsRequestInput,
) {
	return saving(() =>
		asCaller(caller, async (trx) => {
			const updated = await trx
				.updateTable('records_requests')
				.set({
					chapter_id: input.chapterId || null,
					body_name: input.bodyName,
					asked_for: input.askedFor,
					sent_on: input.sentOn || null,
					response_due_on: dueOn(context, input),
					status: input.status,
					outcome: input.outcome || null,
				})
				.where('id', '=', requestId)
				.where('project_id', '=', context.id)
				.executeTakeFirst()
			// RLS hides the row from an update it refuses: no row changed means not theirs (or gone).
			if (Number(updated.numUpdatedRows) !== 1) return { ok: false as const, reason: context.canEdit ? 'not_found' : 'not_allowed' }
			await replaceDocuments(trx, requestId, userId, input.documents)
			return { ok: true as const, id: requestId }
		}),
	)
}
