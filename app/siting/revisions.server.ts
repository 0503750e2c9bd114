import { sql, type Transaction } from 'kysely'
import { slugify } from '#app/chapters/chapters.server'
import { asCaller, type AuthenticatedCaller, type Caller, type Database } from '#app/db/db.server'
import { refusalOf } from '#app/db/refusals.server'
import type { Json, ProjectFigure } from '#app/db/types'
import { queueEmails } from '#app/email/email.server'
import { t } from '#app/i18n/i18n'
import { placeById } from '#app/places/places.server'
import { resolveJurisdiction } from '#app/places/search.server'
import { env } from '#app/utils/env.server'
import {
	CITED_FIELDS,
	fieldLabel,
	PROJECT_FIELDS,
	type Citation,
	type FieldValue,
	type ProjectColumn,
	type ProjectForm,
	type ProjectValues,
} from './edit-schemas'
import { applyTimelineChange, timelineChangeOf } from './timeline.server'

// The write side of the siting record (docs/decisions/049). A member's new
// project or change is a proposed revision; an editor (a moderator, or an
// organizer of a chapter that works on the project) applies a change at
// once, recorded as an approved revision by them, or reviews a proposal.
// A revision's `changes` is { column: { from, to, source?, unverified? } }
// for the fields that change; a new project's has `from: null` throughout.
// Everything runs as the caller: the policies in
// 20261201130000_create_siting.sql decide who may do what.

export type Change = { from: FieldValue; to: FieldValue; source?: string; unverified?: boolean; fromLabel?: string; toLabel?: string }
export type Changes = Partial<Record<ProjectColumn, Change>>

export type PlaceChoice = { id: number; label: string }
export type FormRefusal = {
	ok: false
	errors: Record<string, string>
	choices?: PlaceChoice[]
	duplicate?: { slug: string; name: string }
}

type ResolvedPlace = { stateId: number; countyId: number | null; label: string }

/** The state and county of the place a form named: the only match, or the one chosen from a list we offered. */
async function resolvePlace(
	trx: Transaction<Database>,
	typed: string,
	chosenId: number | undefined,
): Promise<FormRefusal | { ok: true; place: ResolvedPlace }> {
	const resolved = await resolveJurisdiction(trx, typed, chosenId)
	if (!resolved.ok)
		return resolved.field === 'choice'
			? { ok: false, errors: { placeId: resolved.message }, choices: resolved.choices }
			: { ok: false, errors: { place: resolved.message }, choices: [] }
	const place = { id: resolved.jurisdictionId, label: resolved.label }
	// Walk up to the state: a county is its own county; a city sits in one.
	let county: number | null = null
	let current: { id: number; kind: string; parent_id: number | null } | undefined = await trx
		.selectFrom('jurisdictions')
		.select(['id', 'kind', 'parent_id'])
		.where('id', '=', place.id)
		.executeTakeFirst()
	for (let depth = 0; current && depth < 4; depth++) {
		if (current.kind === 'county' && county === null) county = current.id
		if (current.kind === 'state') return { ok: true, place: { stateId: current.id, countyId: county, label: place.label } }
		if (current.parent_id === null) break
		current = await trx
			.selectFrom('jurisdictions')
			.select(['id', 'kind', 'parent_id'])
			.where('id', '=', current.parent_id)
			.executeTakeFirst()
	}
	return { ok: false, errors: { place: t('projectEdit.error.placeNotFound', { place: typed }) }, choices: [] }
}

const normalizedName = (column: 'p.name' | 'p.developer') => sql<string>`regexp_replace(lower(${sql.ref(column)}), '[^a-z0-9]+', '', 'g')`
const normalize = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '')

