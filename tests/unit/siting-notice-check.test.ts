import { expect, test } from 'vitest'
import { checkNotice, georgiaZoningNotice, noticeWindowRule, virginiaZoningNotice, type NoticeCheck } from '#app/siting/notice-check'

const codes = (check: NoticeCheck) => check.defects.map((defect) => defect.code)
const noteCodes = (check: NoticeCheck) => check.notes.map((note) => note.code)

// REAL: Prince William County's Digital Gateway. The Board of County Supervisors' rezoning
// hearing was on Tuesday 12 December 2023; its notice ran in The Washington Post on 2, 5 and 9
// December 2023 (Bristow Beat, "Citizen Group Alleges PW County Provided Insufficient Notice of
// Digital Gateway Rezoning" and "Digital Gateway lawsuit dismissed in Prince William Circuit
// Court"). The rezonings were voided over that notice (Prince William Circuit Court, 7 August
// 2025; affirmed, Board of County Supervisors v. Oak Valley Homeowners Association, Court of
// Appeals of Virginia, 31 March 2026). The courts also weighed the county's own ordinance and
// when documents were available; this check covers only the statute's timing.
test('real: the Digital Gateway notices (2, 5 and 9 December 2023 for a 12 December hearing) fail § 15.2-2204 whichever two are counted', () => {
	const check = checkNotice({ hearing: '2023-12-12', publications: ['2023-12-02', '2023-12-05', '2023-12-09'] }, virginiaZoningNotice)
	expect(check.met).toBe(false)
	expect(check.citation).toBe('Va. Code § 15.2-2204')
	expect(codes(check)).toEqual(['publications-too-close', 'hearing-too-soon'])
	expect(check.defects.map((defect) => defect.message)).toEqual([
		'The notices of Saturday, December 2, 2023 and Tuesday, December 5, 2023 were 3 days apart. The law needs at least 6 days from the first to the second.',
		'The hearing on Tuesday, December 12, 2023 was 3 days after the notice of Saturday, December 9, 2023. It has to be at least 5 days after the second notice.',
	])
	expect(check.counted).toEqual([])
})

test('constructed: two Wednesday notices a week apart and a hearing 13 days after the second meet the Virginia rule', () => {
	const check = checkNotice(
		{ hearing: '2026-01-27', publications: ['2026-01-14', '2026-01-07'], mailings: ['2026-01-20'] },
		virginiaZoningNotice,
	)
	expect(check).toMatchObject({ met: true, defects: [], notes: [], counted: ['2026-01-07', '2026-01-14'] })
})

test('constructed: a hearing 22 days after the second notice is too late; 21 is the limit', () => {
	const late = checkNotice({ hearing: '2026-02-05', publications: ['2026-01-07', '2026-01-14'] }, virginiaZoningNotice)
	expect(late.met).toBe(false)
	expect(codes(late)).toEqual(['hearing-too-late'])
	expect(late.defects[0]?.message).toBe(
		'The hearing on Thursday, February 5, 2026 was 22 days after the notice of Wednesday, January 14, 2026. It can be no more than 21 days after the second notice.',
	)
	expect(checkNotice({ hearing: '2026-02-04', publications: ['2026-01-07', '2026-01-14'] }, virginiaZoningNotice).met).toBe(true)
})

test('constructed: notices five days apart are too close; six is the minimum and the check says it is at the limit', () => {
	const close = checkNotice({ hearing: '2026-01-22', publications: ['2026-01-07', '2026-01-12'] }, virginiaZoningNotice)
	expect(codes(close)).toEqual(['publications-too-close'])
	expect(close.defects[0]?.dates).toEqual(['2026-01-07', '2026-01-12'])
	const atLimit = checkNotice({ hearing: '2026-01-22', publications: ['2026-01-07', '2026-01-13'] }, virginiaZoningNotice)
	expect(atLimit.met).toBe(true)
	expect(noteCodes(atLimit)).toContain('gap-at-limit')
})

test('constructed: a single notice fails, and says what the law needs', () => {
	const check = checkNotice({ hearing: '2026-01-27', publications: ['2026-01-14'] }, virginiaZoningNotice)
	expect(codes(check)).toEqual(['single-publication'])
	expect(check.defects[0]?.message).toBe(
		'The notice ran only once, on Wednesday, January 14, 2026. The law needs two publications at least 6 days apart, with the hearing 5 to 21 days after the second.',
	)
})

test('constructed: a hearing 4 days after the second notice is too soon; 5 is enough', () => {
	expect(codes(checkNotice({ hearing: '2026-01-18', publications: ['2026-01-07', '2026-01-14'] }, virginiaZoningNotice))).toEqual([
		'hearing-too-soon',
	])
	expect(checkNotice({ hearing: '2026-01-19', publications: ['2026-01-07', '2026-01-14'] }, virginiaZoningNotice).met).toBe(true)
})

