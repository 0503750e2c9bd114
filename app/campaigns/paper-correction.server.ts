import { sql } from 'kysely'
import { asCaller, type AuthenticatedCaller } from '#app/db/db.server'
import { unlessRefused } from '#app/db/refusals.server'
import { dateText } from '#app/siting/records.server'

// Correcting a recorded sheet or one of its rows, by the campaign's managers
// only (the policies on campaign_paper_batches and campaign_paper_signers say
// so). The repeat check runs on read (private.campaign_paper_matches), so the
// page after a correction shows the repeats as they now stand; every change
// is written to campaign_audit_log by a trigger, with what it was before
// (20261203120000_campaign_districts_and_reply_to.sql).

export type SheetRow = { id: string; line: number; name: string; address: string; postalCode: string }
export type SheetRepeat = { signerId: string; line: number; matched: 'online' | 'paper'; matchedName: string }
export type SheetChange = {
	id: string
	action: 'sheet.corrected' | 'sheet.removed' | 'row.corrected' | 'row.removed'
	at: string
	actor: string | null
	/** What changed, field by field: before and after, as text. */
	fields: Array<{ field: string; before: string; after: string }>
	line: number | null
}
export type SheetDetail = {
	id: string
	circulator: string
	collectedOn: string
	town: string
	sheetNumber: string
	count: number
	rows: SheetRow[]
	repeats: SheetRepeat[]
	changes: SheetChange[]
}

function changedFields(details: unknown) {
	if (typeof details !== 'object' || details === null) return []
	const before = Reflect.get(details, 'before')
	const after = Reflect.get(details, 'after')
	if (typeof before !== 'object' || before === null || typeof after !== 'object' || after === null) return []
	return Object.keys(after)
		.map((field) => ({ field, before: String(Reflect.get(before, field) ?? ''), after: String(Reflect.get(after, field) ?? '') }))
		.filter((change) => change.before !== change.after)
}

/** One sheet with its named rows, their repeats and its change log; null when the caller may not correct it. */
export async function sheetDetail(caller: AuthenticatedCaller, campaignId: string, batchId: string): Promise<SheetDetail | null> {
	return asCaller(caller, async (trx) => {
		const batch = await trx
			.selectFrom('campaign_paper_batches')
			.select(['id', 'circulator', 'collected_on', 'town', 'sheet_number', 'signature_count'])
			.where('id', '=', batchId)
			.where('campaign_id', '=', campaignId)
			.executeTakeFirst()
		if (!batch) return null
		const rows = await trx
			.selectFrom('campaign_paper_signers')
			.select(['id', 'line', 'name', 'address', 'postal_code'])
			.where('batch_id', '=', batchId)
			.orderBy('line')
			.execute()
		const { rows: repeats } = await sql<{ signer_id: string; line: number; matched: 'online' | 'paper'; matched_name: string }>`
			select signer_id, line, matched, matched_name from private.campaign_paper_matches(${campaignId})
			where batch_id = ${batchId} order by line`.execute(trx)
		const log = await trx
			.selectFrom('campaign_audit_log as a')
			.leftJoin('profiles as p', 'p.id', 'a.actor_id')
			.select(['a.id', 'a.action', 'a.details', 'a.created_at', 'p.display_name'])
			.where('a.batch_id', '=', batchId)
			.where('a.campaign_id', '=', campaignId)
			.orderBy('a.created_at', 'desc')
			.orderBy('a.id', 'desc')
			.limit(100)
			.execute()
		return {
			id: batch.id,
			circulator: batch.circulator,
			collectedOn: dateText(batch.collected_on) ?? '',
			town: batch.town,
			sheetNumber: batch.sheet_number,
			count: batch.signature_count,
			rows: rows.map((row) => ({ id: row.id, line: row.line, name: row.name, address: row.address, postalCode: row.postal_code })),
			repeats: repeats.map((row) => ({ signerId: row.signer_id, line: row.line, matched: row.matched, matchedName: row.matched_name })),
			changes: log.map((entry) => {
				const line = typeof entry.details === 'object' && entry.details !== null ? Reflect.get(entry.details, 'line') : null
				return {
					id: String(entry.id),
					action: entry.action as SheetChange['action'],
					at: new Date(entry.created_at).toISOString(),
					actor: entry.display_name,
					fields: changedFields(entry.details),
					line: typeof line === 'number' ? line : null,
				}
			}),
		}
	})
}

export type CorrectionOutcome = { ok: true } | { ok: false; reason: 'duplicate_sheet' | 'count_below_rows' | 'not_allowed' | 'gone' }

export async function correctSheet(
	caller: AuthenticatedCaller,
	campaignId: string,
	batchId: string,
	input: { circulator: string; collectedOn: string; town: string; sheetNumber: string; count: number },
): Promise<CorrectionOutcome> {
	const outcome = await unlessRefused(() =>
		asCaller(caller, (trx) =>
			trx
				.updateTable('campaign_paper_batches')
				.set({
					circulator: input.circulator,
					collected_on: input.collectedOn,
					town: input.town,
					sheet_number: input.sheetNumber,
					signature_count: input.count,
				})
				.where('id', '=', batchId)
				.where('campaign_id', '=', campaignId)
				.executeTakeFirst(),
		),
	)
	if (outcome.ok) return outcome.value.numUpdatedRows === 0n ? { ok: false, reason: 'gone' } : { ok: true }
	if (outcome.refusal.kind === 'duplicate') return { ok: false, reason: 'duplicate_sheet' }
	if (outcome.refusal.hint === 'campaign_paper_batch_count') return { ok: false, reason: 'count_below_rows' }
	if (outcome.refusal.kind === 'not_allowed') return { ok: false, reason: 'not_allowed' }
	throw outcome.error
}

export async function correctRow(
	caller: AuthenticatedCaller,
	campaignId: string,
	batchId: string,
	input: { signerId: string; name: string; address: string; postalCode: string },
): Promise<CorrectionOutcome> {
	const outcome = await unlessRefused(() =>
		asCaller(caller, (trx) =>
			trx
				.updateTable('campaign_paper_signers')
				.set({ name: input.name, address: input.address, postal_code: input.postalCode })
				.where('id', '=', input.signerId)
				.where('batch_id', '=', batchId)
				.where('campaign_id', '=', campaignId)
				.executeTakeFirst(),
		),
	)
	if (outcome.ok) return outcome.value.numUpdatedRows === 0n ? { ok: false, reason: 'gone' } : { ok: true }
	if (outcome.refusal.kind === 'not_allowed') return { ok: false, reason: 'not_allowed' }
	throw outcome.error
}
