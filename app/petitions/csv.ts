// CSV that is safe to open in a spreadsheet: a cell that starts with = + - @
// (or a tab or carriage return) is a formula to Excel, LibreOffice and
// Google Sheets, so it gets a leading apostrophe and is shown as text.

const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: Cell) {
	let text = value === null || value === undefined ? '' : String(value)
	// A number is data, never a formula: -77.5 stays a longitude.
	if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`
	return `"${text.replaceAll('"', '""')}"`
}

type Cell = string | number | boolean | null | undefined

/** The byte-order mark a CSV starts with, so spreadsheets read UTF-8 names correctly. */
export const CSV_START = '\uFEFF'

/** Rows as CSV lines, each ending in CRLF: a piece of a CSV that is sent as it is made. */
export function csvLines(rows: ReadonlyArray<ReadonlyArray<Cell>>) {
	return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('')
}

/** Rows as CSV with CRLF line ends and a byte-order mark. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<Cell>>) {
	return `${CSV_START}${csvLines(rows)}`
}
