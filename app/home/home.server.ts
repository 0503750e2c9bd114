import { sql, type Transaction } from 'kysely'
import { asCaller, type AuthenticatedCaller, type Caller, type Database } from '#app/db/db.server'
import type { MembershipRole, MembershipStatus, PetitionStatus, SignatureStatus } from '#app/db/types'
import { t } from '#app/i18n/i18n'
import { listManagedPetitions, listPetitions, type PetitionListItem } from '#app/petitions/petitions.server'
import { placeSearchOutcome, searchPlaces, searchPlacesFor, type PlaceMatch } from '#app/places/search.server'
import { hearingsFor, speakerLinks } from '#app/speakers/speakers.server'

/**
 * One thing on a member's calendar: an event they said yes to, a deadline of
 * a project they follow, a hearing. `kind` names where it came from so the
 * page can word it; `at` orders the list.
 */
export type UpcomingItem = {
	key: string
	kind: 'event' | 'deadline' | 'hearing' | 'speaking'
	at: Date
	endsAt: Date | null
	allDay: boolean
	timeZone: string
	title: string
	/** The chapter or project it belongs to. */
	context: string
	href: string
	/** For an event: "going" or "waitlisted". */
	answer: 'going' | 'waitlisted' | null
}

type UpcomingSource = (trx: Transaction<Database>, userId: string, until: Date) => Promise<UpcomingItem[]>

/** How far ahead the home page looks. */
const UPCOMING_DAYS = 60

/**
 * Where the home page's "Coming up" list comes from. A feature that puts
 * the member somewhere on a date (the speakers' list of a hearing, say)
 * adds its source here: a function reading, as the member, what is theirs
 * between now and `until`.
 */
export const upcomingSources: UpcomingSource[] = [eventsIAnswered, deadlinesIFollow, mySpeakingSlots]

/**
 * The member's places on speakers' lists (signed up while signed in, or from
 * the address their account confirmed): at the slot's estimated time when
 * the body's limits give one, else at the hearing's start; linked to their
 * slot page.
 */
async function mySpeakingSlots(trx: Transaction<Database>, _userId: string, until: Date): Promise<UpcomingItem[]> {
	const { rows } = await sql<{ id: string; clock_id: string; proceeding_id: string; status: string; slot: number | null }>`
		select id, clock_id, proceeding_id, status, slot from private.my_speaker_sign_ups()`.execute(trx)
	if (rows.length === 0) return []
	const now = new Date()
	const proceedingIds = [...new Set(rows.map((row) => row.proceeding_id))]
	const hearings = await hearingsFor(trx, proceedingIds, now)
	const proceedings = await trx
		.selectFrom('proceedings as pr')
		.innerJoin('projects as p', 'p.id', 'pr.project_id')
		.leftJoin('bodies as b', 'b.id', 'pr.body_id')
		.select(['pr.id', 'pr.title', 'p.name as project_name', 'b.time_zone'])
		.where('pr.id', 'in', proceedingIds)
		.execute()
	const byId = new Map(proceedings.map((row) => [row.id, row]))
	return rows.flatMap((row) => {
		const hearing = hearings.get(row.clock_id)
		const proceeding = byId.get(row.proceeding_id)
		if (!hearing || !proceeding) return []
		const at = (row.slot ? hearing.schedule.slotStartsAt(row.slot) : null) ?? hearing.startsAt
		if (at.getTime() <= now.getTime() || at.getTime() >= until.getTime()) return []
		const title = hearing.label ?? proceeding.title
		return [
			{
				key: `speaking:${row.id}`,
				kind: 'speaking',
				at,
				endsAt: null,
				allDay: hearing.allDay,
				timeZone: proceeding.time_zone ?? 'America/New_York',
				title: row.slot ? t('myHome.upcoming.speakingSlot', { slot: row.slot, title }) : title,
				context: `${proceeding.project_name}: ${proceeding.title}`,
				href: speakerLinks(row.id).slotPath,
				answer: row.status === 'waitlisted' ? 'waitlisted' : null,
			} satisfies UpcomingItem,
		]
	})
}

