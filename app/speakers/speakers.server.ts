import { createHash, createHmac, randomUUID } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import { asCaller, type AuthenticatedCaller, type Caller, type Database } from '#app/db/db.server'
import { refusalOf } from '#app/db/refusals.server'
import type { SpeakerStatus, SpeakingMode } from '#app/db/types'
import { DEFAULT_ZONE, type BodyRules } from '#app/siting/projects.server'
import { env } from '#app/utils/env.server'
import { scheduleHearings, speakingTime, type HearingSchedule } from './schedule'

// The speakers' list for a proceeding's hearings (docs/decisions/057). The
// database keeps the list (private.sign_up_to_speak, confirm_speaker,
// cancel_speaker) and queues each email with the change; this module reads
// it as the caller, works out estimated times (./schedule) and names the
// outcomes the pages explain.
//
// A sign-up's link token is derived from its id with a server secret and only
// its sha256 is stored, as a follow's is (app/siting/follows.server.ts): the
// link can go in every email without being kept where a database reader
// could take it.

let linkKey: Buffer | undefined
function key() {
	linkKey ??= createHmac('sha256', env().SUPABASE_SERVICE_ROLE_KEY).update('groundwork:speaker-link:v1').digest()
	return linkKey
}

export function speakerToken(speakerId: string) {
	return createHmac('sha256', key()).update(speakerId).digest('base64url')
}

function tokenHash(token: string) {
	return createHash('sha256').update(token, 'utf8').digest()
}

function usableToken(token: string) {
	return token.length > 0 && token.length <= 100
}

export function speakerLinks(speakerId: string) {
	const token = encodeURIComponent(speakerToken(speakerId))
	const site = env().SITE_URL
	return {
		confirmUrl: new URL(`/speakers/confirm?token=${token}`, site).toString(),
		slotUrl: new URL(`/speakers/slot?token=${token}`, site).toString(),
		slotPath: `/speakers/slot?token=${token}`,
	}
}

export type SpeakerRules = BodyRules & { remoteTestimony: boolean | null }

function numberOrNull(value: string | number | null) {
	return value === null ? null : Number(value)
}

async function rulesOf(trx: Transaction<Database>, bodyId: string | null): Promise<SpeakerRules | null> {
	if (!bodyId) return null
	const row = await trx.selectFrom('body_rules').selectAll().where('body_id', '=', bodyId).executeTakeFirst()
	if (!row) return null
	return {
		speakingMinutes: numberOrNull(row.speaking_minutes),
		representativeMinutes: numberOrNull(row.representative_minutes),
		representativeAuthorization: row.representative_authorization,
		signupMethods: row.signup_methods,
		signupHow: row.signup_how,
		signupClosesHoursBefore: numberOrNull(row.signup_closes_hours_before),
		commentChannels: row.comment_channels,
		commentsCloseHoursBefore: numberOrNull(row.comments_close_hours_before),
		recordOpenDaysAfter: row.record_open_days_after,
		minimumMinutesPerSide: row.minimum_minutes_per_side,
		appealDays: row.appeal_days,
		appealDayCount: row.appeal_day_count,
		noticeRule: row.notice_rule,
		sourceUrl: row.source_url,
		checkedOn: row.checked_on,
		remoteTestimony: row.remote_testimony,
	}
}

export type Hearing = {
	clockId: string
	label: string | null
	startsAt: Date
	/** Known only by its day: no time to count slots from, so sign-up waits. */
	allDay: boolean
	place: string | null
	closesAt: Date
	open: boolean
	places: number | null
	listed: number
	waitlisted: number
	full: boolean
	schedule: HearingSchedule
	/** The title of the hearing heard just before this one the same evening, if any. */
	after: string | null
}

type HearingRow = {
	clock_id: string
	proceeding_id: string
	proceeding_title: string
	label: string | null
	due_at: Date
	all_day: boolean
	place: string | null
	body_id: string | null
	time_zone: string | null
	speaking_minutes: string | null
	representative_minutes: string | null
	signup_closes_hours_before: string | null
	places: number | null
	listed_count: number | null
	waitlist_count: number | null
}

/**
 * The hearings of these proceedings, with every hearing the same bodies hold
 * on the same days (they are heard in sequence), scheduled together.
 */
