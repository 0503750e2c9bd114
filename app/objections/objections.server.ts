import { createHash, randomBytes } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import { asCaller, type AuthenticatedCaller, type Caller, type Database } from '#app/db/db.server'
import { unlessRefused } from '#app/db/refusals.server'
import type { ObjectionSignerKind, ObjectionStatus } from '#app/db/types'
import { queueEmails } from '#app/email/email.server'
import { getProject, type ProjectDetail } from '#app/siting/projects.server'
import { CITABLE_FIGURES, type CitableFigure, type GroundKind, type ReliefKind } from './grounds'

// Formal objections (docs/decisions/052): every query runs as the caller, so
// the policies in 20261202110000_create_objections.sql decide who sees a
// draft, who edits, who approves and who reads co-signers' addresses.

export type Figure = { figure: CitableFigure; value: number; sources: Array<{ url: string; title: string }> }
export type Evidence = {
	id: string
	title: string
	url: string | null
	storagePath: string | null
	contentType: string | null
	byteSize: number | null
}
export type Ground = {
	id: string
	position: number
	kind: GroundKind
	title: string
	argument: string
	figures: Figure[]
	evidence: Evidence[]
}
export type Signer = {
	id: string
	kind: ObjectionSignerKind
	name: string
	email: string
	address: string
	showAddress: boolean
	showName: boolean
	organization: string | null
	representativeTitle: string | null
	authorizationPath: string | null
	outsideJurisdiction: boolean
	signedVersion: number
	signedAt: Date
	withdrawn: boolean
	current: boolean
}

/** The text as it stands: what a version records and the letter prints. */
export type ObjectionText = {
	subject: string
	standingResidents: string
	standingOrganizations: string
	relief: ReliefKind[]
	reliefConditions: string[]
	reliefNote: string
	grounds: Array<{
		kind: GroundKind
		title: string
		argument: string
		figures: Figure[]
		evidence: Array<{ title: string; url: string | null; file: boolean }>
	}>
}

function isRelief(value: string): value is ReliefKind {
	return ['deny', 'defer', 'conditions', 'moratorium', 'special_use_permit', 'environmental_review'].includes(value)
}
function isGroundKind(value: string): value is GroundKind {
	return /^(noise|water|generators_air|electricity_rates|tax_abatements|land_use|farmland|property_values|environmental_review|traffic|secrecy|custom)$/.test(
		value,
	)
}
function isCitable(value: unknown): value is CitableFigure {
	return typeof value === 'string' && (CITABLE_FIGURES as readonly string[]).includes(value)
}

function figuresFrom(json: unknown): Figure[] {
	if (!Array.isArray(json)) return []
	return json.flatMap((item: unknown) => {
		if (!item || typeof item !== 'object') return []
		const record = item as Record<string, unknown>
		if (!isCitable(record.figure) || typeof record.value !== 'number') return []
		const sources = Array.isArray(record.sources)
			? record.sources.flatMap((source: unknown) => {
					if (!source || typeof source !== 'object') return []
					const s = source as Record<string, unknown>
					return typeof s.url === 'string' && typeof s.title === 'string' ? [{ url: s.url, title: s.title }] : []
				})
			: []
		return [{ figure: record.figure, value: record.value, sources }]
	})
}

