import { expect, test } from 'vitest'
import { isOpen, milestoneThresholds } from '#app/petitions/petitions.server'
import { countryOptions, isAcceptableName } from '#app/petitions/schemas'

test('milestones: a quarter, half, three quarters and all of the goal, plus the organizers’ own, in order and once each', () => {
	expect(milestoneThresholds(1000, [])).toEqual([250, 500, 750, 1000])
	expect(milestoneThresholds(10, [3, 250, 5])).toEqual([3, 5, 8, 10, 250])
	expect(milestoneThresholds(2, [])).toEqual([1, 2])
})

test('a petition is open while published and before its deadline', () => {
	const now = new Date('2026-12-05T12:00:00Z')
	expect(isOpen({ status: 'published', deadline: null }, now)).toBe(true)
	expect(isOpen({ status: 'published', deadline: '2026-12-06T04:59:59Z' }, now)).toBe(true)
	expect(isOpen({ status: 'published', deadline: new Date('2026-12-05T12:00:00Z') }, now)).toBe(false)
	for (const status of ['draft', 'closed', 'delivered'] as const) expect(isOpen({ status, deadline: null }, now)).toBe(false)
})

test('a signer’s name may not carry a web address or start like a spreadsheet formula', () => {
	for (const name of ['Dana Whitfield', 'Zoë O’Brien-Núñez', 'Ana 2nd']) expect(isAcceptableName(name), name).toBe(true)
	for (const name of ['=HYPERLINK("x")', ' +1 555', '@everyone', '-x', 'see www.spam.example', 'https://spam.example', 'x://y']) {
		expect(isAcceptableName(name), name).toBe(false)
	}
})

test('the country list starts with the United States, then goes alphabetically by name', () => {
	const options = countryOptions()
	expect(options[0]).toEqual({ code: 'US', name: 'United States' })
	const rest = options.slice(1).map((option) => option.name)
	expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'en')))
	expect(options.find((option) => option.code === 'MX')?.name).toBe('Mexico')
	expect(new Set(options.map((option) => option.code)).size).toBe(options.length)
})
