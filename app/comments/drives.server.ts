import { sql, type Transaction } from 'kysely'
import { asCaller, type AuthenticatedCaller, type Caller, type Database } from '#app/db/db.server'
import { unlessRefused } from '#app/db/refusals.server'
import { insertWithFreeSlug } from '#app/db/slugs.server'
import { ensureJobQueue } from '#app/jobs/queue.server'
import { zonedInstant } from '#app/siting/civil-date'
import { slugFrom } from '#app/utils/slug'
import type { DriveInput } from './schemas'

// Comment drives: opening one, reading one for its page, the organizers'
// view with counts, deliveries and reports, and the open drives of a project.

/** Federal drives keep Eastern time: Regulations.gov closes comment periods at 11:59 pm ET. */
export const FEDERAL_TIME_ZONE = 'America/New_York'

/** Paths under /comments/ that are pages, not drives. */
const RESERVED = new Set(['new', 'confirm', 'mine'])

export type DriveCounts = {
	started: number
	confirmed: number
	delivered: number
	unique: number
	nearDuplicates: number
	held: number
}

const NO_COUNTS: DriveCounts = { started: 0, confirmed: 0, delivered: 0, unique: 0, nearDuplicates: 0, held: 0 }

export async function driveCounts(trx: Transaction<Database>, driveIds: string[]): Promise<Map<string, DriveCounts>> {
	const counts = new Map<string, DriveCounts>()
	if (driveIds.length === 0) return counts
	const { rows } = await sql<{
		drive_id: string
		started: string
		confirmed: string
		delivered: string
		unique_count: string
		near_duplicates: string
		held: string
	}>`select * from private.comment_drive_counts(${sql.val(driveIds)}::uuid[])`.execute(trx)
	for (const row of rows) {
		counts.set(row.drive_id, {
			started: Number(row.started),
			confirmed: Number(row.confirmed),
			delivered: Number(row.delivered),
			unique: Number(row.unique_count),
			nearDuplicates: Number(row.near_duplicates),
			held: Number(row.held),
		})
	}
	return counts
}

function driveQuery(trx: Transaction<Database>) {
	return trx
		.selectFrom('comment_drives as d')
		.innerJoin('chapters as ch', 'ch.id', 'd.chapter_id')
		.leftJoin('proceedings as p', 'p.id', 'd.proceeding_id')
		.leftJoin('projects as pj', 'pj.id', 'p.project_id')
		.leftJoin('bodies as b', 'b.id', 'p.body_id')
		.leftJoin('comment_channel_settings as s', 's.body_id', 'b.id')
		.select([
			'd.id',
			'd.slug',
			'd.title',
			'd.talking_points',
			'd.template',
			'd.deadline',
			'd.max_chars',
			'd.min_chars',
			'd.required_fields',
			'd.anonymous_allowed',
			'd.channel',
			'd.sign_on',
			'd.hand_off_url',
			'd.status',
			'd.regulations_gov_document_id',
			'd.letter_delivered_at',
			'd.chapter_id',
			'ch.name as chapter_name',
			'ch.slug as chapter_slug',
			'p.id as proceeding_id',
			'p.slug as proceeding_slug',
			'p.title as proceeding_title',
			'p.case_number',
			'pj.id as project_id',
			'pj.slug as project_slug',
			'pj.name as project_name',
			'pj.county_id as project_county_id',
			'pj.state_id as project_state_id',
			'b.id as body_id',
			'b.name as body_name',
			'b.time_zone as body_time_zone',
			'b.jurisdiction_id as body_jurisdiction_id',
			's.clerk_email',
			's.clerk_name',
			's.email_packaging',
			's.web_form_url',
		])
}

export type Drive = NonNullable<Awaited<ReturnType<typeof findDrive>>>

export async function findDrive(trx: Transaction<Database>, slug: string) {
	const row = await driveQuery(trx).where('d.slug', '=', slug).executeTakeFirst()
	if (!row) return null
	const { rows } = await sql<{ manages: boolean }>`select private.organizes_drive(${row.id}::uuid) as manages`.execute(trx)
	return {
		...row,
		timeZone: row.body_time_zone ?? FEDERAL_TIME_ZONE,
		canManage: rows[0]?.manages ?? false,
	}
}