/** The objection with everything a chapter page needs; null when the caller may not see it. */
export async function getObjection(caller: Caller, id: string) {
	if (!/^[0-9a-f-]{36}$/.test(id)) return null
	const found = await asCaller(caller, async (trx) => {
		const row = await trx
			.selectFrom('objections as o')
			.innerJoin('proceedings as p', 'p.id', 'o.proceeding_id')
			.innerJoin('projects as pr', 'pr.id', 'p.project_id')
			.innerJoin('chapters as c', 'c.id', 'o.chapter_id')
			.leftJoin('profiles as author', 'author.id', 'o.author_id')
			.leftJoin('profiles as approver', 'approver.id', 'o.approved_by')
			.select([
				'o.id',
				'o.subject',
				'o.standing_residents',
				'o.standing_organizations',
				'o.relief',
				'o.relief_conditions',
				'o.relief_note',
				'o.status',
				'o.current_version',
				'o.material_version',
				'o.approved_version',
				'o.approved_at',
				'o.self_approved',
				'o.signer_count',
				'o.filed_at',
				'o.published_at',
				'o.outcome',
				'o.outcome_decided_on',
				'o.conditions_adopted',
				'o.outcome_source_url',
				'o.model_count',
				'o.author_id',
				'o.approved_by',
				'o.chapter_id',
				'o.created_at',
				'p.slug as proceeding_slug',
				'pr.slug as project_slug',
				'c.slug as chapter_slug',
				'c.name as chapter_name',
				'c.jurisdiction_id as chapter_jurisdiction_id',
				'author.display_name as author_name',
				'approver.display_name as approver_name',
			])
			.where('o.id', '=', id)
			.executeTakeFirst()
		if (!row) return null
		const grounds = await trx
			.selectFrom('objection_grounds')
			.select(['id', 'position', 'kind', 'title', 'argument', 'figures'])
			.where('objection_id', '=', id)
			.orderBy('position')
			.execute()
		const evidence = await trx
			.selectFrom('objection_evidence')
			.select(['id', 'ground_id', 'title', 'url', 'storage_path', 'content_type', 'byte_size'])
			.where('objection_id', '=', id)
			.orderBy('created_at')
			.orderBy('id')
			.execute()
		return { row, grounds, evidence }
	})
	if (!found) return null
	const { row, grounds, evidence } = found
	const project = await getProject(caller, row.project_slug)
	const proceeding = project?.proceedings.find((candidate) => candidate.slug === row.proceeding_slug) ?? null
	if (!project || !proceeding) return null
	return {
		id: row.id,
		subject: row.subject,
		standingResidents: row.standing_residents,
		standingOrganizations: row.standing_organizations,
		relief: row.relief.filter(isRelief),
		reliefConditions: row.relief_conditions,
		reliefNote: row.relief_note,
		status: row.status,
		currentVersion: row.current_version,
		materialVersion: row.material_version,
		approvedVersion: row.approved_version,
		approvedAt: row.approved_at,
		selfApproved: row.self_approved,
		approvedBy: row.approved_by,
		approverName: row.approver_name,
		authorId: row.author_id,
		authorName: row.author_name,
		signerCount: row.signer_count,
		filedAt: row.filed_at,
		publishedAt: row.published_at,
		outcome: row.outcome,
		outcomeDecidedOn: row.outcome_decided_on,
		conditionsAdopted: row.conditions_adopted,
		outcomeSourceUrl: row.outcome_source_url,
		modelCount: row.model_count,
		chapter: { id: row.chapter_id, slug: row.chapter_slug, name: row.chapter_name, jurisdictionId: row.chapter_jurisdiction_id },
		project: { slug: project.slug, name: project.name, figures: project.figures },
		proceeding,
		grounds: grounds.map((ground): Ground => ({
			id: ground.id,
			position: ground.position,
			kind: isGroundKind(ground.kind) ? ground.kind : 'custom',
			title: ground.title,
			argument: ground.argument,
			figures: figuresFrom(ground.figures),
			evidence: evidence
				.filter((item) => item.ground_id === ground.id)
				.map((item) => ({
					id: item.id,
					title: item.title,
					url: item.url,
					storagePath: item.storage_path,
					contentType: item.content_type,
					byteSize: item.byte_size,
				})),
		})),
	}
}
export type Objection = NonNullable<Awaited<ReturnType<typeof getObjection>>>