export async function hearingsFor(trx: Transaction<Database>, proceedingIds: string[], now: Date) {
	if (proceedingIds.length === 0) return new Map<string, Hearing & { proceedingId: string }>()
	const { rows } = await sql<HearingRow>`
		with own as (
			select k.id, k.due_at, pr.body_id from public.proceeding_clocks k
			join public.proceedings pr on pr.id = k.proceeding_id
			where k.kind = 'hearing' and k.proceeding_id = any(${sql.val(proceedingIds)}::uuid[])
		)
		select k.id as clock_id, k.proceeding_id, pr.title as proceeding_title, k.label, k.due_at, k.all_day, k.place, pr.body_id,
			b.time_zone, r.speaking_minutes, r.representative_minutes, r.signup_closes_hours_before,
			l.places, l.listed_count, l.waitlist_count
		from public.proceeding_clocks k
		join public.proceedings pr on pr.id = k.proceeding_id
		left join public.bodies b on b.id = pr.body_id
		left join public.body_rules r on r.body_id = pr.body_id
		left join public.speaker_lists l on l.clock_id = k.id
		where k.kind = 'hearing' and (
			k.id in (select id from own)
			or exists (select 1 from own o where o.body_id = pr.body_id and abs(extract(epoch from k.due_at - o.due_at)) < 86400)
		)`.execute(trx)
	const { rows: slots } = await sql<{ clock_id: string; slot: number; representative: boolean }>`
		select clock_id, slot, representative from private.speaker_slots(${sql.val(rows.map((row) => row.clock_id))}::uuid[])`.execute(trx)
	const schedules = scheduleHearings(
		rows.map((row) => ({
			clockId: row.clock_id,
			bodyId: row.body_id,
			timeZone: row.time_zone ?? DEFAULT_ZONE,
			startsAt: row.due_at,
			speakingMinutes: numberOrNull(row.speaking_minutes),
			representativeMinutes: numberOrNull(row.representative_minutes),
			slots: slots.filter((slot) => slot.clock_id === row.clock_id),
		})),
	)
	const titles = new Map(rows.map((row) => [row.clock_id, row.label ?? row.proceeding_title]))
	const hearings = new Map<string, Hearing & { proceedingId: string }>()
	for (const row of rows) {
		if (!proceedingIds.includes(row.proceeding_id)) continue
		const schedule = schedules.get(row.clock_id)
		if (!schedule) continue
		const closesAt = new Date(row.due_at.getTime() - (numberOrNull(row.signup_closes_hours_before) ?? 0) * 3_600_000)
		const listed = row.listed_count ?? 0
		hearings.set(row.clock_id, {
			proceedingId: row.proceeding_id,
			clockId: row.clock_id,
			label: row.label,
			startsAt: row.due_at,
			place: row.place,
			closesAt,
			allDay: row.all_day,
			open: !row.all_day && closesAt.getTime() > now.getTime(),
			places: row.places,
			listed,
			waitlisted: row.waitlist_count ?? 0,
			full: row.places !== null && listed >= row.places,
			schedule,
			after: schedule.afterClockId ? (titles.get(schedule.afterClockId) ?? null) : null,
		})
	}
	return hearings
}

function byTime(a: Hearing, b: Hearing) {
	return a.startsAt.getTime() - b.startsAt.getTime()
}

export type OwnSignUp = { clockId: string; status: SpeakerStatus; slot: number | null; slotPath: string }