test('constructed: with three notices, a passing pair counts, and the check says which it used', () => {
	const check = checkNotice({ hearing: '2026-01-27', publications: ['2026-01-07', '2026-01-09', '2026-01-14'] }, virginiaZoningNotice)
	expect(check.met).toBe(true)
	expect(check.counted).toEqual(['2026-01-07', '2026-01-14'])
	expect(noteCodes(check)).toContain('pair-counted')
})

test('constructed: letters mailed four days before the hearing are late; no mailing dates is a note, not a defect', () => {
	const late = checkNotice(
		{ hearing: '2026-01-27', publications: ['2026-01-07', '2026-01-14'], mailings: ['2026-01-23'] },
		virginiaZoningNotice,
	)
	expect(codes(late)).toEqual(['mailed-too-late'])
	const unknown = checkNotice({ hearing: '2026-01-27', publications: ['2026-01-07', '2026-01-14'] }, virginiaZoningNotice)
	expect(unknown.met).toBe(true)
	expect(noteCodes(unknown)).toEqual(['mailing-not-checked'])
	expect(unknown.notes[0]?.message).toBe(
		'Mailed notice was not checked: no mailing dates were given. When a map change involves 25 or fewer parcels, letters to owners have to go out at least 5 days before the hearing.',
	)
})

test('no notice before the hearing fails; a notice on or after the hearing day does not count', () => {
	expect(codes(checkNotice({ hearing: '2026-01-27', publications: [] }, virginiaZoningNotice))).toEqual(['no-publication'])
	const check = checkNotice({ hearing: '2026-01-27', publications: ['2026-01-07', '2026-01-14', '2026-01-27'] }, virginiaZoningNotice)
	expect(check.met).toBe(true)
	expect(noteCodes(check)).toContain('after-hearing-ignored')
})

test('a date that is not a date is a defect in words, not an error', () => {
	const check = checkNotice({ hearing: '2026-01-27', publications: ['2026-01-07', 'January 14'] }, virginiaZoningNotice)
	expect(check.met).toBe(false)
	expect(codes(check)).toEqual(['invalid-date', 'single-publication'])
	expect(checkNotice({ hearing: '', publications: ['2026-01-07'] }, virginiaZoningNotice).defects[0]?.code).toBe('invalid-date')
})

test('constructed: Georgia wants the notice 15 to 45 days before the hearing (O.C.G.A. § 36-66-4(a))', () => {
	const hearing = '2026-03-16'
	expect(checkNotice({ hearing, publications: ['2026-02-24'], signPosted: '2026-02-27' }, georgiaZoningNotice)).toMatchObject({
		met: true,
		notes: [],
		counted: ['2026-02-24'],
	})
	expect(checkNotice({ hearing, publications: ['2026-03-01'] }, georgiaZoningNotice).met).toBe(true) // 15 days
	expect(checkNotice({ hearing, publications: ['2026-01-30'] }, georgiaZoningNotice).met).toBe(true) // 45 days
	const late = checkNotice({ hearing, publications: ['2026-03-02'] }, georgiaZoningNotice)
	expect(codes(late)).toEqual(['published-too-late'])
	expect(late.defects[0]?.message).toBe(
		'The notice of Monday, March 2, 2026 ran 14 days before the hearing on Monday, March 16, 2026. It has to run at least 15 days before.',
	)
	expect(codes(checkNotice({ hearing, publications: ['2026-01-29'] }, georgiaZoningNotice))).toEqual(['published-too-early'])
})

test('constructed: a Georgia rezoning sign up only ten days is a defect; no sign date is a note', () => {
	const check = checkNotice({ hearing: '2026-03-16', publications: ['2026-02-24'], signPosted: '2026-03-06' }, georgiaZoningNotice)
	expect(codes(check)).toEqual(['sign-too-late'])
	expect(noteCodes(checkNotice({ hearing: '2026-03-16', publications: ['2026-02-24'] }, georgiaZoningNotice))).toEqual(['sign-not-checked'])
})

test('a body’s own "10 to 15 days before" rule, the usual newspaper window', () => {
	const rule = noticeWindowRule({ id: 'county-10-15', citation: 'county zoning ordinance', minDaysBefore: 10, maxDaysBefore: 15 })
	expect(checkNotice({ hearing: '2026-05-20', publications: ['2026-05-08'] }, rule).met).toBe(true)
	expect(codes(checkNotice({ hearing: '2026-05-20', publications: ['2026-05-11'] }, rule))).toEqual(['published-too-late'])
	expect(codes(checkNotice({ hearing: '2026-05-20', publications: ['2026-05-01'] }, rule))).toEqual(['published-too-early'])
	const mailed = checkNotice({ hearing: '2026-05-20', publications: ['2026-05-08'] }, { ...rule, mailedDaysBefore: 10 })
	expect(mailed.notes.map((note) => note.message)).toEqual([
		'Mailed notice was not checked: no mailing dates were given. Letters have to go out at least 10 days before the hearing.',
	])
	const open = noticeWindowRule({ id: 'at-least-7', citation: 'bylaws', minDaysBefore: 7 })
	expect(checkNotice({ hearing: '2026-05-20', publications: ['2026-01-01'] }, open).met).toBe(true)
})
