import { expect, test } from 'vitest'
import { calendar, calendarFileName, foldLine, icsText, icsTime, type CalendarEvent } from '#app/events/calendar.server'

const hearing: CalendarEvent = {
	id: '5eed0e00-0000-4000-8000-000000000002',
	title: 'Board hearing: rezoning, phase 2',
	description: 'Bring ID; arrive early.\nSpeakers sign up at the door.',
	startsAt: new Date('2026-12-01T23:30:00Z'),
	endsAt: new Date('2026-12-02T01:00:00Z'),
	locationName: 'County Government Center',
	address: '1 Harrison St SE, Leesburg, VA',
	onlineUrl: null,
	status: 'scheduled',
	url: 'https://groundwork.example/chapters/loudoun/events/5eed0e00-0000-4000-8000-000000000002',
	updatedAt: new Date('2026-11-20T10:00:00.123Z'),
}

test('times are written in UTC, to the second', () => {
	expect(icsTime(new Date('2026-12-01T23:30:00.999Z'))).toBe('20261201T233000Z')
})

test('text values escape backslashes, semicolons, commas and every kind of line break', () => {
	expect(icsText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng')
})

test('long lines fold at 75 octets without splitting a character, and unfold to the original', () => {
	const line = `DESCRIPTION:${'Überall € '.repeat(20)}`
	const folded = foldLine(line)
	const parts = folded.split('\r\n')
	expect(parts.length).toBeGreaterThan(2)
	for (const [i, part] of parts.entries()) {
		expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75)
		if (i > 0) expect(part.startsWith(' ')).toBe(true)
	}
	expect(folded.replaceAll('\r\n ', '')).toBe(line)
	expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short')
})

test('a calendar has one event per event, CRLF line ends and no line over 75 octets', () => {
	const ics = calendar({
		name: 'Loudoun, VA: events',
		host: 'groundwork.example',
		events: [hearing, { ...hearing, id: 'second', status: 'cancelled' }],
	})
	expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
	expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
	expect(ics.replaceAll('\r\n', '')).not.toContain('\n')
	expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2)
	for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
	const unfolded = ics.replaceAll('\r\n ', '')
	expect(unfolded).toContain('X-WR-CALNAME:Loudoun\\, VA: events\r\n')
	expect(unfolded).toContain(
		`UID:${hearing.id}@groundwork.example\r\nDTSTAMP:20261120T100000Z\r\nDTSTART:20261201T233000Z\r\nDTEND:20261202T010000Z\r\n`,
	)
	expect(unfolded).toContain('SUMMARY:Board hearing: rezoning\\, phase 2\r\n')
	expect(unfolded).toContain('LOCATION:County Government Center\\, 1 Harrison St SE\\, Leesburg\\, VA\r\n')
	// A cancellation is a new version of the event, so calendar apps replace the old one.
	expect(unfolded).toContain('UID:second@groundwork.example')
	expect(unfolded).toMatch(/UID:second@[^]*STATUS:CANCELLED\r\nSEQUENCE:1\r\n/)
	expect(unfolded).toMatch(/STATUS:CONFIRMED\r\nSEQUENCE:0\r\n/)
})

test('an online event gives its link as the place and in the description', () => {
	const ics = calendar({
		name: 'x',
		host: 'h',
		events: [{ ...hearing, locationName: null, address: null, onlineUrl: 'https://meet.example/abc' }],
	}).replaceAll('\r\n ', '')
	expect(ics).toContain('LOCATION:https://meet.example/abc\r\n')
	expect(ics).toContain('Online: https://meet.example/abc')
})

test('the download is named for the title and the day', () => {
	expect(calendarFileName('Board Hearing: Rezoning!', hearing.startsAt, 'America/New_York')).toBe('board-hearing-rezoning-2026-12-01.ics')
	expect(calendarFileName('¡¡¡', hearing.startsAt, 'America/New_York')).toBe('event-2026-12-01.ics')
	expect(calendarFileName('x'.repeat(80), hearing.startsAt, 'America/New_York')).toBe(`${'x'.repeat(50)}-2026-12-01.ics`)
	// 7:30 pm on 6 December in Virginia is 7 December in UTC: the file is named for the day people go (issue 15).
	expect(calendarFileName('Meeting', new Date('2026-12-07T00:30:00Z'), 'America/New_York')).toBe('meeting-2026-12-06.ics')
})