/** A proceeding's speakers' page: the proceeding, its body's rules, its hearings, and the signed-in person's own sign-ups. */
export async function speakersPage(caller: Caller, slug: string, now = new Date()) {
	return asCaller(caller, async (trx) => {
		const proceeding = await trx
			.selectFrom('proceedings as pr')
			.innerJoin('projects as p', 'p.id', 'pr.project_id')
			.leftJoin('bodies as b', 'b.id', 'pr.body_id')
			.select([
				'pr.id',
				'pr.slug',
				'pr.title',
				'pr.body_id',
				'p.slug as project_slug',
				'p.name as project_name',
				'b.name as body_name',
				'b.slug as body_slug',
				'b.time_zone',
			])
			.where('pr.slug', '=', slug)
			.executeTakeFirst()
		if (!proceeding) return null
		const hearings = [...(await hearingsFor(trx, [proceeding.id], now)).values()].sort(byTime)
		const userId = caller.role === 'authenticated' ? caller.claims.sub : null
		const own = userId
			? await trx
					.selectFrom('speakers')
					.select(['id', 'clock_id', 'status', 'slot'])
					.where('proceeding_id', '=', proceeding.id)
					.where('user_id', '=', userId)
					.where('status', '<>', 'cancelled')
					.execute()
			: []
		const { rows: organizer } = await sql<{ yes: boolean }>`select private.organizes_for_proceeding(${proceeding.id}::uuid) as yes`.execute(
			trx,
		)
		const profile = userId ? await trx.selectFrom('profiles').select('display_name').where('id', '=', userId).executeTakeFirst() : null
		return {
			viewerName: profile?.display_name ?? '',
			proceeding: {
				id: proceeding.id,
				slug: proceeding.slug,
				title: proceeding.title,
				projectSlug: proceeding.project_slug,
				projectName: proceeding.project_name,
				body: proceeding.body_name && proceeding.body_slug ? { name: proceeding.body_name, slug: proceeding.body_slug } : null,
				timeZone: proceeding.time_zone ?? DEFAULT_ZONE,
			},
			rules: await rulesOf(trx, proceeding.body_id),
			hearings,
			own: own.map((row): OwnSignUp => ({
				clockId: row.clock_id,
				status: row.status,
				slot: row.slot,
				slotPath: speakerLinks(row.id).slotPath,
			})),
			organizer: organizer[0]?.yes ?? false,
		}
	})
}

export type SpeakersPage = NonNullable<Awaited<ReturnType<typeof speakersPage>>>

export type SignUpInput = {
	clockId: string
	name: string
	email: string
	organization: string | null
	letterPath: string | null
	mode: SpeakingMode
}

export const SIGN_UP_REFUSALS = ['not_a_hearing', 'no_time', 'signup_closed', 'remote_not_taken', 'letter_missing'] as const
export type SignUpRefusal = (typeof SIGN_UP_REFUSALS)[number]

export type SignUpOutcome =
	| { ok: true; kind: 'confirm' }
	| { ok: true; kind: 'created' | 'already'; status: SpeakerStatus; slot: number | null; slotPath: string }
	| { ok: false; reason: SignUpRefusal }

function signUpRefusal(hint: string | null | undefined): SignUpRefusal | null {
	return SIGN_UP_REFUSALS.find((reason) => reason === hint) ?? null
}

/**
 * Signs someone up to speak. A visitor is emailed a confirmation link and the
 * page answers the same whatever the address's history (the email says
 * which); a signed-in person is listed or waitlisted at once, and told if
 * they were already on the list.
 */
export async function signUpToSpeak(caller: Caller, input: SignUpInput): Promise<SignUpOutcome> {
	const newId = randomUUID()
	try {
		return await asCaller(caller, async (trx): Promise<SignUpOutcome> => {
			const { rows } = await sql<{ speaker_id: string; status: SpeakerStatus; slot: number | null; outcome: string }>`
				select speaker_id, status, slot, outcome from private.sign_up_to_speak(
					${newId}::uuid, ${input.clockId}::uuid, ${input.name}, ${input.email}, ${input.organization}, ${input.letterPath},
					${input.mode}::public.speaking_mode, ${tokenHash(speakerToken(newId))}
				)`.execute(trx)
			const row = rows[0]
			if (!row || caller.role !== 'authenticated') return { ok: true, kind: 'confirm' }
			return {
				ok: true,
				kind: row.outcome === 'already' ? 'already' : 'created',
				status: row.status,
				slot: row.slot,
				slotPath: speakerLinks(row.speaker_id).slotPath,
			}
		})
	} catch (error) {
		const reason = signUpRefusal(refusalOf(error)?.hint)
		if (reason) return { ok: false, reason }
		throw error
	}
}

export type ConfirmOutcome = { outcome: 'confirmed' | 'already' | 'closed'; status: SpeakerStatus; slotPath: string } | null

/** Opens a visitor's confirmation link: listed or waitlisted now. Null for an unknown link. */
export async function confirmSpeaker(caller: Caller, token: string): Promise<ConfirmOutcome> {
	if (!usableToken(token)) return null
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ speaker_id: string; status: SpeakerStatus; outcome: 'confirmed' | 'already' | 'closed' }>`
			select speaker_id, status, outcome from private.confirm_speaker(${tokenHash(token)})`.execute(trx)
		const row = rows[0]
		return row ? { outcome: row.outcome, status: row.status, slotPath: speakerLinks(row.speaker_id).slotPath } : null
	})
}

