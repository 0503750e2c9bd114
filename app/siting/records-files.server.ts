import type { createSupabase } from '#app/auth/supabase.server'
import { asCaller, type AuthenticatedCaller, type Caller } from '#app/db/db.server'
import { unlessRefused } from '#app/db/refusals.server'
import { t } from '#app/i18n/i18n'
import { signedHeldFileUrl, uploadHeldFile, type HeldUpload } from '#app/storage/held-files.server'
import { recordsFileUpload } from './records-files'

// The files a records request brought back, in the private bucket
// `records-documents` (docs/decisions/062). Everything runs as the person
// asking: Storage's policies decide who uploads, reads and removes, the
// table's who sees a held file. A file is held for the project's editors
// until one of them shares it.

type Supabase = ReturnType<typeof createSupabase>['supabase']

export const RECORDS_BUCKET = 'records-documents' as const

export type RecordsFile = {
	id: string
	requestId: string
	title: string
	contentType: string
	sizeBytes: number
	receivedOn: string | null
	shared: boolean
}

function dateText(value: Date | null) {
	return value
		? `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
		: null
}

/** The files of these requests the caller may see (shared ones, and held ones to editors). */
export async function filesOf(caller: Caller, requestIds: string[]): Promise<RecordsFile[]> {
	if (requestIds.length === 0) return []
	const rows = await asCaller(caller, (trx) =>
		trx
			.selectFrom('records_request_files')
			.select(['id', 'request_id', 'title', 'content_type', 'size_bytes', 'received_on', 'shared'])
			.where('request_id', 'in', requestIds)
			.orderBy('created_at')
			.execute(),
	)
	return rows.map((row) => ({
		id: row.id,
		requestId: row.request_id,
		title: row.title,
		contentType: row.content_type,
		sizeBytes: row.size_bytes,
		receivedOn: dateText(row.received_on),
		shared: row.shared,
	}))
}

export type UploadOutcome = HeldUpload

/**
 * Stores an uploaded file in the request's folder and records it, as the
 * signed-in editor (app/storage/held-files.server.ts checks it first and
 * removes it again if the row is refused).
 */
export async function uploadRecordsFile(
	supabase: Supabase,
	caller: AuthenticatedCaller,
	requestId: string,
	file: FormDataEntryValue | null,
	fields: { title: string; receivedOn: string; share: boolean },
): Promise<UploadOutcome> {
	return uploadHeldFile(supabase, {
		bucket: RECORDS_BUCKET,
		rule: recordsFileUpload,
		file,
		folder: requestId,
		notAllowed: t('records.notAllowed'),
		record: ({ id, path, type, size }) =>
			unlessRefused(() =>
				asCaller(caller, (trx) =>
					trx
						.insertInto('records_request_files')
						.values({
							id,
							request_id: requestId,
							title: fields.title,
							storage_path: path,
							content_type: type,
							size_bytes: size,
							received_on: fields.receivedOn || null,
							shared: fields.share,
							added_by: caller.claims.sub,
						})
						.execute(),
				),
			),
	})
}

/** Shares a held file, takes a shared one back, or removes one (its stored file too). False when the caller may not. */
export async function changeRecordsFile(
	supabase: Supabase,
	caller: AuthenticatedCaller,
	requestId: string,
	fileId: string,
	intent: 'share-file' | 'unshare-file' | 'remove-file',
) {
	return asCaller(caller, async (trx) => {
		const row = await trx
			.selectFrom('records_request_files')
			.select(['id', 'storage_path'])
			.where('id', '=', fileId)
			.where('request_id', '=', requestId)
			.executeTakeFirst()
		if (!row) return false
		if (intent === 'remove-file') {
			const removed = await trx.deleteFrom('records_request_files').where('id', '=', row.id).executeTakeFirst()
			if (Number(removed.numDeletedRows) !== 1) return false
			const { error } = await supabase.storage.from(RECORDS_BUCKET).remove([row.storage_path])
			if (error) throw error
			return true
		}
		const changed = await trx
			.updateTable('records_request_files')
			.set({ shared: intent === 'share-file' })
			.where('id', '=', row.id)
			.executeTakeFirst()
		return Number(changed.numUpdatedRows) === 1
	})
}

/** A short-lived address for one file, if the caller may read it (Storage's policies decide); null otherwise. */
export async function signedFileUrl(supabase: Supabase, caller: Caller, requestId: string, fileId: string) {
	const row = await asCaller(caller, (trx) =>
		trx
			.selectFrom('records_request_files')
			.select(['storage_path', 'title', 'content_type'])
			.where('id', '=', fileId)
			.where('request_id', '=', requestId)
			.executeTakeFirst(),
	)
	return row ? signedHeldFileUrl(supabase, RECORDS_BUCKET, row.storage_path, row.title) : null
}
