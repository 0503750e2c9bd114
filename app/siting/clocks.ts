// A proceeding's clocks: the dates it was given (notice, hearings, the vote) and the ones its
// body's rules compute from them (comment cut-off, speaker sign-up, appeal window), each with a
// plain-English account of how it was reached and which given dates it hangs on, so moving a
// date recomputes everything after it. Pure: the page and the reminder job call it with what
// they read. docs/decisions/046
import type { MessageKey } from '#app/i18n/en'
import { t, type Locale } from '#app/i18n/i18n'
import {
	addBusinessDays,
	holidayCalendar,
	holidayName,
	rollBackward,
	rollForward,
	type HolidayCalendar,
	type NonBusinessReason,
} from './calendar-days'
import { addDays, assertTimeZone, endOfDay, isCivilDate, isCivilTime, zonedInstant } from './civil-date'
import { formatCivilDate, formatClockTime } from './clock-format'

export const clockKinds = [
	'notice-published',
	'comment-deadline',
	'speaker-signup',
	'hearing',
	'vote',
	'decision',
	'record-closes',
	'rehearing-deadline',
	'appeal-deadline',
	'other',
] as const
export type ClockKind = (typeof clockKinds)[number]

/** A date the proceeding was given: a hearing at 7 pm, a vote, the day notice ran. */
export type ClockInput = {
	kind: ClockKind
	date: string
	/** HH:MM in the body's zone; none means the whole day. */
	time?: string | null
	label?: string | null
}

/**
 * How a body's rule computes a clock from another: `{ from: 'decision', days: 30, count:
 * 'calendar', rollForward: true }`, or `{ from: 'hearing', days: -1, at: '12:00' }` for sign-up
 * until noon the day before. `from` names a clock (given or computed) by key, or a kind of given
 * clock, in which case the rule makes one clock per such clock ("each hearing"), keyed
 * `<rule key>:<that clock's key>`.
 */
export type ClockRule = {
	key: string
	kind: ClockKind
	from: string
	/** Negative counts back, before the event. */
	days: number
	count?: 'calendar' | 'business'
	/** Off a weekend or holiday to the next business day. */
	rollForward?: boolean
	/** Off a weekend or holiday to the business day before (a cut-off ahead of a meeting). */
	rollBackward?: boolean
	/** HH:MM the clock runs to on its day, or 'from' for the time of the clock it counts from
	 * ("48 hours before a 7 pm meeting": days -2, at 'from'); none means the end of the day. */
	at?: string | null
	label?: string | null
	/** Where the rule comes from: a statute, a body's bylaws, a notice. */
	source?: string | null
}

export type Clock = {
	key: string
	kind: ClockKind
	label: string | null
	date: string
	time: string | null
	/** The instant it falls due, as ISO 8601 UTC: the time given, else the day's last second. */
	instant: string
	computed: boolean
	/** The clock it was counted from, for a computed one. */
	from: string | null
	/** Every given clock it hangs on, directly or through others. */
	dependsOn: string[]
	rule: ClockRule | null
	explanation: string
	/** Whether it has passed at `now`, when `now` was given. */
	passed: boolean | null
}

export type ClockProblemCode =
	| 'invalid-date'
	| 'invalid-time'
	| 'invalid-rule'
	| 'waiting-for-date'
	| 'rule-cycle'
	| 'vote-before-hearing'
	| 'comment-deadline-after-vote'
	| 'notice-after-hearing'
	| 'signup-after-hearing'
	| 'window-before-decision'

/** Something a form shows next to the date it names (`keys[0]`); never thrown. */
export type ClockProblem = { code: ClockProblemCode; keys: string[]; message: string }

export type ClockOptions = {
	/** The body's holidays; federal ones when not given. */
	calendar?: HolidayCalendar
	now?: Date
	locale?: Locale
}

