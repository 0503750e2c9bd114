import { expect, test } from 'vitest'
import { normalizeSignerText, parseSheet } from '#app/campaigns/paper'

test('a sheet pasted from a spreadsheet keeps each signer’s name, street and ZIP', () => {
	expect(parseSheet('Mary O’Brien\t12 Elm Street\t04101\nJo Park\t3 Oak Ave\t04102-1234').rows).toEqual([
		{ line: 1, name: 'Mary O’Brien', address: '12 Elm Street', postalCode: '04101' },
		{ line: 2, name: 'Jo Park', address: '3 Oak Ave', postalCode: '04102' },
	])
})

test('semicolons work too, and a ZIP at the end of the address is found', () => {
	expect(parseSheet('Ann Lee; 1 Main St, Portland 04101').rows).toEqual([
		{ line: 1, name: 'Ann Lee', address: '1 Main St, Portland', postalCode: '04101' },
	])
})

test('unreadable rows are kept apart and counted, never guessed; blank lines are not rows', () => {
	const sheet = parseSheet('Ann Lee; 1 Main St\n\n???; 4 Pine Rd\nillegible\nBo Chen; 9 Elm St')
	expect(sheet.rows.map((row) => [row.line, row.name])).toEqual([
		[1, 'Ann Lee'],
		[4, 'Bo Chen'],
	])
	expect(sheet.unreadable).toEqual([
		{ line: 2, text: '???; 4 Pine Rd' },
		{ line: 3, text: 'illegible' },
	])
})

test('a name that starts like a spreadsheet formula is unreadable, not stored', () => {
	expect(parseSheet('=HYPERLINK("x"); 1 Main St').unreadable).toHaveLength(1)
})

test('names normalize as the database does, so the same person matches', () => {
	expect(normalizeSignerText('  MARY  O’Brien ')).toBe('mary o brien')
	expect(normalizeSignerText('mary o brien')).toBe('mary o brien')
})