export type Slot = NonNullable<Awaited<ReturnType<typeof slotByToken>>>

/** A person's own sign-up, by the token in their link: the hearing, their slot and estimated time, and their testimony. */
export async function slotByToken(caller: Caller, token: string, now = new Date()) {
	if (!usableToken(token)) return null
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{
			id: string
			clock_id: string
			proceeding_id: string
			name: string
			organization: string | null
			mode: SpeakingMode
			status: SpeakerStatus
			slot: number | null
			testimony: string
			has_letter: boolean
			waitlist_position: number | null
		}>`select * from private.speaker_by_token(${tokenHash(token)})`.execute(trx)
		const speaker = rows[0]
		if (!speaker) return null
		const proceeding = await trx
			.selectFrom('proceedings as pr')
			.innerJoin('projects as p', 'p.id', 'pr.project_id')
			.leftJoin('bodies as b', 'b.id', 'pr.body_id')
			.select([
				'pr.slug',
				'pr.title',
				'pr.body_id',
				'p.slug as project_slug',
				'p.name as project_name',
				'b.name as body_name',
				'b.time_zone',
			])
			.where('pr.id', '=', speaker.proceeding_id)
			.executeTakeFirstOrThrow()
		const hearing = (await hearingsFor(trx, [speaker.proceeding_id], now)).get(speaker.clock_id)
		if (!hearing) return null
		const rules = await rulesOf(trx, proceeding.body_id)
		const representative = speaker.organization !== null
		return {
			token,
			speaker: {
				name: speaker.name,
				organization: speaker.organization,
				mode: speaker.mode,
				status: speaker.status,
				slot: speaker.slot,
				testimony: speaker.testimony,
				hasLetter: speaker.has_letter,
				waitlistPosition: speaker.waitlist_position,
			},
			minutes: rules ? speakingTime(rules, representative) : null,
			estimatedAt: speaker.slot ? hearing.schedule.slotStartsAt(speaker.slot) : null,
			hearing,
			rules,
			proceeding: {
				slug: proceeding.slug,
				title: proceeding.title,
				projectSlug: proceeding.project_slug,
				projectName: proceeding.project_name,
				bodyName: proceeding.body_name,
				timeZone: proceeding.time_zone ?? DEFAULT_ZONE,
			},
		}
	})
}

/** Saves the text a speaker means to read. False for an unknown or cancelled sign-up. */
export async function saveTestimony(caller: Caller, token: string, testimony: string) {
	if (!usableToken(token)) return false
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ saved: boolean }>`select private.save_testimony(${tokenHash(token)}, ${testimony}) as saved`.execute(trx)
		return rows[0]?.saved ?? false
	})
}

export type CancelOutcome = { ok: true; already: boolean } | { ok: false }

/** Drops out by the person's link; the first on the waitlist takes the slot and is emailed in the same transaction. */
export async function cancelSpeaker(caller: Caller, token: string): Promise<CancelOutcome> {
	if (!usableToken(token)) return { ok: false }
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ outcome: string }>`select outcome from private.cancel_speaker(${tokenHash(token)})`.execute(trx)
		const row = rows[0]
		return row ? { ok: true, already: row.outcome === 'already' } : { ok: false }
	})
}

export type ListedSpeaker = {
	id: string
	slot: number | null
	status: SpeakerStatus
	name: string
	email: string
	organization: string | null
	hasLetter: boolean
	mode: SpeakingMode
	estimatedAt: Date | null
	minutes: number | null
	waitlistedAt: Date | null
}

/**
 * The full list for the project's organizers, with contact details, by
 * hearing: listed speakers by slot, then the waitlist in order. Null for
 * anyone else (row-level security would show them nothing anyway).
 */
