import { sql, type Transaction } from 'kysely'
import { asCaller, type Caller, type Database } from '#app/db/db.server'
import type { BodyRules } from './projects.server'
import { dateText } from './records.server'

// A deciding body as its page reads it: who it is, how to reach it, how the
// public takes part (or that nobody has recorded it yet), its members and the
// proceedings before it with their next dates. The record is public; this
// runs as the caller all the same (docs/decisions/003).

export type BodyPage = NonNullable<Awaited<ReturnType<typeof getBody>>>

export async function getBody(caller: Caller, slug: string) {
	return asCaller(caller, (trx) => findBody(trx, slug))
}

async function findBody(trx: Transaction<Database>, slug: string) {
	const body = await trx
		.selectFrom('bodies as b')
		.innerJoin('jurisdictions as j', 'j.id', 'b.jurisdiction_id')
		.leftJoin('jurisdictions as parent', 'parent.id', 'j.parent_id')
		.leftJoin('body_rules as r', 'r.body_id', 'b.id')
		.select([
			'b.id',
			'b.slug',
			'b.name',
			'b.kind',
			'b.time_zone',
			'b.website',
			'b.email',
			'b.phone',
			'b.meeting_place',
			'j.name as jurisdiction_name',
			'j.kind as jurisdiction_kind',
			sql<string | null>`coalesce(parent.abbreviation, j.abbreviation)`.as('state_abbreviation'),
			'r.body_id as rules_body_id',
			'r.speaking_minutes',
			'r.representative_minutes',
			'r.representative_authorization',
			'r.signup_methods',
			'r.signup_how',
			'r.signup_closes_hours_before',
			'r.comment_channels',
			'r.comments_close_hours_before',
			'r.record_open_days_after',
			'r.minimum_minutes_per_side',
			'r.appeal_days',
			'r.appeal_day_count',
			'r.notice_rule',
			'r.source_url as rules_source_url',
			'r.checked_on',
		])
		.where('b.slug', '=', slug)
		.executeTakeFirst()
	if (!body) return null
	const [officials, proceedings] = await Promise.all([
		trx
			.selectFrom('officials')
			.select(['slug', 'name', 'title', 'district', 'term_starts_on', 'term_ends_on'])
			.where('body_id', '=', body.id)
			.orderBy('name')
			.execute(),
		trx
			.selectFrom('proceedings as pr')
			.innerJoin('projects as p', 'p.id', 'pr.project_id')
			.leftJoinLateral(
				(eb) =>
					eb
						.selectFrom('proceeding_clocks as k')
						.select(['k.kind', 'k.label', 'k.due_at', 'k.all_day'])
						.whereRef('k.proceeding_id', '=', 'pr.id')
						.where('k.due_at', '>', sql<Date>`now()`)
						.orderBy('k.due_at')
						.limit(1)
						.as('n'),
				(join) => join.onTrue(),
			)
			.select([
				'pr.slug',
				'pr.title',
				'pr.kind',
				'pr.stage',
				'pr.case_number',
				'pr.outcome',
				'p.slug as project_slug',
				'p.name as project_name',
				'p.status as project_status',
				'n.kind as next_kind',
				'n.label as next_label',
				'n.due_at as next_due_at',
				'n.all_day as next_all_day',
			])
			.where('pr.body_id', '=', body.id)
			.orderBy(sql`n.due_at nulls last`)
			.orderBy('pr.created_at', 'desc')
			.limit(200)
			.execute(),
	])
	const rules: BodyRules | null =
		body.rules_body_id && body.rules_source_url && body.checked_on
			? {
					speakingMinutes: numberOrNull(body.speaking_minutes),
					representativeMinutes: numberOrNull(body.representative_minutes),
					representativeAuthorization: body.representative_authorization,
					signupMethods: body.signup_methods ?? [],
					signupHow: body.signup_how,
					signupClosesHoursBefore: numberOrNull(body.signup_closes_hours_before),
					commentChannels: body.comment_channels,
					commentsCloseHoursBefore: numberOrNull(body.comments_close_hours_before),
					recordOpenDaysAfter: body.record_open_days_after,
					minimumMinutesPerSide: body.minimum_minutes_per_side,
					appealDays: body.appeal_days,
					appealDayCount: body.appeal_day_count,
					noticeRule: body.notice_rule,
					sourceUrl: body.rules_source_url,
					checkedOn: body.checked_on,
				}
			: null
	return {
		id: body.id,
		slug: body.slug,
		name: body.name,
		kind: body.kind,
		timeZone: body.time_zone,
		website: body.website,
		email: body.email,
		phone: body.phone,
		meetingPlace: body.meeting_place,
		jurisdiction:
			body.state_abbreviation && body.jurisdiction_kind !== 'state'
				? `${body.jurisdiction_name}, ${body.state_abbreviation}`
				: body.jurisdiction_name,
		rules,
		officials: officials.map((official) => ({
			slug: official.slug,
			name: official.name,
			title: official.title,
			district: official.district,
			termStartsOn: dateText(official.term_starts_on),
			termEndsOn: dateText(official.term_ends_on),
		})),
		proceedings: proceedings.map((row) => ({
			slug: row.slug,
			title: row.title,
			kind: row.kind,
			stage: row.stage,
			caseNumber: row.case_number,
			outcome: row.outcome,
			projectSlug: row.project_slug,
			projectName: row.project_name,
			projectStatus: row.project_status,
			next:
				row.next_due_at && row.next_kind
					? { kind: row.next_kind, label: row.next_label, dueAt: row.next_due_at, allDay: row.next_all_day ?? false }
					: null,
		})),
	}
}

function numberOrNull(value: string | number | null) {
	return value === null ? null : Number(value)
}

/** Whether the caller may keep bodies and their officials: a site moderator or any chapter's organizer (the policies say the same). */
export async function canKeepBodies(caller: Caller) {
	if (caller.role !== 'authenticated') return false
	return asCaller(caller, async (trx) => {
		const { rows } = await sql<{ allowed: boolean }>`
			select private.is_site_moderator() or private.organizes_any_chapter() as allowed`.execute(trx)
		return rows[0]?.allowed ?? false
	})
}