const kindNames: Record<ClockKind, MessageKey> = {
	'notice-published': 'deadlines.kind.notice-published',
	'comment-deadline': 'deadlines.kind.comment-deadline',
	'speaker-signup': 'deadlines.kind.speaker-signup',
	hearing: 'deadlines.kind.hearing',
	vote: 'deadlines.kind.vote',
	decision: 'deadlines.kind.decision',
	'record-closes': 'deadlines.kind.record-closes',
	'rehearing-deadline': 'deadlines.kind.rehearing-deadline',
	'appeal-deadline': 'deadlines.kind.appeal-deadline',
	other: 'deadlines.kind.other',
}

function isClockKind(value: string): value is ClockKind {
	return (clockKinds as readonly string[]).includes(value)
}

/** What a clock is called in a sentence: its label, or its kind ("the hearing"). */
export function clockName(clock: { kind: ClockKind; label?: string | null }, locale: Locale = 'en') {
	return clock.label || t(kindNames[clock.kind], {}, locale)
}

export function computeClocks(
	inputs: Record<string, ClockInput>,
	rules: ClockRule[],
	timeZone: string,
	options: ClockOptions = {},
): { clocks: Clock[]; problems: ClockProblem[] } {
	assertTimeZone(timeZone)
	const locale = options.locale ?? 'en'
	const calendar = options.calendar ?? holidayCalendar()
	const problems: ClockProblem[] = []
	const problem = (code: ClockProblemCode, keys: string[], key: MessageKey, params: Record<string, string | number> = {}) =>
		problems.push({ code, keys, message: t(key, params, locale) })
	const clocks = new Map<string, Clock>()

	for (const [key, input] of Object.entries(inputs)) {
		const name = clockName(input, locale)
		if (!isCivilDate(input.date)) {
			problem('invalid-date', [key], 'deadlines.problem.invalid-date', { name })
			continue
		}
		if (input.time && !isCivilTime(input.time)) {
			problem('invalid-time', [key], 'deadlines.problem.invalid-time', { name })
			continue
		}
		const time = input.time || null
		const instant = time ? zonedInstant(input.date, time, timeZone) : endOfDay(input.date, timeZone)
		clocks.set(key, {
			key,
			kind: input.kind,
			label: input.label ?? null,
			date: input.date,
			time,
			instant: instant.toISOString(),
			computed: false,
			from: null,
			dependsOn: [key],
			rule: null,
			explanation: t('deadlines.explain.given', { when: formatClockTime(input.date, time, instant, timeZone, locale) }, locale),
			passed: null,
		})
	}

	const seenRuleKeys = new Set<string>()
	const validRules = rules.filter((rule) => {
		// A rule's key may not hide a given date or another rule.
		const clash = !rule.key || Object.hasOwn(inputs, rule.key) || seenRuleKeys.has(rule.key)
		seenRuleKeys.add(rule.key)
		const invalid =
			clash ||
			!Number.isInteger(rule.days) ||
			(rule.rollForward && rule.rollBackward) ||
			(rule.at != null && rule.at !== 'from' && !isCivilTime(rule.at)) ||
			!rule.from
		if (invalid) problem('invalid-rule', [rule.key], 'deadlines.problem.invalid-rule', { name: clockName(rule, locale) })
		return !invalid
	})
	const ruleKeys = new Set(validRules.map((rule) => rule.key))
	const givenByKind = (kind: string) => [...clocks.values()].filter((clock) => !clock.computed && clock.kind === kind)

	// Rules may count from clocks other rules compute: apply them until nothing more resolves.
	let pending = validRules
	for (let progress = true; progress && pending.length > 0;) {
		progress = false
		const next: ClockRule[] = []
		for (const rule of pending) {
			const byKey = clocks.get(rule.from)
			const sources = byKey ? [byKey] : ruleKeys.has(rule.from) || Object.hasOwn(inputs, rule.from) ? [] : givenByKind(rule.from)
			if (sources.length === 0) {
				next.push(rule)
				continue
			}
			for (const source of sources) {
				const key = byKey ? rule.key : `${rule.key}:${source.key}`
				clocks.set(key, applyRule(rule, key, source, timeZone, calendar, locale))
			}
			progress = true
		}
		pending = next
	}
	for (const rule of pending) {
		const name = clockName(rule, locale)
		const input = Object.hasOwn(inputs, rule.from) ? inputs[rule.from] : undefined
		const fromRule = validRules.find((other) => other.key === rule.from)
		const from = input
			? clockName(input, locale)
			: fromRule
				? clockName(fromRule, locale)
				: isClockKind(rule.from)
					? t(kindNames[rule.from], {}, locale)
					: rule.from
		if (!input && inCycle(rule, pending)) problem('rule-cycle', [rule.key, rule.from], 'deadlines.problem.rule-cycle', { name })
		else problem('waiting-for-date', [rule.key, rule.from], 'deadlines.problem.waiting-for-date', { name, from })
	}

	const all = [...clocks.values()].sort((a, b) => a.instant.localeCompare(b.instant) || a.key.localeCompare(b.key))
	if (options.now) for (const clock of all) clock.passed = new Date(clock.instant).getTime() < options.now.getTime()
	problems.push(...orderProblems(all, clocks, timeZone, locale))
	return { clocks: all, problems }
}