export function textOf(
	objection: Pick<
		Objection,
		'subject' | 'standingResidents' | 'standingOrganizations' | 'relief' | 'reliefConditions' | 'reliefNote' | 'grounds'
	>,
): ObjectionText {
	return {
		subject: objection.subject,
		standingResidents: objection.standingResidents,
		standingOrganizations: objection.standingOrganizations,
		relief: objection.relief,
		reliefConditions: objection.reliefConditions,
		reliefNote: objection.reliefNote,
		grounds: objection.grounds.map((ground) => ({
			kind: ground.kind,
			title: ground.title,
			argument: ground.argument,
			figures: ground.figures,
			evidence: ground.evidence.map((item) => ({ title: item.title, url: item.url, file: item.storagePath !== null })),
		})),
	}
}

/** What the chapter sees around a draft: versions, comments, signers, filing, organizer count. */
export async function objectionWorkspace(caller: AuthenticatedCaller, objection: Objection) {
	return asCaller(caller, async (trx) => {
		const versions = await trx
			.selectFrom('objection_versions as v')
			.leftJoin('profiles as p', 'p.id', 'v.saved_by')
			.select(['v.number', 'v.saved_at', 'v.material', 'p.display_name as saved_by_name'])
			.where('v.objection_id', '=', objection.id)
			.orderBy('v.number', 'desc')
			.execute()
		const comments = await trx
			.selectFrom('objection_comments as c')
			.leftJoin('profiles as p', 'p.id', 'c.author_id')
			.select(['c.id', 'c.body', 'c.version', 'c.created_at', 'c.author_id', 'p.display_name as author_name'])
			.where('c.objection_id', '=', objection.id)
			.orderBy('c.created_at')
			.execute()
		const signers = await trx
			.selectFrom('objection_signers')
			.select([
				'id',
				'kind',
				'user_id',
				'name',
				'email',
				'address',
				'show_address',
				'show_name',
				'organization',
				'representative_title',
				'authorization_path',
				'outside_jurisdiction',
				'signed_version',
				'signed_at',
				'withdrawn_at',
			])
			.where('objection_id', '=', objection.id)
			.orderBy('signed_at')
			.orderBy('id')
			.execute()
		const filing = await trx.selectFrom('objection_filings').selectAll().where('objection_id', '=', objection.id).executeTakeFirst()
		const organizers = await sql<{ count: number }>`select private.objection_organizer_count(${objection.id}) as count`.execute(trx)
		const token = await trx.selectFrom('objections').select('signing_token').where('id', '=', objection.id).executeTakeFirst()
		return {
			versions,
			comments,
			signers: signers.map((signer) => signerOf(signer, objection.materialVersion)),
			filing: filing ?? null,
			organizerCount: organizers.rows[0]?.count ?? 0,
			signingToken: token?.signing_token ?? null,
		}
	})
}

function signerOf(
	row: {
		id: string
		kind: ObjectionSignerKind
		name: string
		email: string
		address: string
		show_address: boolean
		show_name: boolean
		organization: string | null
		representative_title: string | null
		authorization_path: string | null
		outside_jurisdiction: boolean
		signed_version: number
		signed_at: Date
		withdrawn_at: Date | null
	},
	materialVersion: number,
): Signer {
	return {
		id: row.id,
		kind: row.kind,
		name: row.name,
		email: row.email,
		address: row.address,
		showAddress: row.show_address,
		showName: row.show_name,
		organization: row.organization,
		representativeTitle: row.representative_title,
		authorizationPath: row.authorization_path,
		outsideJurisdiction: row.outside_jurisdiction,
		signedVersion: row.signed_version,
		signedAt: row.signed_at,
		withdrawn: row.withdrawn_at !== null,
		current: row.withdrawn_at === null && row.signed_version >= materialVersion,
	}
}

// ---------------------------------------------------------------- writing

export type WriteOutcome =
	{ ok: true } | { ok: false; reason: 'not_allowed' | 'filed' | 'needs_other_organizer' | 'not_approved' | 'no_grounds' | 'already_filed' }

