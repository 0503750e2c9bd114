import type pg from 'pg'
import { expect, test } from 'vitest'
import { createComment, createCommentWorld } from '#tests/helpers/comment-factories'
import { attemptAs, failureAs, rowsChangedAs, rowsVisibleAs, withRollback } from '#tests/helpers/rls'
import { byRole } from '#tests/helpers/siting-factories'

// Printed packets (docs/decisions/072): recorded when an organizer of the
// drive's chapter or a moderator prints one, read by them only, and handed
// over once, which marks delivered exactly the comments the packet carried.

const PRINT = 'select id from private.record_comment_packet($1)'
const HAND_OVER = 'select private.hand_over_comment_packet($1, $2, $3) as marked'

async function confirmedAt(client: pg.Client, commentId: string, offset: string) {
	await client.query(`update public.comments set confirmed_at = now() + $2::interval where id = $1`, [commentId, offset])
}

test('only the drive’s organizers and moderators print a packet and read the record; nobody writes it directly', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const printed = await byRole(world, async (actor) => {
			const attempt = await attemptAs(client, actor, PRINT, [world.drive.id])
			return attempt.ok ? attempt.result.rows.length : attempt.error.code
		})
		expect(printed).toEqual({ anon: '42501', member: 'P0002', organizer: 1, otherOrganizer: 'P0002', moderator: 1 })
		const seen = await byRole(
			world,
			async (actor) =>
				(await rowsVisibleAs(client, actor, 'select id from public.comment_packets where drive_id = $1', [world.drive.id])).length,
		)
		expect(seen).toEqual({ anon: 0, member: 0, organizer: 2, otherOrganizer: 0, moderator: 2 })
		const forged = `insert into public.comment_packets (drive_id, comment_count) values ($1, 0)`
		for (const actor of ['anon', world.member, world.organizer, world.moderator] as const)
			expect(['42501']).toContain((await failureAs(client, actor, forged, [world.drive.id])).code)
		const handedDirectly = await byRole(world, (actor) =>
			rowsChangedAs(client, actor, `update public.comment_packets set handed_to = 'x' where drive_id = $1`, [world.drive.id]),
		)
		expect(handedDirectly).toEqual({ anon: 0, member: 0, organizer: 0, otherOrganizer: 0, moderator: 0 })
	}))

test('handing over a packet marks delivered the comments it carried, once, and not those confirmed after it was printed', () =>
	withRollback(async (client) => {
		const world = await createCommentWorld(client)
		const carried = await createComment(client, world.drive.id, { status: 'confirmed', name: 'Amara Okafor' })
		const alsoCarried = await createComment(client, world.drive.id, { status: 'confirmed', name: 'Nguyễn Thị Minh' })
		const heldSince = await createComment(client, world.drive.id, { status: 'confirmed', name: 'Held Since' })
		const later = await createComment(client, world.drive.id, { status: 'confirmed', name: 'Came Later' })
		const unconfirmed = await createComment(client, world.drive.id, { status: 'unconfirmed', name: 'Never Confirmed' })
		for (const comment of [carried, alsoCarried, heldSince]) await confirmedAt(client, comment.id, '-1 hour')
		await confirmedAt(client, later.id, '1 minute')
		const [packet] = await rowsVisibleAs<{ id: string }>(client, world.organizer, PRINT, [world.drive.id])
		const count = await client.query<{ comment_count: number }>('select comment_count from public.comment_packets where id = $1', [
			packet?.id,
		])
		expect(count.rows[0]?.comment_count).toBe(3)
		// Held after printing (a report came in): not delivered by the hand-over.
		await client.query(`update public.comments set status = 'held' where id = $1`, [heldSince.id])

		for (const actor of [world.member, world.otherOrganizer] as const)
			expect((await failureAs(client, actor, HAND_OVER, [packet?.id, '2026-12-01', 'Jane Ortiz'])).code).toBe('P0002')
		const marked = await rowsVisibleAs<{ marked: number }>(client, world.organizer, HAND_OVER, [
			packet?.id,
			'2026-12-01',
			' Jane Ortiz, Clerk to the Board ',
		])
		expect(marked[0]?.marked).toBe(2)
		const delivered = await client.query<{ comment_id: string; status: string; receipt: string }>(
			`select comment_id, status, receipt from public.comment_deliveries where drive_id = $1 and kind = 'printed_packet' order by comment_id`,
			[world.drive.id],
		)
		expect(delivered.rows.map((row) => row.comment_id).sort()).toEqual([carried.id, alsoCarried.id].sort())
		expect(delivered.rows.every((row) => row.status === 'delivered')).toBe(true)
		expect(delivered.rows[0]?.receipt).toBe('Printed packet handed to Jane Ortiz, Clerk to the Board on 2026-12-01')
		const record = await client.query<{ comment_id: string; kind: string; by_user: string }>(
			`select comment_id, kind, by_user from public.comment_changes where kind = 'delivered' and comment_id = any($1::uuid[])`,
			[[carried.id, alsoCarried.id, heldSince.id, later.id, unconfirmed.id]],
		)
		expect(record.rows.map((row) => row.comment_id).sort()).toEqual([carried.id, alsoCarried.id].sort())
		expect(record.rows.every((row) => row.by_user === world.organizer.id)).toBe(true)
		const packetRow = await client.query('select handed_on::text, handed_to, recorded_by from public.comment_packets where id = $1', [
			packet?.id,
		])
		expect(packetRow.rows[0]).toEqual({
			handed_on: '2026-12-01',
			handed_to: 'Jane Ortiz, Clerk to the Board',
			recorded_by: world.organizer.id,
		})
		// Recorded once: a second hand-over of the same print changes nothing.
		expect(
			(await rowsVisibleAs<{ marked: number | null }>(client, world.moderator, HAND_OVER, [packet?.id, '2026-12-02', 'X']))[0]?.marked,
		).toBe(null)
		const counts = await rowsVisibleAs<{ delivered: string; confirmed: string }>(
			client,
			'anon',
			'select delivered, confirmed from private.comment_drive_counts($1::uuid[])',
			[[world.drive.id]],
		)
		expect(counts[0]).toEqual({ delivered: '2', confirmed: '3' })
	}))
