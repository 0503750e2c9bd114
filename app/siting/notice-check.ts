// The notice check: given when a hearing's notice was published (and mailed, and posted) and
// the hearing date, say whether the notice met the body's rule and name each defect in plain
// words. Defective notice voids zoning decisions: Prince William County's Digital Gateway
// rezonings fell on Va. Code § 15.2-2204. Pure; what is cited is in docs/decisions/046.
import type { MessageKey } from '#app/i18n/en'
import { t, type Locale } from '#app/i18n/i18n'
import { daysBetween, isCivilDate } from './civil-date'
import { formatCivilDate } from './clock-format'

export type NoticeFacts = {
	/** The hearing's date (YYYY-MM-DD). */
	hearing: string
	/** Each day the notice appeared in the newspaper. */
	publications: string[]
	/** Each day written notice was mailed to owners, when known. */
	mailings?: string[]
	/** The day a sign went up on the property, when known. */
	signPosted?: string | null
}

/**
 * Days are counted as the law usually counts them: the first day is not counted and the last
 * is, so a notice on 2 December runs 7 days before a hearing on 9 December (Va. Code
 * § 1-210(A); O.C.G.A. § 1-3-1(d)(3)).
 */
export type NoticeRule =
	| {
			kind: 'two-publications'
			id: string
			citation: string
			/** Days from the first publication to the second, at least. */
			minDaysBetween: number
			/** Days from the second publication to the hearing. */
			hearingAfterSecond: { min: number; max: number }
			/** Written notice mailed at least this many days before the hearing, where it applies. */
			mailedDaysBefore?: number
			/** What to say when no mailing dates were given (when mailed notice applies). */
			mailedNote?: MessageKey
	  }
	| {
			kind: 'window'
			id: string
			citation: string
			/** A publication this many days before the hearing, at least … */
			minDaysBefore: number
			/** … and at most (none: no upper limit). */
			maxDaysBefore?: number
			/** A sign on the property at least this many days before, where it applies. */
			signDaysBefore?: number
			mailedDaysBefore?: number
			mailedNote?: MessageKey
	  }

export type NoticeFindingCode =
	| 'invalid-date'
	| 'no-publication'
	| 'single-publication'
	| 'publications-too-close'
	| 'hearing-too-soon'
	| 'hearing-too-late'
	| 'published-too-late'
	| 'published-too-early'
	| 'mailed-too-late'
	| 'sign-too-late'
	| 'after-hearing-ignored'
	| 'pair-counted'
	| 'gap-at-limit'
	| 'mailing-not-checked'
	| 'sign-not-checked'

export type NoticeFinding = { code: NoticeFindingCode; dates: string[]; message: string }

export type NoticeCheck = {
	ruleId: string
	citation: string
	met: boolean
	/** What fails the rule, each in a sentence naming the dates. */
	defects: NoticeFinding[]
	/** What the check could not settle or how it read the rule; not defects. */
	notes: NoticeFinding[]
	/** The publications that satisfy the rule, when it is met. */
	counted: string[]
}

/**
 * Virginia, zoning ordinances and amendments: Va. Code § 15.2-2204(A) — published twice, "once
 * a week for two successive weeks", at least six days from the first to the second, with the
 * hearing not less than 5 nor more than 21 days after the second; (B) written notice mailed at
 * least five days before the hearing when a map change involves 25 or fewer parcels.
 */
export const virginiaZoningNotice: NoticeRule = {
	kind: 'two-publications',
	id: 'va-15.2-2204',
	citation: 'Va. Code § 15.2-2204',
	minDaysBetween: 6,
	hearingAfterSecond: { min: 5, max: 21 },
	mailedDaysBefore: 5,
	mailedNote: 'deadlines.notice.note.mailing-not-checked.VA',
}

/**
 * Georgia Zoning Procedures Law: O.C.G.A. § 36-66-4(a) — notice published at least 15 but not
 * more than 45 days before the hearing; (b)(2) for a rezoning someone other than the local
 * government asks for, a sign on the property at least 15 days before.
 */
export const georgiaZoningNotice: NoticeRule = {
	kind: 'window',
	id: 'ga-36-66-4',
	citation: 'O.C.G.A. § 36-66-4',
	minDaysBefore: 15,
	maxDaysBefore: 45,
	signDaysBefore: 15,
}

