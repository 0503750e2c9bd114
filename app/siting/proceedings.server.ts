import { sql, type Transaction } from 'kysely'
import type { z } from 'zod'
import { slugify } from '#app/chapters/chapters.server'
import { asCaller, type AuthenticatedCaller, type Database } from '#app/db/db.server'
import { refusalOf } from '#app/db/refusals.server'
import type { ClockKind as StoredKind } from '#app/db/types'
import { t } from '#app/i18n/i18n'
import { civilDateAt, endOfDay, zonedInstant } from './civil-date'
import { formatCivilDate } from './clock-format'
import { computeClocks, type ClockInput, type ClockKind, type ClockRule } from './clocks'
import {
	NEW_BODY,
	SIGNUP_METHODS,
	signupField,
	type bodyRulesSchema,
	type clockSchema,
	type decisionSchema,
	type proceedingSchema,
} from './edit-schemas'
import { insertBody, type NewBodyRefusal } from './new-body.server'
import { DEFAULT_ZONE } from './projects.server'

// Editors add proceedings and keep their dates (docs/decisions/046, 049).
// Every save runs the deadline engine over the proceeding's given dates: an
// order problem it finds (a vote before the hearing) is the form's error and
// nothing is stored; otherwise the clocks the body's rules define (the
// speaker sign-up cut-off, the appeal deadline) are stored as computed
// clocks with their explanation, moved in place when what they hang on
// moves, so the "date changed" email goes out through the clocks trigger.

export type FormRefusal = { ok: false; errors: Record<string, string> }

const ENGINE_KIND: Record<StoredKind, ClockKind> = {
	notice_published: 'notice-published',
	notice_mailed: 'other',
	comment_deadline: 'comment-deadline',
	signup_cutoff: 'speaker-signup',
	hearing: 'hearing',
	vote: 'vote',
	appeal_deadline: 'appeal-deadline',
	record_closes: 'record-closes',
	other: 'other',
}

async function canEdit(trx: Transaction<Database>, projectId: string) {
	const { rows } = await sql<{ editor: boolean }>`select private.can_edit_project(${projectId}) as editor`.execute(trx)
	return rows[0]?.editor === true
}

/** The bodies a proceeding can be before, for the form's list. */
export async function listBodies(caller: AuthenticatedCaller) {
	return asCaller(caller, (trx) => trx.selectFrom('bodies').select(['id', 'name']).orderBy('name').limit(500).execute())
}

export async function addProceeding(caller: AuthenticatedCaller, projectSlug: string, input: z.infer<typeof proceedingSchema>) {
	return asCaller(caller, async (trx): Promise<FormRefusal | NewBodyRefusal | { ok: true; slug: string }> => {
		const project = await trx.selectFrom('projects').select(['id', 'slug']).where('slug', '=', projectSlug).executeTakeFirstOrThrow()
		if (!(await canEdit(trx, project.id))) return { ok: false, errors: { form: t('proceedingEdit.error.notAllowed') } }
		let bodyId = input.bodyId === NEW_BODY ? null : input.bodyId || null
		if (input.bodyId === NEW_BODY) {
			const body = await insertBody(trx, caller, input)
			if (!body.ok) return body
			bodyId = body.id
		}
		const stem = `${project.slug}-${slugify(input.title)}`.slice(0, 90).replace(/-+$/, '')
		const taken = new Set(
			(await trx.selectFrom('proceedings').select('slug').where('slug', 'like', `${stem}%`).execute()).map((row) => row.slug),
		)
		let slug = stem
		for (let n = 2; taken.has(slug); n++) slug = `${stem}-${n}`
		await trx
			.insertInto('proceedings')
			.values({
				slug,
				project_id: project.id,
				body_id: bodyId,
				kind: input.kind,
				title: input.title,
				case_number: input.caseNumber || null,
				stage: input.stage,
				source_url: input.sourceUrl || null,
				created_by: caller.claims.sub,
			})
			.execute()
		return { ok: true, slug }
	})
}

