import { createHash, createHmac, randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { anon, asCaller, type Caller } from '#app/db/db.server'
import { calendar, type CalendarEvent } from '#app/events/calendar.server'
import { t } from '#app/i18n/i18n'
import { env } from '#app/utils/env.server'

// A personal calendar feed: every clock of every project (and proceeding)
// a person follows, at an address with a secret in it. The secret is an HMAC
// of the feed's id under a server key (as follow links are), and only its
// sha256 is stored: the page can show the address again, a database reader
// cannot rebuild it, and revoking deletes the row so the address dies with
// it (docs/decisions/050).

let feedKey: Buffer | undefined
function key() {
	feedKey ??= createHmac('sha256', env().SUPABASE_SERVICE_ROLE_KEY).update('groundwork:calendar-feed:v1').digest()
	return feedKey
}

function feedToken(feedId: string) {
	return createHmac('sha256', key()).update(feedId).digest('base64url')
}

function tokenHash(token: string) {
	return createHash('sha256').update(token, 'utf8').digest()
}

export function feedUrl(feedId: string) {
	return new URL(`/account/calendar/${feedToken(feedId)}.ics`, env().SITE_URL).toString()
}

/** The signed-in person's feed address (or null) and how many projects they follow. */
export async function getOwnFeed(caller: Caller, userId: string) {
	return asCaller(caller, async (trx) => {
		const feed = await trx.selectFrom('calendar_feeds').select(['id', 'created_at']).where('user_id', '=', userId).executeTakeFirst()
		const [{ follows } = { follows: '0' }] = await trx
			.selectFrom('follows')
			.select((eb) => eb.fn.countAll<string>().as('follows'))
			.where('user_id', '=', userId)
			.execute()
		return { url: feed ? feedUrl(feed.id) : null, createdAt: feed?.created_at ?? null, follows: Number(follows) }
	})
}

/** Makes the person's feed if they have none; the address stays the same until revoked. */
export async function createFeed(caller: Caller, userId: string) {
	const id = randomUUID()
	await asCaller(caller, (trx) =>
		trx
			.insertInto('calendar_feeds')
			.values({ id, user_id: userId, token_hash: tokenHash(feedToken(id)) })
			.onConflict((oc) => oc.column('user_id').doNothing())
			.execute(),
	)
}

/** Turns the address off at once. */
export async function revokeFeed(caller: Caller, userId: string) {
	await asCaller(caller, (trx) => trx.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute())
}

/** The feed for a token as an iCalendar file, or null for an unknown or revoked token. */
export async function feedCalendar(token: string) {
	if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
	return asCaller(anon, async (trx) => {
		const { rows: exists } = await sql<{ found: boolean }>`select private.calendar_feed_exists(${tokenHash(token)}) as found`.execute(trx)
		if (!exists[0]?.found) return null
		const { rows: followed } = await sql<{ project_id: string | null; proceeding_id: string | null }>`
			select project_id, proceeding_id from private.calendar_feed_follows(${tokenHash(token)})`.execute(trx)
		const projectIds = followed.flatMap((row) => (row.project_id ? [row.project_id] : []))
		const proceedingIds = followed.flatMap((row) => (row.proceeding_id ? [row.proceeding_id] : []))
		const clocks =
			projectIds.length || proceedingIds.length
				? await trx
						.selectFrom('proceeding_clocks as k')
						.innerJoin('proceedings as pr', 'pr.id', 'k.proceeding_id')
						.innerJoin('projects as p', 'p.id', 'pr.project_id')
						.leftJoin('bodies as b', 'b.id', 'pr.body_id')
						.select([
							'k.id',
							'k.kind',
							'k.label',
							'k.due_at',
							'k.explanation',
							'k.place',
							'k.updated_at',
							'pr.slug as proceeding_slug',
							'pr.title as proceeding_title',
							'p.slug as project_slug',
							'p.name as project_name',
							'b.meeting_place',
						])
						.where((eb) =>
							eb.or([
								...(projectIds.length ? [eb('pr.project_id', 'in', projectIds)] : []),
								...(proceedingIds.length ? [eb('pr.id', 'in', proceedingIds)] : []),
							]),
						)
						.where('k.due_at', '>', sql<Date>`now() - interval '30 days'`)
						.orderBy('k.due_at')
						.limit(2000)
						.execute()
				: []
		const site = env().SITE_URL
		const events: CalendarEvent[] = clocks.map((clock) => {
			const meeting = clock.kind === 'hearing' || clock.kind === 'vote'
			return {
				id: `clock-${clock.id}`,
				title: `${clock.label ?? t(`clock.${clock.kind}`)}: ${clock.project_name}`,
				description: [clock.proceeding_title, clock.explanation ?? ''].filter(Boolean).join('\n'),
				startsAt: meeting ? clock.due_at : new Date(clock.due_at.getTime() - 3_600_000),
				endsAt: meeting ? new Date(clock.due_at.getTime() + 2 * 3_600_000) : clock.due_at,
				locationName: clock.place ?? clock.meeting_place ?? null,
				address: null,
				onlineUrl: null,
				status: 'scheduled' as const,
				url: new URL(`/projects/${clock.project_slug}#proceeding-${clock.proceeding_slug}`, site).toString(),
				updatedAt: clock.updated_at,
			}
		})
		return calendar({ name: t('feed.name'), host: new URL(site).host, events })
	})
}