/** A body's own "published N to M days before the hearing" rule. */
export function noticeWindowRule(rule: { id: string; citation: string; minDaysBefore: number; maxDaysBefore?: number }): NoticeRule {
	return { kind: 'window', ...rule }
}

export function checkNotice(facts: NoticeFacts, rule: NoticeRule, locale: Locale = 'en'): NoticeCheck {
	const defects: NoticeFinding[] = []
	const notes: NoticeFinding[] = []
	const say = (
		list: NoticeFinding[],
		code: NoticeFindingCode,
		dates: string[],
		key: MessageKey,
		params: Record<string, string | number> = {},
	) => list.push({ code, dates, message: t(key, params, locale) })
	const day = (date: string) => formatCivilDate(date, locale)
	const result = (counted: string[]): NoticeCheck => ({
		ruleId: rule.id,
		citation: rule.citation,
		met: defects.length === 0,
		defects,
		notes,
		counted: defects.length === 0 ? counted : [],
	})

	for (const value of [facts.hearing, ...facts.publications, ...(facts.mailings ?? []), ...(facts.signPosted ? [facts.signPosted] : [])]) {
		if (!isCivilDate(value)) say(defects, 'invalid-date', [String(value)], 'deadlines.notice.defect.invalid-date', { value: String(value) })
	}
	if (!isCivilDate(facts.hearing)) return result([])
	const hearing = facts.hearing
	const valid = [...new Set(facts.publications.filter(isCivilDate))].sort()
	const late = valid.filter((date) => date >= hearing)
	const publications = valid.filter((date) => date < hearing)
	for (const date of late) say(notes, 'after-hearing-ignored', [date], 'deadlines.notice.note.after-hearing-ignored', { date: day(date) })

	let counted: string[] = []
	if (publications.length === 0) {
		say(defects, 'no-publication', [], 'deadlines.notice.defect.no-publication', { hearing: day(hearing) })
	} else if (rule.kind === 'two-publications') {
		counted = checkTwoPublications(publications, hearing, rule, defects, notes, locale)
	} else {
		counted = checkWindow(publications, hearing, rule, defects, locale)
	}

	if (rule.kind === 'window' && rule.signDaysBefore !== undefined) {
		if (facts.signPosted && isCivilDate(facts.signPosted)) {
			const days = daysBetween(facts.signPosted, hearing)
			if (days < rule.signDaysBefore) {
				say(defects, 'sign-too-late', [facts.signPosted], 'deadlines.notice.defect.sign-too-late', {
					date: day(facts.signPosted),
					count: days,
					min: rule.signDaysBefore,
				})
			}
		} else if (!facts.signPosted) {
			say(notes, 'sign-not-checked', [], 'deadlines.notice.note.sign-not-checked', { min: rule.signDaysBefore })
		}
	}
	if (rule.mailedDaysBefore !== undefined) {
		const mailings = (facts.mailings ?? []).filter(isCivilDate)
		if (facts.mailings === undefined || facts.mailings.length === 0) {
			say(notes, 'mailing-not-checked', [], rule.mailedNote ?? 'deadlines.notice.note.mailing-not-checked', {
				min: rule.mailedDaysBefore,
			})
		}
		for (const mailed of [...new Set(mailings)].sort()) {
			const days = daysBetween(mailed, hearing)
			if (days < rule.mailedDaysBefore) {
				say(defects, 'mailed-too-late', [mailed], 'deadlines.notice.defect.mailed-too-late', {
					date: day(mailed),
					count: days,
					min: rule.mailedDaysBefore,
				})
			}
		}
	}
	return result(counted)
}

type Failure = { code: NoticeFindingCode; dates: string[]; key: MessageKey; params: Record<string, string | number> }