async function loadProceeding(trx: Transaction<Database>, slug: string) {
	const proceeding = await trx
		.selectFrom('proceedings as p')
		.innerJoin('projects as j', 'j.id', 'p.project_id')
		.leftJoin('bodies as b', 'b.id', 'p.body_id')
		.leftJoin('body_rules as r', 'r.body_id', 'p.body_id')
		.select([
			'p.id',
			'p.slug',
			'p.title',
			'p.project_id',
			'p.decided_on',
			'p.outcome',
			'p.stage',
			'p.decision_source_url',
			'j.slug as project_slug',
			'b.time_zone',
			'r.signup_closes_hours_before',
			'r.comments_close_hours_before',
			'r.appeal_days',
			'r.appeal_day_count',
		])
		.where('p.slug', '=', slug)
		.executeTakeFirst()
	if (!proceeding) return null
	const clocks = await trx
		.selectFrom('proceeding_clocks')
		.selectAll()
		.where('proceeding_id', '=', proceeding.id)
		.orderBy('due_at')
		.execute()
	return { ...proceeding, timeZone: proceeding.time_zone ?? DEFAULT_ZONE, clocks }
}

/** A proceeding and its dates as the edit page shows them, and whether the caller may edit them. */
export async function proceedingForEdit(caller: AuthenticatedCaller, slug: string) {
	return asCaller(caller, async (trx) => {
		const proceeding = await loadProceeding(trx, slug)
		if (!proceeding) return null
		return {
			proceeding: { slug: proceeding.slug, title: proceeding.title, projectSlug: proceeding.project_slug, timeZone: proceeding.timeZone },
			decision: {
				outcome: proceeding.outcome ?? '',
				decidedOn: proceeding.decided_on ? localDate(proceeding.decided_on) : '',
				decisionSourceUrl: proceeding.decision_source_url ?? '',
			},
			clocks: proceeding.clocks.map((clock) => ({
				id: clock.id,
				kind: clock.kind,
				label: clock.label ?? '',
				date: civilDateAt(clock.due_at, proceeding.timeZone),
				time: clock.all_day
					? ''
					: new Intl.DateTimeFormat('en-GB', {
							timeZone: proceeding.timeZone,
							hour: '2-digit',
							minute: '2-digit',
							hourCycle: 'h23',
						}).format(clock.due_at),
				sourceUrl: clock.source_url ?? '',
				computed: clock.computed,
				explanation: clock.explanation,
			})),
			editor: await canEdit(trx, proceeding.project_id),
			body: await bodyWithRules(trx, proceeding.id),
		}
	})
}

async function bodyWithRules(trx: Transaction<Database>, proceedingId: string) {
	const row = await trx
		.selectFrom('proceedings as p')
		.innerJoin('bodies as b', 'b.id', 'p.body_id')
		.leftJoin('body_rules as r', 'r.body_id', 'b.id')
		.select([
			'b.name',
			'r.speaking_minutes',
			'r.representative_minutes',
			'r.representative_authorization',
			'r.signup_methods',
			'r.remote_testimony',
			'r.signup_closes_hours_before',
			'r.signup_how',
			'r.comment_channels',
			'r.comments_close_hours_before',
			'r.record_open_days_after',
			'r.minimum_minutes_per_side',
			'r.appeal_days',
			'r.appeal_day_count',
			'r.notice_rule',
			'r.source_url',
		])
		.where('p.id', '=', proceedingId)
		.executeTakeFirst()
	if (!row) return null
	const text = (value: string | number | null) => (value === null ? '' : String(value))
	const decimal = (value: string | null) => (value === null ? '' : String(Number(value)))
	const methods = row.signup_methods ?? []
	return {
		name: row.name,
		rules: {
			speakingMinutes: decimal(row.speaking_minutes),
			representativeMinutes: decimal(row.representative_minutes),
			representativeAuthorization: text(row.representative_authorization),
			...Object.fromEntries(SIGNUP_METHODS.map((method) => [signupField(method), methods.includes(method) ? 'on' : ''])),
			signupClosesHoursBefore: decimal(row.signup_closes_hours_before),
			remoteTestimony: row.remote_testimony === null ? '' : row.remote_testimony ? 'yes' : 'no',
			signupHow: text(row.signup_how),
			commentChannels: text(row.comment_channels),
			commentsCloseHoursBefore: decimal(row.comments_close_hours_before),
			recordOpenDaysAfter: text(row.record_open_days_after),
			minimumMinutesPerSide: text(row.minimum_minutes_per_side),
			appealDays: text(row.appeal_days),
			appealDayCount: text(row.appeal_day_count),
			noticeRule: text(row.notice_rule),
			rulesSourceUrl: text(row.source_url),
		},
	}
}

