import { sql } from 'kysely'
import pg from 'pg'
import { asCaller, type Caller } from '#app/db/db.server'
import { slugify } from '#app/petitions/petitions.server'
import { civilDateAt } from './civil-date'
import type { OfficialInput, VoteInput, VotePosition } from './community-schemas'
import { DEFAULT_ZONE } from './projects.server'
import { dateText } from './records.server'

// The members of each body and how each voted: a page per official with
// every recorded vote across proceedings, the raw material of a scorecard.
// Officials are kept by organizers and moderators; votes by the editors of
// the proceeding (the policies in 20261201130000_create_siting.sql say so).

export type OfficialPage = NonNullable<Awaited<ReturnType<typeof getOfficial>>>

export async function getOfficial(caller: Caller, slug: string) {
	return asCaller(caller, async (trx) => {
		const official = await trx
			.selectFrom('officials as o')
			.innerJoin('bodies as b', 'b.id', 'o.body_id')
			.select([
				'o.id',
				'o.slug',
				'o.name',
				'o.title',
				'o.district',
				'o.term_starts_on',
				'o.term_ends_on',
				'o.source_url',
				'b.slug as body_slug',
				'b.name as body_name',
			])
			.where('o.slug', '=', slug)
			.executeTakeFirst()
		if (!official) return null
		const votes = await trx
			.selectFrom('official_votes as ov')
			.innerJoin('proceeding_votes as v', 'v.id', 'ov.vote_id')
			.innerJoin('proceedings as pr', 'pr.id', 'v.proceeding_id')
			.innerJoin('projects as p', 'p.id', 'pr.project_id')
			.select([
				'v.id',
				'v.held_on',
				'v.motion',
				'v.result',
				'v.source_url',
				'ov.position',
				'pr.slug as proceeding_slug',
				'pr.title as proceeding_title',
				'p.slug as project_slug',
				'p.name as project_name',
			])
			.where('ov.official_id', '=', official.id)
			.orderBy('v.held_on', 'desc')
			.orderBy('v.created_at', 'desc')
			.execute()
		const counts: Record<VotePosition, number> = { yes: 0, no: 0, abstain: 0, absent: 0 }
		for (const vote of votes) counts[vote.position]++
		return {
			slug: official.slug,
			name: official.name,
			title: official.title,
			district: official.district,
			termStartsOn: dateText(official.term_starts_on),
			termEndsOn: dateText(official.term_ends_on),
			sourceUrl: official.source_url,
			body: { slug: official.body_slug, name: official.body_name },
			counts,
			votes: votes.map((vote) => ({
				id: vote.id,
				heldOn: dateText(vote.held_on) ?? '',
				motion: vote.motion,
				result: vote.result,
				sourceUrl: vote.source_url,
				position: vote.position,
				proceeding: { slug: vote.proceeding_slug, title: vote.proceeding_title },
				project: { slug: vote.project_slug, name: vote.project_name },
			})),
		}
	})
}

export type AddOfficialResult = { ok: true; slug: string } | { ok: false; reason: 'not_allowed' }

/** Adds a member to a body; the slug comes from the name, with a number added when taken. */
export async function addOfficial(caller: Caller, bodyId: string, input: OfficialInput): Promise<AddOfficialResult> {
	const base = slugify(input.name).slice(0, 70).replace(/-+$/, '') || 'official'
	try {
		return await asCaller(caller, async (trx) => {
			const { rows } = await sql<{ slug: string }>`
				select slug from public.officials where slug = ${base} or slug like ${`${base}-%`}`.execute(trx)
			const taken = new Set(rows.map((row) => row.slug))
			let slug = base
			for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`
			await trx
				.insertInto('officials')
				.values({
					slug,
					body_id: bodyId,
					name: input.name,
					title: input.title || null,
					district: input.district || null,
					term_starts_on: input.termStartsOn || null,
					term_ends_on: input.termEndsOn || null,
					source_url: input.sourceUrl,
				})
				.execute()
			return { ok: true as const, slug }
		})
	} catch (error) {
		if (error instanceof pg.DatabaseError && error.code === '42501') return { ok: false, reason: 'not_allowed' }
		throw error
	}
}

export type ProceedingForVote = NonNullable<Awaited<ReturnType<typeof getProceedingForVote>>>

/** A proceeding with what recording a vote on it needs: its body's members, its hearings, and whether the caller may. */
export async function getProceedingForVote(caller: Caller, slug: string) {
	return asCaller(caller, async (trx) => {
		const proceeding = await trx
			.selectFrom('proceedings as pr')
			.innerJoin('projects as p', 'p.id', 'pr.project_id')
			.leftJoin('bodies as b', 'b.id', 'pr.body_id')
			.select([
				'pr.id',
				'pr.slug',
				'pr.title',
				'p.slug as project_slug',
				'p.name as project_name',
				'b.id as body_id',
				'b.slug as body_slug',
				'b.name as body_name',
				'b.time_zone',
				sql<boolean>`${caller.role === 'authenticated'} and private.can_edit_proceeding(pr.id)`.as('can_edit'),
			])
			.where('pr.slug', '=', slug)
			.executeTakeFirst()
		if (!proceeding) return null
		const [officials, hearings] = await Promise.all([
			proceeding.body_id
				? trx
						.selectFrom('officials')
						.select(['id', 'slug', 'name', 'title', 'district'])
						.where('body_id', '=', proceeding.body_id)
						.orderBy('name')
						.execute()
				: Promise.resolve([]),
			trx
				.selectFrom('proceeding_clocks')
				.select('due_at')
				.where('proceeding_id', '=', proceeding.id)
				.where('kind', '=', 'hearing')
				.orderBy('due_at')
				.execute(),
		])
		const zone = proceeding.time_zone ?? DEFAULT_ZONE
		return {
			id: proceeding.id,
			slug: proceeding.slug,
			title: proceeding.title,
			project: { slug: proceeding.project_slug, name: proceeding.project_name },
			body:
				proceeding.body_id && proceeding.body_slug && proceeding.body_name
					? { slug: proceeding.body_slug, name: proceeding.body_name }
					: null,
			canEdit: proceeding.can_edit,
			officials,
			/** The first hearing's date in the body's zone: no vote can come before it. */
			firstHearingOn: hearings[0] ? civilDateAt(hearings[0].due_at, zone) : null,
		}
	})
}

export type RecordVoteResult = { ok: true } | { ok: false; reason: 'not_allowed' }

/** A vote and each member's position, in one transaction; the policies decide who may. */
export async function recordVote(
	caller: Caller,
	proceedingId: string,
	input: VoteInput,
	positions: Array<{ officialId: string; position: VotePosition }>,
): Promise<RecordVoteResult> {
	try {
		return await asCaller(caller, async (trx) => {
			const vote = await trx
				.insertInto('proceeding_votes')
				.values({
					proceeding_id: proceedingId,
					held_on: input.heldOn,
					motion: input.motion,
					result: input.result || null,
					source_url: input.sourceUrl,
				})
				.returning('id')
				.executeTakeFirstOrThrow()
			if (positions.length) {
				await trx
					.insertInto('official_votes')
					.values(positions.map((entry) => ({ vote_id: vote.id, official_id: entry.officialId, position: entry.position })))
					.execute()
			}
			return { ok: true as const }
		})
	} catch (error) {
		if (error instanceof pg.DatabaseError && error.code === '42501') return { ok: false, reason: 'not_allowed' }
		throw error
	}
}