/** Another project with the same name in the state, or the same developer in the county. */
async function findDuplicate(trx: Transaction<Database>, values: ProjectValues, place: ResolvedPlace, exceptId?: string) {
	const name = typeof values.name === 'string' ? normalize(values.name) : ''
	const developer = typeof values.developer === 'string' ? normalize(values.developer) : ''
	const match = async (where: 'name' | 'developer') => {
		let query = trx
			.selectFrom('projects as p')
			.leftJoin('jurisdictions as s', 's.id', 'p.state_id')
			.leftJoin('jurisdictions as c', 'c.id', 'p.county_id')
			.select(['p.id', 'p.slug', 'p.name', 's.name as state_name', 'c.name as county_name'])
		query =
			where === 'name'
				? query.where(normalizedName('p.name'), '=', name).where('p.state_id', '=', place.stateId)
				: query.where(normalizedName('p.developer'), '=', developer).where('p.county_id', '=', place.countyId)
		if (exceptId) query = query.where('p.id', '<>', exceptId)
		return query.limit(1).executeTakeFirst()
	}
	if (name) {
		const found = await match('name')
		if (found)
			return {
				slug: found.slug,
				name: found.name,
				message: t('projectEdit.error.duplicateName', { state: found.state_name ?? '', name: found.name }),
			}
	}
	if (developer && place.countyId !== null) {
		const found = await match('developer')
		if (found)
			return {
				slug: found.slug,
				name: found.name,
				message: t('projectEdit.error.duplicateDeveloper', { county: found.county_name ?? '', name: found.name }),
			}
	}
	return null
}

function placeChanges(place: ResolvedPlace, current?: { stateId: number; countyId: number | null; label: string }): Changes {
	const changes: Changes = {}
	if (!current) {
		changes.state_id = { from: null, to: place.stateId, toLabel: place.label }
		changes.county_id = { from: null, to: place.countyId, toLabel: place.label }
	} else if (current.countyId !== place.countyId) {
		changes.county_id = { from: current.countyId, to: place.countyId, fromLabel: current.label, toLabel: place.label }
	}
	return changes
}

/** A member proposes a project that is not on the record yet. */
export async function proposeProject(caller: AuthenticatedCaller, form: ProjectForm) {
	return asCaller(caller, async (trx): Promise<FormRefusal | { ok: true; revisionId: string }> => {
		const resolved = await resolvePlace(trx, form.place, form.placeId)
		if (!resolved.ok) return resolved
		if (!form.differentProject) {
			const duplicate = await findDuplicate(trx, form.values, resolved.place)
			if (duplicate)
				return { ok: false, errors: { differentProject: duplicate.message }, duplicate: { slug: duplicate.slug, name: duplicate.name } }
		}
		const changes: Changes = placeChanges(resolved.place)
		for (const field of [...PROJECT_FIELDS.map((field) => field.column), 'status' as const]) {
			const value = form.values[field] ?? null
			if (value === null || value === false) continue
			const citation = form.citations[field]
			changes[field] = { from: null, to: value, ...(citation ? { source: citation.url, unverified: citation.unverified } : {}) }
		}
		const revision = await trx
			.insertInto('project_revisions')
			.values({ author_id: caller.claims.sub, changes: changes as Json, source_url: form.sourceUrl, note: form.note })
			.returning('id')
			.executeTakeFirstOrThrow()
		return { ok: true, revisionId: revision.id }
	})
}

function dateText(value: Date) {
	return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
}

