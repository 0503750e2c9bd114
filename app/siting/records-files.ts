import { z } from 'zod'
import { t } from '#app/i18n/i18n'
import type { UploadRule } from '#app/storage/upload-rules'

// A file a records request brought back (docs/decisions/062): what the form
// takes, shared by the page (the input's `accept`), the body limit, and the
// action. The bucket's own limit and list are the same.

export const RECORDS_FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const
export type RecordsFileType = (typeof RECORDS_FILE_TYPES)[number]

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

/** Whether the first bytes are what the type says: a PDF, PNG, JPEG or WebP, not a page renamed. */
export function looksLike(type: RecordsFileType, head: Uint8Array) {
	const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte)
	switch (type) {
		case 'application/pdf':
			return starts(0x25, 0x50, 0x44, 0x46, 0x2d)
		case 'image/png':
			return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)
		case 'image/jpeg':
			return starts(0xff, 0xd8, 0xff)
		case 'image/webp':
			return starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50
	}
}

export const EXTENSIONS: Record<RecordsFileType, string> = {
	'application/pdf': 'pdf',
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
}
