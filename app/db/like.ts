/** A LIKE/ILIKE pattern matching `text` anywhere, with the user's own % and _ taken literally. */
export function containsPattern(text: string) {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** A LIKE/ILIKE pattern matching exactly `text`, with % and _ taken literally. */
export function exactPattern(text: string) {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
