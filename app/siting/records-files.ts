import { z } from 'zod'
import { t } from '#app/i18n/i18n'
import { DOCUMENT_TYPES, type DocumentType } from '#app/storage/file-types'
import type { UploadRule } from '#app/storage/upload-rules'

// A file a records request brought back (docs/decisions/062): what the form
// takes, shared by the page (the input's `accept`), the body limit, and the
// action. The bucket's own limit and list are the same.

export const RECORDS_FILE_TYPES = DOCUMENT_TYPES
export type RecordsFileType = DocumentType

export const recordsFileUpload = {
	field: 'file',
	maxBytes: 10 * 1024 * 1024,
	types: RECORDS_FILE_TYPES,
	messages: { tooBig: 'recordsFiles.error.tooBig', missing: 'recordsFiles.error.missing', wrongType: 'recordsFiles.error.wrongType' },
} as const satisfies UploadRule<RecordsFileType>

export const RECORDS_FILE_INTENTS = ['share-file', 'unshare-file', 'remove-file'] as const

/** The fields beside the file. */
export const recordsFileSchema = z.object({
	title: z
		.string()
		.trim()
		.min(1, t('recordsFiles.error.title'))
		.max(300, t('recordsFiles.error.title'))
		.refine((value) => !value.includes('\u0000'), t('projectEdit.error.nul')),
	receivedOn: z
		.string()
		.trim()
		.max(20)
		.default('')
		.refine((value) => value === '' || isDate(value), t('projectEdit.error.date')),
	share: z
		.union([z.boolean(), z.string().max(10)])
		.optional()
		.transform((value) => value === true || value === 'on' || value === 'true'),
})

/** Share, take back, or remove one file. */
export const recordsFileActionSchema = z.object({
	intent: z.enum(RECORDS_FILE_INTENTS),
	fileId: z.uuid(),
})

function isDate(value: string) {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
	const date = new Date(`${value}T00:00:00Z`)
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && date.getUTCFullYear() >= 1900
}
