import { expect, test } from 'vitest'
import { formatDate, formatDateTime, formatEventTime, formatMiles, formatRelative, formatTime, t, zoneName } from '#app/i18n/i18n'

// Real catalog messages, so these also break if a message loses its plural.
// Intl puts a narrow no-break space before "PM"; the spaces are compared as spaces.
const spaced = (text: string) => text.replace(/\s/g, ' ')

test('a count picks the one or other form, with # as the formatted number', () => {
	expect(t('petitions.progress.short', { count: 1, goal: 500 })).toBe('1 signature of 500')
	expect(t('petitions.progress.short', { count: 0, goal: 500 })).toBe('0 signatures of 500')
	expect(t('petitions.progress.short', { count: 1234, goal: 5000 })).toBe('1,234 signatures of 5,000')
})

test('an exact form (=0) wins over the plural rule', () => {
	expect(t('moderation.invalidate.preview', { count: 0 })).toBe('No signatures match.')
	expect(t('moderation.invalidate.preview', { count: 1 })).toBe('1 signature matches.')
	expect(t('moderation.invalidate.preview', { count: 2 })).toBe('2 signatures match.')
})

test('text parameters go in as given, numbers formatted, several plurals in one message', () => {
	expect(t('petitions.list.resultsFor', { count: 3, query: 'Loudoun' })).toBe('3 petitions matching “Loudoun”')
	expect(t('updateNew.reach', { immediate: 1, weekly: 2500, none: 0 })).toBe(
		'When you post it: 1 member gets it by email now, 2,500 in their weekly summary on Monday, and 0 chose no emails. Everyone can read it on the chapter page.',
	)
})

test('a missing parameter is left out rather than shown as {name}; a missing count counts as 0', () => {
	expect(t('petitions.list.resultsFor', { count: 1 })).toBe('1 petition matching “”')
	expect(t('moderation.invalidate.preview')).toBe('No signatures match.')
})

test('dates and times are written in the zone given, with its short name', () => {
	const at = new Date('2026-12-01T23:30:00Z')
	expect(formatDate(at)).toBe('December 1, 2026')
	expect(formatDate(at, 'en', 'Europe/Berlin')).toBe('December 2, 2026')
	expect(spaced(formatDateTime(at, 'America/New_York'))).toBe('Tuesday, December 1, 2026 at 6:30 PM EST')
	expect(spaced(formatTime(at, 'America/Denver'))).toBe('4:30 PM')
	expect(zoneName(at, 'America/Phoenix')).toBe('MST')
	expect(zoneName(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('EDT')
})

test('an event on one day names the day once; one past midnight names both', () => {
	const start = new Date('2026-12-01T23:30:00Z')
	expect(spaced(formatEventTime(start, new Date('2026-12-02T01:00:00Z'), 'America/New_York'))).toBe(
		'Tuesday, December 1, 2026, 6:30 PM – 8:00 PM EST',
	)
	expect(spaced(formatEventTime(start, new Date('2026-12-02T06:00:00Z'), 'America/New_York'))).toBe(
		'Tuesday, December 1, 2026, 6:30 PM – Wednesday, December 2, 2026, 1:00 AM EST',
	)
})

test('relative times say tomorrow and yesterday, and round to the nearest unit', () => {
	const now = new Date('2026-12-01T23:30:00Z')
	expect(formatRelative(new Date('2026-12-02T23:30:00Z'), now)).toBe('tomorrow')
	expect(formatRelative(new Date('2026-11-30T23:30:00Z'), now)).toBe('yesterday')
	expect(formatRelative(new Date('2026-12-04T23:30:00Z'), now)).toBe('in 3 days')
	expect(formatRelative(new Date('2026-12-02T01:30:00Z'), now)).toBe('in 2 hours')
	expect(formatRelative(new Date('2026-12-01T23:50:00Z'), now)).toBe('in 20 minutes')
	expect(formatRelative(new Date('2027-03-01T23:30:00Z'), now)).toBe('in 3 months')
})

test('distances are shown in miles, with a decimal under ten', () => {
	expect(formatMiles(1)).toBe('0.6 mi')
	expect(formatMiles(16.09344)).toBe('10 mi')
	expect(formatMiles(160.9344)).toBe('100 mi')
})

test('Intl objects are built once per locale and options and shared', async () => {
	const { dateTimeFormat, numberFormat } = await import('#app/i18n/i18n')
	expect(numberFormat('en')).toBe(numberFormat('en'))
	expect(numberFormat('en', { maximumFractionDigits: 1 })).not.toBe(numberFormat('en'))
	expect(dateTimeFormat('en', { timeZone: 'America/Denver', timeStyle: 'short' })).toBe(
		dateTimeFormat('en', { timeZone: 'America/Denver', timeStyle: 'short' }),
	)
	// Shared objects give the same text as new ones, in whatever order they are asked for.
	const at = new Date('2026-12-01T23:30:00Z')
	expect(formatDate(at, 'en', 'Europe/Berlin')).toBe('December 2, 2026')
	expect(formatDate(at)).toBe('December 1, 2026')
	expect(t('petitions.progress.short', { count: 2, goal: 1000 })).toBe('2 signatures of 1,000')
	expect(t('petitions.progress.short', { count: 1, goal: 1000 })).toBe('1 signature of 1,000')
})
