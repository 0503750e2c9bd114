import { z } from 'zod'
import { t } from '#app/i18n/i18n'

// One schema per form (officials, votes, records requests), shared by the
// component and the action. Text with a NUL byte, which PostgreSQL cannot
// store, is refused with a message rather than reaching the database.

function text(max: number, tooLong: string) {
	return z
		.string()
		.trim()
		.max(max, tooLong)
		.refine((value) => !value.includes('\u0000'), t('community.error.control'))
}

function required(min: number, max: number, messages: { short: string; long: string }) {
	return text(max, messages.long).min(min, messages.short)
}

function isDate(value: string) {
	return value === '' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
}

const optionalDate = z.string().trim().default('').refine(isDate, t('community.error.date'))

const sourceUrl = z
	.string()
	.trim()
	.min(1, t('community.error.source.missing'))
	.max(2000, t('community.error.source.long'))
	.refine(
		(value) => /^https?:\/\/\S+\.\S+$/i.test(value) && !value.includes('\u0000') && URL.canParse(value),
		t('community.error.source.invalid'),
	)

/** Today in UTC, as YYYY-MM-DD: a date typed as "today" anywhere in the US is not later than this plus a day. */
function latestToday() {
	return new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10)
}

export const officialSchema = z
	.object({
		name: required(2, 200, { short: t('community.official.error.name'), long: t('community.error.long') }),
		title: text(100, t('community.error.long')).default(''),
		district: text(100, t('community.error.long')).default(''),
		termStartsOn: optionalDate,
		termEndsOn: optionalDate,
		sourceUrl,
	})
	.superRefine((values, context) => {
		if (values.termStartsOn && values.termEndsOn && values.termEndsOn < values.termStartsOn) {
			context.addIssue({ code: 'custom', path: ['termEndsOn'], message: t('community.official.error.termOrder') })
		}
	})

export type OfficialInput = z.infer<typeof officialSchema>

export const VOTE_POSITIONS = ['yes', 'no', 'abstain', 'absent'] as const
export type VotePosition = (typeof VOTE_POSITIONS)[number]

export const voteSchema = z.object({
	heldOn: z
		.string()
		.trim()
		.min(1, t('community.vote.error.date'))
		.refine(isDate, t('community.error.date'))
		.refine((value) => value <= latestToday(), t('community.vote.error.future')),
	motion: required(2, 500, { short: t('community.vote.error.motion'), long: t('community.error.long') }),
	result: text(200, t('community.error.long')).default(''),
	sourceUrl,
})

export type VoteInput = z.infer<typeof voteSchema>

/** The positions posted as `position-<official id>`; blank means not recorded. */
export function positionsFrom(formData: FormData, officialIds: string[]) {
	const positions: Array<{ officialId: string; position: VotePosition }> = []
	const invalid: string[] = []
	for (const id of officialIds) {
		const value = formData.get(`position-${id}`)
		if (value === null || value === '') continue
		const position = VOTE_POSITIONS.find((known) => known === value)
		if (position) positions.push({ officialId: id, position })
		else invalid.push(id)
	}
	return { positions, invalid }
}

export const RECORDS_STATUSES = ['drafted', 'sent', 'acknowledged', 'answered', 'denied', 'appealed', 'closed'] as const

export const recordsRequestSchema = z
	.object({
		bodyName: required(2, 200, { short: t('community.records.error.body'), long: t('community.error.long') }),
		askedFor: required(2, 4000, { short: t('community.records.error.askedFor'), long: t('community.error.long') }),
		sentOn: optionalDate.refine((value) => value === '' || value <= latestToday(), t('community.records.error.sentFuture')),
		chapterId: z.union([z.literal(''), z.uuid(t('community.records.error.chapter'))]).default(''),
		status: z.enum(RECORDS_STATUSES, { error: t('community.records.error.status') }),
		outcome: text(2000, t('community.error.long')).default(''),
		documents: text(20_000, t('community.error.long')).default(''),
	})
	.superRefine((values, context) => {
		if (values.status !== 'drafted' && !values.sentOn) {
			context.addIssue({ code: 'custom', path: ['sentOn'], message: t('community.records.error.sentMissing') })
		}
		const parsed = documentLinks(values.documents)
		if (parsed.invalid.length) {
			context.addIssue({
				code: 'custom',
				path: ['documents'],
				message: t('community.records.error.documents', { line: parsed.invalid[0] ?? 0 }),
			})
		} else if (parsed.links.length > 50) {
			context.addIssue({ code: 'custom', path: ['documents'], message: t('community.records.error.documentsMany') })
		}
	})

export type RecordsRequestInput = z.infer<typeof recordsRequestSchema>

/**
 * The documents box: one per line, a link alone or "title | link".
 * Returns the links and the numbers of the lines that are not one.
 */
export function documentLinks(value: string) {
	const links: Array<{ title: string; url: string }> = []
	const invalid: number[] = []
	value.split(/\r?\n/).forEach((raw, index) => {
		const line = raw.trim()
		if (!line) return
		const bar = line.lastIndexOf('|')
		const title = bar >= 0 ? line.slice(0, bar).trim() : ''
		const url = (bar >= 0 ? line.slice(bar + 1) : line).trim()
		if (/^https?:\/\/\S+$/i.test(url) && URL.canParse(url) && url.length <= 2000 && title.length <= 300) {
			links.push({ title: title || url, url })
		} else invalid.push(index + 1)
	})
	return { links, invalid }
}