async function eventsIAnswered(trx: Transaction<Database>, userId: string, until: Date): Promise<UpcomingItem[]> {
	const rows = await trx
		.selectFrom('event_rsvps as r')
		.innerJoin('events as e', 'e.id', 'r.event_id')
		.innerJoin('chapters as c', 'c.id', 'e.chapter_id')
		.select(['e.id', 'e.title', 'e.starts_at', 'e.ends_at', 'e.time_zone', 'c.slug', 'c.name', 'r.status'])
		.where('r.user_id', '=', userId)
		.where('r.status', 'in', ['going', 'waitlisted'])
		.where('e.status', '=', 'scheduled')
		.where('e.ends_at', '>', sql<Date>`now()`)
		.where('e.starts_at', '<', until)
		.execute()
	return rows.map((row) => ({
		key: `event:${row.id}`,
		kind: 'event',
		at: row.starts_at,
		endsAt: row.ends_at,
		allDay: false,
		timeZone: row.time_zone,
		title: row.title,
		context: row.name,
		href: `/chapters/${row.slug}/events/${row.id}`,
		answer: row.status === 'waitlisted' ? 'waitlisted' : 'going',
	}))
}

async function deadlinesIFollow(trx: Transaction<Database>, userId: string, until: Date): Promise<UpcomingItem[]> {
	const rows = await trx
		.selectFrom('follows as f')
		.innerJoin('proceedings as pr', (join) =>
			join.on((eb) => eb.or([eb('pr.id', '=', eb.ref('f.proceeding_id')), eb('pr.project_id', '=', eb.ref('f.project_id'))])),
		)
		.innerJoin('projects as p', 'p.id', 'pr.project_id')
		.innerJoin('proceeding_clocks as k', 'k.proceeding_id', 'pr.id')
		.leftJoin('bodies as b', 'b.id', 'pr.body_id')
		.select(['k.id', 'k.kind', 'k.label', 'k.due_at', 'k.all_day', 'pr.slug as proceeding_slug', 'pr.title as proceeding_title'])
		.select(['p.slug as project_slug', 'p.name as project_name', 'b.time_zone'])
		.where('f.user_id', '=', userId)
		.where('k.due_at', '>', sql<Date>`now()`)
		.where('k.due_at', '<', until)
		.where('k.kind', 'not in', ['notice_published', 'notice_mailed'])
		.execute()
	const seen = new Set<string>()
	return rows.flatMap((row) => {
		// Following both a project and one of its proceedings finds a clock twice.
		if (seen.has(row.id)) return []
		seen.add(row.id)
		return [
			{
				key: `clock:${row.id}`,
				kind: row.kind === 'hearing' || row.kind === 'vote' ? 'hearing' : 'deadline',
				at: row.due_at,
				endsAt: null,
				allDay: row.all_day,
				timeZone: row.time_zone ?? 'America/New_York',
				title: row.label ?? t(`clock.${row.kind}`),
				context: `${row.project_name}: ${row.proceeding_title}`,
				href: `/projects/${row.project_slug}#proceeding-${row.proceeding_slug}`,
				answer: null,
			} satisfies UpcomingItem,
		]
	})
}

export type MyChapter = {
	slug: string
	name: string
	role: MembershipRole
	status: MembershipStatus
	latestUpdate: { id: string; title: string; createdAt: Date } | null
}

export type MySignature = {
	petitionSlug: string
	petitionTitle: string
	petitionStatus: PetitionStatus
	status: SignatureStatus
	signedAt: Date
}

export type MemberHome = {
	displayName: string
	timeZone: string
	postalCode: string | null
	upcoming: UpcomingItem[]
	chapters: MyChapter[]
	signed: MySignature[]
	organizing: { chapters: MyChapter[]; petitions: PetitionListItem[] }
}