function reasonOf(hint: string | null, kind: string): Exclude<WriteOutcome, { ok: true }>['reason'] {
	if (hint === 'objection_filed') return 'filed'
	if (hint === 'objection_needs_other_organizer') return 'needs_other_organizer'
	if (hint === 'objection_not_approved') return 'not_approved'
	if (kind === 'duplicate') return 'already_filed'
	return 'not_allowed'
}

async function attempt(work: () => Promise<boolean>): Promise<WriteOutcome> {
	const result = await unlessRefused(work)
	if (result.ok) return result.value ? { ok: true } : { ok: false, reason: 'not_allowed' }
	if (result.refusal.kind === 'rule' && !result.refusal.hint?.startsWith('objection_')) throw result.error
	return { ok: false, reason: reasonOf(result.refusal.hint, result.refusal.kind) }
}

/**
 * Records the text as it now stands as the next version. A material change
 * (anything but a comment-free resave) sends an approved draft back for
 * approval and asks co-signers again.
 */
async function saveVersion(trx: Transaction<Database>, caller: AuthenticatedCaller, objectionId: string, material: boolean) {
	const current = await trx
		.selectFrom('objections')
		.select(['current_version', 'status'])
		.where('id', '=', objectionId)
		.executeTakeFirstOrThrow()
	const next = current.current_version + 1
	await trx
		.updateTable('objections')
		.set({
			current_version: next,
			...(material ? { material_version: next } : {}),
			...(current.status === 'approved' ? { status: 'draft' as const } : {}),
		})
		.where('id', '=', objectionId)
		.execute()
	await recordSnapshot(trx, caller, objectionId, next, material)
}

async function recordSnapshot(
	trx: Transaction<Database>,
	caller: AuthenticatedCaller,
	objectionId: string,
	number: number,
	material: boolean,
) {
	const o = await trx
		.selectFrom('objections')
		.select(['subject', 'standing_residents', 'standing_organizations', 'relief', 'relief_conditions', 'relief_note'])
		.where('id', '=', objectionId)
		.executeTakeFirstOrThrow()
	const grounds = await trx
		.selectFrom('objection_grounds')
		.select(['id', 'kind', 'title', 'argument', 'figures'])
		.where('objection_id', '=', objectionId)
		.orderBy('position')
		.execute()
	const evidence = await trx
		.selectFrom('objection_evidence')
		.select(['ground_id', 'title', 'url', 'storage_path'])
		.where('objection_id', '=', objectionId)
		.execute()
	const snapshot: ObjectionText = {
		subject: o.subject,
		standingResidents: o.standing_residents,
		standingOrganizations: o.standing_organizations,
		relief: o.relief.filter(isRelief),
		reliefConditions: o.relief_conditions,
		reliefNote: o.relief_note,
		grounds: grounds.map((ground) => ({
			kind: isGroundKind(ground.kind) ? ground.kind : 'custom',
			title: ground.title,
			argument: ground.argument,
			figures: figuresFrom(ground.figures),
			evidence: evidence
				.filter((item) => item.ground_id === ground.id)
				.map((item) => ({ title: item.title, url: item.url, file: item.storage_path !== null })),
		})),
	}
	await trx
		.insertInto('objection_versions')
		.values({ objection_id: objectionId, number, snapshot: JSON.stringify(snapshot), material, saved_by: caller.claims.sub })
		.execute()
}

export type ObjectionInput = {
	subject: string
	standingResidents: string
	standingOrganizations: string
	relief: ReliefKind[]
	reliefConditions: string[]
	reliefNote: string
}

