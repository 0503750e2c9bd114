import type { Transaction } from 'kysely'
import type { createSupabase } from '#app/auth/supabase.server'
import { asCaller, type AuthenticatedCaller, type Caller, type Database } from '#app/db/db.server'
import { unlessRefused } from '#app/db/refusals.server'
import { t } from '#app/i18n/i18n'
import { signedHeldFileUrl, uploadHeldFile } from '#app/storage/held-files.server'
import { stageFileUpload } from './stage-files'

// A stage's evidence files in the private bucket `campaign-files`, held for
// the campaign's managers until one of them makes a file public
// (20261203121000_campaign_stage_files.sql, docs/decisions/075). Everything
// runs as the person asking: Storage's policies and the table's decide.

type Supabase = ReturnType<typeof createSupabase>['supabase']

export const CAMPAIGN_BUCKET = 'campaign-files' as const

export type StageFile = { id: string; stageId: string; title: string; contentType: string; sizeBytes: number; isPublic: boolean }

/** The files of a campaign's stages the caller may see: public ones, and held ones to its managers. */
export async function stageFilesOf(trx: Transaction<Database>, campaignId: string): Promise<StageFile[]> {
	const rows = await trx
		.selectFrom('campaign_stage_files')
		.select(['id', 'stage_id', 'title', 'content_type', 'size_bytes', 'public'])
		.where('campaign_id', '=', campaignId)
		.orderBy('created_at')
		.execute()
	return rows.map((row) => ({
		id: row.id,
		stageId: row.stage_id,
		title: row.title,
		contentType: row.content_type,
		sizeBytes: row.size_bytes,
		isPublic: row.public,
	}))
}

/** Stores an uploaded file in the campaign's folder and records it against the stage, as the manager. */
export function uploadStageFile(
	supabase: Supabase,
	caller: AuthenticatedCaller,
	campaignId: string,
	file: FormDataEntryValue | null,
	fields: { stageId: string; title: string; public: boolean },
) {
	return uploadHeldFile(supabase, {
		bucket: CAMPAIGN_BUCKET,
		rule: stageFileUpload,
		file,
		folder: campaignId,
		notAllowed: t('campaigns.error.notAllowed'),
		record: ({ id, path, type, size }) =>
			unlessRefused(() =>
				asCaller(caller, (trx) =>
					trx
						.insertInto('campaign_stage_files')
						.values({
							id,
							campaign_id: campaignId,
							stage_id: fields.stageId,
							title: fields.title,
							storage_path: path,
							content_type: type,
							size_bytes: size,
							public: fields.public,
							added_by: caller.claims.sub,
						})
						.execute(),
				),
			),
	})
}

/** Makes a held file public, holds a public one back, or removes one (its stored object too). False when the caller may not. */
export async function changeStageFile(
	supabase: Supabase,
	caller: AuthenticatedCaller,
	campaignId: string,
	fileId: string,
	change: 'publish' | 'hold' | 'remove',
) {
	return asCaller(caller, async (trx) => {
		const row = await trx
			.selectFrom('campaign_stage_files')
			.select(['id', 'storage_path'])
			.where('id', '=', fileId)
			.where('campaign_id', '=', campaignId)
			.executeTakeFirst()
		if (!row) return false
		if (change === 'remove') {
			const removed = await trx.deleteFrom('campaign_stage_files').where('id', '=', row.id).executeTakeFirst()
			if (Number(removed.numDeletedRows) !== 1) return false
			// In the row's transaction: a failed Storage call puts the row back.
			const { error } = await supabase.storage.from(CAMPAIGN_BUCKET).remove([row.storage_path])
			if (error) throw error
			return true
		}
		const changed = await trx
			.updateTable('campaign_stage_files')
			.set({ public: change === 'publish' })
			.where('id', '=', row.id)
			.executeTakeFirst()
		return Number(changed.numUpdatedRows) === 1
	})
}

/** A short-lived address for one file, if the caller may read it (Storage's policies decide); null otherwise. */
export async function signedStageFileUrl(supabase: Supabase, caller: Caller, campaignSlug: string, fileId: string) {
	const row = await asCaller(caller, (trx) =>
		trx
			.selectFrom('campaign_stage_files as f')
			.innerJoin('campaigns as c', 'c.id', 'f.campaign_id')
			.select(['f.storage_path', 'f.title'])
			.where('f.id', '=', fileId)
			.where('c.slug', '=', campaignSlug)
			.executeTakeFirst(),
	)
	return row ? signedHeldFileUrl(supabase, CAMPAIGN_BUCKET, row.storage_path, row.title) : null
}