function checkTwoPublications(
	publications: string[],
	hearing: string,
	rule: Extract<NoticeRule, { kind: 'two-publications' }>,
	defects: NoticeFinding[],
	notes: NoticeFinding[],
	locale: Locale,
) {
	const day = (date: string) => formatCivilDate(date, locale)
	const { min, max } = rule.hearingAfterSecond
	const first = publications[0]
	if (publications.length === 1 && first) {
		defects.push({
			code: 'single-publication',
			dates: [first],
			message: t('deadlines.notice.defect.single-publication', { date: day(first), between: rule.minDaysBetween, min, max }, locale),
		})
		return []
	}
	// The statute speaks of "the second advertisement"; with three or more, any first-and-later
	// pair that satisfies it counts, and when none does, the pairs nearest to doing so say why.
	const pairs: { first: string; second: string; failures: Failure[] }[] = []
	for (let i = 0; i < publications.length; i++) {
		for (let j = i + 1; j < publications.length; j++) {
			const a = publications[i] ?? ''
			const b = publications[j] ?? ''
			const gap = daysBetween(a, b)
			const after = daysBetween(b, hearing)
			const failures: Failure[] = []
			if (gap < rule.minDaysBetween) {
				failures.push({
					code: 'publications-too-close',
					dates: [a, b],
					key: 'deadlines.notice.defect.publications-too-close',
					params: { first: day(a), second: day(b), count: gap, min: rule.minDaysBetween },
				})
			}
			if (after < min) {
				failures.push({
					code: 'hearing-too-soon',
					dates: [b, hearing],
					key: 'deadlines.notice.defect.hearing-too-soon',
					params: { second: day(b), hearing: day(hearing), count: after, min },
				})
			}
			if (after > max) {
				failures.push({
					code: 'hearing-too-late',
					dates: [b, hearing],
					key: 'deadlines.notice.defect.hearing-too-late',
					params: { second: day(b), hearing: day(hearing), count: after, max },
				})
			}
			pairs.push({ first: a, second: b, failures })
		}
	}
	const passing = pairs.filter((pair) => pair.failures.length === 0)
	const chosen = passing.find((pair) => pair.first === publications[0] && pair.second === publications[1]) ?? passing[0]
	if (chosen) {
		const gap = daysBetween(chosen.first, chosen.second)
		if (gap === rule.minDaysBetween) {
			notes.push({
				code: 'gap-at-limit',
				dates: [chosen.first, chosen.second],
				message: t(
					'deadlines.notice.note.gap-at-limit',
					{ first: day(chosen.first), second: day(chosen.second), count: gap, inBetween: gap - 1 },
					locale,
				),
			})
		}
		const literalSecond = publications[1]
		if (literalSecond && chosen.second !== literalSecond) {
			notes.push({
				code: 'pair-counted',
				dates: [chosen.first, chosen.second, literalSecond],
				message: t(
					'deadlines.notice.note.pair-counted',
					{ first: day(chosen.first), second: day(chosen.second), literal: day(literalSecond) },
					locale,
				),
			})
		}
		return [chosen.first, chosen.second]
	}
	const fewest = Math.min(...pairs.map((pair) => pair.failures.length))
	const seen = new Set<string>()
	for (const pair of pairs.filter((candidate) => candidate.failures.length === fewest)) {
		for (const failure of pair.failures) {
			const id = `${failure.code}:${failure.dates.join()}`
			if (seen.has(id)) continue
			seen.add(id)
			defects.push({ code: failure.code, dates: failure.dates, message: t(failure.key, failure.params, locale) })
		}
	}
	return []
}

function checkWindow(
	publications: string[],
	hearing: string,
	rule: Extract<NoticeRule, { kind: 'window' }>,
	defects: NoticeFinding[],
	locale: Locale,
) {
	const day = (date: string) => formatCivilDate(date, locale)
	const inWindow = publications.find((date) => {
		const days = daysBetween(date, hearing)
		return days >= rule.minDaysBefore && (rule.maxDaysBefore === undefined || days <= rule.maxDaysBefore)
	})
	if (inWindow) return [inWindow]
	for (const date of publications) {
		const days = daysBetween(date, hearing)
		const params = { date: day(date), hearing: day(hearing), count: days, min: rule.minDaysBefore, max: rule.maxDaysBefore ?? 0 }
		if (days < rule.minDaysBefore) {
			defects.push({
				code: 'published-too-late',
				dates: [date, hearing],
				message: t('deadlines.notice.defect.published-too-late', params, locale),
			})
		} else {
			defects.push({
				code: 'published-too-early',
				dates: [date, hearing],
				message: t('deadlines.notice.defect.published-too-early', params, locale),
			})
		}
	}
	return []
}
