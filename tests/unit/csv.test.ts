import { expect, test } from 'vitest'
import { csvCell, toCsv } from '#app/petitions/csv'

test('a cell a spreadsheet would run as a formula starts with an apostrophe instead', () => {
	for (const start of ['=', '+', '-', '@', '\t', '\r']) {
		expect(csvCell(`${start}HYPERLINK("http://evil.example")`)).toBe(`"'${start}HYPERLINK(""http://evil.example"")"`)
	}
})

test('a formula character later in the text is left alone', () => {
	expect(csvCell('Loudoun = home')).toBe('"Loudoun = home"')
	expect(csvCell('20175-1234')).toBe('"20175-1234"')
})

test('every cell is quoted, with quotes inside doubled and line breaks kept', () => {
	expect(csvCell('say "hi"')).toBe('"say ""hi"""')
	expect(csvCell('one, two')).toBe('"one, two"')
	expect(csvCell('line one\nline two')).toBe('"line one\nline two"')
})

test('numbers and booleans are written as quoted cells (a negative number stays a number; the same text is defused), a missing value as an empty cell', () => {
	expect(csvCell(1234)).toBe('"1234"')
	// A number cannot carry a formula, and the registry's longitudes must stay numbers.
	expect(csvCell(-77.5)).toBe('"-77.5"')
	expect(csvCell('-5')).toBe(`"'-5"`)
	expect(csvCell('-2+3+cmd|calc')).toBe(`"'-2+3+cmd|calc"`)
	expect(csvCell(true)).toBe('"true"')
	expect(csvCell(null)).toBe('""')
	expect(csvCell(undefined)).toBe('""')
})

test('a file starts with a byte-order mark and ends every row with CRLF', () => {
	expect(
		toCsv([
			['name', 'place'],
			['Dana', 'Leesburg, VA'],
		]),
	).toBe('\uFEFF"name","place"\r\n"Dana","Leesburg, VA"\r\n')
})