/** Whether following `from` through the unresolved rules comes back to this one. */
function inCycle(rule: ClockRule, pending: ClockRule[]) {
	const seen = new Set<string>()
	for (let at: ClockRule | undefined = rule; at && !seen.has(at.key); at = pending.find((other) => other.key === at?.from)) {
		seen.add(at.key)
		if (at.from === rule.key) return true
	}
	return false
}

function applyRule(rule: ClockRule, key: string, source: Clock, timeZone: string, calendar: HolidayCalendar, locale: Locale): Clock {
	const fromName = clockName(source, locale)
	const fromDate = formatCivilDate(source.date, locale)
	const sentences: string[] = []
	let date: string
	const count = Math.abs(rule.days)
	if (rule.days === 0) {
		date = source.date
		sentences.push(t('deadlines.explain.sameDay', { from: fromName, fromDate }, locale))
	} else if (rule.count === 'business') {
		const counted = addBusinessDays(source.date, rule.days, calendar)
		date = counted.date
		const holidays = counted.skipped.map((holiday) => `${holidayName(holiday, locale)} (${formatCivilDate(holiday.date, locale)})`)
		sentences.push(
			t(
				rule.days > 0 ? 'deadlines.explain.businessAfter' : 'deadlines.explain.businessBefore',
				{ count, from: fromName, fromDate, date: formatCivilDate(date, locale) },
				locale,
			),
			holidays.length > 0
				? t('deadlines.explain.skippingHolidays', { holidays: listFormat(holidays, locale) }, locale)
				: t('deadlines.explain.skippingWeekends', {}, locale),
		)
	} else {
		date = addDays(source.date, rule.days)
		sentences.push(
			t(
				rule.days > 0 ? 'deadlines.explain.calendarAfter' : 'deadlines.explain.calendarBefore',
				{ count, from: fromName, fromDate, date: formatCivilDate(date, locale) },
				locale,
			),
		)
	}
	if (rule.rollForward || rule.rollBackward) {
		const rolled = rule.rollForward ? rollForward(date, calendar) : rollBackward(date, calendar)
		if (rolled.reason) {
			sentences.push(
				t(
					rule.rollForward ? 'deadlines.explain.rolledForward' : 'deadlines.explain.rolledBackward',
					{ why: reasonText(rolled.reason, locale), date: formatCivilDate(rolled.date, locale) },
					locale,
				),
			)
		}
		date = rolled.date
	}
	const time = rule.at === 'from' ? source.time : (rule.at ?? null)
	const instant = time ? zonedInstant(date, time, timeZone) : endOfDay(date, timeZone)
	sentences.push(
		time
			? t('deadlines.explain.untilTime', { time: formatClockTime(date, time, instant, timeZone, locale, 'time') }, locale)
			: t('deadlines.explain.untilEndOfDay', {}, locale),
	)
	if (rule.source) sentences.push(t('deadlines.explain.source', { source: rule.source }, locale))
	return {
		key,
		kind: rule.kind,
		label: rule.label ?? null,
		date,
		time,
		instant: instant.toISOString(),
		computed: true,
		from: source.key,
		dependsOn: source.dependsOn,
		rule,
		explanation: sentences.join(' '),
		passed: null,
	}
}