/** Starts a draft (version 1) for a chapter the caller organizes. */
export async function startObjection(caller: AuthenticatedCaller, proceedingId: string, chapterId: string, input: ObjectionInput) {
	const result = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			const row = await trx
				.insertInto('objections')
				.values({
					proceeding_id: proceedingId,
					chapter_id: chapterId,
					author_id: caller.claims.sub,
					subject: input.subject,
					standing_residents: input.standingResidents,
					standing_organizations: input.standingOrganizations,
					relief: input.relief,
					relief_conditions: input.reliefConditions,
					relief_note: input.reliefNote,
				})
				.returning('id')
				.executeTakeFirstOrThrow()
			await recordSnapshot(trx, caller, row.id, 1, true)
			return row.id
		}),
	)
	if (result.ok) return { ok: true as const, id: result.value }
	if (result.refusal.kind === 'not_allowed') return { ok: false as const }
	throw result.error
}

export function updateObjection(caller: AuthenticatedCaller, id: string, input: ObjectionInput) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			const updated = await trx
				.updateTable('objections')
				.set({
					subject: input.subject,
					standing_residents: input.standingResidents,
					standing_organizations: input.standingOrganizations,
					relief: input.relief,
					relief_conditions: input.reliefConditions,
					relief_note: input.reliefNote,
				})
				.where('id', '=', id)
				.executeTakeFirst()
			if (!updated.numUpdatedRows) return false
			await saveVersion(trx, caller, id, true)
			return true
		}),
	)
}

export function addGround(
	caller: AuthenticatedCaller,
	id: string,
	input: { kind: GroundKind; title: string; argument: string; figures: Figure[] },
) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			const last = await trx
				.selectFrom('objection_grounds')
				.select((eb) => eb.fn.max('position').as('position'))
				.where('objection_id', '=', id)
				.executeTakeFirst()
			await trx
				.insertInto('objection_grounds')
				.values({
					objection_id: id,
					position: Number(last?.position ?? 0) + 1,
					kind: input.kind,
					title: input.title,
					argument: input.argument,
					figures: JSON.stringify(input.figures),
				})
				.execute()
			await saveVersion(trx, caller, id, true)
			return true
		}),
	)
}

export function updateGround(
	caller: AuthenticatedCaller,
	id: string,
	groundId: string,
	input: { title: string; argument: string; figures: Figure[] },
) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			const updated = await trx
				.updateTable('objection_grounds')
				.set({ title: input.title, argument: input.argument, figures: JSON.stringify(input.figures) })
				.where('id', '=', groundId)
				.where('objection_id', '=', id)
				.executeTakeFirst()
			if (!updated.numUpdatedRows) return false
			await saveVersion(trx, caller, id, true)
			return true
		}),
	)
}

export function removeGround(caller: AuthenticatedCaller, id: string, groundId: string) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			const removed = await trx.deleteFrom('objection_grounds').where('id', '=', groundId).where('objection_id', '=', id).executeTakeFirst()
			if (!removed.numDeletedRows) return false
			await saveVersion(trx, caller, id, true)
			return true
		}),
	)
}

export function addEvidence(
	caller: AuthenticatedCaller,
	id: string,
	input: { groundId: string; title: string; url?: string; file?: { path: string; contentType: string; byteSize: number } },
) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			await trx
				.insertInto('objection_evidence')
				.values({
					objection_id: id,
					ground_id: input.groundId,
					title: input.title,
					url: input.url ?? null,
					storage_path: input.file?.path ?? null,
					content_type: input.file?.contentType ?? null,
					byte_size: input.file?.byteSize ?? null,
					added_by: caller.claims.sub,
				})
				.execute()
			await saveVersion(trx, caller, id, true)
			return true
		}),
	)
}

export function addComment(caller: AuthenticatedCaller, objection: Objection, body: string) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			await trx
				.insertInto('objection_comments')
				.values({ objection_id: objection.id, version: objection.currentVersion, author_id: caller.claims.sub, body })
				.execute()
			return true
		}),
	)
}