/** The record's current values, in the form's terms. */
async function currentValues(trx: Transaction<Database>, projectId: string) {
	const row = await trx
		.selectFrom('projects as p')
		.innerJoin('jurisdictions as s', 's.id', 'p.state_id')
		.selectAll('p')
		.select('s.name as state_name')
		.where('p.id', '=', projectId)
		.executeTakeFirstOrThrow()
	const values: ProjectValues = {}
	for (const field of PROJECT_FIELDS) {
		const raw: unknown = row[field.column]
		values[field.column] =
			raw === null || raw === undefined
				? null
				: field.kind === 'number'
					? Number(raw)
					: field.kind === 'date'
						? raw instanceof Date
							? dateText(raw)
							: String(raw).slice(0, 10)
						: field.kind === 'boolean'
							? raw === true
							: String(raw)
	}
	values.status = row.status
	const citationRows = await trx
		.selectFrom('project_figure_sources as f')
		.innerJoin('project_sources as s', 's.id', 'f.source_id')
		.select(['f.figure', 's.url', 'f.unverified'])
		.where('f.project_id', '=', projectId)
		.orderBy('s.created_at')
		.execute()
	const citations: Partial<Record<ProjectColumn, Citation>> = {}
	for (const field of CITED_FIELDS) {
		const citation = citationRows.find((candidate) => candidate.figure === field.figure)
		if (citation) citations[field.column] = { url: citation.url, unverified: citation.unverified }
	}
	const place = await placeById(trx, row.county_id ?? row.state_id)
	return {
		row,
		values,
		citations,
		place: { stateId: row.state_id, countyId: row.county_id, label: place?.label ?? row.state_name },
	}
}

/** What the edit form starts from: the record as it stands, as typed text. */
export async function projectFormDefaults(caller: Caller, slug: string) {
	return asCaller(caller, async (trx) => {
		const project = await trx.selectFrom('projects').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst()
		if (!project) return null
		const { values, citations, place } = await currentValues(trx, project.id)
		const { rows } = await sql<{ editor: boolean }>`select private.can_edit_project(${project.id}) as editor`.execute(trx)
		const defaults: Record<string, string> = { place: place.label, placeId: String(place.countyId ?? place.stateId) }
		for (const [column, value] of Object.entries(values)) {
			defaults[column] = typeof value === 'boolean' ? (value ? 'on' : '') : value === null ? '' : String(value)
		}
		for (const [column, citation] of Object.entries(citations)) {
			defaults[`${column}_source`] = citation.url
			defaults[`${column}_unverified`] = citation.unverified ? 'on' : ''
		}
		return { project, defaults, editor: rows[0]?.editor === true }
	})
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined) {
	return (a ?? null) === (b ?? null)
}

/**
 * A change to a project's record: the fields that differ from the record.
 * An editor's is applied at once and recorded as approved; anyone else's
 * waits for review.
 */
export async function changeProject(caller: AuthenticatedCaller, slug: string, form: ProjectForm) {
	return asCaller(caller, async (trx): Promise<FormRefusal | { ok: true; applied: boolean; revisionId: string }> => {
		const project = await trx.selectFrom('projects').select(['id']).where('slug', '=', slug).executeTakeFirstOrThrow()
		const current = await currentValues(trx, project.id)
		const resolved = await resolvePlace(trx, form.place, form.placeId)
		if (!resolved.ok) return resolved
		if (resolved.place.stateId !== current.place.stateId) return { ok: false, errors: { place: t('projectEdit.error.otherState') } }
		const changes: Changes = placeChanges(resolved.place, current.place)
		for (const field of [...PROJECT_FIELDS.map((field) => field.column), 'status' as const]) {
			const to = form.values[field] ?? null
			const from = current.values[field] ?? null
			const citation = form.citations[field]
			const cited = current.citations[field]
			const citationMoved = citation !== undefined && (citation.url !== cited?.url || citation.unverified !== cited.unverified)
			if (sameValue(from, to) && !citationMoved) continue
			changes[field] = { from, to, ...(citation ? { source: citation.url, unverified: citation.unverified } : {}) }
		}
		if (Object.keys(changes).length === 0) return { ok: false, errors: { form: t('projectEdit.error.nothingChanged') } }
		const { rows } = await sql<{ editor: boolean }>`select private.can_edit_project(${project.id}) as editor`.execute(trx)
		const editor = rows[0]?.editor === true
		if (editor) await applyChanges(trx, project.id, changes, form.sourceUrl)
		const revision = await trx
			.insertInto('project_revisions')
			.values({
				project_id: project.id,
				author_id: caller.claims.sub,
				changes: changes as Json,
				source_url: form.sourceUrl,
				note: form.note,
				...(editor ? { status: 'approved' as const, reviewed_by: caller.claims.sub, reviewed_at: sql<Date>`now()` } : {}),
			})
			.returning('id')
			.executeTakeFirstOrThrow()
		return { ok: true, applied: editor, revisionId: revision.id }
	})
}