type ClockForm = z.infer<typeof clockSchema>

/** Adds, moves or removes one given clock; checks the order of every date; recomputes the computed ones. */
export async function saveClock(caller: AuthenticatedCaller, proceedingSlug: string, input: ClockForm, now = new Date()) {
	return asCaller(caller, async (trx): Promise<FormRefusal | { ok: true; outcome: 'saved' | 'removed' }> => {
		const proceeding = await loadProceeding(trx, proceedingSlug)
		if (!proceeding) return { ok: false, errors: { form: t('proceedingEdit.error.notAllowed') } }
		if (!(await canEdit(trx, proceeding.project_id))) return { ok: false, errors: { form: t('proceedingEdit.error.notAllowed') } }
		const zone = proceeding.timeZone
		const existing = input.clockId ? proceeding.clocks.find((clock) => clock.id === input.clockId && !clock.computed) : undefined
		if (input.clockId && !existing) return { ok: false, errors: { form: t('revisions.error.gone') } }

		if (input.intent === 'remove' && existing) {
			await trx.deleteFrom('proceeding_clocks').where('id', '=', existing.id).execute()
			await recompute(trx, proceeding, now)
			return { ok: true, outcome: 'removed' }
		}

		const dueAt = input.time ? zonedInstant(input.date, input.time, zone) : endOfDay(input.date, zone)
		if (dueAt.getTime() < now.getTime() && !input.confirmPast && dueAt.getTime() !== existing?.due_at.getTime())
			return { ok: false, errors: { date: t('proceedingEdit.error.past') } }

		// The order check runs on every given date, with this one as it would be.
		const key = existing?.id ?? 'new'
		const given: Record<string, ClockInput> = {}
		for (const clock of proceeding.clocks) {
			if (clock.computed || clock.id === existing?.id) continue
			given[clock.id] = engineInput(clock.kind, clock.due_at, clock.all_day, clock.label, zone)
		}
		given[key] = { kind: ENGINE_KIND[input.kind], date: input.date, time: input.time || null, label: input.label || null }
		const { problems } = computeClocks(given, [], zone, { now })
		const mine = problems.find((problem) => problem.keys.includes(key))
		if (mine) return { ok: false, errors: { date: mine.message } }

		const values = {
			kind: input.kind,
			label: input.label || null,
			due_at: dueAt,
			all_day: !input.time,
			source_url: input.sourceUrl || null,
		}
		if (existing) await trx.updateTable('proceeding_clocks').set(values).where('id', '=', existing.id).execute()
		else
			await trx
				.insertInto('proceeding_clocks')
				.values({ ...values, proceeding_id: proceeding.id })
				.execute()
		await recompute(trx, proceeding, now)
		return { ok: true, outcome: 'saved' }
	})
}

function engineInput(kind: StoredKind, dueAt: Date, allDay: boolean, label: string | null, zone: string): ClockInput {
	const time = allDay
		? null
		: new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(dueAt)
	return { kind: ENGINE_KIND[kind], date: civilDateAt(dueAt, zone), time, label }
}

/**
 * The clocks the body's rules define, from the given ones: a sign-up cut-off
 * before each hearing, and the appeal deadline after the decision (the vote,
 * or the recorded decision date). Stored clocks are moved in place, so the
 * move reaches followers; ones no longer defined are removed.
 */