/** Approval of the current version; the database says who may approve (another organizer, or the only one). */
export function approveObjection(caller: AuthenticatedCaller, objection: Objection): Promise<WriteOutcome> {
	if (objection.grounds.length === 0) return Promise.resolve({ ok: false, reason: 'no_grounds' })
	return attempt(() =>
		asCaller(caller, async (trx) => {
			const updated = await trx
				.updateTable('objections')
				.set({ status: 'approved' })
				.where('id', '=', objection.id)
				.where('status', '=', 'draft')
				.executeTakeFirst()
			return Boolean(updated.numUpdatedRows)
		}),
	)
}

export function setPublished(caller: AuthenticatedCaller, id: string, published: boolean) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			const updated = await trx
				.updateTable('objections')
				.set({ published_at: published ? new Date() : null })
				.where('id', '=', id)
				.executeTakeFirst()
			return Boolean(updated.numUpdatedRows)
		}),
	)
}

export function recordOutcome(
	caller: AuthenticatedCaller,
	id: string,
	input: { outcome: string; decidedOn: string; sourceUrl: string; conditionsAdopted: string[] },
) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			const updated = await trx
				.updateTable('objections')
				.set({
					outcome: input.outcome,
					outcome_decided_on: input.decidedOn,
					outcome_source_url: input.sourceUrl,
					conditions_adopted: input.conditionsAdopted,
				})
				.where('id', '=', id)
				.where('status', '=', 'filed')
				.executeTakeFirst()
			return Boolean(updated.numUpdatedRows)
		}),
	)
}

export function markAsModel(caller: AuthenticatedCaller, id: string, marked: boolean) {
	return attempt(() =>
		asCaller(caller, async (trx) => {
			if (marked) {
				await trx
					.insertInto('objection_models')
					.values({ objection_id: id, user_id: caller.claims.sub })
					.onConflict((oc) => oc.doNothing())
					.execute()
			} else {
				await trx.deleteFrom('objection_models').where('objection_id', '=', id).where('user_id', '=', caller.claims.sub).execute()
			}
			return true
		}),
	)
}

// ---------------------------------------------------------------- co-signing

export type SigningView = { objectionId: string; status: ObjectionStatus; currentVersion: number; approved: boolean }

export async function objectionForSigning(caller: Caller, token: string): Promise<SigningView | null> {
	if (!/^[0-9a-f]{64}$/.test(token)) return null
	const { rows } = await asCaller(caller, (trx) =>
		sql<{ objection_id: string; status: ObjectionStatus; current_version: number; approved: boolean }>`
			select * from private.objection_by_signing_token(${token})`.execute(trx),
	)
	const row = rows[0]
	return row ? { objectionId: row.objection_id, status: row.status, currentVersion: row.current_version, approved: row.approved } : null
}

export function manageTokenHash(token: string) {
	return createHash('sha256').update(token).digest()
}

export type SignInput = {
	kind: ObjectionSignerKind
	name: string
	email: string
	address: string
	showAddress: boolean
	showName: boolean
	organization: string
	representativeTitle: string
	authorizationPath: string | null
	outsideJurisdiction: boolean
	version: number
}

/**
 * Signs by link. Answers signed (with the signer's own link token),
 * already_signed or not_open. The confirmation with the signer's own link is
 * queued in the same transaction as the signature (decision 037).
 */
export async function signObjection(
	caller: Caller,
	token: string,
	input: SignInput,
	email: { subject: string; chapter: string; manageUrl: (manageToken: string) => string },
) {
	const manageToken = randomBytes(24).toString('base64url')
	const outcome = await asCaller(caller, async (trx) => {
		const { rows } = await sql<{ outcome: 'signed' | 'already_signed' | 'not_open' }>`
			select private.sign_objection(
				${token}, ${input.kind}::public.objection_signer_kind, ${input.name}, ${input.email}, ${input.address},
				${input.showAddress}, ${input.showName}, ${input.organization}, ${input.representativeTitle},
				${input.authorizationPath}, ${input.outsideJurisdiction}, ${input.version}, ${manageTokenHash(manageToken)}
			) as outcome`.execute(trx)
		const result = rows[0]?.outcome ?? 'not_open'
		if (result === 'signed') {
			await queueEmails(trx, [
				{
					to: input.email,
					template: 'objection',
					props: {
						kind: 'signed',
						subject: email.subject,
						chapter: email.chapter,
						body: '',
						proceeding: '',
						url: email.manageUrl(manageToken),
						version: input.version,
					},
					idempotencyKey: `objection-signed:${manageTokenHash(manageToken).toString('hex')}`,
				},
			])
		}
		return result
	})
	return outcome === 'signed' ? { outcome, manageToken } : { outcome }
}