function reasonText(reason: NonBusinessReason, locale: Locale) {
	if (reason.kind === 'saturday') return t('deadlines.reason.saturday', {}, locale)
	if (reason.kind === 'sunday') return t('deadlines.reason.sunday', {}, locale)
	return t('deadlines.reason.holiday', { name: holidayName(reason.holiday, locale) }, locale)
}

function listFormat(items: string[], locale: Locale) {
	return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items)
}

/** a before b: by instant when both have a time, else by date (a whole day is not "before" a time on it). */
function before(a: Clock, b: Clock) {
	if (a.time && b.time) return a.instant < b.instant
	return a.date < b.date
}

function orderProblems(all: Clock[], byKey: Map<string, Clock>, timeZone: string, locale: Locale): ClockProblem[] {
	const problems: ClockProblem[] = []
	const of = (kind: ClockKind) => all.filter((clock) => clock.kind === kind)
	const params = (clock: Clock) => ({
		name: clockName(clock, locale),
		when: formatClockTime(clock.date, clock.time, new Date(clock.instant), timeZone, locale),
	})
	const hearings = of('hearing')
	const firstHearing = hearings[0]
	const decisions = all.filter((clock) => clock.kind === 'vote' || clock.kind === 'decision')
	const lastDecision = decisions.at(-1)
	if (firstHearing) {
		for (const decision of decisions) {
			if (before(decision, firstHearing)) {
				problems.push({
					code: 'vote-before-hearing',
					keys: [decision.key, firstHearing.key],
					message: t('deadlines.problem.vote-before-hearing', { ...params(decision), hearing: params(firstHearing).when }, locale),
				})
			}
		}
		for (const notice of of('notice-published')) {
			if (before(firstHearing, notice)) {
				problems.push({
					code: 'notice-after-hearing',
					keys: [notice.key, firstHearing.key],
					message: t('deadlines.problem.notice-after-hearing', { ...params(notice), hearing: params(firstHearing).when }, locale),
				})
			}
		}
	}
	for (const signup of of('speaker-signup')) {
		const hearing = signup.from ? byKey.get(signup.from) : hearings.length === 1 ? firstHearing : undefined
		if (hearing?.kind === 'hearing' && (hearing.time ? signup.instant > hearing.instant : signup.date > hearing.date)) {
			problems.push({
				code: 'signup-after-hearing',
				keys: [signup.key, hearing.key],
				message: t('deadlines.problem.signup-after-hearing', { ...params(signup), hearing: params(hearing).when }, locale),
			})
		}
	}
	if (lastDecision) {
		for (const comment of of('comment-deadline')) {
			if (before(lastDecision, comment)) {
				problems.push({
					code: 'comment-deadline-after-vote',
					keys: [comment.key, lastDecision.key],
					message: t('deadlines.problem.comment-deadline-after-vote', { ...params(comment), vote: params(lastDecision).when }, locale),
				})
			}
		}
		for (const window of [...of('rehearing-deadline'), ...of('appeal-deadline')]) {
			if (before(window, lastDecision)) {
				problems.push({
					code: 'window-before-decision',
					keys: [window.key, lastDecision.key],
					message: t('deadlines.problem.window-before-decision', { ...params(window), decision: params(lastDecision).when }, locale),
				})
			}
		}
	}
	return problems
}

export type ClockChange = { key: string; before: Clock | null; after: Clock | null }

/** What moved between two computations: the dates to tell followers about when one changes. */
export function changedClocks(before: Clock[], after: Clock[]): ClockChange[] {
	const old = new Map(before.map((clock) => [clock.key, clock]))
	const changes: ClockChange[] = []
	for (const clock of after) {
		const previous = old.get(clock.key)
		if (!previous || previous.instant !== clock.instant) changes.push({ key: clock.key, before: previous ?? null, after: clock })
		old.delete(clock.key)
	}
	for (const gone of old.values()) changes.push({ key: gone.key, before: gone, after: null })
	return changes
}