/** A drive and its counts for its page, or null when there is none the caller may see. */
export async function getDrive(caller: Caller, slug: string) {
	return asCaller(caller, async (trx) => {
		const drive = await findDrive(trx, slug)
		if (!drive) return null
		const counts = (await driveCounts(trx, [drive.id])).get(drive.id) ?? NO_COUNTS
		return { drive, counts }
	})
}

export function isOpen(drive: Pick<Drive, 'status' | 'deadline'>, now = new Date()) {
	return drive.status === 'open' && new Date(drive.deadline).getTime() > now.getTime()
}

/** The proceeding a new drive is for, with the chapters the caller organizes that work on its project. */
export async function newDriveContext(caller: AuthenticatedCaller, proceedingSlug: string | null) {
	return asCaller(caller, async (trx) => {
		const chapters = await trx
			.selectFrom('memberships as m')
			.innerJoin('chapters as c', 'c.id', 'm.chapter_id')
			.select(['c.id', 'c.name'])
			.where('m.user_id', '=', caller.claims.sub)
			.where('m.role', '=', 'organizer')
			.where('m.status', '=', 'active')
			.orderBy('c.name')
			.execute()
		if (!proceedingSlug) return { proceeding: null, chapters }
		const proceeding = await trx
			.selectFrom('proceedings as p')
			.innerJoin('projects as pj', 'pj.id', 'p.project_id')
			.leftJoin('bodies as b', 'b.id', 'p.body_id')
			.select([
				'p.id',
				'p.slug',
				'p.title',
				'p.project_id',
				'pj.slug as project_slug',
				'pj.name as project_name',
				'b.time_zone',
				'b.name as body_name',
			])
			.where('p.slug', '=', proceedingSlug)
			.executeTakeFirst()
		if (!proceeding) return null
		const linked = await trx.selectFrom('project_chapters').select('chapter_id').where('project_id', '=', proceeding.project_id).execute()
		const linkedIds = new Set(linked.map((row) => row.chapter_id))
		return { proceeding, chapters: chapters.filter((chapter) => linkedIds.has(chapter.id)) }
	})
}

export type NewDriveContext = NonNullable<Awaited<ReturnType<typeof newDriveContext>>>

export type CreateDriveOutcome = { ok: true; slug: string } | { ok: false; reason: 'not_allowed' | 'chapter' | 'invalid' }

export async function createDrive(
	caller: AuthenticatedCaller,
	context: NewDriveContext,
	chapterId: string,
	input: DriveInput,
): Promise<CreateDriveOutcome> {
	if (!context.chapters.some((chapter) => chapter.id === chapterId)) return { ok: false, reason: 'chapter' }
	const timeZone = context.proceeding?.time_zone ?? FEDERAL_TIME_ZONE
	const deadline = zonedInstant(input.deadlineDate, input.deadlineTime, timeZone)
	const required = requiredFields(input)
	const result = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			const base = slugFrom(input.title) || 'comment-drive'
			const taken = new Set(RESERVED)
			return insertWithFreeSlug(trx, RESERVED.has(base) ? `${base}-drive` : base, taken, (slug) =>
				trx
					.insertInto('comment_drives')
					.values({
						slug,
						chapter_id: chapterId,
						proceeding_id: context.proceeding?.id ?? null,
						regulations_gov_document_id: input.documentId || null,
						title: input.title,
						talking_points: input.talkingPoints,
						template: input.template,
						deadline,
						max_chars: input.maxChars,
						min_chars: input.minChars,
						required_fields: required,
						anonymous_allowed: Boolean(input.anonymousAllowed),
						channel: input.channel,
						sign_on: Boolean(input.signOn),
						hand_off_url: input.handOffUrl || null,
						created_by: caller.claims.sub,
					})
					.returning('slug')
					.executeTakeFirstOrThrow(),
			)
		}),
	)
	if (result.ok) return { ok: true, slug: result.value.slug }
	if (result.refusal.kind === 'not_allowed') return { ok: false, reason: 'not_allowed' }
	if (result.refusal.kind === 'invalid') return { ok: false, reason: 'invalid' }
	throw result.error
}