export async function signerByManageToken(caller: Caller, token: string) {
	if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null
	const { rows } = await asCaller(caller, (trx) =>
		sql<{
			signer_id: string
			objection_id: string
			name: string
			kind: ObjectionSignerKind
			organization: string | null
			signed_version: number
			withdrawn: boolean
			signing_token: string
		}>`select * from private.signer_by_manage_token(${manageTokenHash(token)})`.execute(trx),
	)
	return rows[0] ?? null
}

export async function changeSignature(caller: Caller, token: string, action: 'withdraw' | 'consent') {
	const { rows } = await asCaller(caller, (trx) =>
		sql<{ outcome: 'withdrawn' | 'consented' | 'filed' | 'not_open' | 'not_found' }>`
			select private.change_signature(${manageTokenHash(token)}, ${action}) as outcome`.execute(trx),
	)
	return rows[0]?.outcome ?? 'not_found'
}

// ---------------------------------------------------------------- public

/** The names a published objection may show (consented, still signed, current text). */
export async function publicSigners(caller: Caller, id: string) {
	const { rows } = await asCaller(caller, (trx) =>
		sql<{ kind: ObjectionSignerKind; name: string; organization: string | null }>`
			select * from private.public_objection_signers(${id})`.execute(trx),
	)
	return rows
}

/** Published objections to a project's proceedings, for the project page. */
export async function publishedForProject(caller: Caller, project: Pick<ProjectDetail, 'proceedings'>) {
	const ids = project.proceedings.map((proceeding) => proceeding.id)
	if (ids.length === 0) return []
	const rows = await asCaller(caller, (trx) =>
		trx
			.selectFrom('objections as o')
			.innerJoin('chapters as c', 'c.id', 'o.chapter_id')
			.innerJoin('proceedings as p', 'p.id', 'o.proceeding_id')
			.select(['o.id', 'o.subject', 'o.signer_count', 'o.filed_at', 'o.outcome', 'c.name as chapter_name', 'p.title as proceeding_title'])
			.where('o.proceeding_id', 'in', ids)
			.where('o.published_at', 'is not', null)
			.orderBy('o.filed_at', 'desc')
			.execute(),
	)
	return rows
}

/** Every published objection, by ground and outcome: the "what worked" page. */
export async function whatWorked(caller: Caller, filter: { ground: GroundKind | null; decided: boolean | null }) {
	return asCaller(caller, async (trx) => {
		let query = trx
			.selectFrom('objections as o')
			.innerJoin('chapters as c', 'c.id', 'o.chapter_id')
			.innerJoin('proceedings as p', 'p.id', 'o.proceeding_id')
			.innerJoin('projects as pr', 'pr.id', 'p.project_id')
			.select([
				'o.id',
				'o.subject',
				'o.signer_count',
				'o.filed_at',
				'o.outcome',
				'o.conditions_adopted',
				'o.relief',
				'o.model_count',
				'c.name as chapter_name',
				'p.title as proceeding_title',
				'pr.name as project_name',
				'pr.slug as project_slug',
			])
			.where('o.published_at', 'is not', null)
		if (filter.ground) {
			const ground = filter.ground
			query = query.where((eb) =>
				eb.exists(
					eb.selectFrom('objection_grounds as g').select('g.id').whereRef('g.objection_id', '=', 'o.id').where('g.kind', '=', ground),
				),
			)
		}
		if (filter.decided === true) query = query.where('o.outcome', 'is not', null)
		if (filter.decided === false) query = query.where('o.outcome', 'is', null)
		const rows = await query.orderBy('o.model_count', 'desc').orderBy('o.filed_at', 'desc').limit(200).execute()
		const grounds = rows.length
			? await trx
					.selectFrom('objection_grounds')
					.select(['objection_id', 'kind', 'title'])
					.where(
						'objection_id',
						'in',
						rows.map((row) => row.id),
					)
					.orderBy('position')
					.execute()
			: []
		return rows.map((row) => ({ ...row, grounds: grounds.filter((ground) => ground.objection_id === row.id) }))
	})
}

