// A circulator's sheet typed in: one signer a line, the name, the street
// address and (if written) the ZIP code, separated by tabs (pasted from a
// spreadsheet) or semicolons. A line that cannot be read as a name and an
// address is unreadable: it is counted on the sheet, never guessed at.

export type PaperRow = { line: number; name: string; address: string; postalCode: string }
export type UnreadableRow = { line: number; text: string }
export type ParsedSheet = { rows: PaperRow[]; unreadable: UnreadableRow[] }

const MARKS_OF_UNREADABLE = /^(\?+|illegible|unreadable|x+)$/i
const ZIP = /^\d{5}(-\d{4})?$/

function clean(value: string) {
	return value.replace(/\s+/g, ' ').trim()
}

/** Lines as typed; blank lines are skipped and do not count. */
export function parseSheet(text: string): ParsedSheet {
	const rows: PaperRow[] = []
	const unreadable: UnreadableRow[] = []
	let line = 0
	for (const raw of text.split(/\r?\n/)) {
		if (!raw.trim()) continue
		line++
		const parts = (raw.includes('\t') ? raw.split('\t') : raw.split(';')).map(clean).filter(Boolean)
		const [name = '', address = '', third = ''] = parts
		let postalCode = ''
		let street = address
		if (third && ZIP.test(third)) postalCode = third.slice(0, 5)
		else if (third) street = clean(`${address} ${third}`)
		// "12 Elm St 04101" with no separator before the ZIP.
		const trailingZip = street.match(/^(.*\S)\s+(\d{5})(-\d{4})?$/)
		if (!postalCode && trailingZip?.[1] && trailingZip[2]) {
			street = trailingZip[1]
			postalCode = trailingZip[2]
		}
		const readable =
			name.length >= 2 &&
			name.length <= 120 &&
			street.length >= 2 &&
			street.length <= 200 &&
			!MARKS_OF_UNREADABLE.test(name) &&
			!MARKS_OF_UNREADABLE.test(street) &&
			/\p{L}/u.test(name) &&
			!/^[=+@\t\r-]/.test(name) &&
			!/^[=+@\t\r-]/.test(street)
		if (readable) rows.push({ line, name, address: street, postalCode })
		else unreadable.push({ line, text: clean(raw) })
	}
	return { rows, unreadable }
}

/** Lower case, letters and digits only, single spaces: as private.normalize_signer_text does. */
export function normalizeSignerText(value: string) {
	return value
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()
}
