// CSV that is safe to open in a spreadsheet: a cell that starts with = + - @
// (or a tab or carriage return) is a formula to Excel, LibreOffice and
// Google Sheets, so it gets a leading apostrophe and is shown as text.

const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: string | number | boolean | null | undefined) {
	let text = value === null || value === undefined ? '' : String(value)
	// A number is data, never a formula: -77.5 stays a longitude.
	if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`
	return `"${text.replaceAll('"', '""')}"`
}

/** Rows as CSV with CRLF line ends and a byte-order mark, so spreadsheets read UTF-8 names correctly. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>) {
	return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
}