/** Objections the caller's chapters have to this proceeding, for the proceeding's section. */
export async function chapterObjections(caller: Caller, proceedingId: string) {
	return asCaller(caller, (trx) =>
		trx
			.selectFrom('objections as o')
			.innerJoin('chapters as c', 'c.id', 'o.chapter_id')
			.select(['o.id', 'o.subject', 'o.status', 'c.name as chapter_name'])
			.where('o.proceeding_id', '=', proceedingId)
			.orderBy('o.created_at')
			.execute(),
	)
}

/** The caller's place in the objection's chapter: what the page offers them. */
export async function viewerRole(caller: Caller, chapterId: string): Promise<'organizer' | 'member' | null> {
	if (caller.role !== 'authenticated') return null
	const row = await asCaller(caller, (trx) =>
		trx
			.selectFrom('memberships')
			.select('role')
			.where('chapter_id', '=', chapterId)
			.where('user_id', '=', caller.claims.sub)
			.where('status', '=', 'active')
			.executeTakeFirst(),
	)
	return row?.role ?? null
}

/** The chapters the caller organizes, for starting an objection. */
export async function organizedChapters(caller: AuthenticatedCaller) {
	return asCaller(caller, (trx) =>
		trx
			.selectFrom('memberships as m')
			.innerJoin('chapters as c', 'c.id', 'm.chapter_id')
			.select(['c.id', 'c.name'])
			.where('m.user_id', '=', caller.claims.sub)
			.where('m.status', '=', 'active')
			.where('m.role', '=', 'organizer')
			.orderBy('c.name')
			.execute(),
	)
}

/** Whether the caller has marked this objection as a model. */
export async function markedAsModel(caller: Caller, id: string) {
	if (caller.role !== 'authenticated') return false
	const row = await asCaller(caller, (trx) =>
		trx
			.selectFrom('objection_models')
			.select('objection_id')
			.where('objection_id', '=', id)
			.where('user_id', '=', caller.claims.sub)
			.executeTakeFirst(),
	)
	return Boolean(row)
}

/** One saved version's text. */
export async function versionText(caller: AuthenticatedCaller, id: string, number: number) {
	const row = await asCaller(caller, (trx) =>
		trx.selectFrom('objection_versions').select('snapshot').where('objection_id', '=', id).where('number', '=', number).executeTakeFirst(),
	)
	if (!row) return null
	const snapshot: unknown = typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot
	return snapshot && typeof snapshot === 'object' ? (snapshot as ObjectionText) : null
}

/** A proceeding by its slug, with its project's slug, for starting an objection to it. */
export async function proceedingBySlug(caller: Caller, slug: string) {
	if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 100) return null
	const row = await asCaller(caller, (trx) =>
		trx
			.selectFrom('proceedings as p')
			.innerJoin('projects as pr', 'pr.id', 'p.project_id')
			.select(['p.id', 'p.slug', 'pr.slug as project_slug'])
			.where('p.slug', '=', slug)
			.executeTakeFirst(),
	)
	if (!row) return null
	const project = await getProject(caller, row.project_slug)
	const proceeding = project?.proceedings.find((candidate) => candidate.id === row.id)
	return project && proceeding ? { project, proceeding } : null
}
