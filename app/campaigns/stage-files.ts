import { z } from 'zod'
import { t } from '#app/i18n/i18n'
import { DOCUMENT_TYPES, type DocumentType } from '#app/storage/file-types'
import type { UploadRule } from '#app/storage/upload-rules'

// A stage's evidence as a file (docs/decisions/075): what the form takes,
// shared by the page (the input's `accept`), the body limit and the action.
// The bucket's own limit and list are the same.

export const stageFileUpload = {
	field: 'file',
	maxBytes: 10 * 1024 * 1024,
	types: DOCUMENT_TYPES,
	messages: {
		tooBig: 'campaigns.files.error.tooBig',
		missing: 'campaigns.files.error.missing',
		wrongType: 'campaigns.files.error.wrongType',
	},
} as const satisfies UploadRule<DocumentType>

export const stageFileSchema = z.object({
	stageId: z.uuid(t('campaigns.error.stage')),
	title: z
		.string()
		.trim()
		.min(1, t('campaigns.files.error.title'))
		.max(200, t('campaigns.files.error.title'))
		.refine((value) => !value.includes('\u0000'), t('campaigns.error.control')),
	public: z
		.union([z.boolean(), z.string().max(10)])
		.optional()
		.transform((value) => value === true || value === 'on' || value === 'true'),
})

export const stageFileChangeSchema = z.object({ fileId: z.uuid(t('campaigns.files.error.gone')) })

/** The address that hands out one file (a short-lived signed link, if the reader may see it). */
export function stageFileHref(campaignSlug: string, fileId: string) {
	return `/campaigns/${campaignSlug}/files/${fileId}`
}