/** Everything the signed-in home shows, read as the member (RLS decides). */
export async function memberHome(caller: AuthenticatedCaller, now = new Date()): Promise<MemberHome> {
	const userId = caller.claims.sub
	const until = new Date(now.getTime() + UPCOMING_DAYS * 86_400_000)
	const home = await asCaller(caller, async (trx) => {
		const settings = await trx
			.selectFrom('profile_settings as s')
			.innerJoin('profiles as p', 'p.id', 's.user_id')
			.select(['s.postal_code', 's.time_zone', 'p.display_name'])
			.where('s.user_id', '=', userId)
			.executeTakeFirst()
		const upcoming = (await Promise.all(upcomingSources.map((source) => source(trx, userId, until))))
			.flat()
			.sort((a, b) => a.at.getTime() - b.at.getTime())
		const chapters = await myChapters(trx, userId)
		const signed = await trx
			.selectFrom('signatures as s')
			.innerJoin('petitions as p', 'p.id', 's.petition_id')
			.select(['p.slug', 'p.title', 'p.status as petition_status', 's.status', 's.created_at'])
			.where('s.user_id', '=', userId)
			.where('s.status', 'in', ['pending', 'confirmed', 'suspected'])
			.where('p.hidden_at', 'is', null)
			.orderBy('s.created_at', 'desc')
			.limit(50)
			.execute()
		return {
			displayName: settings?.display_name ?? '',
			timeZone: settings?.time_zone ?? 'America/New_York',
			postalCode: settings?.postal_code ?? null,
			upcoming,
			chapters,
			signed: signed.map((row) => ({
				petitionSlug: row.slug,
				petitionTitle: row.title,
				petitionStatus: row.petition_status,
				status: row.status,
				signedAt: row.created_at,
			})),
		}
	})
	const petitions = await listManagedPetitions(caller)
	return {
		...home,
		organizing: { chapters: home.chapters.filter((chapter) => chapter.role === 'organizer' && chapter.status === 'active'), petitions },
	}
}

async function myChapters(trx: Transaction<Database>, userId: string): Promise<MyChapter[]> {
	const rows = await trx
		.selectFrom('memberships as m')
		.innerJoin('chapters as c', 'c.id', 'm.chapter_id')
		.leftJoinLateral(
			(eb) =>
				eb
					.selectFrom('chapter_updates as u')
					.select(['u.id', 'u.title', 'u.created_at'])
					.whereRef('u.chapter_id', '=', 'c.id')
					.orderBy('u.created_at', 'desc')
					.limit(1)
					.as('u'),
			(join) => join.onTrue(),
		)
		.select(['c.slug', 'c.name', 'm.role', 'm.status', 'u.id as update_id', 'u.title as update_title', 'u.created_at as update_at'])
		.where('m.user_id', '=', userId)
		.where('m.status', 'in', ['active', 'pending'])
		.orderBy('c.name')
		.execute()
	return rows.map((row) => ({
		slug: row.slug,
		name: row.name,
		role: row.role,
		status: row.status,
		latestUpdate:
			row.update_id && row.update_title && row.update_at ? { id: row.update_id, title: row.update_title, createdAt: row.update_at } : null,
	}))
}

export type NearbyEvent = {
	id: string
	title: string
	startsAt: Date
	endsAt: Date
	timeZone: string
	chapterSlug: string
	chapterName: string
	placeLabel: string
}

export type NearbyHearing = {
	id: string
	title: string
	dueAt: Date
	allDay: boolean
	timeZone: string
	projectSlug: string
	projectName: string
	proceedingSlug: string
	proceedingTitle: string
}

export type OpenNear = { area: PlaceMatch; petitions: PetitionListItem[]; events: NearbyEvent[]; hearings: NearbyHearing[] }

/** What is open in the one place the text names (null when it names none, or several). */
export async function openNear(caller: Caller, typed: string, limit = 6): Promise<OpenNear | null> {
	const search = await searchPlacesFor(caller, typed)
	return search.status === 'found' ? openIn(caller, search.place, limit) : null
}

/** What is open in a place: petitions taking signatures, events coming up, hearings and deadlines of its projects. */
async function openIn(caller: Caller, area: PlaceMatch, limit = 6): Promise<OpenNear> {
	const [events, hearings] = await asCaller(caller, async (trx) => [
		await eventsIn(trx, area.jurisdictionIds, limit),
		await hearingsIn(trx, area.jurisdictionIds, limit),
	])
	const petitions = await listPetitions(caller, { jurisdictionIds: area.jurisdictionIds, openOnly: true, limit })
	return { area, events, hearings, petitions }
}

/**
 * Scheduled events of the chapters in a place (`null`: everywhere) that have
 * not ended, soonest first; RLS hides a private chapter's from outsiders.
 */
