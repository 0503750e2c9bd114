import { expect, test } from 'vitest'
import { normalizeUsZipCode, usZipCode } from '#app/places/postal-code'

test('a ZIP code, a ZIP+4 with or without its hyphen and stray spaces all come down to five digits', () => {
	expect(normalizeUsZipCode('20175')).toBe('20175')
	expect(normalizeUsZipCode(' 20175 ')).toBe('20175')
	expect(normalizeUsZipCode('20175-1234')).toBe('20175')
	expect(normalizeUsZipCode('201751234')).toBe('20175')
	expect(normalizeUsZipCode('02134')).toBe('02134')
})

test('anything else is not a ZIP code', () => {
	for (const value of ['', '2017', '201756', '20175-', '20175-12', '20175 1234', '2O175', 'K1A 0B1', '20175-1234-5']) {
		expect(normalizeUsZipCode(value), value).toBeNull()
	}
})

test('the form field accepts what the lookup understands, gives the five digits, and says the caller’s message otherwise', () => {
	const field = usZipCode('Enter a ZIP code like 20175')
	expect(field.parse(' 20175-1234 ')).toBe('20175')
	expect(field.parse('201751234')).toBe('20175')
	const refused = field.safeParse('2017')
	expect(refused.success).toBe(false)
	expect(refused.error?.issues[0]?.message).toBe('Enter a ZIP code like 20175')
	for (const value of ['20175', ' 20175 ', '20175-1234', '201751234', '', '2017', '20175-', '2O175', '20175 1234']) {
		expect(field.safeParse(value).success, value).toBe(normalizeUsZipCode(value) !== null)
	}
})
