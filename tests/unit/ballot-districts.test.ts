import { expect, test } from 'vitest'
import { calculateDistribution, COLORADO_DISTRIBUTION, formatDistricts, parseDistricts } from '#app/campaigns/districts'

// Colorado's distribution rule for constitutional amendments: valid
// signatures from at least 2% of the registered electors of each of the 35
// state senate districts (Colo. Const. art. V, § 1(2.5)).

test('2% of a district’s electors is rounded up: 2% of 123,457 is 2,470, not 2,469.14', () => {
	const [district] = calculateDistribution([{ district: 'SD 1', registeredElectors: 123457, signatures: 0 }], 2, 100).districts
	expect(district?.required).toBe(2470)
})

test('a district meets the rule when its projected valid signatures reach the share, and is short by the gap otherwise', () => {
	const figures = calculateDistribution(
		[
			{ district: 'SD 1', registeredElectors: 100000, signatures: 2500 },
			{ district: 'SD 2', registeredElectors: 100000, signatures: 2000 },
		],
		COLORADO_DISTRIBUTION.percent,
		80,
	)
	// SD 1: 2,500 × 80% = 2,000 valid, exactly the 2,000 required. SD 2: 1,600 valid, 400 short.
	expect(figures.districts.map((d) => [d.district, d.required, d.projectedValid, d.gap, d.meets])).toEqual([
		['SD 1', 2000, 2000, 0, true],
		['SD 2', 2000, 1600, 400, false],
	])
	expect(figures.short.map((d) => d.district)).toEqual(['SD 2'])
	expect(figures.meets).toBe(false)
})

test('Colorado names 35 districts: with 34 entered the rule is not met, however full they are', () => {
	const lines = Array.from({ length: 34 }, (_, i) => ({ district: `SD ${i + 1}`, registeredElectors: 100000, signatures: 5000 }))
	const short = calculateDistribution(lines, 2, 78.8, COLORADO_DISTRIBUTION.districts)
	expect(short.short).toEqual([])
	expect(short.missing).toBe(1)
	expect(short.meets).toBe(false)
	const all = calculateDistribution([...lines, { district: 'SD 35', registeredElectors: 100000, signatures: 5000 }], 2, 78.8, 35)
	expect(all.missing).toBe(0)
	expect(all.meets).toBe(true)
})

test('no districts entered is not a rule met', () => {
	expect(calculateDistribution([], 2, 78.8).meets).toBe(false)
})

test('lines pasted from a spreadsheet (tabs) or typed with semicolons, thousands separators allowed', () => {
	const parsed = parseDistricts('SD 1\t123,457\t2,600\n\nSD 2; 98 000; 1500\n')
	expect(parsed.problems).toEqual([])
	expect(parsed.districts).toEqual([
		{ district: 'SD 1', registeredElectors: 123457, signatures: 2600 },
		{ district: 'SD 2', registeredElectors: 98000, signatures: 1500 },
	])
	expect(parseDistricts(formatDistricts(parsed.districts)).districts).toEqual(parsed.districts)
})

test('a line that is not three figures, a district entered twice, and zero electors are each reported with their line', () => {
	const parsed = parseDistricts('SD 1; 1000; 20\nSD 2; lots; 20\nsd 1; 1000; 30\nSD 3; 0; 5\n=cmd; 10; 1\nSD 4; 1000')
	expect(parsed.districts.map((d) => d.district)).toEqual(['SD 1'])
	expect(parsed.problems.map((p) => [p.line, p.problem])).toEqual([
		[2, 'unreadable'],
		[3, 'repeated'],
		[4, 'out_of_range'],
		[5, 'unreadable'],
		[6, 'unreadable'],
	])
})