async function sourceFor(trx: Transaction<Database>, projectId: string, url: string, weak = false) {
	const existing = await trx
		.selectFrom('project_sources')
		.select('id')
		.where('project_id', '=', projectId)
		.where('url', '=', url)
		.executeTakeFirst()
	if (existing) return existing.id
	const inserted = await trx
		.insertInto('project_sources')
		.values({ project_id: projectId, url, weak })
		.returning('id')
		.executeTakeFirstOrThrow()
	return inserted.id
}

/** Writes `changes` into the record, with the sources they cite. */
async function applyChanges(trx: Transaction<Database>, projectId: string, changes: Changes, sourceUrl: string) {
	const update: Record<string, FieldValue> = {}
	for (const [column, change] of Object.entries(changes)) {
		if (column === 'state_id' || !change) continue
		update[column] = change.to
	}
	if (Object.keys(update).length) await trx.updateTable('projects').set(update).where('id', '=', projectId).execute()
	await sourceFor(trx, projectId, sourceUrl)
	for (const field of CITED_FIELDS) {
		const change = changes[field.column]
		if (!change) continue
		const figure: ProjectFigure = field.figure
		// The new figure replaces the old one's citations; a figure cleared has none.
		await trx.deleteFrom('project_figure_sources').where('project_id', '=', projectId).where('figure', '=', figure).execute()
		if (change.to === null || !change.source) continue
		const sourceId = await sourceFor(trx, projectId, change.source)
		await trx
			.insertInto('project_figure_sources')
			.values({ project_id: projectId, figure, source_id: sourceId, unverified: change.unverified ?? false })
			.execute()
	}
}

export type Proposal = {
	id: string
	projectId: string | null
	projectSlug: string | null
	projectName: string
	changes: Changes
	sourceUrl: string
	note: string
	authorName: string | null
	createdAt: Date
	canReview: boolean
}

function asChanges(value: Json): Changes {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Changes) : {}
}

/**
 * Proposals waiting for review the caller can see: their own, and those they
 * may review. `projectSlug` narrows to one project's.
 */
export async function listProposals(caller: Caller, projectSlug?: string) {
	return asCaller(caller, async (trx) => {
		let query = trx
			.selectFrom('project_revisions as v')
			.leftJoin('projects as p', 'p.id', 'v.project_id')
			.leftJoin('profiles as a', 'a.id', 'v.author_id')
			.select([
				'v.id',
				'v.project_id',
				'v.changes',
				'v.source_url',
				'v.note',
				'v.created_at',
				'p.slug',
				'p.name',
				'a.display_name',
				sql<boolean>`case when v.project_id is null then private.is_site_moderator() or private.organizes_any_chapter()
					else private.can_edit_project(v.project_id) end`.as('can_review'),
			])
			.where('v.status', '=', 'proposed')
		if (projectSlug) query = query.where('p.slug', '=', projectSlug)
		const rows = await query.orderBy('v.created_at').limit(200).execute()
		return rows.map((row): Proposal => {
			const changes = asChanges(row.changes)
			const proposedName = changes.name?.to
			return {
				id: row.id,
				projectId: row.project_id,
				projectSlug: row.slug,
				projectName: row.name ?? (typeof proposedName === 'string' ? proposedName : ''),
				changes,
				sourceUrl: row.source_url,
				note: row.note,
				authorName: row.display_name,
				createdAt: row.created_at,
				canReview: row.can_review,
			}
		})
	})
}