async function recompute(trx: Transaction<Database>, proceeding: NonNullable<Awaited<ReturnType<typeof loadProceeding>>>, now: Date) {
	const zone = proceeding.timeZone
	const clocks = await trx.selectFrom('proceeding_clocks').selectAll().where('proceeding_id', '=', proceeding.id).execute()
	const given = clocks.filter((clock) => !clock.computed)
	const wanted: Array<{ kind: StoredKind; label: string | null; dueAt: Date; allDay: boolean; explanation: string }> = []
	const hours = proceeding.signup_closes_hours_before === null ? null : Number(proceeding.signup_closes_hours_before)
	if (hours !== null) {
		for (const hearing of given.filter((clock) => clock.kind === 'hearing' && !clock.all_day)) {
			wanted.push({
				kind: 'signup_cutoff',
				label: hearing.label ? `${t('deadlines.kind.speaker-signup')}: ${hearing.label}` : null,
				dueAt: new Date(hearing.due_at.getTime() - hours * 3600_000),
				allDay: false,
				explanation: t('proceedingEdit.computed.signup', { hours }),
			})
		}
	}
	const commentHours = proceeding.comments_close_hours_before === null ? null : Number(proceeding.comments_close_hours_before)
	// A comment deadline someone entered from the notice wins over the one the rule implies.
	if (commentHours !== null && !given.some((clock) => clock.kind === 'comment_deadline')) {
		for (const hearing of given.filter((clock) => clock.kind === 'hearing' && !clock.all_day)) {
			wanted.push({
				kind: 'comment_deadline',
				label: hearing.label ? `${t('deadlines.kind.comment-deadline')}: ${hearing.label}` : null,
				dueAt: new Date(hearing.due_at.getTime() - commentHours * 3600_000),
				allDay: false,
				explanation: t(commentHours < 0 ? 'proceedingEdit.computed.commentsAfter' : 'proceedingEdit.computed.comments', {
					hours: Math.abs(commentHours),
				}),
			})
		}
	}
	if (proceeding.appeal_days !== null && (proceeding.appeal_day_count === 'calendar' || proceeding.appeal_day_count === 'business')) {
		const votes = given.filter((clock) => clock.kind === 'vote').sort((a, b) => a.due_at.getTime() - b.due_at.getTime())
		const decision = proceeding.decided_on
			? localDate(proceeding.decided_on)
			: votes.length
				? civilDateAt(votes[votes.length - 1]?.due_at ?? now, zone)
				: null
		if (decision) {
			const rule: ClockRule = {
				key: 'appeal',
				kind: 'appeal-deadline',
				from: 'decision',
				days: proceeding.appeal_days,
				count: proceeding.appeal_day_count,
				rollForward: true,
			}
			const { clocks: computed } = computeClocks({ decision: { kind: 'decision', date: decision } }, [rule], zone, { now })
			const appeal = computed.find((clock) => clock.key === 'appeal')
			if (appeal)
				wanted.push({
					kind: 'appeal_deadline',
					label: null,
					dueAt: new Date(appeal.instant),
					allDay: true,
					explanation: appeal.explanation,
				})
		}
	}
	const stored = clocks.filter((clock) => clock.computed)
	for (const want of wanted) {
		const match = stored.find((clock) => clock.kind === want.kind && (clock.label ?? null) === want.label)
		if (match) {
			stored.splice(stored.indexOf(match), 1)
			if (match.due_at.getTime() !== want.dueAt.getTime() || match.explanation !== want.explanation)
				await trx
					.updateTable('proceeding_clocks')
					.set({ due_at: want.dueAt, explanation: want.explanation })
					.where('id', '=', match.id)
					.execute()
		} else {
			await trx
				.insertInto('proceeding_clocks')
				.values({
					proceeding_id: proceeding.id,
					kind: want.kind,
					label: want.label,
					due_at: want.dueAt,
					all_day: want.allDay,
					computed: true,
					explanation: want.explanation.slice(0, 1000),
				})
				.execute()
		}
	}
	if (stored.length)
		await trx
			.deleteFrom('proceeding_clocks')
			.where(
				'id',
				'in',
				stored.map((clock) => clock.id),
			)
			.execute()
}

function localDate(value: Date) {
	return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
}

/** A database refusal as the form's message; anything else is thrown on. */
export function proceedingRefusal(error: unknown): FormRefusal {
	if (refusalOf(error)) return { ok: false, errors: { form: t('projectEdit.error.refused') } }
	throw error
}

type RulesForm = z.infer<typeof bodyRulesSchema>