export type UpdateDriveOutcome = { ok: true } | { ok: false; reason: 'not_allowed' | 'invalid' | 'channel_locked' | 'letter_signed' }

/**
 * Saves an edited drive: talking points, template, rules, deadline, channel.
 * What it is on (proceeding or document), its chapter and whether it is a
 * sign-on letter stay. The database refuses a channel change once comments
 * have gone through the channel, and a new text for a letter people signed.
 */
export async function updateDrive(caller: AuthenticatedCaller, drive: Drive, input: DriveInput): Promise<UpdateDriveOutcome> {
	const result = await unlessRefused(() =>
		asCaller(caller, (trx) =>
			trx
				.updateTable('comment_drives')
				.set({
					title: input.title,
					talking_points: input.talkingPoints,
					template: input.template,
					deadline: zonedInstant(input.deadlineDate, input.deadlineTime, drive.timeZone),
					max_chars: input.maxChars,
					min_chars: input.minChars,
					required_fields: requiredFields(input),
					anonymous_allowed: Boolean(input.anonymousAllowed),
					channel: input.channel,
					hand_off_url: input.handOffUrl || null,
				})
				.where('id', '=', drive.id)
				.executeTakeFirst(),
		),
	)
	if (result.ok) return Number(result.value.numUpdatedRows) === 1 ? { ok: true } : { ok: false, reason: 'not_allowed' }
	const hint = result.refusal.hint
	if (result.refusal.kind === 'rule' && (hint === 'channel_locked' || hint === 'letter_signed')) return { ok: false, reason: hint }
	if (result.refusal.kind === 'not_allowed') return { ok: false, reason: 'not_allowed' }
	if (result.refusal.kind === 'invalid') return { ok: false, reason: 'invalid' }
	throw result.error
}

function requiredFields(input: DriveInput) {
	return [
		input.requireAddress ? 'address' : null,
		input.requirePostalCode ? 'postal_code' : null,
		input.requireOrganization ? 'organization' : null,
	].filter((field): field is string => field !== null)
}

/** Open drives on a project's proceedings, with their counts, for the project page. */
export async function openDrivesForProject(caller: Caller, projectId: string) {
	return asCaller(caller, async (trx) => {
		const drives = await trx
			.selectFrom('comment_drives as d')
			.innerJoin('proceedings as p', 'p.id', 'd.proceeding_id')
			.leftJoin('bodies as b', 'b.id', 'p.body_id')
			.select(['d.id', 'd.slug', 'd.title', 'd.deadline', 'd.sign_on', 'p.title as proceeding_title', 'b.time_zone'])
			.where('p.project_id', '=', projectId)
			.where('d.status', '=', 'open')
			.where('d.deadline', '>', new Date())
			.orderBy('d.deadline')
			.execute()
		const counts = await driveCounts(
			trx,
			drives.map((drive) => drive.id),
		)
		return drives.map((drive) => ({
			...drive,
			timeZone: drive.time_zone ?? FEDERAL_TIME_ZONE,
			counts: counts.get(drive.id) ?? NO_COUNTS,
		}))
	})
}

export type ProjectDrive = Awaited<ReturnType<typeof openDrivesForProject>>[number]

