import { sql } from 'kysely'
import { asCaller, type AuthenticatedCaller } from '#app/db/db.server'
import { unlessRefused } from '#app/db/refusals.server'
import { dateText } from '#app/siting/records.server'
import type { PaperRow } from './paper'

// Paper signature sheets: recorded by the coalition's members, read in full
// (names and addresses) by its managers only; the policies say so
// (20261202140000_create_campaigns.sql, docs/decisions/060).

export type PaperTotal = { label: string; sheets: number; signatures: number }
export type PaperMatch = {
	signerId: string
	batchId: string
	line: number
	name: string
	address: string
	matched: 'online' | 'paper'
	matchedName: string
	circulator: string
}
export type PaperSummary = {
	sheets: number
	signatures: number
	byCirculator: PaperTotal[]
	byTown: PaperTotal[]
	matches: PaperMatch[]
	recent: Array<{ id: string; circulator: string; town: string; collectedOn: string; sheetNumber: string; count: number; named: boolean }>
}

function totals(rows: Array<{ key: string; count: number }>): PaperTotal[] {
	const byKey = new Map<string, PaperTotal>()
	for (const row of rows) {
		const total = byKey.get(row.key.toLowerCase()) ?? { label: row.key, sheets: 0, signatures: 0 }
		total.sheets++
		total.signatures += row.count
		byKey.set(row.key.toLowerCase(), total)
	}
	return [...byKey.values()].sort((a, b) => b.signatures - a.signatures || a.label.localeCompare(b.label))
}

/** What the caller may see: every sheet for a manager, their own for a circulator. */
export async function paperSummary(caller: AuthenticatedCaller, campaignId: string): Promise<PaperSummary> {
	return asCaller(caller, async (trx) => {
		const batches = await trx
			.selectFrom('campaign_paper_batches')
			.select(['id', 'circulator', 'town', 'collected_on', 'sheet_number', 'signature_count', 'named'])
			.where('campaign_id', '=', campaignId)
			.orderBy('created_at', 'desc')
			.execute()
		const { rows } = await sql<{
			signer_id: string
			batch_id: string
			line: number
			name: string
			address: string
			matched: 'online' | 'paper'
			matched_name: string
		}>`select * from private.campaign_paper_matches(${campaignId}) order by batch_id, line`.execute(trx)
		const circulatorOf = new Map(batches.map((batch) => [batch.id, batch.circulator]))
		return {
			sheets: batches.length,
			signatures: batches.reduce((sum, batch) => sum + batch.signature_count, 0),
			byCirculator: totals(batches.map((batch) => ({ key: batch.circulator, count: batch.signature_count }))),
			byTown: totals(batches.map((batch) => ({ key: batch.town, count: batch.signature_count }))),
			matches: rows.map((row) => ({
				signerId: row.signer_id,
				batchId: row.batch_id,
				line: row.line,
				name: row.name,
				address: row.address,
				matched: row.matched,
				matchedName: row.matched_name,
				circulator: circulatorOf.get(row.batch_id) ?? '',
			})),
			recent: batches.slice(0, 50).map((batch) => ({
				id: batch.id,
				circulator: batch.circulator,
				town: batch.town,
				collectedOn: dateText(batch.collected_on) ?? '',
				sheetNumber: batch.sheet_number,
				count: batch.signature_count,
				named: batch.named,
			})),
		}
	})
}

export type SheetInput = {
	circulator: string
	collectedOn: string
	town: string
	sheetNumber: string
	/** Every line on the sheet, unreadable ones included. */
	count: number
	rows: PaperRow[]
}

export type SheetOutcome = { ok: true; count: number } | { ok: false; reason: 'duplicate_sheet' | 'not_allowed' }

/** Records a sheet and its readable rows together: both or neither. */
export async function recordSheet(caller: AuthenticatedCaller, campaignId: string, input: SheetInput): Promise<SheetOutcome> {
	const outcome = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			const batchId = crypto.randomUUID()
			await trx
				.insertInto('campaign_paper_batches')
				.values({
					id: batchId,
					campaign_id: campaignId,
					circulator: input.circulator,
					collected_on: input.collectedOn,
					town: input.town,
					sheet_number: input.sheetNumber,
					signature_count: input.count,
					named: input.rows.length > 0,
					recorded_by: caller.claims.sub,
				})
				.execute()
			if (input.rows.length) {
				await trx
					.insertInto('campaign_paper_signers')
					.values(
						input.rows.map((row) => ({
							batch_id: batchId,
							campaign_id: campaignId,
							line: row.line,
							name: row.name,
							address: row.address,
							postal_code: row.postalCode,
						})),
					)
					.execute()
			}
		}),
	)
	if (outcome.ok) return { ok: true, count: input.count }
	if (outcome.refusal.kind === 'duplicate') return { ok: false, reason: 'duplicate_sheet' }
	if (outcome.refusal.kind === 'not_allowed') return { ok: false, reason: 'not_allowed' }
	throw outcome.error
}