/** Records or updates the rules of the proceeding's body, then recomputes the proceeding's computed clocks. */
export async function saveBodyRules(caller: AuthenticatedCaller, proceedingSlug: string, input: RulesForm, now = new Date()) {
	return asCaller(caller, async (trx): Promise<FormRefusal | { ok: true; outcome: 'rules' }> => {
		const proceeding = await trx
			.selectFrom('proceedings')
			.select(['body_id', 'project_id'])
			.where('slug', '=', proceedingSlug)
			.executeTakeFirst()
		if (!proceeding || !(await canEdit(trx, proceeding.project_id)))
			return { ok: false, errors: { form: t('proceedingEdit.error.notAllowed') } }
		if (!proceeding.body_id) return { ok: false, errors: { form: t('proceedingEdit.error.noBody') } }
		const values = {
			speaking_minutes: input.speakingMinutes,
			representative_minutes: input.representativeMinutes,
			representative_authorization: input.representativeAuthorization || null,
			signup_methods: SIGNUP_METHODS.filter((method) => input[signupField(method)]),
			remote_testimony: input.remoteTestimony === '' ? null : input.remoteTestimony === 'yes',
			signup_closes_hours_before: input.signupClosesHoursBefore,
			signup_how: input.signupHow || null,
			comment_channels: input.commentChannels || null,
			comments_close_hours_before: input.commentsCloseHoursBefore,
			record_open_days_after: input.recordOpenDaysAfter,
			minimum_minutes_per_side: input.minimumMinutesPerSide,
			appeal_days: input.appealDays,
			appeal_day_count: input.appealDayCount || null,
			notice_rule: input.noticeRule || null,
			source_url: input.rulesSourceUrl,
			checked_on: sql<Date>`current_date`,
		}
		await trx
			.insertInto('body_rules')
			.values({ body_id: proceeding.body_id, ...values })
			.onConflict((conflict) => conflict.column('body_id').doUpdateSet(values))
			.execute()
		const loaded = await loadProceeding(trx, proceedingSlug)
		if (loaded) await recompute(trx, loaded, now)
		return { ok: true, outcome: 'rules' }
	})
}

type DecisionForm = z.infer<typeof decisionSchema>

/** Stages a proceeding leaves once its decision is recorded. */
const UNDECIDED_STAGES = new Set(['announced', 'filed', 'under_review', 'hearing_scheduled'])

/**
 * Records a proceeding's decision (or takes a mistaken one back): on a day
 * not after today and not before any of its hearings, with its source. The
 * first decision recorded reaches followers through the
 * `proceedings_queue_decision` trigger, in this transaction (docs/decisions/037);
 * the appeal deadline the body's rules define is computed from it.
 */
export async function saveDecision(caller: AuthenticatedCaller, proceedingSlug: string, input: DecisionForm, now = new Date()) {
	return asCaller(caller, async (trx): Promise<FormRefusal | { ok: true; outcome: 'decision' | 'cleared' }> => {
		const proceeding = await loadProceeding(trx, proceedingSlug)
		if (!proceeding || !(await canEdit(trx, proceeding.project_id)))
			return { ok: false, errors: { form: t('proceedingEdit.error.notAllowed') } }
		if (!input.decidedOn) {
			await trx
				.updateTable('proceedings')
				.set({ decided_on: null, outcome: null, decision_source_url: null })
				.where('id', '=', proceeding.id)
				.execute()
			await recompute(trx, { ...proceeding, decided_on: null }, now)
			return { ok: true, outcome: 'cleared' }
		}
		const zone = proceeding.timeZone
		if (input.decidedOn > civilDateAt(now, zone)) return { ok: false, errors: { decidedOn: t('proceedingEdit.error.decisionFuture') } }
		const laterHearing = proceeding.clocks
			.filter((clock) => clock.kind === 'hearing' && !clock.computed)
			.map((clock) => civilDateAt(clock.due_at, zone))
			.filter((date) => date > input.decidedOn)
			.sort()
			.pop()
		if (laterHearing)
			return {
				ok: false,
				errors: { decidedOn: t('proceedingEdit.error.decisionBeforeHearing', { date: formatCivilDate(laterHearing) }) },
			}
		await trx
			.updateTable('proceedings')
			.set({
				decided_on: input.decidedOn,
				outcome: input.outcome,
				decision_source_url: input.decisionSourceUrl,
				...(UNDECIDED_STAGES.has(proceeding.stage) ? { stage: 'decided' as const } : {}),
			})
			.where('id', '=', proceeding.id)
			.execute()
		const [year, month, day] = input.decidedOn.split('-').map(Number)
		await recompute(trx, { ...proceeding, decided_on: new Date(year ?? 0, (month ?? 1) - 1, day ?? 1) }, now)
		return { ok: true, outcome: 'decision' }
	})
}
