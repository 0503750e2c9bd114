// iCalendar (RFC 5545) files: one per event, and one feed per chapter that
// calendar apps subscribe to. Written by hand (the maintained library needs
// Node 22): times in UTC, so no VTIMEZONE is needed and every app shows them
// in the reader's zone; text escaped (§3.3.11) and lines folded at 75
// octets (§3.1), with CRLF line ends.

export type CalendarEvent = {
	id: string
	title: string
	description: string
	startsAt: Date
	endsAt: Date
	locationName: string | null
	address: string | null
	onlineUrl: string | null
	status: 'scheduled' | 'cancelled'
	url: string
	updatedAt: Date
	/** The version: each edit of the event raises it; without one, a cancellation is version 1. */
	sequence?: number
}

/** 2026-12-01T23:30:00.000Z → 20261201T233000Z */
export function icsTime(date: Date) {
	return date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '')
}

/** TEXT values: backslash, semicolon, comma and newlines escaped. */
export function icsText(text: string) {
	return text
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n')
}

/** Folds a content line to 75 octets, never splitting a UTF-8 character. */
export function foldLine(line: string) {
	const encoder = new TextEncoder()
	const parts: string[] = []
	let current = ''
	let size = 0
	for (const char of line) {
		const bytes = encoder.encode(char).length
		// The first line holds 75 octets; continuation lines start with a space, so 74 more.
		if (size + bytes > (parts.length === 0 ? 75 : 74)) {
			parts.push(current)
			current = ''
			size = 0
		}
		current += char
		size += bytes
	}
	parts.push(current)
	return parts.join('\r\n ')
}

function eventLines(event: CalendarEvent, host: string) {
	const where = [event.locationName, event.address].filter(Boolean).join(', ') || event.onlineUrl || ''
	const description = [event.description.trim(), event.onlineUrl ? `Online: ${event.onlineUrl}` : '', event.url]
		.filter(Boolean)
		.join('\n\n')
	return [
		'BEGIN:VEVENT',
		`UID:${event.id}@${host}`,
		`DTSTAMP:${icsTime(event.updatedAt)}`,
		`DTSTART:${icsTime(event.startsAt)}`,
		`DTEND:${icsTime(event.endsAt)}`,
		`SUMMARY:${icsText(event.title)}`,
		`DESCRIPTION:${icsText(description)}`,
		...(where ? [`LOCATION:${icsText(where)}`] : []),
		`URL:${event.url}`,
		`STATUS:${event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
		// The same UID with a higher SEQUENCE: apps replace their copy with this version.
		`SEQUENCE:${event.sequence ?? (event.status === 'cancelled' ? 1 : 0)}`,
		'END:VEVENT',
	]
}

/** A whole calendar: one event for a download, or a chapter's feed. */
export function calendar(options: { name: string; host: string; events: CalendarEvent[] }) {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Groundwork//Chapter events//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${icsText(options.name)}`,
		...options.events.flatMap((event) => eventLines(event, options.host)),
		'END:VCALENDAR',
	]
	return `${lines.map(foldLine).join('\r\n')}\r\n`
}

/** A file name for the download: "board-hearing-2026-12-01.ics". */
/** The file name of an event's .ics: its title and the date it starts where it happens (not in UTC). */
export function calendarFileName(title: string, startsAt: Date, timeZone: string) {
	const slug = title
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 50)
	// en-CA formats a date as YYYY-MM-DD.
	const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(startsAt)
	return `${slug || 'event'}-${day}.ics`
}
