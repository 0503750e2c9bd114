import { randomUUID } from 'node:crypto'
import type { createSupabase } from '#app/auth/supabase.server'
import type { Refused } from '#app/db/refusals.server'
import { t } from '#app/i18n/i18n'
import { EXTENSIONS, looksLike, type DocumentType } from './file-types'
import type { UploadRule } from './upload-rules'

// Documents in a private bucket that a row in a table describes, held for
// the people who keep them until one of them makes the file public: the
// files a records request brought back (docs/decisions/062) and a campaign
// stage's evidence (docs/decisions/075). Everything runs as the person
// asking, so Storage's policies and the table's decide.

type Supabase = ReturnType<typeof createSupabase>['supabase']

export type HeldBucket = 'records-documents' | 'campaign-files'

export type HeldUpload = { ok: true } | { ok: false; errors: Record<string, string> }

/**
 * Checks an uploaded file (there, within the size, of an allowed type by its
 * first bytes), stores it at `<folder>/<id>.<ext>` and records its row with
 * `record`. Storage's own limits answer with the rule's messages. If the row
 * is refused the object is removed again, so nothing is stored that no page shows.
 */
export async function uploadHeldFile<Type extends DocumentType>(
	supabase: Supabase,
	options: {
		bucket: HeldBucket
		rule: UploadRule<Type>
		file: FormDataEntryValue | null
		folder: string
		/** The message when the caller may not keep files here. */
		notAllowed: string
		record: (file: { id: string; path: string; type: Type; size: number }) => Promise<{ ok: true } | Refused>
	},
): Promise<HeldUpload> {
	const { bucket, rule, file } = options
	if (!(file instanceof File) || file.size === 0) return { ok: false, errors: { [rule.field]: t(rule.messages.missing) } }
	if (file.size > rule.maxBytes) return { ok: false, errors: { [rule.field]: t(rule.messages.tooBig) } }
	const type = rule.types.find((allowed) => allowed === file.type)
	const body = Buffer.from(await file.arrayBuffer())
	if (!type || !looksLike(type, body.subarray(0, 16))) return { ok: false, errors: { [rule.field]: t(rule.messages.wrongType) } }
	const id = randomUUID()
	const path = `${options.folder}/${id}.${EXTENSIONS[type]}`
	const { error } = await supabase.storage.from(bucket).upload(path, body, { contentType: type, upsert: false })
	if (error) {
		const status = 'statusCode' in error ? String(error.statusCode) : ''
		if (status === '413') return { ok: false, errors: { [rule.field]: t(rule.messages.tooBig) } }
		if (status === '415') return { ok: false, errors: { [rule.field]: t(rule.messages.wrongType) } }
		if (status === '403' || status === '400') return { ok: false, errors: { form: options.notAllowed } }
		throw error
	}
	const recorded = await options.record({ id, path, type, size: file.size })
	if (!recorded.ok) {
		await supabase.storage.from(bucket).remove([path])
		if (recorded.refusal.kind === 'not_allowed') return { ok: false, errors: { form: options.notAllowed } }
		throw recorded.error
	}
	return { ok: true }
}

/** A one-minute address that downloads the file as `<title>.<ext>`, if the caller may read it; null otherwise. */
export async function signedHeldFileUrl(supabase: Supabase, bucket: HeldBucket, path: string, title: string) {
	const extension = path.split('.').pop() ?? 'pdf'
	const name = `${title.replace(/[^\p{L}\p{N} ._-]+/gu, '').slice(0, 80) || 'document'}.${extension}`
	const { data, error } = await supabase.storage.from(bucket).createSignedUrl(path, 60, { download: name })
	if (error || !data) return null
	return data.signedUrl
}