/** Everything the organizers see: counts, each comment with its meter reading and delivery, open reports. */
export async function manageDrive(caller: AuthenticatedCaller, slug: string) {
	return asCaller(caller, async (trx) => {
		const drive = await findDrive(trx, slug)
		if (!drive || !drive.canManage) return null
		const counts = (await driveCounts(trx, [drive.id])).get(drive.id) ?? NO_COUNTS
		const comments = await trx
			.selectFrom('comments as c')
			// The delivery that says most: a delivered one first (an email, a post, or the packet handed over).
			.leftJoinLateral(
				(eb) =>
					eb
						.selectFrom('comment_deliveries as y')
						.select(['y.kind', 'y.status', 'y.receipt', 'y.last_error'])
						.whereRef('y.comment_id', '=', 'c.id')
						.orderBy(sql`y.status = 'delivered'`, 'desc')
						.orderBy('y.created_at')
						.limit(1)
						.as('x'),
				(join) => join.onTrue(),
			)
			.select([
				'c.id',
				'c.name',
				'c.place_label',
				'c.postal_code',
				'c.outside_jurisdiction',
				'c.own_words',
				'c.near_duplicate',
				'c.status',
				'c.confirmed_at',
				'c.created_at',
				'x.kind as delivery_kind',
				'x.status as delivery_status',
				'x.receipt',
				'x.last_error',
			])
			.where('c.drive_id', '=', drive.id)
			.where('c.status', 'not in', ['withdrawn'])
			.orderBy('c.created_at', 'desc')
			.limit(500)
			.execute()
		const reports = await trx
			.selectFrom('comment_reports')
			.select(['id', 'reporter_name', 'details', 'source', 'held_count', 'created_at'])
			.where('drive_id', '=', drive.id)
			.where('status', '=', 'open')
			.orderBy('created_at')
			.execute()
		const letter = await trx
			.selectFrom('comment_deliveries')
			.select(['status', 'receipt', 'item_count', 'delivered_at', 'last_error'])
			.where('drive_id', '=', drive.id)
			.where('kind', '=', 'sign_on_letter')
			.executeTakeFirst()
		const packets = await trx
			.selectFrom('comment_packets')
			.select(['id', 'printed_at', 'comment_count', 'handed_on', 'handed_to'])
			.where('drive_id', '=', drive.id)
			.orderBy('printed_at', 'desc')
			.limit(20)
			.execute()
		return { drive, counts, comments, reports, letter: letter ?? null, packets }
	})
}

export type HandOverOutcome = { ok: true; marked: number } | { ok: false; reason: 'already' | 'not_found' }

/** "Handed to the clerk at the hearing": the comments the packet carried become delivered with that receipt. */
export async function handOverPacket(
	caller: AuthenticatedCaller,
	packetId: string,
	input: { handedOn: string; handedTo: string },
): Promise<HandOverOutcome> {
	const result = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			const { rows } = await sql<{ marked: number | null }>`
				select private.hand_over_comment_packet(${packetId}::uuid, ${input.handedOn}::date, ${input.handedTo}) as marked`.execute(trx)
			return rows[0]?.marked ?? null
		}),
	)
	if (result.ok) return result.value === null ? { ok: false, reason: 'already' } : { ok: true, marked: Number(result.value) }
	if (result.refusal.kind === 'not_found') return { ok: false, reason: 'not_found' }
	throw result.error
}

export type ManagedDrive = NonNullable<Awaited<ReturnType<typeof manageDrive>>>

/** Closes a drive to new comments (the organizers' choice before the deadline). */
export async function closeDrive(caller: AuthenticatedCaller, driveId: string) {
	await asCaller(caller, (trx) => trx.updateTable('comment_drives').set({ status: 'closed' }).where('id', '=', driveId).execute())
}

