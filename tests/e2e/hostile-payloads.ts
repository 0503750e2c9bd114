import { randomUUID } from 'node:crypto'
import type { Field } from './form-crawler'

// The payload families the hostile-input spec posts to every form
// (docs/decisions/043-hostile-input-crawler.md). Each family is posted twice
// to a form: once with every visible field set to it ("every field"), and
// once with it only where it can get past the usual checks — text fields for
// text payloads, typed fields (numbers, dates, choices) for typed ones — and
// a valid value everywhere else, so it reaches the database.

/** Markup that must never come back as markup: each string here appearing raw in an answer is an unescaped echo. */
export const MARKERS = [
	'<script>gw-xss-1</script>',
	'<img src=x onerror=gwXss(2)>',
	'<svg onload=gwXss(3)>',
	'<b>gw-bold-4</b>',
	'href="javascript:gwXss',
	'src="javascript:gwXss',
	'<iframe srcdoc=gw-xss-8>',
]

export type Family = {
	name: string
	/** The value for a visible field in the "every field" post; none: a valid value. */
	every?: (field: Field) => string
	/** In the second post: which fields get `targeted` (the rest get a valid value); none means no second post. */
	targets?: (field: Field) => boolean
	/** No "every field" post: the payload only matters once it gets past the other fields. */
	targetedOnly?: boolean
	/** One targeted post per targeted field, the others valid: a number out of range in one field hides another's. */
	perField?: boolean
	targeted?: (field: Field) => string
	/** Hidden fields (ids, tokens, intents) get these instead of what the server put there. */
	hidden?: { every: string; targeted: string }
}

const TEXT_KINDS = new Set(['text', 'textarea', 'search', 'email', 'url', 'tel', 'password'])
export const isText = (field: Field) => TEXT_KINDS.has(field.kind)
const isTyped = (field: Field) => !isText(field) && field.kind !== 'hidden' && field.kind !== 'file'
/** Typed fields, and text fields that hold numbers (a goal, a list of milestones). */
const isNumeric = (field: Field) => isTyped(field) || /goal|milestone|capacity|count|number|amount|limit/i.test(field.name)

const markup = [
	'<script>gw-xss-1</script>',
	'"><img src=x onerror=gwXss(2)>',
	"'><svg onload=gwXss(3)>",
	'</textarea></title></style><b>gw-bold-4</b>',
	'[gw-link](javascript:gwXss(5)) ![gw-image](javascript:gwXss(6))',
	'<a href="javascript:gwXss(7)">gw</a>',
	'<iframe srcdoc=gw-xss-8>',
	'{{constructor.constructor("gwXss(9)")()}} ${gwXss(10)}',
].join(' ')

const long = 'Groundwork ünïcode — '.repeat(1000).slice(0, 20_000)

// A NUL byte, a lone surrogate each way (sent as raw bytes, which are not UTF-8),
// right-to-left override, zero-width and byte-order marks, a combining accent,
// a ZWJ emoji sequence, NEL and the line separator.
const oddUnicode = 'gw\u0000nul \uD800 \uDFFF \u202Eevil\u202C \u200B\uFEFF e\u0301 👩🏽‍🌾 \u0085 \u2028 ￿'

const sql = `' OR '1'='1'; DROP TABLE public.chapters; -- " \\ %_ $1 ::text /* */`

const formulas = `=HYPERLINK("http://evil.example","gw") +1+1 -1+1 @SUM(A1) \t=cmd|' /C calc'!A0`

const invalidTyped = (field: Field) => {
	switch (field.kind) {
		case 'date':
			return '2026-02-30'
		case 'datetime-local':
			return '2026-13-45T25:61'
		case 'time':
			return '25:61'
		case 'number':
		case 'range':
			return 'Infinity'
		case 'checkbox':
			return 'maybe'
		default:
			return 'not-one-of-the-choices'
	}
}

export const FAMILIES: Family[] = [
	{ name: 'empty fields', every: () => '', hidden: { every: '', targeted: '' } },
	{ name: 'only whitespace', every: () => ' \t\r\n\u00a0 ' },
	{ name: '20,000 characters', every: () => long, targets: isText, targeted: () => long, targetedOnly: true },
	{ name: 'markup and script', every: () => markup, targets: isText, targeted: () => markup },
	{ name: 'SQL fragments', every: () => sql, targets: isText, targeted: () => sql, targetedOnly: true },
	{ name: 'NUL bytes and odd unicode', every: () => oddUnicode, targets: isText, targeted: () => oddUnicode, targetedOnly: true },
	{ name: 'spreadsheet formulas', every: () => formulas, targets: isText, targeted: () => formulas, targetedOnly: true },
	{
		name: 'huge numbers',
		every: () => '99999999999999999999999999',
		targets: isNumeric,
		perField: true,
		targeted: (field) =>
			field.kind === 'date'
				? '275760-09-13'
				: field.kind === 'datetime-local'
					? '99999-12-31T23:59'
					: isText(field)
						? '10, 2147483648, 99999999999999999999'
						: '2147483648',
	},
	{
		name: 'negative numbers',
		every: () => '-1',
		targets: isNumeric,
		targeted: (field) => (field.kind === 'date' ? '-000001-01-01' : '-2147483649'),
	},
	{ name: 'wrong types', every: () => '[object Object]', targets: isTyped, targeted: invalidTyped },
	{
		name: 'tampered hidden fields',
		hidden: { every: "not-a-uuid' or 1=1 --", targeted: randomUUID() },
	},
]