export async function organizerList(caller: AuthenticatedCaller, slug: string, now = new Date()) {
	return asCaller(caller, async (trx) => {
		const proceeding = await trx
			.selectFrom('proceedings as pr')
			.innerJoin('projects as p', 'p.id', 'pr.project_id')
			.leftJoin('bodies as b', 'b.id', 'pr.body_id')
			.select([
				'pr.id',
				'pr.slug',
				'pr.title',
				'pr.body_id',
				'p.slug as project_slug',
				'p.name as project_name',
				'b.name as body_name',
				'b.time_zone',
			])
			.where('pr.slug', '=', slug)
			.executeTakeFirst()
		if (!proceeding) return null
		const { rows: organizer } = await sql<{ yes: boolean }>`select private.organizes_for_proceeding(${proceeding.id}::uuid) as yes`.execute(
			trx,
		)
		if (!organizer[0]?.yes) return null
		const rules = await rulesOf(trx, proceeding.body_id)
		const hearings = [...(await hearingsFor(trx, [proceeding.id], now)).values()].sort(byTime)
		const speakers = await trx
			.selectFrom('speakers')
			.select(['id', 'clock_id', 'slot', 'status', 'name', 'email', 'organization', 'letter_path', 'mode', 'waitlisted_at'])
			.where('proceeding_id', '=', proceeding.id)
			.where('status', 'in', ['listed', 'waitlisted'])
			.orderBy('slot')
			.orderBy('waitlisted_at')
			.execute()
		return {
			proceeding: {
				slug: proceeding.slug,
				title: proceeding.title,
				projectSlug: proceeding.project_slug,
				projectName: proceeding.project_name,
				bodyName: proceeding.body_name,
				timeZone: proceeding.time_zone ?? DEFAULT_ZONE,
			},
			rules,
			hearings: hearings.map((hearing) => ({
				...hearing,
				speakers: speakers
					.filter((speaker) => speaker.clock_id === hearing.clockId)
					.map((speaker): ListedSpeaker => ({
						id: speaker.id,
						slot: speaker.slot,
						status: speaker.status,
						name: speaker.name,
						email: speaker.email,
						organization: speaker.organization,
						hasLetter: speaker.letter_path !== null,
						mode: speaker.mode,
						estimatedAt: speaker.slot ? hearing.schedule.slotStartsAt(speaker.slot) : null,
						minutes: rules ? speakingTime(rules, speaker.organization !== null) : null,
						waitlistedAt: speaker.waitlisted_at,
					})),
			})),
		}
	})
}

export type OrganizerList = NonNullable<Awaited<ReturnType<typeof organizerList>>>

/** The stored letter of one speaker, for an organizer who sees the list (null otherwise). */
export async function letterPathFor(caller: AuthenticatedCaller, speakerId: string) {
	return asCaller(caller, async (trx) => {
		const row = await trx.selectFrom('speakers').select(['letter_path']).where('id', '=', speakerId).executeTakeFirst()
		return row?.letter_path ?? null
	})
}

/** Sets how many places a hearing's list has (null: no limit). False when the caller may not. */
export async function setPlaces(caller: AuthenticatedCaller, clockId: string, places: number | null) {
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{
			saved: boolean
		}>`select private.set_speaker_places(${clockId}::uuid, ${places}::integer) as saved`.execute(trx)
		return rows[0]?.saved ?? false
	})
}

export type SpeakingDeadline = {
	proceedingSlug: string
	proceedingTitle: string
	hearingAt: Date
	closesAt: Date
	timeZone: string
	listed: number
	full: boolean
}

/** For the project page: per proceeding, the next hearing whose sign-up is still open. */
export async function nextSpeakingDeadlines(caller: Caller, projectId: string, now = new Date()): Promise<SpeakingDeadline[]> {
	return asCaller(caller, async (trx) => {
		const proceedings = await trx
			.selectFrom('proceedings as pr')
			.leftJoin('bodies as b', 'b.id', 'pr.body_id')
			.select(['pr.id', 'pr.slug', 'pr.title', 'b.time_zone'])
			.where('pr.project_id', '=', projectId)
			.execute()
		const hearings = [
			...(
				await hearingsFor(
					trx,
					proceedings.map((proceeding) => proceeding.id),
					now,
				)
			).values(),
		]
		return proceedings.flatMap((proceeding) => {
			const next = hearings.filter((hearing) => hearing.proceedingId === proceeding.id && hearing.open).sort(byTime)[0]
			return next
				? [
						{
							proceedingSlug: proceeding.slug,
							proceedingTitle: proceeding.title,
							hearingAt: next.startsAt,
							closesAt: next.closesAt,
							timeZone: proceeding.time_zone ?? DEFAULT_ZONE,
							listed: next.listed,
							full: next.full,
						},
					]
				: []
		})
	})
}
