// Cover images are resized on the server before they are stored: 1200 × 630
// (the size link previews use), cropped around the most interesting part,
// turned the right way up, stripped of metadata such as GPS position, as WebP.
export const COVER_WIDTH = 1200
export const COVER_HEIGHT = 630

export async function resizeCover(bytes: ArrayBuffer): Promise<Buffer | null> {
	// Loaded on first use: libvips is 20 MB the signing path never needs.
	const { default: sharp } = await import('sharp')
	try {
		return await sharp(Buffer.from(bytes), { limitInputPixels: 40_000_000 })
			.rotate()
			.resize(COVER_WIDTH, COVER_HEIGHT, { fit: 'cover', position: 'attention' })
			.webp({ quality: 80 })
			.toBuffer()
	} catch {
		// Not an image sharp can read, whatever its type said.
		return null
	}
}