/** What the public page and the form need of a drive: no address of anyone's in it. */
export function drivePageData(drive: Drive, now = new Date()) {
	return {
		id: drive.id,
		slug: drive.slug,
		title: drive.title,
		talkingPoints: drive.talking_points,
		template: drive.template,
		deadline: new Date(drive.deadline).toISOString(),
		timeZone: drive.timeZone,
		open: isOpen(drive, now),
		maxChars: drive.max_chars,
		minChars: drive.min_chars,
		requiredFields: drive.required_fields,
		anonymousAllowed: drive.anonymous_allowed,
		signOn: drive.sign_on,
		federal: drive.regulations_gov_document_id !== null && drive.channel === 'regulations_gov',
		channel: drive.channel,
		bodyName: drive.body_name ?? (drive.regulations_gov_document_id ? `Regulations.gov ${drive.regulations_gov_document_id}` : drive.title),
		documentId: drive.regulations_gov_document_id,
		handOffUrl:
			drive.hand_off_url ??
			drive.web_form_url ??
			(drive.regulations_gov_document_id ? `https://www.regulations.gov/commenton/${drive.regulations_gov_document_id}` : null),
		proceeding:
			drive.proceeding_slug && drive.proceeding_title
				? { slug: drive.proceeding_slug, title: drive.proceeding_title, caseNumber: drive.case_number }
				: null,
		project: drive.project_slug && drive.project_name ? { slug: drive.project_slug, name: drive.project_name } : null,
		chapterName: drive.chapter_name,
		canManage: drive.canManage,
	}
}

export type ChannelSettingsInput = {
	clerkEmail: string
	clerkName: string
	emailPackaging: 'individual' | 'daily'
	webFormUrl: string
	sourceUrl: string
}

/** How a body takes comments, recorded with a source by an organizer or moderator. */
export async function saveChannelSettings(caller: AuthenticatedCaller, bodyId: string, input: ChannelSettingsInput) {
	const values = {
		clerk_email: input.clerkEmail || null,
		clerk_name: input.clerkName || null,
		email_packaging: input.emailPackaging,
		web_form_url: input.webFormUrl || null,
		source_url: input.sourceUrl,
		updated_by: caller.claims.sub,
	}
	const result = await unlessRefused(() =>
		asCaller(caller, (trx) =>
			trx
				.insertInto('comment_channel_settings')
				.values({ body_id: bodyId, ...values })
				.onConflict((oc) => oc.column('body_id').doUpdateSet(values))
				.execute(),
		),
	)
	if (result.ok) return true
	if (result.refusal.kind === 'not_allowed') return false
	throw result.error
}

export type LetterOutcome = 'sent' | 'already' | 'no_signers'

/** Sends a sign-on letter once, with everyone who has confirmed. */
export async function sendSignOnLetter(caller: AuthenticatedCaller, driveId: string): Promise<LetterOutcome> {
	await ensureJobQueue()
	const result = await unlessRefused(() =>
		asCaller(caller, async (trx) => {
			const { rows } = await sql<{ sent: boolean }>`select private.send_sign_on_letter(${driveId}::uuid) as sent`.execute(trx)
			return rows[0]?.sent ?? false
		}),
	)
	if (result.ok) return result.value ? 'sent' : 'already'
	if (result.refusal.kind === 'rule' && result.refusal.hint === 'sign_on_no_signers') return 'no_signers'
	throw result.error
}

/** The project page's section: open drives with counts, and the proceedings the viewer may open a drive on. */
export async function projectCommentDrives(caller: Caller, projectId: string) {
	const drives = await openDrivesForProject(caller, projectId)
	const newDriveProceedings =
		caller.role === 'authenticated'
			? await asCaller(caller, (trx) =>
					trx
						.selectFrom('proceedings as p')
						.select(['p.slug', 'p.title'])
						.where('p.project_id', '=', projectId)
						.where((eb) =>
							eb.exists(
								eb
									.selectFrom('project_chapters as pc')
									.innerJoin('memberships as m', 'm.chapter_id', 'pc.chapter_id')
									.select('pc.chapter_id')
									.where('pc.project_id', '=', projectId)
									.where('m.user_id', '=', caller.claims.sub)
									.where('m.role', '=', 'organizer')
									.where('m.status', '=', 'active'),
							),
						)
						.orderBy('p.created_at')
						.execute(),
				)
			: []
	return {
		drives: drives.map((drive) => ({
			slug: drive.slug,
			title: drive.title,
			deadline: new Date(drive.deadline).toISOString(),
			timeZone: drive.timeZone,
			signOn: drive.sign_on,
			proceedingTitle: drive.proceeding_title,
			counts: drive.counts,
		})),
		newDriveProceedings,
	}
}
