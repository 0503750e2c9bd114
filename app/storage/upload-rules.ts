import type { MessageKey } from '#app/i18n/en'

// What an upload form accepts, shared by the form (the file input's `accept`)
// and the action that reads the file (app/storage/uploads.server.ts).

/** Images every browser shows: what avatars and covers may be. */
export const WEB_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const

export type UploadRule<Type extends string = string> = {
	/** The form field holding the file. */
	field: string
	maxBytes: number
	types: readonly Type[]
	/** What the person reads when the file is too big, missing, or not one of `types`. */
	messages: { tooBig: MessageKey; missing: MessageKey; wrongType: MessageKey }
}
