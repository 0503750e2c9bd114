// The document types Groundwork keeps in its private buckets (records a body
// sent back, a campaign's evidence), and how to tell one from a page renamed:
// by its first bytes, not by what the browser says it is.

export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]

/** Whether the first bytes are what the type says: a PDF, PNG, JPEG or WebP, not a page renamed. */
export function looksLike(type: DocumentType, head: Uint8Array) {
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

export const EXTENSIONS: Record<DocumentType, string> = {
	'application/pdf': 'pdf',
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
}