export async function eventsIn(trx: Transaction<Database>, jurisdictionIds: number[] | null, limit = 50): Promise<NearbyEvent[]> {
	if (jurisdictionIds?.length === 0) return []
	let query = trx
		.selectFrom('events as e')
		.innerJoin('chapters as c', 'c.id', 'e.chapter_id')
		.select(['e.id', 'e.title', 'e.starts_at', 'e.ends_at', 'e.time_zone', 'e.location_name', 'e.online_url', 'c.slug', 'c.name'])
		.where('e.status', '=', 'scheduled')
		.where('e.ends_at', '>', sql<Date>`now()`)
	if (jurisdictionIds) query = query.where('c.jurisdiction_id', 'in', jurisdictionIds)
	const rows = await query.orderBy('e.starts_at').limit(limit).execute()
	return rows.map((row) => ({
		id: row.id,
		title: row.title,
		startsAt: row.starts_at,
		endsAt: row.ends_at,
		timeZone: row.time_zone,
		chapterSlug: row.slug,
		chapterName: row.name,
		placeLabel: row.location_name ?? row.online_url ?? '',
	}))
}

/** Hearings, votes and comment deadlines still ahead for projects in a place. */
async function hearingsIn(trx: Transaction<Database>, jurisdictionIds: number[], limit: number): Promise<NearbyHearing[]> {
	if (jurisdictionIds.length === 0) return []
	const rows = await trx
		.selectFrom('proceeding_clocks as k')
		.innerJoin('proceedings as pr', 'pr.id', 'k.proceeding_id')
		.innerJoin('projects as p', 'p.id', 'pr.project_id')
		.leftJoin('bodies as b', 'b.id', 'pr.body_id')
		.select(['k.id', 'k.kind', 'k.label', 'k.due_at', 'k.all_day', 'b.time_zone'])
		.select(['p.slug as project_slug', 'p.name as project_name', 'pr.slug as proceeding_slug', 'pr.title as proceeding_title'])
		.where('p.county_id', 'in', jurisdictionIds)
		.where('k.kind', 'in', ['hearing', 'vote', 'comment_deadline', 'signup_cutoff', 'record_closes'])
		.where('k.due_at', '>', sql<Date>`now()`)
		.orderBy('k.due_at')
		.limit(limit)
		.execute()
	return rows.map((row) => ({
		id: row.id,
		title: row.label ?? t(`clock.${row.kind}`),
		dueAt: row.due_at,
		allDay: row.all_day,
		timeZone: row.time_zone ?? 'America/New_York',
		projectSlug: row.project_slug,
		projectName: row.project_name,
		proceedingSlug: row.proceeding_slug,
		proceedingTitle: row.proceeding_title,
	}))
}

/**
 * The "open near you" section of a page: the place the visitor typed
 * (`?place=`), or else the ZIP code on their profile.
 */
export async function nearYouSection(caller: Caller, request: Request, profilePostalCode: string | null = null) {
	const typed = (new URL(request.url).searchParams.get('place') ?? '').trim().slice(0, 100)
	const fromProfile = !typed && Boolean(profilePostalCode)
	const lookFor = typed || profilePostalCode || ''
	const outcome = lookFor ? placeSearchOutcome(await searchPlacesFor(caller, lookFor), lookFor) : null
	const near = outcome?.place ? await openIn(caller, outcome.place) : null
	return {
		query: typed,
		near,
		// A profile ZIP that finds nothing is no mistake of what the person typed.
		error: typed ? (outcome?.error ?? null) : null,
		choices: typed ? (outcome?.choices ?? []) : [],
		fromProfile: fromProfile && Boolean(near),
	}
}

/** The events page: upcoming events everywhere, or in the place typed (`?place=`). */
export async function findEvents(caller: Caller, typed: string) {
	return asCaller(caller, async (trx) => {
		const outcome = typed ? placeSearchOutcome(await searchPlaces(trx, typed), typed) : null
		const area = outcome?.place ?? null
		const events = typed && !area ? [] : await eventsIn(trx, area ? area.jurisdictionIds : null, 100)
		return { area: area?.label ?? null, error: outcome?.error ?? null, choices: outcome?.choices ?? [], events }
	})
}