/** The chapters the caller organizes, and whether they moderate: what an approval may link. */
export async function reviewerContext(caller: AuthenticatedCaller) {
	return asCaller(caller, async (trx) => {
		const chapters = await trx
			.selectFrom('memberships as m')
			.innerJoin('chapters as c', 'c.id', 'm.chapter_id')
			.select(['c.id', 'c.name'])
			.where('m.user_id', '=', caller.claims.sub)
			.where('m.role', '=', 'organizer')
			.where('m.status', '=', 'active')
			.where('c.archived_at', 'is', null)
			.orderBy('c.name')
			.execute()
		const { rows } = await sql<{ moderator: boolean }>`select private.is_site_moderator() as moderator`.execute(trx)
		return { chapters, moderator: rows[0]?.moderator === true }
	})
}

function uniqueSlug(base: string, taken: Set<string>) {
	const stem = slugify(base).replace(/^chapter$/, 'project')
	if (!taken.has(stem)) return stem
	for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`
}

export type ReviewOutcome =
	| { ok: true; kind: 'approved' | 'rejected' | 'created'; projectSlug: string | null }
	| { ok: false; reason: 'gone' | 'stale' | 'chapter' | 'duplicate'; message: string }

/**
 * An editor approves or rejects a proposal. Approving a new project creates
 * it, its sources and figure citations, and links the reviewer's chapter;
 * approving a change applies it. The author is emailed in the same
 * transaction either way.
 */
export async function reviewProposal(
	caller: AuthenticatedCaller,
	input: { revisionId: string; intent: 'approve' | 'reject'; reviewNote: string; linkChapterId: string },
) {
	return asCaller(caller, async (trx): Promise<ReviewOutcome> => {
		const gone = { ok: false as const, reason: 'gone' as const, message: t('revisions.error.gone') }
		const revision = await trx
			.selectFrom('project_revisions')
			.selectAll()
			.where('id', '=', input.revisionId)
			.where('status', '=', 'proposed')
			.executeTakeFirst()
		if (!revision || revision.author_id === null) return gone
		const { rows } = await sql<{ allowed: boolean; moderator: boolean }>`select
			case when ${revision.project_id}::uuid is null then private.is_site_moderator() or private.organizes_any_chapter()
				else private.can_edit_project(${revision.project_id}::uuid) end as allowed,
			private.is_site_moderator() as moderator`.execute(trx)
		if (!rows[0]?.allowed) return gone
		const changes = asChanges(revision.changes)
		const timelineChange = timelineChangeOf(changes)
		let projectId = revision.project_id
		let projectSlug: string | null = null
		let projectName = typeof changes.name?.to === 'string' ? changes.name.to : ''
		let kind: 'approved' | 'rejected' | 'created' = 'rejected'

		if (input.intent === 'approve' && projectId === null) {
			if (!rows[0].moderator && !input.linkChapterId) return { ok: false, reason: 'chapter', message: t('revisions.error.chapter') }
			const stateId = Number(changes.state_id?.to)
			const duplicate = await findDuplicate(
				trx,
				{ name: projectName },
				{ stateId, countyId: changes.county_id?.to === null ? null : Number(changes.county_id?.to), label: '' },
			)
			if (duplicate && normalize(duplicate.name) === normalize(projectName))
				return { ok: false, reason: 'duplicate', message: t('revisions.error.duplicate', { name: duplicate.name }) }
			const taken = new Set(
				(
					await trx
						.selectFrom('projects')
						.select('slug')
						.where('slug', 'like', `${slugify(projectName)}%`)
						.execute()
				).map((row) => row.slug),
			)
			const values: Record<string, FieldValue> = {}
			for (const [column, change] of Object.entries(changes)) if (change) values[column] = change.to
			const created = await trx
				.insertInto('projects')
				.values({ ...values, name: projectName, state_id: stateId, slug: uniqueSlug(projectName, taken), created_by: caller.claims.sub })
				.returning(['id', 'slug'])
				.executeTakeFirstOrThrow()
			projectId = created.id
			projectSlug = created.slug
			if (input.linkChapterId) {
				await trx
					.insertInto('project_chapters')
					.values({ project_id: created.id, chapter_id: input.linkChapterId, added_by: caller.claims.sub })
					.execute()
			}
			await applyChanges(trx, created.id, withoutColumns(changes), revision.source_url)
			kind = 'created'
		} else if (input.intent === 'approve' && projectId !== null && timelineChange) {
			// A timeline entry or its correction (docs/decisions/063).
			const project = await trx.selectFrom('projects').select(['slug', 'name']).where('id', '=', projectId).executeTakeFirstOrThrow()
			projectSlug = project.slug
			projectName = project.name
			const applied = await applyTimelineChange(trx, projectId, timelineChange, caller.claims.sub)
			if (!applied.ok) return { ok: false, reason: 'stale', message: t('timeline.error.stale') }
			kind = 'approved'
		} else if (input.intent === 'approve' && projectId !== null) {
			const current = await currentValues(trx, projectId)
			projectSlug = current.row.slug
			projectName = current.row.name
			for (const [column, change] of Object.entries(changes)) {
				if (!change || column === 'state_id') continue
				const now = column === 'county_id' ? current.place.countyId : current.values[column as ProjectColumn]
				if (!sameValue(now ?? null, change.from))
					return { ok: false, reason: 'stale', message: t('revisions.error.stale', { field: fieldLabel(column) }) }
			}
			await applyChanges(trx, projectId, changes, revision.source_url)
			kind = 'approved'
		} else if (projectId !== null) {
			const project = await trx.selectFrom('projects').select(['slug', 'name']).where('id', '=', projectId).executeTakeFirstOrThrow()
			projectSlug = project.slug
			projectName = project.name
		}

		const reviewed = await trx
			.updateTable('project_revisions')
			.set({
				status: input.intent === 'approve' ? 'approved' : 'rejected',
				reviewed_by: caller.claims.sub,
				reviewed_at: sql<Date>`now()`,
				review_note: input.reviewNote,
				project_id: projectId,
			})
			.where('id', '=', revision.id)
			.where('status', '=', 'proposed')
			.returning('id')
			.executeTakeFirst()
		if (!reviewed) return gone
		await queueReviewEmail(trx, caller, revision.id, { kind, projectName, projectSlug, note: input.reviewNote })
		return { ok: true, kind, projectSlug }
	})
}

/** A new project's changes without the place columns, which the insert already set. */
function withoutColumns(changes: Changes): Changes {
	const rest = { ...changes }
	delete rest.state_id
	delete rest.county_id
	return Object.fromEntries(Object.entries(rest).filter(([column]) => CITED_FIELDS.some((field) => field.column === column))) as Changes
}

async function queueReviewEmail(
	trx: Transaction<Database>,
	caller: AuthenticatedCaller,
	revisionId: string,
	review: { kind: 'approved' | 'rejected' | 'created'; projectName: string; projectSlug: string | null; note: string },
) {
	const { rows } = await sql<{ email: string; display_name: string }>`
		select email, display_name from private.reviewed_revision_author(${revisionId})`.execute(trx)
	const author = rows[0]
	if (!author) return
	const reviewer = await trx.selectFrom('profiles').select('display_name').where('id', '=', caller.claims.sub).executeTakeFirst()
	const site = env().SITE_URL
	await queueEmails(trx, [
		{
			to: author.email,
			template: 'siting_revision',
			props: {
				kind: review.kind === 'rejected' && review.projectSlug === null ? 'not_created' : review.kind,
				projectName: review.projectName,
				projectUrl: review.projectSlug ? `${site}/projects/${review.projectSlug}` : `${site}/projects`,
				reviewerName: reviewer?.display_name ?? '',
				note: review.note,
			},
			idempotencyKey: `revision-reviewed:${revisionId}`,
		},
	])
}

/** A refusal the database's constraints made, as the form's message; anything else is rethrown. */
export function constraintRefusal(error: unknown): FormRefusal {
	if (refusalOf(error)?.kind === 'invalid') return { ok: false, errors: { form: t('projectEdit.error.refused') } }
	throw error
}
