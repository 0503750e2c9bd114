import type { createSupabase } from '#app/auth/supabase.server'
import { t } from '#app/i18n/i18n'
import { env } from '#app/utils/env.server'
import { readFileForm } from '#app/utils/forms.server'
import type { UploadRule } from './upload-rules'

// Every upload (an avatar, a petition cover) is one multipart form with one
// file field: read it in memory up to a size, check it is there and of an
// allowed type, store it as the signed-in person (storage policies decide
// where they may write), then drop the file it replaces.

type Supabase = ReturnType<typeof createSupabase>['supabase']

/** The public buckets pages link to directly. */
export type Bucket = 'avatars' | 'petition-covers'
/** Buckets read only through Storage's policies (by signed URL or by a job), never by a public link. */
export type PrivateBucket = 'objection-files' | 'speaker-letters'

/** The address a page links to for a file in a public bucket, or null when there is none. */
export function publicFileUrl(bucket: Bucket, path: string | null) {
	return path ? `${env().SUPABASE_URL}/storage/v1/object/public/${bucket}/${path}` : null
}

export type UploadRead<Type extends string> = { ok: true; file: File; type: Type } | { ok: false; message: string }

/** Whether this POST is the upload form rather than one of the page's other forms. */
export function isMultipart(request: Request) {
	return request.headers.get('Content-Type')?.startsWith('multipart/form-data') ?? false
}

/** The uploaded file, or the message to show beside the field. */
export async function readUpload<Type extends string>(request: Request, rule: UploadRule<Type>): Promise<UploadRead<Type>> {
	// The standard parser: Remix's streaming one threw on file names holding `=` or `;` (docs/decisions/043).
	// The body limit (app/http/body-limit.server.ts) has already bounded the request.
	const file = (await readFileForm(request))?.get(rule.field)
	if (!(file instanceof File) || file.size === 0) return { ok: false, message: t(rule.messages.missing) }
	if (file.size > rule.maxBytes) return { ok: false, message: t(rule.messages.tooBig) }
	const type = rule.types.find((allowed) => allowed === file.type)
	if (!type) return { ok: false, message: t(rule.messages.wrongType) }
	return { ok: true, file, type }
}

/**
 * Stores a file as the signed-in person. Storage's own size and type limits
 * (413, 415) come back as the rule's messages; anything else is a fault.
 */
export async function storeFile<Type extends string>(
	supabase: Supabase,
	bucket: Bucket | PrivateBucket,
	rule: UploadRule<Type>,
	file: { path: string; body: File | Buffer; contentType: string },
): Promise<{ ok: true } | { ok: false; message: string }> {
	const { error } = await supabase.storage.from(bucket).upload(file.path, file.body, { contentType: file.contentType, upsert: false })
	if (!error) return { ok: true }
	const status = 'statusCode' in error ? String(error.statusCode) : ''
	if (status === '413') return { ok: false, message: t(rule.messages.tooBig) }
	if (status === '415') return { ok: false, message: t(rule.messages.wrongType) }
	throw error
}

/** Removes a stored file that nothing points to any more (no-op without one). */
export async function removeFile(supabase: Supabase, bucket: Bucket | PrivateBucket, path: string | null) {
	if (path) await supabase.storage.from(bucket).remove([path])
}
